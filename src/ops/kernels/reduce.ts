import type { Buf } from '../../core/op.js';
import { stridesOf } from '../../core/shape.js';

/**
 * Walks every input element of a reduction over `axes`, calling `visit(inputIndex, outputIndex)`.
 * Output indices follow the kept dimensions in order (keepDims does not change the layout).
 */
export function forEachReduced(x: Buf, axes: readonly number[], visit: (i: number, o: number) => void): void {
  const shape = x.shape, rank = shape.length, n = x.data.length;
  if (n === 0) return;
  // Output strides per input dimension: 0 for reduced axes.
  const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const ks = stridesOf(kept);
  const os = shape.map((_, i) => (axes.includes(i) ? 0 : ks[i]));
  // Fast path: reducing only trailing axes -> each output owns a contiguous run.
  const firstReduced = axes.length ? Math.min(...axes) : rank;
  const trailing = axes.length === rank - firstReduced;
  if (trailing) {
    let inner = 1;
    for (let i = firstReduced; i < rank; i++) inner *= shape[i];
    for (let i = 0, o = 0; i < n; o++) for (let j = 0; j < inner; j++, i++) visit(i, o);
    return;
  }
  const idx = new Array<number>(rank).fill(0);
  let o = 0;
  for (let i = 0; i < n; i++) {
    visit(i, o);
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]++;
      o += os[d];
      if (idx[d] < shape[d]) break;
      o -= os[d] * shape[d];
      idx[d] = 0;
    }
  }
}
