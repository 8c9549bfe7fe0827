import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { DepthwiseConv2D } from './depthwise-conv2d.js';

test('DepthwiseConv2D passes testLayer: multiplier 1 and 2, same with strides, no bias', () => {
  testLayer({ make: (e) => new DepthwiseConv2D({ kernelSize: 2, ...e }), inputShape: [2, 3, 3, 2],
    expectedOutputShape: [2, 2, 2, 2], weightNames: ['depthwise_kernel', 'bias'] });
  testLayer({ make: (e) => new DepthwiseConv2D({ kernelSize: [2, 3], depthMultiplier: 2, strides: 2, padding: 'same', activation: 'relu', ...e }),
    inputShape: [1, 4, 5, 2], expectedOutputShape: [1, 2, 3, 4] });
  testLayer({ make: (e) => new DepthwiseConv2D({ kernelSize: 2, dilationRate: 2, useBias: false, ...e }), inputShape: [1, 4, 4, 1],
    expectedOutputShape: [1, 2, 2, 1], weightNames: ['depthwise_kernel'] });
});

test('DepthwiseConv2D convolves each channel with its own filters (outputs channel-major)', () => {
  // Channel 0 scaled by 1 and 2, channel 1 by 3 and 4 (kernel [1, 1, 2, 2]).
  const c = new DepthwiseConv2D({ kernelSize: 1, depthMultiplier: 2, weights: [tensor([[[[1, 2], [3, 4]]]]), tensor([0, 0, 0, 1])] });
  expectClose(c.apply(tensor([[[[1, 10]]]])) as Tensor, [[[[1, 2, 30, 41]]]]);
  const cfg = c.getConfig();
  assert.equal(cfg.depthMultiplier, 2);
  assert.deepEqual(cfg.depthwiseInitializer, { className: 'GlorotUniform', config: { seed: null } });
  assert.deepEqual(c.computeOutputShape([null, 5, 5, null]), [null, 5, 5, null]);
});

test('DepthwiseConv2D rejects a bad depthMultiplier', () => {
  assert.throws(() => new DepthwiseConv2D({ kernelSize: 2, depthMultiplier: 0 }), /depthMultiplier must be a positive integer, received number 0/);
});
