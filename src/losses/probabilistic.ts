// Cross-entropies and KL divergence, with Keras' conventions: probabilities are clipped to [1e-7, 1 - 1e-7]
// before the log; `fromLogits` (and predictions that come straight out of a recorded softmax / sigmoid op,
// as Keras' `_keras_logits`) take the exact log-softmax / softplus path instead.
import { check, describe, fmtShape } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { add, div, mul, sub } from '../ops/arithmetic.js';
import { softplus } from '../ops/activations.js';
import { cast } from '../ops/cast.js';
import { toTensor } from '../ops/convert.js';
import type { TensorLike } from '../ops/convert.js';
import { oneHot } from '../ops/gather.js';
import { sum } from '../ops/reduce-sum.js';
import { reshape } from '../ops/reshape.js';
import { logSoftmax } from '../ops/softmax.js';
import { clip, log } from '../ops/unary-math.js';
import { defineLoss } from './loss.js';
import type { LossFunction } from './loss.js';
import { EPSILON, meanLast, predictions, targetsAndPredictions } from './reduction.js';
import type { ReductionOptions } from './reduction.js';

/** Options of the cross-entropies. */
export interface CrossentropyOptions extends ReductionOptions {
  /** yPred holds unnormalized scores (logits) rather than probabilities (default false). */
  fromLogits?: boolean;
  /** Moves targets toward uniform: y (1 - s) + s / classes (s / 2 for binary). Default 0. */
  labelSmoothing?: number;
}

/** The logits a recorded softmax (over the last axis) or sigmoid produced `p` from, if it did. */
function logitsOf(p: Tensor, opName: 'Softmax' | 'Sigmoid'): Tensor | null {
  const node = p.node;
  if (!node || node.op.name !== opName) return null;
  if (opName === 'Softmax' && (node.attrs as { axis: number }).axis !== p.rank - 1) return null;
  return node.inputs[0];
}

function smoothing(fn: string, s: unknown): number {
  check(s === undefined || (typeof s === 'number' && s >= 0 && s <= 1), fn, () => `labelSmoothing must be in [0, 1], received ${describe(s)}`);
  return s ?? 0;
}

/**
 * Binary cross-entropy, averaged over the last axis: -(y log p + (1 - y) log(1 - p)).
 * @example binaryCrossentropy(tensor([[1], [0]]), tensor([[0.9], [0.2]])) // 0.1643
 */
export const binaryCrossentropy: LossFunction<CrossentropyOptions> = defineLoss<CrossentropyOptions>(
  'binaryCrossentropy', (yTrue, yPred, { fromLogits = false, labelSmoothing }) => {
    const fn = 'binaryCrossentropy';
    const s = smoothing(fn, labelSmoothing);
    const [t0, p] = targetsAndPredictions(fn, yTrue, yPred);
    const t = s > 0 ? add(mul(t0, 1 - s), 0.5 * s) : t0;
    const logits = fromLogits ? p : logitsOf(p, 'Sigmoid');
    if (logits) return meanLast(sub(softplus(logits), mul(logits, t)));
    const q = clip(p, EPSILON, 1 - EPSILON);
    return meanLast(mul(add(mul(t, log(q)), mul(sub(1, t), log(sub(1, q)))), -1));
  });

/**
 * Categorical cross-entropy over the last axis against one-hot (or soft) targets: -sum(y log p).
 * @example categoricalCrossentropy(tensor([[0, 1]]), tensor([[0.2, 0.8]])) // 0.2231
 */
export const categoricalCrossentropy: LossFunction<CrossentropyOptions> = defineLoss<CrossentropyOptions>(
  'categoricalCrossentropy', (yTrue, yPred, { fromLogits = false, labelSmoothing }) => {
    const fn = 'categoricalCrossentropy';
    const s = smoothing(fn, labelSmoothing);
    const [t0, p] = targetsAndPredictions(fn, yTrue, yPred);
    check(p.rank >= 1, fn, () => `yPred needs a class axis, received shape ${fmtShape(p.shape)}`);
    const t = s > 0 ? add(mul(t0, 1 - s), s / p.shape[p.rank - 1]) : t0;
    return mul(sum(mul(t, logProbabilities(p, fromLogits)), -1), -1);
  });

/** log p over the last axis: log-softmax of logits, else the clipped log of renormalized probabilities. */
function logProbabilities(p: Tensor, fromLogits: boolean): Tensor {
  const logits = fromLogits ? p : logitsOf(p, 'Softmax');
  if (logits) return logSoftmax(logits, -1);
  return log(clip(div(p, sum(p, -1, true)), EPSILON, 1 - EPSILON));
}

/** Validates integer class labels (any numeric dtype) against `classes`; returns them as int32. */
function classLabels(fn: string, yTrue: TensorLike, p: Tensor): Tensor {
  let t = toTensor(fn, 'yTrue', yTrue);
  const classes = p.shape[p.rank - 1];
  if (t.rank === p.rank && t.shape[t.rank - 1] === 1) t = reshape(t, t.shape.slice(0, -1));
  check(t.rank === p.rank - 1 && t.shape.every((d, i) => d === p.shape[i]), fn,
    () => `yTrue must hold one class index per sample, shape ${fmtShape(p.shape.slice(0, -1))} (or with a trailing 1), received ${fmtShape(t.shape)} for yPred ${fmtShape(p.shape)}`);
  const v = t.storage;
  for (let i = 0; i < v.length; i++) {
    if (!(Number.isInteger(v[i]) && v[i] >= 0 && v[i] < classes)) {
      throw new Error(`${fn}: class indices must be integers in [0, ${classes}), received ${v[i]} at position ${i}`);
    }
  }
  return t.dtype === 'int32' ? t : cast(t, 'int32');
}

/**
 * Categorical cross-entropy against integer class indices ([batch] or [batch, 1] labels, [batch, classes] yPred).
 * @example sparseCategoricalCrossentropy(tensor([1]), tensor([[0.2, 0.8]])) // 0.2231
 */
export const sparseCategoricalCrossentropy: LossFunction<CrossentropyOptions> = defineLoss<CrossentropyOptions>(
  'sparseCategoricalCrossentropy', (yTrue, yPred, { fromLogits = false }) => {
    const fn = 'sparseCategoricalCrossentropy';
    const p = predictions(fn, yPred);
    check(p.rank >= 1, fn, () => `yPred needs a class axis, received shape ${fmtShape(p.shape)}`);
    const labels = classLabels(fn, yTrue, p);
    const hot = oneHot(labels, p.shape[p.rank - 1], 1, 0, p.dtype);
    return mul(sum(mul(hot, logProbabilities(p, fromLogits)), -1), -1);
  });

/**
 * Kullback-Leibler divergence sum(y log(y / p)) over the last axis, both clipped to [1e-7, 1] (Keras).
 * @example kullbackLeiblerDivergence(tensor([[0.5, 0.5]]), tensor([[0.9, 0.1]]))
 */
export const kullbackLeiblerDivergence: LossFunction = defineLoss('kullbackLeiblerDivergence', (yTrue, yPred) => {
  const [t0, p0] = targetsAndPredictions('kullbackLeiblerDivergence', yTrue, yPred);
  const t = clip(t0, EPSILON, 1), p = clip(p0, EPSILON, 1);
  return sum(mul(t, log(div(t, p))), -1);
});
