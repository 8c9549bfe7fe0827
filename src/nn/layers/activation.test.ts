import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../../ops/convert.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import type { Tensor } from '../../core/tensor.js';
import { layers } from './index.js';

test('Activation passes testLayer for smooth activations', () => {
  for (const activation of ['tanh', 'sigmoid', 'softmax', 'softplus', 'selu', 'gelu', 'swish', 'logSoftmax', 'linear']) {
    testLayer({ make: (e) => layers.activation({ activation, ...e }), inputShape: [3, 4], expectedOutputShape: [3, 4], weightNames: [] });
  }
});

test('Activation accepts snake_case names and keeps the camelCase name in its config', () => {
  const a = layers.activation({ activation: 'hard_sigmoid' });
  assert.equal(a.getConfig().activation, 'hardSigmoid');
  expectClose(a.apply(tensor([-5, 0, 1])) as Tensor, [0, 0.5, 0.7]);
});

test('Activation rejects unknown names listing the valid ones', () => {
  assert.throws(() => layers.activation({ activation: 'rleu' }), /unknown activation 'rleu', expected one of linear, relu/);
});
