// Regression losses, per sample (mean over the last axis), with Keras' formulas and epsilon.
import { add, div, maximum, mul, sub } from '../ops/arithmetic.js';
import { where, lessEqual } from '../ops/compare.js';
import type { TensorLike } from '../ops/convert.js';
import { softplus } from '../ops/activations.js';
import { sum } from '../ops/reduce-sum.js';
import { abs, log, log1p, sqrt, square } from '../ops/unary-math.js';
import { check, describe } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { defineLoss } from './loss.js';
import type { LossFunction } from './loss.js';
import { EPSILON, meanLast, targetsAndPredictions } from './reduction.js';
import type { ReductionOptions } from './reduction.js';

/**
 * Mean of (yPred - yTrue)^2 over the last axis.
 * @example meanSquaredError(tensor([[0, 1]]), tensor([[1, 1]])) // 0.5
 */
export const meanSquaredError: LossFunction = defineLoss('meanSquaredError', (yTrue, yPred) => {
  const [t, p] = targetsAndPredictions('meanSquaredError', yTrue, yPred);
  return meanLast(square(sub(p, t)));
});

/**
 * Mean of |yPred - yTrue| over the last axis.
 * @example meanAbsoluteError(tensor([[0, 1]]), tensor([[1, 1]])) // 0.5
 */
export const meanAbsoluteError: LossFunction = defineLoss('meanAbsoluteError', (yTrue, yPred) => {
  const [t, p] = targetsAndPredictions('meanAbsoluteError', yTrue, yPred);
  return meanLast(abs(sub(p, t)));
});

/**
 * 100 * mean(|yTrue - yPred| / max(|yTrue|, 1e-7)) over the last axis.
 * @example meanAbsolutePercentageError(tensor([[2, 4]]), tensor([[1, 4]])) // 25
 */
export const meanAbsolutePercentageError: LossFunction = defineLoss('meanAbsolutePercentageError', (yTrue, yPred) => {
  const [t, p] = targetsAndPredictions('meanAbsolutePercentageError', yTrue, yPred);
  return mul(meanLast(abs(div(sub(t, p), maximum(abs(t), EPSILON)))), 100);
});

/**
 * Mean of (log(1 + max(yPred, eps)) - log(1 + max(yTrue, eps)))^2 over the last axis.
 * @example meanSquaredLogarithmicError(tensor([[1]]), tensor([[3]])) // log(2)^2
 */
export const meanSquaredLogarithmicError: LossFunction = defineLoss('meanSquaredLogarithmicError', (yTrue, yPred) => {
  const [t, p] = targetsAndPredictions('meanSquaredLogarithmicError', yTrue, yPred);
  return meanLast(square(sub(log1p(maximum(p, EPSILON)), log1p(maximum(t, EPSILON)))));
});

/** Options of `huber`. */
export interface HuberOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear (default 1, as Keras and PyTorch). */
  delta?: number;
}

/**
 * Huber loss: 0.5 e^2 where |e| <= delta, else delta (|e| - 0.5 delta), averaged over the last axis.
 * @example huber(tensor([[0]]), tensor([[3]]), { delta: 1 }) // 2.5
 */
export const huber: LossFunction<HuberOptions> = defineLoss<HuberOptions>('huber', (yTrue, yPred, { delta = 1 }) => {
  check(typeof delta === 'number' && delta > 0, 'huber', () => `delta must be a positive number, received ${describe(delta)}`);
  const [t, p] = targetsAndPredictions('huber', yTrue, yPred);
  const e = sub(p, t), a = abs(e);
  return meanLast(where(lessEqual(a, delta), mul(square(e), 0.5), sub(mul(a, delta), 0.5 * delta * delta)));
});

/**
 * Mean of log(cosh(yPred - yTrue)) over the last axis, computed as x + softplus(-2x) - log 2 (no overflow).
 * @example logCosh(tensor([[0]]), tensor([[1]])) // 0.4338
 */
export const logCosh: LossFunction = defineLoss('logCosh', (yTrue, yPred) => {
  const [t, p] = targetsAndPredictions('logCosh', yTrue, yPred);
  const x = sub(p, t);
  return meanLast(sub(add(x, softplus(mul(x, -2))), Math.LN2));
});

/**
 * Poisson negative log-likelihood: mean of yPred - yTrue * log(yPred + 1e-7) over the last axis.
 * @example poisson(tensor([[1]]), tensor([[1]])) // 1
 */
export const poisson: LossFunction = defineLoss('poisson', (yTrue, yPred) => {
  const [t, p] = targetsAndPredictions('poisson', yTrue, yPred);
  return meanLast(sub(p, mul(t, log(add(p, EPSILON)))));
});

/** Options of `cosineSimilarity`. */
export interface CosineSimilarityOptions extends ReductionOptions {
  /** The axis along which vectors are compared (default -1). */
  axis?: number;
}

function l2Normalize(x: Tensor, axis: number): Tensor {
  return div(x, sqrt(maximum(sum(square(x), axis, true), 1e-12)));
}

/**
 * The negated cosine similarity along `axis` (-1 for parallel vectors, 0 for orthogonal ones), as Keras.
 * @example cosineSimilarity(tensor([[1, 0]]), tensor([[2, 0]])) // -1
 */
export const cosineSimilarity: LossFunction<CosineSimilarityOptions> = defineLoss<CosineSimilarityOptions>(
  'cosineSimilarity', (yTrue: TensorLike, yPred: TensorLike, { axis = -1 }) => {
    const [t, p] = targetsAndPredictions('cosineSimilarity', yTrue, yPred);
    return mul(sum(mul(l2Normalize(t, axis), l2Normalize(p, axis)), axis), -1);
  });
