import type { DType } from '../core/dtype.js';
import { check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import { normalizeAxis, sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { cast } from './cast.js';
import { checkDType, toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { zeros } from './creation.js';
import { reshape } from './reshape.js';

/** Converts an indices argument: arrays of integers become int32 tensors, tensors must already be int32. */
function toIndices(fn: string, v: unknown): Tensor {
  if (v instanceof Tensor) {
    check(v.dtype === 'int32', fn, () => `indices must be an int32 tensor, received dtype ${v.dtype}`);
    return v;
  }
  const t = toTensor(fn, 'indices', v);
  const bad = t.storage.findIndex((i) => !Number.isInteger(i));
  check(bad < 0, fn, () => `indices must be integers, received ${t.storage[bad]} at flat position ${bad}`);
  return cast(t, 'int32');
}

/** Sizes of the axes before `axis`, of `axis` itself, and after it. */
function splitAt(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis], sizeOf(shape.slice(axis + 1))];
}

function checkIndex(fn: string, i: number, n: number, k: number): void {
  if (!(i >= 0 && i < n)) throw new RangeError(`${fn}: indices[${k}] = ${i} is out of range [0, ${n})`);
}

const Gather = op<{ axis: number }>({
  name: 'Gather', api: 'gather',
  infer: ([x, idx], { axis }) => ({ shape: [...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)], dtype: x.dtype }),
  kernel: ({ inputs: [x, idx], outputs: [y], attrs: { axis } }) => {
    const [outer, n, inner] = splitAt(x.shape, axis), ind = idx.data, k = ind.length;
    for (let j = 0; j < k; j++) checkIndex('gather', ind[j], n, j);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const from = (o * n + ind[j]) * inner;
        y.data.set(x.data.subarray(from, from + inner), (o * k + j) * inner);
      }
    }
  },
  // Reading rows is undone by adding the cotangent rows back at the rows read (duplicates accumulate).
  grad: ({ dys: [dy], inputs: [x, idx], attrs: { axis } }) => {
    const flat = reshape(idx, [idx.size]);
    const rows = reshape(dy, [...x.shape.slice(0, axis), idx.size, ...x.shape.slice(axis + 1)]);
    return [scatterAdd(zeros(x.shape, dy.dtype), flat, rows, axis), null];
  },
});

/**
 * Picks slices of `x` along `axis` at int32 `indices`: the output shape is
 * `x.shape[:axis] + indices.shape + x.shape[axis+1:]`. Out-of-range indices throw a RangeError.
 * @example gather(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]) // [[5, 6], [1, 2]]
 */
export function gather(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  const t = toTensor('gather', 'x', x);
  const idx = toIndices('gather', indices);
  check(t.rank > 0, 'gather', () => 'x must have at least one axis, received shape []');
  return run(Gather, [t, idx], { axis: normalizeAxis('gather', axis, t.rank) });
}

function scatterInfo([target, idx, updates]: readonly TensorInfo[], { axis }: { axis: number }): TensorInfo {
  const expected = target.shape.map((d, i) => (i === axis ? idx.shape[0] : d));
  check(idx.shape.length === 1, 'scatterAdd', () => `indices must be 1-D, received shape ${fmtShape(idx.shape)}`);
  check(updates.shape.length === expected.length && updates.shape.every((d, i) => d === expected[i]), 'scatterAdd',
    () => `updates must have shape ${fmtShape(expected)} (target with axis ${axis} sized like indices), received ${fmtShape(updates.shape)}`);
  return target;
}

const ScatterAdd = op<{ axis: number }>({
  name: 'ScatterAdd', api: 'scatterAdd',
  infer: scatterInfo,
  kernel: ({ inputs: [target, idx, updates], outputs: [y], attrs: { axis } }) => {
    const [outer, n, inner] = splitAt(target.shape, axis), ind = idx.data, k = ind.length;
    const out = y.data, u = updates.data;
    for (let j = 0; j < k; j++) checkIndex('scatterAdd', ind[j], n, j);
    out.set(target.data);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const to = (o * n + ind[j]) * inner, from = (o * k + j) * inner;
        for (let i = 0; i < inner; i++) out[to + i] += u[from + i];
      }
    }
  },
  grad: ({ dys: [dy], inputs: [, idx], attrs: { axis } }) => [dy, null, gather(dy, idx, axis)],
});

/**
 * `target` with the slices of `updates` added at positions `indices` along `axis` (PyTorch's `index_add`);
 * repeated indices accumulate. It is the gradient of `gather`, and is differentiable in `target` and `updates`.
 * @example scatterAdd(zeros([3]), [0, 0, 2], tensor([1, 2, 3])) // [3, 0, 3]
 */
export function scatterAdd(target: TensorLike, indices: TensorLike, updates: TensorLike, axis = 0): Tensor {
  const t = toTensor('scatterAdd', 'target', target);
  const idx = toIndices('scatterAdd', indices);
  const u = toTensor('scatterAdd', 'updates', updates, t.dtype);
  check(t.rank > 0, 'scatterAdd', () => 'target must have at least one axis, received shape []');
  return run(ScatterAdd, [t, idx, u], { axis: normalizeAxis('scatterAdd', axis, t.rank) });
}

const OneHot = op<{ depth: number; on: number; off: number; dtype: DType }>({
  name: 'OneHot', api: 'oneHot',
  infer: ([idx], { depth, dtype }) => ({ shape: [...idx.shape, depth], dtype }),
  kernel: ({ inputs: [idx], outputs: [y], attrs: { depth, on, off } }) => {
    const ind = idx.data, out = y.data;
    if (off !== 0) out.fill(off);
    // Out-of-range indices (e.g. -1 for "no class") give a row of offValue, as in TensorFlow.
    for (let j = 0; j < ind.length; j++) if (ind[j] >= 0 && ind[j] < depth) out[j * depth + ind[j]] = on;
  },
});

/**
 * One-hot encodes int32 `indices` into a new last axis of size `depth` (indices outside [0, depth) give all off).
 * @example oneHot([0, 2], 3) // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(indices: TensorLike, depth: number, onValue = 1, offValue = 0, dtype: DType = 'float32'): Tensor {
  const idx = toIndices('oneHot', indices);
  check(Number.isInteger(depth) && depth >= 0, 'oneHot', () => `depth must be a non-negative integer, received ${depth}`);
  check(typeof onValue === 'number' && typeof offValue === 'number', 'oneHot',
    () => `onValue and offValue must be numbers, received ${typeof onValue} and ${typeof offValue}`);
  checkDType('oneHot', dtype);
  return run(OneHot, [idx], { depth, on: onValue, off: offValue, dtype });
}
