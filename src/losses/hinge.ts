// Hinge losses for -1/1 labels; 0/1 labels are converted to -1/1 first when every label is 0 or 1 (Keras).
import type { Tensor } from '../core/tensor.js';
import { add, maximum, mul, sub } from '../ops/arithmetic.js';
import { max } from '../ops/reduce.js';
import { sum } from '../ops/reduce-sum.js';
import { square } from '../ops/unary-math.js';
import { defineLoss } from './loss.js';
import type { LossFunction } from './loss.js';
import { meanLast, targetsAndPredictions } from './reduction.js';

/** 2y - 1 when every label is 0 or 1, else the labels unchanged. */
function signedLabels(t: Tensor): Tensor {
  const v = t.storage;
  for (let i = 0; i < v.length; i++) if (v[i] !== 0 && v[i] !== 1) return t;
  return sub(mul(t, 2), 1);
}

/**
 * Mean of max(1 - y p, 0) over the last axis, y in {-1, 1} (or {0, 1}, converted).
 * @example hinge(tensor([[1, -1]]), tensor([[0.3, -2]])) // 0.35
 */
export const hinge: LossFunction = defineLoss('hinge', (yTrue, yPred) => {
  const [t, p] = targetsAndPredictions('hinge', yTrue, yPred);
  return meanLast(maximum(sub(1, mul(signedLabels(t), p)), 0));
});

/**
 * Mean of max(1 - y p, 0)^2 over the last axis, y in {-1, 1} (or {0, 1}, converted).
 * @example squaredHinge(tensor([[1]]), tensor([[0.5]])) // 0.25
 */
export const squaredHinge: LossFunction = defineLoss('squaredHinge', (yTrue, yPred) => {
  const [t, p] = targetsAndPredictions('squaredHinge', yTrue, yPred);
  return meanLast(square(maximum(sub(1, mul(signedLabels(t), p)), 0)));
});

/**
 * max(max((1 - y) p) - sum(y p) + 1, 0) over the last axis, for one-hot targets.
 * @example categoricalHinge(tensor([[0, 1]]), tensor([[0.3, 0.8]])) // 0.5
 */
export const categoricalHinge: LossFunction = defineLoss('categoricalHinge', (yTrue, yPred) => {
  const [t, p] = targetsAndPredictions('categoricalHinge', yTrue, yPred);
  const pos = sum(mul(t, p), -1);
  const neg = max(mul(sub(1, t), p), -1);
  return maximum(add(sub(neg, pos), 1), 0);
});
