import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import { mul } from '../ops/arithmetic.js';
import { expectClose } from '../testing/expect-close.js';
import { activationNames, getActivation, registerActivation } from './activations.js';
import { layers } from './layers/index.js';

test('every core activation resolves by its TensorFlow.js name', () => {
  const x = tensor([[-2, 0.5, 3]]);
  const expected: Record<string, number[]> = {
    linear: [-2, 0.5, 3], relu: [0, 0.5, 3], relu6: [0, 0.5, 3], step: [0, 1, 1],
    hardSigmoid: [0.1, 0.6, 1], softsign: [-2 / 3, 0.5 / 1.5, 0.75], leakyRelu: [-0.4, 0.5, 3],
    elu: [Math.exp(-2) - 1, 0.5, 3], sigmoid: [-2, 0.5, 3].map((v) => 1 / (1 + Math.exp(-v))),
    tanh: [-2, 0.5, 3].map(Math.tanh), softplus: [-2, 0.5, 3].map((v) => Math.log1p(Math.exp(v))),
    exponential: [-2, 0.5, 3].map(Math.exp),
  };
  for (const [name, values] of Object.entries(expected)) expectClose(getActivation(name).apply(x), [values], { rtol: 1e-5, atol: 1e-6 });
  for (const name of ['selu', 'softmax', 'logSoftmax', 'swish', 'silu', 'gelu', 'geluNew', 'mish']) {
    assert.deepEqual(getActivation(name).apply(x).shape, [1, 3]);
  }
  const s = getActivation('softmax').apply(x).dataSync();
  assert.ok(Math.abs(s[0] + s[1] + s[2] - 1) < 1e-6);
});

test('snake_case names resolve to the camelCase name that configs store', () => {
  assert.equal(getActivation('hard_sigmoid').name, 'hardSigmoid');
  assert.equal(getActivation('leaky_relu').name, 'leakyRelu');
  assert.equal(getActivation(undefined).name, 'linear');
  assert.equal(getActivation(null).name, 'linear');
});

test('unknown names throw listing the valid ones', () => {
  assert.throws(() => getActivation('rel', 'dense_9'), (e: Error) => e.message.startsWith("dense_9: unknown activation 'rel', expected one of linear, relu") && e.message.includes('gelu'));
});

test('registerActivation adds a named activation usable in layer configs', () => {
  registerActivation('cube', (x: Tensor) => mul(mul(x, x), x));
  assert.ok(activationNames().includes('cube'));
  const d = layers.activation({ activation: 'cube' });
  expectClose(d.apply(tensor([2])) as Tensor, [8]);
  assert.equal(d.getConfig().activation, 'cube');
});
