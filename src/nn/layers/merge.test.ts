import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { SymbolicTensor } from '../symbolic.js';
import { layers } from './index.js';

test('Add, Subtract, Multiply, Average, Maximum, Minimum pass testLayer', () => {
  testLayer({ make: (e) => layers.add(e), inputShape: [[2, 3], [2, 3], [2, 3]], expectedOutputShape: [2, 3], weightNames: [] });
  testLayer({ make: (e) => layers.subtract(e), inputShape: [[2, 3], [2, 3]], expectedOutputShape: [2, 3] });
  testLayer({ make: (e) => layers.multiply(e), inputShape: [[2, 3], [2, 1]], expectedOutputShape: [2, 3] });
  testLayer({ make: (e) => layers.average(e), inputShape: [[2, 4], [2, 4]], expectedOutputShape: [2, 4] });
  testLayer({ make: (e) => layers.maximum(e), inputShape: [[2, 4], [2, 4]] });
  testLayer({ make: (e) => layers.minimum(e), inputShape: [[2, 4], [2, 4]] });
});

test('merge layers compute elementwise results', () => {
  const a = tensor([[1, 5]]), b = tensor([[3, 2]]);
  expectClose(layers.add().apply([a, b]) as Tensor, [[4, 7]]);
  expectClose(layers.subtract().apply([a, b]) as Tensor, [[-2, 3]]);
  expectClose(layers.multiply().apply([a, b]) as Tensor, [[3, 10]]);
  expectClose(layers.average().apply([a, b]) as Tensor, [[2, 3.5]]);
  expectClose(layers.maximum().apply([a, b]) as Tensor, [[3, 5]]);
  expectClose(layers.minimum().apply([a, b]) as Tensor, [[1, 2]]);
});

test('merge factories given a list apply a new layer (TensorFlow.js shorthand)', () => {
  const s = layers.add([input({ shape: [3] }), input({ shape: [3] })]);
  assert.ok(s instanceof SymbolicTensor);
  assert.deepEqual(s.shape, [null, 3]);
});

test('lower-rank inputs get axes after the batch (Keras alignment)', () => {
  const y = layers.add().apply([zeros([2, 3, 4]), tensor([[1, 2, 3, 4], [5, 6, 7, 8]])]) as Tensor;
  assert.deepEqual(y.shape, [2, 3, 4]);
});

test('merge layers reject single inputs, bad broadcasts and different batches', () => {
  assert.throws(() => layers.add({ name: 'ad' }).apply(input({ shape: [3] })), /ad: a merge layer takes a list of at least 2 inputs, received one tensor/);
  assert.throws(() => layers.add({ name: 'ad2' }).apply([input({ shape: [3] }), input({ shape: [4] })]), /ad2: inputs cannot be broadcast together, received sample shapes \[3\] and \[4\]/);
  assert.throws(() => layers.subtract({ name: 'sb' }).apply([input({ shape: [3] }), input({ shape: [3] }), input({ shape: [3] })]), /sb: Subtract takes exactly 2 inputs, received 3/);
  assert.throws(() => layers.add({ name: 'ad3' }).apply([input({ batchShape: [2, 3] }), input({ batchShape: [4, 3] })]), /ad3: inputs must have the same batch size/);
});
