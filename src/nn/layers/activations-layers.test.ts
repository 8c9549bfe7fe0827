// ReLU, LeakyReLU, PReLU, ELU and Softmax layers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import type { DType } from '../../core/dtype.js';
import { Random } from '../../core/random.js';
import { tensor } from '../../ops/convert.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { initializers } from '../initializers.js';
import { layers } from './index.js';

// Inputs kept away from the kinks (|x| >= 0.1) so finite differences do not straddle one.
function awayFromKinks(shape: number[], dtype: DType, rng: Random): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Array.from({ length: n }, () => { const v = rng.normal(); return v >= 0 ? v + 0.1 : v - 0.1; }), shape, dtype);
}

test('ReLU passes testLayer with Keras options', () => {
  testLayer({ make: (e) => layers.reLU(e), inputShape: [3, 4], makeInput: awayFromKinks, weightNames: [] });
  testLayer({ make: (e) => layers.reLU({ negativeSlope: 0.1, threshold: 0.05, ...e }), inputShape: [3, 4], makeInput: (s, d, r) => awayFromKinks(s, d, r) });
});

test('ReLU applies maxValue, negativeSlope and threshold as Keras', () => {
  expectClose(layers.reLU({ maxValue: 6 }).apply(tensor([-1, 3, 9])) as Tensor, [0, 3, 6]);
  expectClose(layers.reLU({ negativeSlope: 0.5, threshold: 1 }).apply(tensor([-1, 0.5, 2])) as Tensor, [-1, -0.25, 2]);
  expectClose(layers.reLU({ threshold: 1 }).apply(tensor([0.5, 2])) as Tensor, [0, 2]);
  assert.deepEqual(layers.reLU().getConfig().maxValue, null);
  assert.throws(() => layers.reLU({ maxValue: -1 }), /maxValue must be a finite number >= 0, received number -1/);
});

test('LeakyReLU defaults to alpha 0.3 (Keras, TensorFlow.js layers)', () => {
  testLayer({ make: (e) => layers.leakyReLU(e), inputShape: [3, 4], makeInput: awayFromKinks });
  expectClose(layers.leakyReLU().apply(tensor([-1, 2])) as Tensor, [-0.3, 2]);
  expectClose(layers.leakyReLU({ alpha: 0.1 }).apply(tensor([-1, 2])) as Tensor, [-0.1, 2]);
});

test('PReLU learns one slope per element or per shared axes', () => {
  testLayer({ make: (e) => layers.prelu({ alphaInitializer: initializers.constant({ value: 0.25 }), ...e }), inputShape: [2, 3, 4], makeInput: awayFromKinks, weightNames: ['alpha'] });
  const p = layers.prelu({ sharedAxes: [1], alphaInitializer: initializers.constant({ value: 0.5 }) });
  const y = p.apply(tensor([[[-2, 2], [-4, 4]]])) as Tensor;
  assert.deepEqual(p.weights[0].shape, [1, 2]);
  expectClose(y, [[[-1, 2], [-2, 4]]]);
  assert.deepEqual(layers.prelu().getConfig().alphaInitializer, { className: 'Zeros', config: {} });
});

test('ELU supports any alpha', () => {
  testLayer({ make: (e) => layers.elu({ alpha: 0.5, ...e }), inputShape: [3, 4], makeInput: awayFromKinks });
  expectClose(layers.elu({ alpha: 2 }).apply(tensor([-1, 1])) as Tensor, [2 * (Math.exp(-1) - 1), 1]);
});

test('Softmax normalizes over the last axis by default, or the given axes', () => {
  testLayer({ make: (e) => layers.softmax(e), inputShape: [2, 3, 4] });
  testLayer({ make: (e) => layers.softmax({ axis: [1, 2], ...e }), inputShape: [2, 3, 4] });
  const y = layers.softmax({ axis: 1 }).apply(tensor([[[0, 0], [0, 0]]])) as Tensor;
  expectClose(y, [[[0.5, 0.5], [0.5, 0.5]]]);
});

test('Softmax honors an explicit mask of the input rank', () => {
  const y = layers.softmax().apply(tensor([[1, 1, 1, 1]]), { mask: tensor([[1, 1, 0, 0]], undefined, 'bool') }) as Tensor;
  expectClose(y, [[0.5, 0.5, 0, 0]], { atol: 1e-6 });
});
