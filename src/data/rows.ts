// Row-level helpers on typed arrays shared by datasets, splits and loaders: no op dispatch, no autograd.
import { allocArray } from '../core/dtype.js';
import { ArgumentError, describe, fmtShape } from '../core/errors.js';
import { shapesEqual, sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import type { TensorLike } from '../ops/convert.js';

/** Converts a public argument to a tensor with at least one dimension, naming the function and argument on failure. */
export function asRowsTensor(fn: string, arg: string, v: unknown): Tensor {
  let t: Tensor;
  if (v instanceof Tensor) t = v;
  else {
    try {
      t = tensor(v as TensorLike);
    } catch (e) {
      throw new ArgumentError(fn, `${arg} must be a tensor or nested arrays, received ${describe(v)}${e instanceof Error ? ` (${e.message})` : ''}`);
    }
  }
  if (t.rank < 1) throw new ArgumentError(fn, `${arg} must have at least one dimension (samples first), received a scalar`);
  return t;
}

/** Elements per row (product of all dimensions after the first). */
export function rowSize(t: Tensor): number {
  return sizeOf(t.shape.slice(1));
}

/** Row `i` of `t` as a tensor sharing `t`'s storage (zero-copy; tensors are treated as read-only). */
export function rowView(t: Tensor, i: number): Tensor {
  const rs = rowSize(t);
  return Tensor.fromStorage(t.storage.subarray(i * rs, (i + 1) * rs), t.shape.slice(1), t.dtype);
}

/**
 * A new tensor holding rows `indices` of `t`, in that order.
 * @example takeRows(tensor([[1], [2], [3]]), [2, 0]) // [[3], [1]]
 */
export function takeRows(t: Tensor, indices: ArrayLike<number>): Tensor {
  const n = t.shape[0], rs = rowSize(t);
  const out = allocArray(t.dtype, indices.length * rs);
  const src = t.storage;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new ArgumentError('takeRows', `index ${i} at position ${k} is out of range for ${n} rows`);
    }
    if (rs === 1) out[k] = src[i];
    else out.set(src.subarray(i * rs, (i + 1) * rs), k * rs);
  }
  return Tensor.fromStorage(out, [indices.length, ...t.shape.slice(1)], t.dtype);
}

/**
 * Stacks same-shaped tensors (or numbers) along a new first axis; `where` names the element for errors.
 * @example stackRows('batch', [tensor([1, 2]), tensor([3, 4])]).shape // [2, 2]
 */
export function stackRows(fn: string, items: readonly (Tensor | number)[], where = ''): Tensor {
  if (items.length === 0) throw new ArgumentError(fn, 'cannot stack zero elements');
  const first = items[0];
  if (typeof first === 'number') {
    const out = new Float32Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const v = items[i];
      if (typeof v !== 'number') throw new ArgumentError(fn, `element ${i}${where} is ${describe(v)} but element 0${where} is a number`);
      out[i] = v;
    }
    return Tensor.fromStorage(out, [items.length], 'float32');
  }
  const size = first.size;
  const out = allocArray(first.dtype, items.length * size);
  for (let i = 0; i < items.length; i++) {
    const t = items[i];
    if (!(t instanceof Tensor)) throw new ArgumentError(fn, `element ${i}${where} is ${describe(t)} but element 0${where} is a tensor`);
    if (!shapesEqual(t.shape, first.shape)) {
      throw new ArgumentError(fn, `element ${i}${where} has shape ${fmtShape(t.shape)} but element 0 has shape ${fmtShape(first.shape)}`);
    }
    if (t.dtype !== first.dtype) {
      throw new ArgumentError(fn, `element ${i}${where} has dtype ${t.dtype} but element 0 has dtype ${first.dtype}`);
    }
    out.set(t.storage, i * size);
  }
  return Tensor.fromStorage(out, [items.length, ...first.shape], first.dtype);
}
