import type { Buf, Kernel } from '../../core/op.js';
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

/**
 * A reference kernel folding each reduced group with `combine`, starting from `init`. It accumulates in
 * float64 (so int32 outputs can start from ±Infinity and float32 products round once).
 * @example const maxKernel = foldKernel(-Infinity, (acc, v) => (v > acc || v !== v ? v : acc))
 */
export function foldKernel(init: number, combine: (acc: number, v: number) => number): Kernel<{ readonly axes: readonly number[] }> {
  return ({ inputs: [x], outputs: [y], attrs: { axes } }) => {
    const acc = new Float64Array(y.data.length).fill(init), a = x.data;
    forEachReduced(x, axes, (i, o) => { acc[o] = combine(acc[o], a[i]); });
    y.data.set(acc);
  };
}

/**
 * A reference kernel writing, for each group along `axis`, the position of its best element: the first one for
 * which no later element is `better`; a NaN wins at once (NumPy's argmax/argmin).
 * @example const argmaxKernel = argKernel((v, best) => v > best)
 */
export function argKernel(better: (v: number, best: number) => boolean): Kernel<{ readonly axis: number }> {
  return ({ inputs: [x], outputs: [y], attrs: { axis } }) => {
    const shape = x.shape, n = shape[axis], a = x.data, out = y.data;
    let outer = 1, inner = 1;
    for (let i = 0; i < axis; i++) outer *= shape[i];
    for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const base = o * n * inner + k;
        let best = a[base], bi = 0;
        if (best === best) {
          for (let j = 1; j < n; j++) {
            const v = a[base + j * inner];
            if (v !== v) { bi = j; break; }
            if (better(v, best)) { best = v; bi = j; }
          }
        }
        out[o * inner + k] = bi;
      }
    }
  };
}
