import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { SeparableConv2D } from './separable-conv2d.js';

test('SeparableConv2D passes testLayer: valid, same with strides and multiplier, no bias', () => {
  testLayer({ make: (e) => new SeparableConv2D({ filters: 3, kernelSize: 2, ...e }), inputShape: [2, 3, 3, 2],
    expectedOutputShape: [2, 2, 2, 3], weightNames: ['depthwise_kernel', 'pointwise_kernel', 'bias'] });
  testLayer({ make: (e) => new SeparableConv2D({ filters: 2, kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', useBias: false, ...e }),
    inputShape: [1, 4, 3, 1], expectedOutputShape: [1, 2, 2, 2], weightNames: ['depthwise_kernel', 'pointwise_kernel'] });
});

test('SeparableConv2D is a depthwise convolution followed by a 1x1 convolution', () => {
  const c = new SeparableConv2D({ filters: 1, kernelSize: 1,
    weights: [tensor([[[[2], [3]]]]), tensor([[[[1], [10]]]]), tensor([0.5])] });
  // (2 * 1) * 1 + (3 * 1) * 10 + 0.5
  expectClose(c.apply(tensor([[[[1, 1]]]])) as Tensor, [[[[32.5]]]]);
  assert.deepEqual(c.pointwiseKernel!.shape, [1, 1, 2, 1]);
  const cfg = c.getConfig();
  assert.equal(cfg.kernelInitializer, undefined);
  assert.deepEqual(cfg.pointwiseInitializer, { className: 'GlorotUniform', config: { seed: null } });
});

test('SeparableConv2D rejects kernel* options and bad filters', () => {
  assert.throws(() => new SeparableConv2D({ filters: 1, kernelSize: 1, kernelInitializer: 'ones' } as never), /kernelInitializer is not a SeparableConv2D option: use depthwiseInitializer and pointwiseInitializer/);
  assert.throws(() => new SeparableConv2D({ filters: -1, kernelSize: 1 }), /filters must be a positive integer/);
});
