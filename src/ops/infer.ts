import type { DType } from '../core/dtype.js';
import { isFloat, upcast } from '../core/dtype.js';
import { check } from '../core/errors.js';
import type { TensorInfo } from '../core/op.js';
import { broadcastShapes, shapesEqual } from '../core/shape.js';

/** Shape rule of elementwise unary ops: same shape and dtype; rejects non-float input when `floatOnly`. */
export function sameInfo(api: string, floatOnly = false) {
  return ([x]: readonly TensorInfo[]): TensorInfo => {
    check(!floatOnly || isFloat(x.dtype), api, () => `expected a float32 or float64 tensor, received dtype ${x.dtype}`);
    return x;
  };
}

/** Shape rule of broadcasting binary ops: broadcast shape, upcast dtype (or `dtype` when given, e.g. bool). */
export function broadcastInfo(api: string, dtype?: DType) {
  return ([a, b]: readonly TensorInfo[]): TensorInfo => ({
    // Equal shapes (the common case) need no broadcast, and the output can share the input's frozen shape.
    shape: shapesEqual(a.shape, b.shape) ? a.shape : broadcastShapes(api, a.shape, b.shape),
    dtype: dtype ?? upcast(a.dtype, b.dtype),
  });
}
