import type { DataArray } from '../../core/dtype.js';
import type { Buf, Kernel } from '../../core/op.js';
import { stridesOf } from '../../core/shape.js';

/**
 * A reference kernel applying `f` to every element. bool outputs store 0/1.
 * @example const kernel = unaryKernel(Math.exp)
 */
export function unaryKernel<A = unknown>(f: (x: number, attrs: A) => number): Kernel<A> {
  return ({ inputs: [x], outputs: [y], attrs }) => {
    const a = x.data, o = y.data, n = o.length;
    for (let i = 0; i < n; i++) o[i] = f(a[i], attrs);
  };
}

/**
 * Strides of `shape` aligned right against an output of rank `rank`, with 0 on broadcast dimensions.
 * @example broadcastStrides([3, 1], [2, 3, 4]) // [0, 1, 0]
 */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const s = stridesOf(shape);
  const off = outShape.length - shape.length;
  return outShape.map((d, i) => (i < off || shape[i - off] === 1 ? 0 : s[i - off]));
}

/**
 * Calls `body(offsetA, offsetB, offsetOut, n, strideA, strideB)` for every innermost row of a broadcast
 * binary op, so kernels loop over contiguous runs instead of recomputing indices per element.
 */
export function forEachBroadcastRow(
  a: Buf, b: Buf, out: Buf,
  body: (ia: number, ib: number, io: number, n: number, sa: number, sb: number) => void,
): void {
  const shape = out.shape, rank = shape.length;
  if (rank === 0) { body(0, 0, 0, 1, 0, 0); return; }
  const sa = broadcastStrides(a.shape, shape), sb = broadcastStrides(b.shape, shape);
  const inner = shape[rank - 1];
  const rows = inner === 0 ? 0 : out.data.length / inner;
  const idx = new Array<number>(rank - 1).fill(0);
  let ia = 0, ib = 0;
  for (let r = 0; r < rows; r++) {
    body(ia, ib, r * inner, inner, sa[rank - 1], sb[rank - 1]);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      ia += sa[d]; ib += sb[d];
      if (idx[d] < shape[d]) break;
      ia -= sa[d] * shape[d]; ib -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/**
 * A reference kernel for a broadcasting binary op computing `f(a, b)`, with fast paths for equal shapes and
 * scalar operands.
 * @example const kernel = binaryKernel((a, b) => a + b)
 */
export function binaryKernel<A = unknown>(f: (a: number, b: number, attrs: A) => number): Kernel<A> {
  return ({ inputs: [x, y], outputs: [z], attrs }) => {
    const a: DataArray = x.data, b: DataArray = y.data, o: DataArray = z.data, n = o.length;
    if (a.length === n && b.length === n) {
      for (let i = 0; i < n; i++) o[i] = f(a[i], b[i], attrs);
    } else if (b.length === 1 && a.length === n) {
      const bv = b[0];
      for (let i = 0; i < n; i++) o[i] = f(a[i], bv, attrs);
    } else if (a.length === 1 && b.length === n) {
      const av = a[0];
      for (let i = 0; i < n; i++) o[i] = f(av, b[i], attrs);
    } else {
      forEachBroadcastRow(x, y, z, (ia, ib, io, len, sa, sb) => {
        for (let i = 0; i < len; i++) o[io + i] = f(a[ia + i * sa], b[ib + i * sb], attrs);
      });
    }
  };
}
