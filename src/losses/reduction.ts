import { isFloat } from '../core/dtype.js';
import { ArgumentError, check, describe, fmtShape } from '../core/errors.js';
import { shapesEqual, sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { div, mul } from '../ops/arithmetic.js';
import { cast } from '../ops/cast.js';
import { toTensor } from '../ops/convert.js';
import type { TensorLike } from '../ops/convert.js';
import { sum } from '../ops/reduce-sum.js';
import { mean } from '../ops/reduce.js';
import { broadcastTo, reshape } from '../ops/reshape.js';

/**
 * How per-sample losses become the returned value: 'sumOverBatchSize' (default, Keras: sum of weighted losses
 * divided by their count), 'mean' (weighted mean: divided by the sum of the weights), 'sum', or 'none'.
 */
export type Reduction = 'sumOverBatchSize' | 'mean' | 'sum' | 'none';

/** Options every loss accepts. */
export interface ReductionOptions {
  /** Default 'sumOverBatchSize'; Keras snake_case names are accepted too. */
  reduction?: Reduction | 'sum_over_batch_size';
  /** Per-sample weights, broadcast against the per-sample losses (a [batch] vector usually). */
  sampleWeight?: TensorLike;
}

/** The float dtype a loss computes in: yPred's. */
export function predictions(fn: string, yPred: TensorLike): Tensor {
  const p = toTensor(fn, 'yPred', yPred);
  return isFloat(p.dtype) ? p : cast(p, 'float32');
}

/**
 * Converts targets and predictions of a loss, casting targets to the predictions' dtype and making their shapes
 * equal the way Keras does ([batch] targets against [batch, 1] predictions and the reverse).
 */
export function targetsAndPredictions(fn: string, yTrue: TensorLike, yPred: TensorLike): [Tensor, Tensor] {
  let p = predictions(fn, yPred);
  let t = toTensor(fn, 'yTrue', yTrue, p.dtype);
  if (t.dtype !== p.dtype) t = cast(t, p.dtype);
  // Keras' squeeze_or_expand_to_same_rank: a [batch] vector meets [batch, 1] as [batch, 1] (so each sample
  // keeps its own loss); otherwise the trailing size-1 axis of the larger is dropped.
  if (t.rank === p.rank + 1 && t.shape[t.rank - 1] === 1) {
    if (p.rank === 1) p = reshape(p, [...p.shape, 1]);
    else t = reshape(t, t.shape.slice(0, -1));
  } else if (p.rank === t.rank + 1 && p.shape[p.rank - 1] === 1) {
    if (t.rank === 1) t = reshape(t, [...t.shape, 1]);
    else p = reshape(p, p.shape.slice(0, -1));
  }
  check(shapesEqual(t.shape, p.shape), fn, () => `yTrue and yPred must have the same shape, received ${fmtShape(t.shape)} and ${fmtShape(p.shape)}`);
  return [t, p];
}

/** Shapes a sample weight against per-sample losses: trailing size-1 axes dropped, missing trailing axes added. */
function weightFor(fn: string, w: Tensor, losses: Tensor): Tensor {
  let s = [...w.shape];
  while (s.length > losses.rank && s[s.length - 1] === 1) s.pop();
  while (s.length < losses.rank) s = [...s, 1];
  check(s.length === losses.rank && s.every((d, i) => d === 1 || d === losses.shape[i]), fn,
    () => `sampleWeight of shape ${fmtShape(w.shape)} does not match per-sample losses of shape ${fmtShape(losses.shape)}`);
  const r = shapesEqual(s, w.shape) ? w : reshape(w, s);
  return shapesEqual(r.shape, losses.shape) ? r : broadcastTo(r, losses.shape);
}

/**
 * Applies sample weights and a reduction to per-sample losses.
 * @example reduceLosses('mse', perSample, { sampleWeight: [1, 0, 2] })
 */
export function reduceLosses(fn: string, losses: Tensor, options: ReductionOptions = {}): Tensor {
  const reduction = options.reduction ?? 'sumOverBatchSize';
  let weighted = losses;
  let w: Tensor | undefined;
  if (options.sampleWeight !== undefined && options.sampleWeight !== null) {
    w = weightFor(fn, toTensor(fn, 'sampleWeight', options.sampleWeight, losses.dtype), losses);
    if (w.dtype !== losses.dtype) w = cast(w, losses.dtype);
    weighted = mul(losses, w);
  }
  switch (reduction) {
    case 'none': return weighted;
    case 'sum': return sum(weighted);
    case 'sumOverBatchSize':
    case 'sum_over_batch_size': return div(sum(weighted), sizeOf(losses.shape));
    case 'mean': return div(sum(weighted), w ? sum(w) : sizeOf(losses.shape));
    default:
      throw new ArgumentError(fn, `reduction must be 'sumOverBatchSize', 'mean', 'sum' or 'none', received ${describe(reduction)}`);
  }
}

/** Splits a loss's third argument: an options object, or a sample-weight tensor (TensorFlow.js `weights`). */
export function lossOptions<O extends ReductionOptions>(options: O | Tensor | undefined): O {
  if (options instanceof Tensor) return { sampleWeight: options } as O;
  return options ?? ({} as O);
}

/** Keras' fuzz factor: probabilities are clipped to [EPSILON, 1 - EPSILON] before a log, divisors kept above it. */
export const EPSILON = 1e-7;

/**
 * Mean over the last axis: the per-sample value of elementwise losses. Scalars and vectors pass through (a
 * vector is a batch of scalar samples, so sample weights still apply per sample).
 */
export function meanLast(x: Tensor): Tensor {
  return x.rank <= 1 ? x : mean(x, -1);
}
