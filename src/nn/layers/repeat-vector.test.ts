import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { zeros } from '../../ops/creation.js';
import { testLayer } from '../../testing/test-layer.js';
import { layers } from './index.js';

test('RepeatVector passes testLayer', () => {
  testLayer({ make: (e) => layers.repeatVector({ n: 3, ...e }), inputShape: [2, 4], expectedOutputShape: [2, 3, 4] });
});

test('RepeatVector repeats each sample n times', () => {
  const y = layers.repeatVector({ n: 2 }).apply(tensor([[1, 2], [3, 4]])) as Tensor;
  assert.deepEqual(y.arraySync(), [[[1, 2], [1, 2]], [[3, 4], [3, 4]]]);
});

test('RepeatVector needs 2-D inputs and a positive n', () => {
  assert.throws(() => layers.repeatVector({ n: 0 }), /n must be an integer >= 1, received number 0/);
  assert.throws(() => layers.repeatVector({ n: 2, name: 'rv' }).apply(zeros([1, 2, 3])), /rv: input 0 must have rank 2/);
});
