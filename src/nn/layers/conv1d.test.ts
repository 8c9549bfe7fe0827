import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { Conv1D } from './conv1d.js';

test('Conv1D passes testLayer: valid, same with stride, causal with dilation, no bias', () => {
  testLayer({ make: (e) => new Conv1D({ filters: 2, kernelSize: 3, activation: 'tanh', ...e }), inputShape: [2, 5, 3],
    expectedOutputShape: [2, 3, 2], weightNames: ['kernel', 'bias'] });
  testLayer({ make: (e) => new Conv1D({ filters: 3, kernelSize: 2, strides: 2, padding: 'same', ...e }), inputShape: [1, 5, 2],
    expectedOutputShape: [1, 3, 3] });
  testLayer({ make: (e) => new Conv1D({ filters: 1, kernelSize: [2], dilationRate: 2, padding: 'causal', useBias: false, ...e }),
    inputShape: [2, 4, 1], expectedOutputShape: [2, 4, 1], weightNames: ['kernel'] });
});

test('Conv1D with causal padding only looks at the past', () => {
  const c = new Conv1D({ filters: 1, kernelSize: 2, padding: 'causal', weights: [tensor([[[1]], [[10]]]), tensor([0.5])] });
  const y = c.apply(tensor([[[1], [2], [3]]])) as Tensor;
  // y_t = 1 * x_{t-1} + 10 * x_t + 0.5, with x_{-1} = 0.
  expectClose(y, [[[10.5], [21.5], [32.5]]]);
});

test('Conv1D symbolic shapes keep unknown steps, config defaults follow TensorFlow.js', () => {
  const c = new Conv1D({ filters: 4, kernelSize: 3, strides: 2 });
  assert.deepEqual((c.apply(input({ shape: [null, 2] })) as { shape: unknown }).shape, [null, null, 4]);
  const cfg = c.getConfig();
  assert.deepEqual(cfg.kernelSize, [3]);
  assert.deepEqual(cfg.strides, [2]);
  assert.deepEqual(cfg.dilationRate, [1]);
  assert.equal(cfg.padding, 'valid');
  assert.deepEqual(cfg.kernelInitializer, { className: 'GlorotNormal', config: { seed: null } });
});

test('Conv1D rejects bad arguments and inputs with messages naming the layer', () => {
  assert.throws(() => new Conv1D({ filters: 0, kernelSize: 2 }), /filters must be a positive integer, received number 0/);
  assert.throws(() => new Conv1D({ filters: 1, kernelSize: [2, 2] }), /kernelSize must be an integer >= 1 or an array of 1 such integers/);
  assert.throws(() => new Conv1D({ filters: 1, kernelSize: 2, padding: 'full' as never }), /padding must be one of 'valid', 'same', 'causal'/);
  assert.throws(() => new Conv1D({ filters: 1, kernelSize: 2, dataFormat: 'channelsFirst' }), /channelsFirst' is not supported/);
  assert.throws(() => new Conv1D({ filters: 1, kernelSize: 2, name: 'c1' }).apply(zeros([2, 3])), /c1: input 0 must have rank 3/);
});
