import { fmtShape } from '../core/errors.js';
import { shapesEqual } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import type { NestedArray } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import { TOLERANCE } from './tolerance.js';

/** Bounds for `expectClose`. */
export interface CloseOptions {
  rtol?: number;
  atol?: number;
}

/**
 * Throws unless `actual` and `expected` have the same shape and every element is within the tolerance
 * (NaN equals NaN, infinities must match exactly). Defaults come from the tolerance table by dtype.
 * @example expectClose(add(a, b), [[2, 3]])
 */
export function expectClose(actual: Tensor, expected: Tensor | NestedArray | ArrayLike<number>, opts: CloseOptions = {}): void {
  const exp = expected instanceof Tensor ? expected
    : ArrayBuffer.isView(expected) ? tensor(Float64Array.from(expected as ArrayLike<number>), actual.shape, 'float64')
      : tensor(expected as NestedArray, undefined, 'float64');
  if (!shapesEqual(actual.shape, exp.shape)) {
    throw new Error(`expectClose: shape mismatch, actual ${fmtShape(actual.shape)} vs expected ${fmtShape(exp.shape)}`);
  }
  const tol = TOLERANCE[actual.dtype];
  const rtol = opts.rtol ?? tol.rtol, atol = opts.atol ?? tol.atol;
  const a = actual.storage, e = exp.storage;
  let worst = -1, worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = e[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      if (x !== y) { worst = i; break; }
      continue;
    }
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (excess > worstExcess || (excess > 0 && worst < 0)) { worst = i; worstExcess = excess; }
  }
  if (worst >= 0) {
    throw new Error(`expectClose: element ${worst} of ${fmtShape(actual.shape)} differs: actual ${a[worst]}, expected ${e[worst]} (rtol ${rtol}, atol ${atol})`);
  }
}
