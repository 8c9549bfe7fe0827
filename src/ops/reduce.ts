// Reductions beyond sum: mean, max/min (+ arg), prod, variance, logSumExp and norms.
//
// Conventions: `axis` is a number, a list, or undefined for every axis (negative axes count from the end);
// reducing an empty axis gives sum 0, prod 1, mean NaN, logSumExp -Infinity, norms 0, and max/min/argmax/argmin
// throw (they have no identity). Max and min send their gradient to every element equal to the result, split
// equally among ties (as TensorFlow's reduce_max and torch.amax), so the gradient sums to the cotangent.
import { check, describe, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { GradArgs, TensorInfo } from '../core/op.js';
import { normalizeAxes, normalizeAxis, reducedShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { div, mul, sub } from './arithmetic.js';
import { cast } from './cast.js';
import { equal, where } from './compare.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { zeros } from './creation.js';
import { argKernel, foldKernel, forEachReduced } from './kernels/reduce.js';
import { pad } from './pad.js';
import { expandReduced, sum } from './reduce-sum.js';
import type { ReduceAttrs } from './reduce-sum.js';
import { reshape } from './reshape.js';
import { reverse, slice } from './slice.js';
import { transpose } from './transpose.js';
import { abs, exp, floatTensor, square } from './unary-math.js';

/** An axis, a list of axes, or undefined for every axis. */
export type Axes = number | readonly number[] | undefined;

/** The orders `norm` accepts: 'euclidean' (= 'fro' = 2), 1, or Infinity. */
export type NormOrd = 'euclidean' | 'fro' | number;

function groupSize(shape: readonly number[], axes: readonly number[]): number {
  return axes.reduce((n, a) => n * shape[a], 1);
}

function reduceInfo([x]: readonly TensorInfo[], { axes, keepDims }: ReduceAttrs): TensorInfo {
  return { shape: reducedShape(x.shape, axes, keepDims), dtype: x.dtype };
}

function extremumInfo(api: string) {
  return (inputs: readonly TensorInfo[], attrs: ReduceAttrs): TensorInfo => {
    const x = inputs[0];
    check(groupSize(x.shape, attrs.axes) > 0, api,
      () => `cannot reduce an empty axis (${api} has no identity), received x ${fmtShape(x.shape)} with axes [${attrs.axes.join(',')}]`);
    return reduceInfo(inputs, attrs);
  };
}

function extremumGrad({ dys: [dy], inputs: [x], outputs: [y], attrs }: GradArgs<ReduceAttrs>): Tensor[] {
  const hits = cast(equal(x, expandReduced(y, x.shape, attrs)), dy.dtype);
  return [mul(div(hits, sum(hits, attrs.axes, true)), expandReduced(dy, x.shape, attrs))];
}

// NaN propagates: once the accumulator is NaN no comparison replaces it.
const Max = op<ReduceAttrs>({
  name: 'Max', api: 'max', infer: extremumInfo('max'),
  kernel: foldKernel(-Infinity, (acc, v) => (v > acc || v !== v ? v : acc)),
  grad: extremumGrad,
});

const Min = op<ReduceAttrs>({
  name: 'Min', api: 'min', infer: extremumInfo('min'),
  kernel: foldKernel(Infinity, (acc, v) => (v < acc || v !== v ? v : acc)),
  grad: extremumGrad,
});

/** Hillis-Steele scan along axis 1 of `t` [m, n]: element j becomes the product of elements 0..j-1 (1 for j = 0). */
function exclusiveCumprod(t: Tensor): Tensor {
  const [m, n] = t.shape;
  let inclusive = t;
  for (let s = 1; s < n; s *= 2) inclusive = mul(inclusive, pad(slice(inclusive, [0, 0], [m, n - s]), [[0, 0], [s, 0]], 1));
  return pad(slice(inclusive, [0, 0], [m, n - 1]), [[0, 0], [1, 0]], 1);
}

/**
 * For each element of `x`, the product of the other elements of its reduction group, built from prefix and
 * suffix products rather than prod / x: exact when x holds zeros, and differentiable again.
 */
function productOfOthers(x: Tensor, axes: readonly number[]): Tensor {
  if (x.size === 0) return x;
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const m = groupSize(x.shape, kept), n = x.size / m;
  const rows = reshape(transpose(x, perm), [m, n]);
  const others = mul(exclusiveCumprod(rows), reverse(exclusiveCumprod(reverse(rows, 1)), 1));
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => { inverse[p] = i; });
  return transpose(reshape(others, perm.map((p) => x.shape[p])), inverse);
}

const Prod = op<ReduceAttrs>({
  name: 'Prod', api: 'prod',
  infer: ([x], { axes, keepDims }) => ({ shape: reducedShape(x.shape, axes, keepDims), dtype: x.dtype === 'bool' ? 'int32' : x.dtype }),
  kernel: foldKernel(1, (acc, v) => acc * v),
  grad: ({ dys: [dy], inputs: [x], attrs }) => [mul(expandReduced(dy, x.shape, attrs), productOfOthers(x, attrs.axes))],
});

const LogSumExp = op<ReduceAttrs>({
  name: 'LogSumExp', api: 'logSumExp',
  infer: reduceInfo,
  kernel: ({ inputs: [x], outputs: [y], attrs: { axes } }) => {
    const a = x.data, n = y.data.length;
    const top = new Float64Array(n).fill(-Infinity), acc = new Float64Array(n);
    forEachReduced(x, axes, (i, o) => { if (a[i] > top[o] || a[i] !== a[i]) top[o] = a[i]; });
    // Shifting by the maximum keeps exp from overflowing; an infinite maximum shifts by 0 so inf - inf never occurs.
    for (let o = 0; o < n; o++) if (!Number.isFinite(top[o])) top[o] = 0;
    forEachReduced(x, axes, (i, o) => { acc[o] += Math.exp(a[i] - top[o]); });
    for (let o = 0; o < n; o++) y.data[o] = Math.log(acc[o]) + top[o];
  },
  // d/dx log(sum(exp(x))) = softmax(x) = exp(x - y).
  grad: ({ dys: [dy], inputs: [x], outputs: [y], attrs }) =>
    [mul(expandReduced(dy, x.shape, attrs), exp(sub(x, expandReduced(y, x.shape, attrs))))],
});

const EuclideanNorm = op<ReduceAttrs>({
  name: 'EuclideanNorm', api: 'norm',
  infer: reduceInfo,
  kernel: ({ inputs: [x], outputs: [y], attrs: { axes } }) => {
    // Squares accumulate in float64: float32 inputs up to 3e38 cannot overflow.
    const acc = new Float64Array(y.data.length), a = x.data;
    forEachReduced(x, axes, (i, o) => { acc[o] += a[i] * a[i]; });
    for (let o = 0; o < acc.length; o++) y.data[o] = Math.sqrt(acc[o]);
  },
  // x / ||x||, with the subgradient 0 at x = 0 instead of the NaN of 0 / 0.
  grad: ({ dys: [dy], inputs: [x], outputs: [y], attrs }) => {
    const yk = expandReduced(y, x.shape, attrs);
    return [mul(expandReduced(dy, x.shape, attrs), div(x, where(equal(yk, 0), 1, yk)))];
  },
});

/**
 * Arithmetic mean over `axis` (int32 and bool input is averaged in float32); NaN over an empty axis.
 * @example mean(tensor([[1, 2], [3, 4]]), 1) // [1.5, 3.5]
 */
export function mean(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = floatTensor('mean', x);
  const axes = normalizeAxes('mean', axis, t.rank);
  return div(sum(t, axes, keepDims), groupSize(t.shape, axes));
}

/**
 * Largest element over `axis` (NaN propagates); throws over an empty axis. Ties share the gradient equally.
 * @example max(tensor([[1, 5], [3, 4]]), -1) // [5, 4]
 */
export function max(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = toTensor('max', 'x', x);
  return run(Max, [t], { axes: normalizeAxes('max', axis, t.rank), keepDims });
}

/**
 * Smallest element over `axis` (NaN propagates); throws over an empty axis. Ties share the gradient equally.
 * @example min(tensor([[1, 5], [3, 4]]), 0) // [1, 4]
 */
export function min(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = toTensor('min', 'x', x);
  return run(Min, [t], { axes: normalizeAxes('min', axis, t.rank), keepDims });
}

/**
 * Product over `axis` (1 over an empty axis; bool gives int32). Its gradient is exact when x contains zeros.
 * @example prod(tensor([[1, 2], [3, 4]]), 1) // [2, 12]
 */
export function prod(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = toTensor('prod', 'x', x);
  return run(Prod, [t], { axes: normalizeAxes('prod', axis, t.rank), keepDims });
}

const infoOfArg = (api: string) => ([x]: readonly TensorInfo[], { axis }: { axis: number }): TensorInfo => {
  check(x.shape[axis] > 0, api, () => `cannot take the ${api} of an empty axis, received x ${fmtShape(x.shape)} with axis ${axis}`);
  return { shape: x.shape.filter((_, i) => i !== axis), dtype: 'int32' };
};

const ArgMax = op<{ axis: number }>({ name: 'ArgMax', api: 'argmax', infer: infoOfArg('argmax'), kernel: argKernel((v, best) => v > best) });
const ArgMin = op<{ axis: number }>({ name: 'ArgMin', api: 'argmin', infer: infoOfArg('argmin'), kernel: argKernel((v, best) => v < best) });

function argReduce(fn: string, o: typeof ArgMax, x: TensorLike, axis: number | undefined): Tensor {
  let t = toTensor(fn, 'x', x);
  if (axis === undefined || t.rank === 0) t = reshape(t, [t.size]);
  return run(o, [t], { axis: normalizeAxis(fn, axis ?? 0, t.rank) });
}

/**
 * int32 index of the largest element along `axis` (over the flattened tensor when omitted, as NumPy); the first
 * one on ties, or the first NaN.
 * @example argmax(tensor([[1, 5, 5], [7, 0, 2]]), 1) // [1, 0]
 */
export function argmax(x: TensorLike, axis?: number): Tensor {
  return argReduce('argmax', ArgMax, x, axis);
}

/**
 * int32 index of the smallest element along `axis` (over the flattened tensor when omitted); the first on ties.
 * @example argmin(tensor([[1, 5], [0, 2]])) // 2
 */
export function argmin(x: TensorLike, axis?: number): Tensor {
  return argReduce('argmin', ArgMin, x, axis);
}

/**
 * Population variance over `axis` (divides by n, as tf.moments); NaN over an empty axis.
 * @example variance(tensor([1, 2, 3, 4])) // 1.25
 */
export function variance(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = floatTensor('variance', x);
  const axes = normalizeAxes('variance', axis, t.rank);
  return mean(square(sub(t, mean(t, axes, true))), axes, keepDims);
}

/**
 * log(sum(exp(x))) over `axis`, computed stably by shifting by the maximum (-Infinity over an empty axis).
 * @example logSumExp(tensor([1000, 1000])) // 1000.6931
 */
export function logSumExp(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = floatTensor('logSumExp', x);
  return run(LogSumExp, [t], { axes: normalizeAxes('logSumExp', axis, t.rank), keepDims });
}

/**
 * Vector norm over one axis or over all elements (axis omitted), or a matrix norm over a pair of axes
 * [rows, cols] ('fro', 1 = max column sum, Infinity = max row sum), as tf.norm. 'euclidean', 'fro' and 2 are
 * the same vector norm; its gradient at 0 is 0 (a subgradient), not NaN.
 * @example norm(tensor([3, 4])) // 5; norm(tensor([[1, -2], [3, 4]]), 1, 1) // [3, 7]
 */
export function norm(x: TensorLike, ord: NormOrd = 'euclidean', axis?: Axes, keepDims = false): Tensor {
  const t = floatTensor('norm', x);
  check(ord === 'euclidean' || ord === 'fro' || ord === 1 || ord === 2 || ord === Infinity, 'norm',
    () => `ord must be 'euclidean', 'fro', 1, 2 or Infinity, received ${describe(ord)}`);
  const list = typeof axis === 'number' ? [axis] : axis;
  check(list === undefined || (Array.isArray(list) && (list.length === 1 || list.length === 2)), 'norm',
    () => `axis must be a number, a pair of axes or undefined, received ${JSON.stringify(axis)}`);
  const axes = normalizeAxes('norm', list, t.rank);
  const matrix = list !== undefined && list.length === 2;
  if (ord === 'euclidean' || ord === 'fro' || (ord === 2 && !matrix)) return run(EuclideanNorm, [t], { axes, keepDims });
  const outShape = reducedShape(t.shape, axes, keepDims);
  if (matrix) {
    check(ord !== 2, 'norm', () => `the spectral norm (ord 2 over two axes) is not supported, received axis [${list.join(',')}]`);
    if (groupSize(t.shape, axes) === 0) return zeros(outShape, t.dtype);
    const [rows, cols] = [normalizeAxis('norm', list[0], t.rank), normalizeAxis('norm', list[1], t.rank)];
    const [inner, outer] = ord === 1 ? [rows, cols] : [cols, rows];
    return reshape(max(sum(abs(t), inner, true), outer, true), outShape);
  }
  if (ord === 1) return sum(abs(t), axes, keepDims);
  return groupSize(t.shape, axes) === 0 ? zeros(outShape, t.dtype) : max(abs(t), axes, keepDims);
}
