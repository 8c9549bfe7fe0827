import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradients } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { sigmoid } from '../ops/activations.js';
import { mul, sub } from '../ops/arithmetic.js';
import { tensor } from '../ops/convert.js';
import { randomNormal, randomUniform } from '../ops/creation.js';
import { softmax } from '../ops/softmax.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { loadGolden } from '../testing/golden.js';
import * as losses from './index.js';
import { getLoss } from './index.js';
import type { LossFunction } from './index.js';

for (const c of loadGolden('losses')) {
  test(`loss ${c.name} matches the Keras formula computed in torch`, () => {
    const loss = getLoss(c.fn) as LossFunction<Record<string, unknown>>;
    const [t, p] = c.inputs;
    expectClose(loss.perSample(t, p, c.attrs), c.outputs[0]);
    expectClose(loss(t, p, c.attrs), c.outputs[1]);
  });
}

test('float32 inputs agree with the float64 golden values within the reference tolerance', () => {
  // Saturated probabilities are excluded: 1 - 1e-7 rounds differently in float32, so the clipped logs differ.
  for (const c of loadGolden('losses').filter((g) => !/saturated|zero probabilities/.test(g.name))) {
    const loss = getLoss(c.fn) as LossFunction<Record<string, unknown>>;
    const [t, p] = c.inputs.map((x) => x.dtype === 'float64' ? tensor(x, undefined, 'float32') : x);
    const v = loss(t, p, c.attrs);
    assert.equal(v.dtype, 'float32');
    expectClose(v, c.outputs[1], { rtol: 1e-4, atol: 1e-5 });
  }
});

// Every loss is differentiable in yPred (values kept away from kinks and clip bounds).
test('float64 gradient of every loss with respect to yPred', () => {
  setSeed(3);
  const f64 = (x: Tensor): Tensor => tensor(x, undefined, 'float64');
  const probs = (): Tensor => f64(randomUniform([4, 3], 0.1, 0.9));
  const normal = (): Tensor => randomNormal([4, 3], 0, 1, 'float64');
  const oneHot = tensor([[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]], undefined, 'float64');
  const binary = tensor([[0, 1, 1], [1, 0, 0], [0, 0, 1], [1, 1, 0]], undefined, 'float64');
  const cases: [string, Tensor, () => Tensor, Record<string, unknown>?][] = [
    ['meanSquaredError', normal(), normal], ['meanAbsoluteError', normal(), normal],
    ['meanAbsolutePercentageError', normal(), normal], ['meanSquaredLogarithmicError', probs(), probs],
    ['huber', normal(), () => mul(normal(), 2), { delta: 0.7 }], ['logCosh', normal(), normal],
    ['poisson', probs(), probs], ['cosineSimilarity', normal(), normal],
    ['binaryCrossentropy', binary, probs, { labelSmoothing: 0.1 }], ['binaryCrossentropy', binary, normal, { fromLogits: true }],
    ['categoricalCrossentropy', oneHot, probs, { labelSmoothing: 0.2 }], ['categoricalCrossentropy', oneHot, normal, { fromLogits: true }],
    ['sparseCategoricalCrossentropy', tensor([1, 0, 2, 1], undefined, 'int32'), probs],
    ['sparseCategoricalCrossentropy', tensor([1, 0, 2, 1], undefined, 'int32'), normal, { fromLogits: true }],
    ['kullbackLeibler', probs(), probs], ['hinge', binary, normal], ['squaredHinge', binary, normal],
    ['categoricalHinge', oneHot, normal],
  ];
  for (const [name, t, make, options] of cases) {
    const loss = getLoss(name) as LossFunction<Record<string, unknown>>;
    const sw = tensor([1, 0.5, 2, 0], undefined, 'float64');
    try {
      checkGrads((p) => loss.perSample(t, p, options ?? {}), [make()]);
      checkGrads((p) => loss(t, p, { ...options, sampleWeight: sw }), [make()]);
    } catch (e) {
      throw new Error(`${name} ${JSON.stringify(options ?? {})}: ${(e as Error).message}`, { cause: e });
    }
  }
});

test('softmax and sigmoid outputs take the stable logits path while recording (Keras _keras_logits)', () => {
  const logits = tensor([[300, -300, 0], [1, 2, 3]], undefined, 'float64').requiresGrad_();
  const t = tensor([[0, 1, 0], [0, 0, 1]], undefined, 'float64');
  const viaProbs = losses.categoricalCrossentropy(t, softmax(logits));
  const direct = losses.categoricalCrossentropy(t, logits, { fromLogits: true });
  expectClose(viaProbs, direct);
  assert.ok(viaProbs.item() > 100, 'not clipped at -log(1e-7)');
  const [g1] = gradients(viaProbs, [logits]);
  const [g2] = gradients(direct, [logits]);
  expectClose(g1, g2);
  const b = tensor([[1], [0]], undefined, 'float64');
  const z = tensor([[-100], [2]], undefined, 'float64').requiresGrad_();
  expectClose(losses.binaryCrossentropy(b, sigmoid(z)), losses.binaryCrossentropy(b, z, { fromLogits: true }));
});

test('reductions and sample weights', () => {
  const t = tensor([[0], [0], [0]]), p = tensor([[1], [2], [3]]);
  expectClose(losses.meanSquaredError(t, p), 14 / 3, { rtol: 1e-6 });
  expectClose(losses.meanSquaredError(t, p, { reduction: 'sum' }), 14);
  expectClose(losses.meanSquaredError(t, p, { reduction: 'none' }), [1, 4, 9]);
  expectClose(losses.meanSquaredError(t, p, { sampleWeight: [1, 0, 2] }), 19 / 3, { rtol: 1e-6 });
  expectClose(losses.meanSquaredError(t, p, { sampleWeight: [[1], [0], [2]], reduction: 'mean' }), 19 / 3, { rtol: 1e-6 });
  expectClose(losses.meanSquaredError(t, p, tensor([1, 0, 2])), 19 / 3, { rtol: 1e-6 });
  expectClose(losses.meanSquaredError(t, p, { sampleWeight: 2, reduction: 'sum_over_batch_size' }), 28 / 3, { rtol: 1e-6 });
  assert.throws(() => losses.meanSquaredError(t, p, { sampleWeight: [1, 2] }), /meanSquaredError: sampleWeight of shape \[2\] does not match per-sample losses of shape \[3\]/);
  assert.throws(() => losses.meanSquaredError(t, p, { reduction: 'avg' as never }), /reduction must be 'sumOverBatchSize'/);
});

test('edge shapes: empty batch, single sample, scalars, int targets', () => {
  assert.deepEqual(losses.meanSquaredError.perSample(tensor([], [0, 3]), tensor([], [0, 3])).shape, [0]);
  assert.ok(Number.isNaN(losses.meanSquaredError(tensor([], [0, 3]), tensor([], [0, 3])).item()));
  expectClose(losses.meanAbsoluteError(tensor(2), tensor(5)), 3);
  expectClose(losses.meanSquaredError(tensor([[1, 2]], undefined, 'int32'), tensor([[1, 4]])), 2);
  expectClose(losses.sparseCategoricalCrossentropy([1], tensor([[0.2, 0.8]])), -Math.log(0.8), { rtol: 1e-6 });
  expectClose(losses.binaryCrossentropy(tensor([true, false]), tensor([0.9, 0.1])), -Math.log(0.9), { rtol: 1e-6 });
});

test('names: camelCase, snake_case and short aliases', () => {
  assert.equal(getLoss('mse'), losses.meanSquaredError);
  assert.equal(getLoss('mean_absolute_error'), losses.meanAbsoluteError);
  assert.equal(getLoss('KLD'), losses.kullbackLeiblerDivergence);
  assert.equal(getLoss('kl_divergence'), losses.kullbackLeibler);
  assert.equal(getLoss('log_cosh'), losses.logCosh);
  assert.equal(getLoss('sparse_categorical_crossentropy').lossName, 'sparseCategoricalCrossentropy');
  const custom = (a: Tensor, b: Tensor): Tensor => sub(a, b);
  assert.equal(getLoss(custom), custom);
  assert.throws(() => getLoss('nope'), /getLoss: unknown loss 'nope'; expected a function or one of 'meanSquaredError'/);
});

test('argument errors name the loss', () => {
  assert.throws(() => losses.meanSquaredError(tensor([[1, 2]]), tensor([[1, 2, 3]])),
    /meanSquaredError: yTrue and yPred must have the same shape, received \[1,2\] and \[1,3\]/);
  assert.throws(() => losses.sparseCategoricalCrossentropy(tensor([3]), tensor([[0.5, 0.5]])),
    /sparseCategoricalCrossentropy: class indices must be integers in \[0, 2\), received 3/);
  assert.throws(() => losses.sparseCategoricalCrossentropy(tensor([[1, 0]]), tensor([[0.5, 0.5]])),
    /sparseCategoricalCrossentropy: yTrue must hold one class index per sample/);
  assert.throws(() => losses.huber(tensor([1]), tensor([1]), { delta: 0 }), /huber: delta must be a positive number/);
  assert.throws(() => losses.binaryCrossentropy(tensor([1]), tensor([1]), { labelSmoothing: 2 }), /labelSmoothing must be in \[0, 1\]/);
});
