import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { AveragePooling1D, AveragePooling2D, MaxPooling1D, MaxPooling2D } from './pooling.js';

test('MaxPooling1D and AveragePooling1D pass testLayer', () => {
  testLayer({ make: (e) => new MaxPooling1D({ ...e }), inputShape: [2, 5, 3], expectedOutputShape: [2, 2, 3], weightNames: [] });
  testLayer({ make: (e) => new AveragePooling1D({ poolSize: 3, strides: 1, padding: 'same', ...e }), inputShape: [1, 4, 2], expectedOutputShape: [1, 4, 2] });
});

test('MaxPooling2D and AveragePooling2D pass testLayer', () => {
  testLayer({ make: (e) => new MaxPooling2D({ poolSize: [2, 2], ...e }), inputShape: [2, 4, 5, 2], expectedOutputShape: [2, 2, 2, 2] });
  testLayer({ make: (e) => new AveragePooling2D({ poolSize: 2, strides: 1, padding: 'same', ...e }), inputShape: [1, 3, 3, 2], expectedOutputShape: [1, 3, 3, 2] });
  testLayer({ make: (e) => new MaxPooling2D({ poolSize: [3, 1], strides: [2, 1], padding: 'same', ...e }), inputShape: [1, 5, 2, 1], expectedOutputShape: [1, 3, 2, 1] });
});

test('pooling values: max and mean of each window, average over real elements only with same padding', () => {
  const x = tensor([[[1], [5], [2], [0], [7]]]);
  expectClose(new MaxPooling1D({ poolSize: 2 }).apply(x) as Tensor, [[[5], [2]]]);
  expectClose(new AveragePooling1D({ poolSize: 2, padding: 'same' }).apply(x) as Tensor, [[[3], [1], [7]]]);
  const img = tensor([[[[1], [2]], [[3], [4]]]]);
  expectClose(new MaxPooling2D({}).apply(img) as Tensor, [[[[4]]]]);
  expectClose(new AveragePooling2D({}).apply(img) as Tensor, [[[[2.5]]]]);
});

test('pooling configs follow TensorFlow.js (arrays, strides default to the pool size)', () => {
  assert.deepEqual(new MaxPooling2D({ poolSize: 3 }).getConfig().strides, [3, 3]);
  const c = new AveragePooling1D({ poolSize: 2, strides: 1 }).getConfig();
  assert.deepEqual([c.poolSize, c.strides, c.padding, c.dataFormat], [[2], [1], 'valid', undefined]);
  assert.equal(new MaxPooling2D().getConfig().dataFormat, 'channelsLast');
  assert.deepEqual(new MaxPooling1D({ poolSize: 3, strides: 2 }).computeOutputShape([null, null, 4]), [null, null, 4]);
  assert.deepEqual(new MaxPooling1D({ poolSize: 3, strides: 2 }).computeOutputShape([null, 7, 4]), [null, 3, 4]);
});

test('pooling layers reject bad arguments and inputs', () => {
  assert.throws(() => new MaxPooling2D({ poolSize: 0 }), /poolSize must be an integer >= 1/);
  assert.throws(() => new MaxPooling1D({ poolSize: [2, 2] }), /poolSize must be an integer >= 1 or an array of 1 such integers/);
  assert.throws(() => new AveragePooling2D({ padding: 'causal' as never }), /padding must be one of 'valid', 'same'/);
  assert.throws(() => new MaxPooling2D({ dataFormat: 'channelsFirst' }), /channelsFirst' is not supported/);
  assert.throws(() => new MaxPooling2D({ name: 'p' }).apply(zeros([1, 4, 4])), /p: input 0 must have rank 4/);
});
