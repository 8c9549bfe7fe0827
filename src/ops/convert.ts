import type { DataArray, DType } from '../core/dtype.js';
import { DTYPES, allocArray, dtypeOfArray } from '../core/dtype.js';
import { ArgumentError, describe, fmtShape } from '../core/errors.js';
import { sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import type { NestedArray } from '../core/tensor.js';

/** Anything ops accept where a tensor is expected: a tensor, a number, a boolean, nested arrays or a typed array. */
export type TensorLike = Tensor | number | boolean | NestedArray | DataArray;

/** Validates a dtype argument. */
export function checkDType(fn: string, dtype: unknown, arg = 'dtype'): DType {
  if (!DTYPES.includes(dtype as DType)) {
    throw new ArgumentError(fn, `${arg} must be one of ${DTYPES.join(', ')}, received ${describe(dtype)}`);
  }
  return dtype as DType;
}

function inferShape(fn: string, v: NestedArray): number[] {
  const shape: number[] = [];
  let cur: NestedArray = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  return shape;
}

function flatten(fn: string, v: NestedArray, shape: readonly number[], out: DataArray): void {
  let k = 0;
  const walk = (x: NestedArray, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (typeof x === 'number') out[k++] = x;
      else if (typeof x === 'boolean') out[k++] = x ? 1 : 0;
      else throw new ArgumentError(fn, `values must be numbers or booleans, received ${describe(x)} at ${path || 'the top'}`);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[dim]) {
      throw new ArgumentError(fn, `nested arrays must be rectangular: expected length ${shape[dim]} at index ${path || '[]'}, received ${describe(x)}`);
    }
    for (let i = 0; i < x.length; i++) walk(x[i], dim + 1, `${path}[${i}]`);
  };
  walk(v, 0, '');
}

function defaultDType(v: unknown): DType {
  let cur: unknown = v;
  while (Array.isArray(cur) && cur.length > 0) cur = cur[0];
  return typeof cur === 'boolean' ? 'bool' : 'float32';
}

/**
 * Creates a tensor from nested arrays, a typed array or a number, with an optional shape and dtype.
 * @example tensor([[1, 2], [3, 4]]); tensor(new Float32Array(6), [2, 3]); tensor([1, 2], undefined, 'int32')
 */
export function tensor(values: TensorLike, shape?: readonly number[], dtype?: DType): Tensor {
  const fn = 'tensor';
  if (values instanceof Tensor) return dtype && dtype !== values.dtype ? castValues(values, dtype) : values;
  if (dtype !== undefined) checkDType(fn, dtype);
  if (ArrayBuffer.isView(values)) {
    const dt = dtype ?? dtypeOfArray(values);
    if (!dt) throw new ArgumentError(fn, `typed arrays must be Float32Array, Float64Array, Int32Array or Uint8Array, received ${describe(values)}`);
    const shp = shape ? [...shape] : [values.length];
    if (sizeOf(shp) !== values.length) {
      throw new ArgumentError(fn, `shape ${fmtShape(shp)} needs ${sizeOf(shp)} values, received ${values.length}`);
    }
    const data = allocArray(dt, values.length);
    data.set(values);
    return Tensor.fromStorage(data, shp, dt);
  }
  if (typeof values !== 'number' && typeof values !== 'boolean' && !Array.isArray(values)) {
    throw new ArgumentError(fn, `values must be a number, a boolean, nested arrays or a typed array, received ${describe(values)}`);
  }
  const dt = dtype ?? defaultDType(values);
  const natural = inferShape(fn, values);
  const data = allocArray(dt, sizeOf(natural));
  flatten(fn, values, natural, data);
  if (shape) {
    if (sizeOf(shape) !== data.length) {
      throw new ArgumentError(fn, `shape ${fmtShape(shape)} needs ${sizeOf(shape)} values, received ${data.length}`);
    }
    return Tensor.fromStorage(data, shape, dt);
  }
  return Tensor.fromStorage(data, natural, dt);
}

function castValues(t: Tensor, dtype: DType): Tensor {
  const data = allocArray(dtype, t.size);
  const src = t.storage;
  if (dtype === 'int32') for (let i = 0; i < src.length; i++) data[i] = Math.trunc(src[i]);
  else if (dtype === 'bool') for (let i = 0; i < src.length; i++) data[i] = src[i] !== 0 ? 1 : 0;
  else data.set(src);
  return Tensor.fromStorage(data, t.shape, dtype);
}

/**
 * Converts an op argument to a tensor, naming the op and argument on failure. A plain number adopts
 * `like`'s dtype when that is floating point (so `x.mul(2)` stays float64 for a float64 `x`).
 */
export function toTensor(fn: string, arg: string, v: unknown, like?: DType): Tensor {
  if (v instanceof Tensor) return v;
  if (typeof v === 'number') {
    const dt: DType = like === 'float64' || like === 'float32' ? like
      : like === 'int32' && Number.isInteger(v) ? 'int32' : 'float32';
    const data = allocArray(dt, 1);
    data[0] = v;
    return Tensor.fromStorage(data, [], dt);
  }
  try {
    return tensor(v as TensorLike);
  } catch (e) {
    if (e instanceof ArgumentError) throw new ArgumentError(fn, `${arg}: ${e.message.replace(/^tensor: /, '')}`);
    throw e;
  }
}

/** Converts both operands of a binary op, letting a number adopt the other operand's dtype. */
export function toTensors2(fn: string, a: unknown, b: unknown): [Tensor, Tensor] {
  if (a instanceof Tensor) return [a, toTensor(fn, 'b', b, a.dtype)];
  const tb = toTensor(fn, 'b', b);
  return [toTensor(fn, 'a', a, tb.dtype), tb];
}
