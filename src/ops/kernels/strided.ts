import type { DataArray } from '../../core/dtype.js';
import { sizeOf, stridesOf } from '../../core/shape.js';

/**
 * Copies every element of a `shape`-shaped strided view of `src` into a strided view of `dst`:
 * element idx goes from `src[so + idx·ss]` to `dst[dOff + idx·ds]`. Strides may be 0 (repeat) or negative
 * (reverse), which makes this one loop serve transpose, slice, reverse, pad, tile and concat.
 * @example copyStrided(x, 0, [1, 3], y, 0, [2, 1], [3, 2]) // transposes a [2,3] x into a [3,2] y
 */
export function copyStrided(
  src: DataArray, so: number, ss: readonly number[],
  dst: DataArray, dOff: number, ds: readonly number[],
  shape: readonly number[],
): void {
  const rank = shape.length, total = sizeOf(shape);
  if (total === 0) return;
  if (rank === 0) { dst[dOff] = src[so]; return; }
  const n = shape[rank - 1], si = ss[rank - 1], di = ds[rank - 1];
  const rows = total / n;
  const idx = new Array<number>(rank).fill(0);
  let s = so, d = dOff;
  for (let r = 0; r < rows; r++) {
    if (si === 1 && di === 1) for (let i = 0; i < n; i++) dst[d + i] = src[s + i];
    else for (let i = 0; i < n; i++) dst[d + i * di] = src[s + i * si];
    // Odometer over the outer dimensions: advance offsets incrementally instead of recomputing them.
    for (let k = rank - 2; k >= 0; k--) {
      idx[k]++;
      s += ss[k]; d += ds[k];
      if (idx[k] < shape[k]) break;
      s -= ss[k] * shape[k]; d -= ds[k] * shape[k];
      idx[k] = 0;
    }
  }
}

/**
 * Copies a strided view of `src` into the contiguous `dst` (row-major over `shape`).
 * @example gatherView(x, 2, [1], y, [3]) // y = x[2:5]
 */
export function gatherView(src: DataArray, so: number, ss: readonly number[], dst: DataArray, shape: readonly number[]): void {
  copyStrided(src, so, ss, dst, 0, stridesOf(shape), shape);
}

/**
 * Copies `rows` runs of `len` contiguous elements, run r from src[so + r·ss] to dst[dOff + r·ds] (concat and
 * split). Short runs are copied by a loop: a subarray view per run would cost more than the copy.
 * @example copyRuns(x, 0, 4, y, 0, 8, 2, 4) // two rows of 4 into the left half of two rows of 8
 */
export function copyRuns(src: DataArray, so: number, ss: number, dst: DataArray, dOff: number, ds: number, rows: number, len: number): void {
  if (len >= 64) {
    for (let r = 0; r < rows; r++) dst.set(src.subarray(so + r * ss, so + r * ss + len), dOff + r * ds);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const s = so + r * ss, d = dOff + r * ds;
    for (let i = 0; i < len; i++) dst[d + i] = src[s + i];
  }
}
