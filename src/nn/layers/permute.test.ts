import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { arange } from '../../ops/creation.js';
import { reshape } from '../../ops/reshape.js';
import { testLayer } from '../../testing/test-layer.js';
import { layers } from './index.js';

test('Permute passes testLayer (dims are 1-based)', () => {
  testLayer({ make: (e) => layers.permute({ dims: [2, 1], ...e }), inputShape: [2, 3, 4], expectedOutputShape: [2, 4, 3] });
  testLayer({ make: (e) => layers.permute({ dims: [3, 1, 2], ...e }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 5, 3, 4] });
});

test('Permute swaps the axes after the batch', () => {
  const y = layers.permute({ dims: [2, 1] }).apply(reshape(arange(6), [1, 2, 3])) as Tensor;
  assert.deepEqual(y.arraySync(), [[[0, 3], [1, 4], [2, 5]]]);
});

test('Permute rejects 0-based or incomplete permutations', () => {
  assert.throws(() => layers.permute({ dims: [0, 1] }), /dims must be a permutation of 1..n \(1-based/);
  assert.throws(() => layers.permute({ dims: [1, 3] }), /dims must be a permutation/);
});
