import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { ones, zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { regularizers } from '../regularizers.js';
import { Conv2D } from './conv2d.js';

test('Conv2D passes testLayer: valid, same with strides, dilation, no bias', () => {
  testLayer({ make: (e) => new Conv2D({ filters: 2, kernelSize: 2, activation: 'relu', ...e }), inputShape: [2, 3, 3, 2],
    expectedOutputShape: [2, 2, 2, 2], weightNames: ['kernel', 'bias'] });
  testLayer({ make: (e) => new Conv2D({ filters: 3, kernelSize: [3, 2], strides: [2, 1], padding: 'same', ...e }), inputShape: [1, 5, 4, 1],
    expectedOutputShape: [1, 3, 4, 3] });
  testLayer({ make: (e) => new Conv2D({ filters: 1, kernelSize: 2, dilationRate: 2, useBias: false, ...e }), inputShape: [1, 4, 5, 2],
    expectedOutputShape: [1, 2, 3, 1], weightNames: ['kernel'] });
});

test('Conv2D adds the bias per filter after the cross-correlation', () => {
  const kernel = tensor([[[[1, 0]], [[0, 0]]], [[[0, 0]], [[0, 1]]]]); // [2, 2, 1, 2]: filter 0 top-left, filter 1 bottom-right
  const c = new Conv2D({ filters: 2, kernelSize: 2, weights: [kernel, tensor([0, 100])] });
  const y = c.apply(tensor([[[[1], [2]], [[3], [4]]]])) as Tensor;
  expectClose(y, [[[[1, 104]]]]);
  assert.equal(c.countParams(), 10);
});

test('Conv2D symbolic output shape follows Keras (unknown dims stay unknown)', () => {
  const c = new Conv2D({ filters: 8, kernelSize: 3, strides: 2 });
  assert.deepEqual((c.apply(input({ shape: [9, null, 3] })) as { shape: unknown }).shape, [null, 4, null, 8]);
  assert.deepEqual(new Conv2D({ filters: 1, kernelSize: 3, padding: 'same', strides: 2 }).computeOutputShape([null, 7, 8, 1]), [null, 4, 4, 1]);
});

test('Conv2D regularizers penalize kernel and bias', () => {
  const c = new Conv2D({ filters: 1, kernelSize: 1, kernelInitializer: 'ones', biasInitializer: 'ones',
    kernelRegularizer: regularizers.l2({ l2: 0.5 }), biasRegularizer: regularizers.l1({ l1: 2 }) });
  c.apply(ones([1, 2, 2, 3]));
  const [k, b] = c.calculateLosses();
  expectClose(k, 1.5);
  expectClose(b, 2);
});

test('Conv2D rejects bad arguments and inputs with messages naming the layer', () => {
  assert.throws(() => new Conv2D({ filters: 2, kernelSize: [1, 2, 3] }), /kernelSize must be an integer >= 1 or an array of 2 such integers/);
  assert.throws(() => new Conv2D({ filters: 2, kernelSize: 2, strides: 0 }), /strides must be an integer >= 1/);
  assert.throws(() => new Conv2D({ filters: 2, kernelSize: 2, padding: 'causal' }), /padding must be one of 'valid', 'same', received 'causal'/);
  assert.throws(() => new Conv2D({ filters: 2, kernelSize: 2, dataFormat: 'channelsFirst' }), /channelsFirst' is not supported: tensorgrad layers are channels-last/);
  assert.throws(() => new Conv2D({ filters: 2, kernelSize: 2, kernelConstraint: 'maxNorm' as never }), /kernelConstraint is not supported/);
  const c = new Conv2D({ filters: 1, kernelSize: 2, name: 'c2' });
  c.apply(zeros([1, 3, 3, 2]));
  assert.throws(() => c.apply(zeros([1, 3, 3, 3])), /c2: input 0 must have size 2 at axis -1/);
  assert.throws(() => new Conv2D({ filters: 1, kernelSize: 2, name: 'c3' }).apply(zeros([1, 3, 3])), /c3: input 0 must have rank 4/);
});

test('Conv2D refuses grouped convolutions from Keras configs instead of ignoring them', () => {
  assert.throws(() => new Conv2D({ filters: 2, kernelSize: 2, groups: 2 } as never), /groups other than 1 are not supported yet, received number 2/);
  assert.equal(new Conv2D({ filters: 2, kernelSize: 2, groups: 1 } as never).filters, 2);
});
