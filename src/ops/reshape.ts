import { ArgumentError, check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import { broadcastShapes, normalizeAxes, shapesEqual, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { forEachBroadcastRow } from './kernels/elementwise.js';
import { sumTo } from './reduce-sum.js';

const Reshape = op<{ shape: readonly number[] }>({
  name: 'Reshape', api: 'reshape',
  infer: ([x], { shape }) => ({ shape, dtype: x.dtype }),
  aliases: true,
  kernel: ({ inputs: [x], outputs: [y] }) => { y.data.set(x.data); },
  grad: ({ dys: [dy], inputs: [x] }) => [reshape(dy, x.shape)],
});

/**
 * The same elements in a new shape (zero-copy); one dimension may be -1 and is inferred.
 * @example reshape(arange(6), [2, -1]).shape // [2, 3]
 */
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor('reshape', 'x', x);
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new ArgumentError('reshape', `shape must be integers >= -1, received ${JSON.stringify(shape)}`);
  }
  const unknown = shape.filter((d) => d === -1).length;
  check(unknown <= 1, 'reshape', () => `at most one dimension may be -1, received ${fmtShape(shape)}`);
  let resolved = [...shape];
  if (unknown === 1) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    check(known > 0 && t.size % known === 0, 'reshape',
      () => `cannot infer -1 in ${fmtShape(shape)} for ${t.size} elements of input ${fmtShape(t.shape)}`);
    resolved = shape.map((d) => (d === -1 ? t.size / known : d));
  }
  check(sizeOf(resolved) === t.size, 'reshape',
    () => `shape ${fmtShape(shape)} has ${sizeOf(resolved)} elements, input ${fmtShape(t.shape)} has ${t.size}`);
  if (shapesEqual(resolved, t.shape)) return t;
  return run(Reshape, [t], { shape: resolved });
}

const BroadcastTo = op<{ shape: readonly number[] }>({
  name: 'BroadcastTo', api: 'broadcastTo',
  writesAll: true,
  infer: ([x], { shape }) => {
    const b = broadcastShapes('broadcastTo', x.shape, shape);
    check(shapesEqual(b, shape), 'broadcastTo', () => `cannot broadcast ${fmtShape(x.shape)} to ${fmtShape(shape)}`);
    return { shape, dtype: x.dtype };
  },
  kernel: ({ inputs: [x], outputs: [y] }) => {
    const a = x.data, o = y.data;
    forEachBroadcastRow(x, x, y, (ia, _ib, io, n, sa) => {
      for (let i = 0; i < n; i++) o[io + i] = a[ia + i * sa];
    });
  },
  grad: ({ dys: [dy], inputs: [x] }) => [sumTo(dy, x.shape)],
});

/**
 * Repeats `x` along size-1 (or missing leading) dimensions to reach `shape`.
 * @example broadcastTo(tensor([1, 2]), [2, 2]) // [[1, 2], [1, 2]]
 */
export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor('broadcastTo', 'x', x);
  if (shapesEqual(t.shape, shape)) return t;
  return run(BroadcastTo, [t], { shape: [...shape] });
}

const ExpandDims = op<{ shape: readonly number[] }>({
  name: 'ExpandDims', api: 'expandDims',
  infer: ([x], { shape }) => ({ shape, dtype: x.dtype }),
  aliases: true,
  kernel: ({ inputs: [x], outputs: [y] }) => { y.data.set(x.data); },
  grad: ({ dys: [dy], inputs: [x] }) => [reshape(dy, x.shape)],
});

/**
 * Inserts a size-1 axis at position `axis` (in [-rank-1, rank]; negative counts from the end), zero-copy.
 * @example expandDims(tensor([1, 2]), 1).shape // [2, 1]
 */
export function expandDims(x: TensorLike, axis = 0): Tensor {
  const t = toTensor('expandDims', 'x', x);
  check(Number.isInteger(axis) && axis >= -t.rank - 1 && axis <= t.rank, 'expandDims',
    () => `axis must be an integer in [${-t.rank - 1}, ${t.rank}] for x ${fmtShape(t.shape)}, received ${axis}`);
  const a = axis < 0 ? axis + t.rank + 1 : axis;
  const shape = [...t.shape];
  shape.splice(a, 0, 1);
  return run(ExpandDims, [t], { shape });
}

const Squeeze = op<{ shape: readonly number[] }>({
  name: 'Squeeze', api: 'squeeze',
  infer: ([x], { shape }) => ({ shape, dtype: x.dtype }),
  aliases: true,
  kernel: ({ inputs: [x], outputs: [y] }) => { y.data.set(x.data); },
  grad: ({ dys: [dy], inputs: [x] }) => [reshape(dy, x.shape)],
});

/**
 * Removes size-1 axes: those listed in `axis` (each must have size 1), or all of them when omitted; zero-copy.
 * @example squeeze(zeros([1, 3, 1])).shape // [3]
 */
export function squeeze(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = toTensor('squeeze', 'x', x);
  let axes: number[];
  if (axis === undefined) {
    axes = t.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  } else {
    axes = normalizeAxes('squeeze', axis, t.rank);
    for (const a of axes) {
      check(t.shape[a] === 1, 'squeeze', () => `can only squeeze axes of size 1, received axis ${a} of size ${t.shape[a]} in ${fmtShape(t.shape)}`);
    }
  }
  if (axes.length === 0) return t;
  return run(Squeeze, [t], { shape: t.shape.filter((_, i) => !axes.includes(i)) });
}
