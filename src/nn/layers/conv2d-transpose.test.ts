import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { Conv2DTranspose } from './conv2d-transpose.js';

test('Conv2DTranspose passes testLayer: valid, same with strides, no bias', () => {
  testLayer({ make: (e) => new Conv2DTranspose({ filters: 2, kernelSize: 3, ...e }), inputShape: [1, 2, 2, 3],
    expectedOutputShape: [1, 4, 4, 2], weightNames: ['kernel', 'bias'] });
  testLayer({ make: (e) => new Conv2DTranspose({ filters: 1, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'tanh', ...e }),
    inputShape: [2, 2, 3, 2], expectedOutputShape: [2, 4, 6, 1] });
  testLayer({ make: (e) => new Conv2DTranspose({ filters: 2, kernelSize: 1, strides: [3, 2], useBias: false, ...e }),
    inputShape: [1, 2, 2, 1], expectedOutputShape: [1, 6, 4, 2], weightNames: ['kernel'] });
});

test('Conv2DTranspose spreads each input pixel through the kernel (kernel [kh, kw, filters, inChannels])', () => {
  const c = new Conv2DTranspose({ filters: 1, kernelSize: 2, strides: 2, weights: [tensor([[[[1]], [[2]]], [[[3]], [[4]]]]), tensor([0])] });
  const y = c.apply(tensor([[[[1], [10]]]])) as Tensor;
  assert.deepEqual(c.kernel!.shape, [2, 2, 1, 1]);
  expectClose(y, [[[[1], [2], [10], [20]], [[3], [4], [30], [40]]]]);
  assert.deepEqual(c.computeOutputShape([null, null, 3, 1]), [null, null, 6, 1]);
});

test('Conv2DTranspose rejects options it does not support', () => {
  assert.throws(() => new Conv2DTranspose({ filters: 1, kernelSize: 2, outputPadding: 1 as never }), /outputPadding is not supported yet/);
  assert.throws(() => new Conv2DTranspose({ filters: 1, kernelSize: 2, padding: 'causal' }), /padding must be one of 'valid', 'same'/);
});
