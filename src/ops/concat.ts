import { upcast } from '../core/dtype.js';
import { ArgumentError, check, fmtShape } from '../core/errors.js';
import { op, run, runOp } from '../core/op.js';
import { normalizeAxis, shapesEqual, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { copyRuns } from './kernels/strided.js';
import { expandDims, squeeze } from './reshape.js';
import { slice } from './slice.js';

const Concat = op<{ axis: number }>({
  name: 'Concat', api: 'concat',
  writesAll: true,
  infer: (xs, { axis }) => {
    const first = xs[0];
    xs.forEach((x, k) => check(x.shape.length === first.shape.length && x.shape.every((d, i) => i === axis || d === first.shape[i]), 'concat',
      () => `every tensor must match tensors[0] ${fmtShape(first.shape)} except on axis ${axis}, received tensors[${k}] ${fmtShape(x.shape)}`));
    const shape = [...first.shape];
    shape[axis] = xs.reduce((n, x) => n + x.shape[axis], 0);
    return { shape, dtype: xs.reduce((dt, x) => upcast(dt, x.dtype), first.dtype) };
  },
  kernel: ({ inputs, outputs: [y], attrs: { axis } }) => {
    // Each input contributes one contiguous chunk per index of the axes before `axis`.
    const outer = sizeOf(y.shape.slice(0, axis)), row = y.data.length / Math.max(outer, 1);
    let offset = 0;
    for (const x of inputs) {
      const chunk = outer === 0 ? 0 : x.data.length / outer;
      copyRuns(x.data, 0, chunk, y.data, offset, row, outer, chunk);
      offset += chunk;
    }
  },
  grad: ({ dys: [dy], inputs, attrs: { axis } }) => {
    let at = 0;
    return inputs.map((x) => {
      const begin = x.shape.map((_, i) => (i === axis ? at : 0));
      at += x.shape[axis];
      return slice(dy, begin, x.shape);
    });
  },
});

/**
 * The parts of x along `axis` with the listed sizes, in one pass; the gradient is one concat of the parts'
 * cotangents (slices would cost a pass each forward, and a zero-padded copy each plus their sum backward).
 */
const Split = op<{ axis: number; sizes: readonly number[] }>({
  name: 'Split', api: 'split',
  writesAll: true,
  infer: ([x], { axis, sizes }) => sizes.map((n) => ({ shape: x.shape.map((d, i) => (i === axis ? n : d)), dtype: x.dtype })),
  kernel: ({ inputs: [x], outputs, attrs: { axis } }) => {
    // Each part is one contiguous chunk per index of the axes before `axis` (concat's kernel, reversed).
    const outer = sizeOf(x.shape.slice(0, axis)), row = x.data.length / Math.max(outer, 1);
    let offset = 0;
    for (const y of outputs) {
      const chunk = outer === 0 ? 0 : y.data.length / outer;
      copyRuns(x.data, offset, row, y.data, 0, chunk, outer, chunk);
      offset += chunk;
    }
  },
  grad: ({ dys, attrs: { axis } }) => [concat(dys, axis)],
});

function toList(fn: string, tensors: readonly TensorLike[]): Tensor[] {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ArgumentError(fn, `tensors must be a non-empty array of tensors, received ${Array.isArray(tensors) ? 'an empty array' : typeof tensors}`);
  }
  return tensors.map((t, i) => toTensor(fn, `tensors[${i}]`, t));
}

/**
 * Joins tensors along an existing `axis`; all other dimensions must agree.
 * @example concat([tensor([[1, 2]]), tensor([[3, 4]])], 0) // [[1, 2], [3, 4]]
 */
export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  const ts = toList('concat', tensors);
  check(ts[0].rank > 0, 'concat', () => 'cannot concatenate scalars (rank 0), received tensors[0] of shape []; use stack');
  const a = normalizeAxis('concat', axis, ts[0].rank);
  if (ts.length === 1) return ts[0];
  return run(Concat, ts, { axis: a });
}

/**
 * Joins same-shaped tensors along a new `axis` (in [-rank-1, rank]).
 * @example stack([tensor([1, 2]), tensor([3, 4])], 1) // [[1, 3], [2, 4]]
 */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  const ts = toList('stack', tensors);
  ts.forEach((t, k) => check(shapesEqual(t.shape, ts[0].shape), 'stack',
    () => `every tensor must have the shape of tensors[0] ${fmtShape(ts[0].shape)}, received tensors[${k}] ${fmtShape(t.shape)}`));
  const rank = ts[0].rank;
  check(Number.isInteger(axis) && axis >= -rank - 1 && axis <= rank, 'stack',
    () => `axis must be an integer in [${-rank - 1}, ${rank}], received ${axis}`);
  const a = axis < 0 ? axis + rank + 1 : axis;
  return concat(ts.map((t) => expandDims(t, a)), a);
}

/**
 * Splits `x` along `axis` into `numOrSizeSplits` equal parts, or into parts of the listed sizes (one may be -1).
 * @example split(arange(6), [1, -1, 2]).map((t) => t.shape) // [[1], [3], [2]]
 */
export function split(x: TensorLike, numOrSizeSplits: number | readonly number[], axis = 0): Tensor[] {
  const t = toTensor('split', 'x', x);
  check(t.rank > 0, 'split', () => 'cannot split a scalar, received shape []');
  const a = normalizeAxis('split', axis, t.rank), n = t.shape[a];
  let sizes: number[];
  if (typeof numOrSizeSplits === 'number') {
    check(Number.isInteger(numOrSizeSplits) && numOrSizeSplits > 0 && n % numOrSizeSplits === 0, 'split',
      () => `numOrSizeSplits must be a positive integer dividing axis ${a} of size ${n}, received ${numOrSizeSplits}`);
    sizes = new Array<number>(numOrSizeSplits).fill(n / numOrSizeSplits);
  } else {
    const list = numOrSizeSplits;
    check(Array.isArray(list) && list.every((s) => Number.isInteger(s) && s >= -1) && list.filter((s) => s === -1).length <= 1, 'split',
      () => `numOrSizeSplits must be a number or integers >= 0 with at most one -1, received ${JSON.stringify(list)}`);
    const known = list.reduce((acc, s) => acc + (s === -1 ? 0 : s), 0);
    const fits = list.includes(-1) ? known <= n : known === n;
    check(fits, 'split', () => `sizes [${list.join(',')}] must add up to axis ${a} of size ${n} in ${fmtShape(t.shape)}, received a total of ${known}`);
    sizes = list.map((s) => (s === -1 ? n - known : s));
  }
  if (sizes.length === 1) return [t];
  return runOp(Split, [t], { axis: a, sizes });
}

/**
 * Splits `x` along `axis` into its `x.shape[axis]` slices, each without that axis.
 * @example unstack(tensor([[1, 2], [3, 4]])) // [tensor([1, 2]), tensor([3, 4])]
 */
export function unstack(x: TensorLike, axis = 0): Tensor[] {
  const t = toTensor('unstack', 'x', x);
  check(t.rank > 0, 'unstack', () => 'cannot unstack a scalar, received shape []');
  const a = normalizeAxis('unstack', axis, t.rank);
  return split(t, new Array<number>(t.shape[a]).fill(1), a).map((p) => squeeze(p, a));
}
