import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { arange } from '../../ops/creation.js';
import { reshape } from '../../ops/reshape.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { layers } from './index.js';

test('Flatten passes testLayer', () => {
  testLayer({ make: (e) => layers.flatten(e), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 60], weightNames: [] });
  testLayer({ make: (e) => layers.flatten(e), inputShape: [3, 2], expectedOutputShape: [3, 2] });
});

test('Flatten with channelsFirst moves channels last first (Keras weight layout)', () => {
  const x = reshape(arange(12), [1, 3, 2, 2]);
  const y = layers.flatten({ dataFormat: 'channelsFirst' }).apply(x) as Tensor;
  assert.deepEqual(Array.from(y.dataSync()), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
});

test('Flatten needs known non-batch dimensions', () => {
  assert.throws(() => layers.flatten({ name: 'f' }).apply(input({ shape: [null, 3] })), /f: every non-batch dimension must be known to flatten, received \[null,null,3\]/);
});
