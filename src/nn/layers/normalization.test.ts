// BatchNormalization and LayerNormalization.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { layers } from './index.js';

test('BatchNormalization passes testLayer in inference and training mode', () => {
  const weightNames = ['gamma', 'beta', 'moving_mean', 'moving_variance'];
  testLayer({ make: (e) => layers.batchNormalization(e), inputShape: [4, 3], weightNames });
  testLayer({ make: (e) => layers.batchNormalization({ axis: 1, ...e }), inputShape: [2, 3, 4], weightNames, gradTraining: true });
  testLayer({ make: (e) => layers.batchNormalization({ center: false, scale: false, ...e }), inputShape: [5, 2], weightNames: ['moving_mean', 'moving_variance'], gradTraining: true, gradInputs: true });
});

test('BatchNormalization normalizes with batch statistics and updates the moving averages in training', () => {
  const bn = layers.batchNormalization({ momentum: 0.9, epsilon: 0 });
  const x = tensor([[1, 10], [3, 30]]);
  const y = bn.apply(x, { training: true }) as Tensor;
  expectClose(y, [[-1, -1], [1, 1]]);
  const [gamma, beta, mm, mv] = bn.getWeights();
  expectClose(gamma, [1, 1]); expectClose(beta, [0, 0]);
  expectClose(mm, [0.2, 2]);
  expectClose(mv, [0.9 + 0.1 * 1, 0.9 + 0.1 * 100]);
  assert.equal(bn.trainableWeights.length, 2);
  assert.deepEqual(bn.nonTrainableWeights.map((w) => w.name), [`${bn.name}/moving_mean`, `${bn.name}/moving_variance`]);
  // Inference uses the moving statistics and changes nothing.
  const yi = bn.apply(x, { training: false }) as Tensor;
  expectClose(yi, [[(1 - 0.2) / Math.sqrt(1), (10 - 2) / Math.sqrt(10.9)], [(3 - 0.2) / 1, (30 - 2) / Math.sqrt(10.9)]], { rtol: 1e-5 });
  expectClose(bn.getWeights()[2], [0.2, 2]);
});

test('a frozen BatchNormalization runs in inference mode while training (Keras semantics)', () => {
  const bn = layers.batchNormalization();
  bn.apply(tensor([[1, 2]]));
  bn.trainable = false;
  bn.apply(tensor([[5, 6], [7, 8]]), { training: true });
  expectClose(bn.getWeights()[2], [0, 0]);
  assert.equal(bn.trainableWeights.length, 0);
  assert.equal(bn.nonTrainableWeights.length, 4);
});

test('BatchNormalization config uses TensorFlow.js defaults', () => {
  const c = layers.batchNormalization().getConfig();
  assert.equal(c.axis, -1); assert.equal(c.momentum, 0.99); assert.equal(c.epsilon, 1e-3);
  assert.equal(c.center, true); assert.equal(c.scale, true);
  assert.deepEqual(c.movingVarianceInitializer, { className: 'Ones', config: {} });
  assert.throws(() => layers.batchNormalization({ momentum: 2 }), /momentum must be a number in \[0, 1\], received number 2/);
  assert.throws(() => layers.batchNormalization({ axis: 3, name: 'bn' }).apply(tensor([[1]])), /bn: axis 3 is out of range for inputs of rank 2/);
});

test('LayerNormalization passes testLayer on one or several axes', () => {
  testLayer({ make: (e) => layers.layerNormalization(e), inputShape: [3, 5], weightNames: ['gamma', 'beta'] });
  testLayer({ make: (e) => layers.layerNormalization({ axis: [1, 2], ...e }), inputShape: [2, 3, 4], weightNames: ['gamma', 'beta'] });
  testLayer({ make: (e) => layers.layerNormalization({ center: false, ...e }), inputShape: [2, 4], weightNames: ['gamma'] });
});

test('LayerNormalization normalizes each sample over its features', () => {
  const y = layers.layerNormalization({ epsilon: 0 }).apply(tensor([[1, 3], [10, 30]])) as Tensor;
  expectClose(y, [[-1, 1], [-1, 1]]);
  const ln = layers.layerNormalization({ axis: [1, 2] });
  ln.apply(tensor([[[1, 2], [3, 4]]]));
  assert.deepEqual(ln.weights[0].shape, [2, 2]);
  assert.deepEqual(ln.getConfig().axis, [1, 2]);
});
