import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zeros } from '../../ops/creation.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { SymbolicTensor } from '../symbolic.js';
import { layers } from './index.js';

test('Reshape passes testLayer, with and without an inferred dimension', () => {
  testLayer({ make: (e) => layers.reshape({ targetShape: [3, 4], ...e }), inputShape: [2, 12], expectedOutputShape: [2, 3, 4] });
  testLayer({ make: (e) => layers.reshape({ targetShape: [-1, 2], ...e }), inputShape: [2, 3, 4], expectedOutputShape: [2, 6, 2] });
});

test('Reshape keeps -1 in its config and infers it symbolically', () => {
  const r = layers.reshape({ targetShape: [-1, 2] });
  assert.deepEqual(r.getConfig().targetShape, [-1, 2]);
  const y = r.apply(input({ shape: [3, 4] }));
  assert.ok(y instanceof SymbolicTensor);
  assert.deepEqual(y.shape, [null, 6, 2]);
});

test('Reshape rejects impossible shapes', () => {
  assert.throws(() => layers.reshape({ targetShape: [5], name: 'r' }).apply(zeros([2, 6])), /r: cannot reshape samples of shape \[6\] \(6 values\) to \[5\]/);
  assert.throws(() => layers.reshape({ targetShape: [-1, -1] }), /at most one dimension of targetShape may be unknown/);
});
