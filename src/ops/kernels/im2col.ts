// Lowering of a convolution to a matrix product. Row r of the column matrix is the receptive field of output
// pixel r, laid out (ki, kj, c) to match a [kh, kw, Cin, Cout] filter flattened to [kh*kw*Cin, Cout]; padded
// taps are zeros. Kernels work on bands of output rows so the column matrix stays small.
import type { FloatArray } from './gemm.js';
import type { WindowGeometry } from './conv-geometry.js';

/** Upper bound on column-matrix elements per band (8 MiB in float64). */
const BAND_ELEMENTS = 1 << 20;

/**
 * The number of output rows per band so a band's column matrix stays under the size bound (at least one).
 * @example const rows = bandRows(g)
 */
export function bandRows(g: WindowGeometry): number {
  const perRow = g.outW * g.kh * g.kw * g.inC;
  return Math.max(1, Math.min(g.outH, Math.floor(BAND_ELEMENTS / Math.max(perRow, 1))));
}

/**
 * Fills `col` with the receptive fields of output rows [oh0, oh1) of the image starting at `xOff` in `x`.
 * @example im2col(x, n * H * W * C, g, 0, g.outH, col)
 */
export function im2col(x: FloatArray, xOff: number, g: WindowGeometry, oh0: number, oh1: number, col: FloatArray): void {
  const { inH, inW, inC, kh, kw, strideH, strideW, dilH, dilW, padTop, padLeft, outW } = g;
  let r = 0;
  for (let oh = oh0; oh < oh1; oh++) {
    for (let ow = 0; ow < outW; ow++) {
      for (let ki = 0; ki < kh; ki++) {
        const ih = oh * strideH - padTop + ki * dilH;
        if (ih < 0 || ih >= inH) {
          col.fill(0, r, r + kw * inC);
          r += kw * inC;
          continue;
        }
        for (let kj = 0; kj < kw; kj++) {
          const iw = ow * strideW - padLeft + kj * dilW;
          if (iw < 0 || iw >= inW) {
            col.fill(0, r, r + inC);
          } else {
            const src = xOff + (ih * inW + iw) * inC;
            for (let c = 0; c < inC; c++) col[r + c] = x[src + c];
          }
          r += inC;
        }
      }
    }
  }
}

/**
 * Adds each receptive-field row of `col` (output rows [oh0, oh1)) back into the image at `dxOff` in `dx`:
 * the adjoint of `im2col`, used for the gradient with respect to the input.
 * @example col2im(dcol, g, 0, g.outH, dx, n * H * W * C)
 */
export function col2im(col: FloatArray, g: WindowGeometry, oh0: number, oh1: number, dx: FloatArray, dxOff: number): void {
  const { inH, inW, inC, kh, kw, strideH, strideW, dilH, dilW, padTop, padLeft, outW } = g;
  let r = 0;
  for (let oh = oh0; oh < oh1; oh++) {
    for (let ow = 0; ow < outW; ow++) {
      for (let ki = 0; ki < kh; ki++) {
        const ih = oh * strideH - padTop + ki * dilH;
        if (ih < 0 || ih >= inH) {
          r += kw * inC;
          continue;
        }
        for (let kj = 0; kj < kw; kj++) {
          const iw = ow * strideW - padLeft + kj * dilW;
          if (iw >= 0 && iw < inW) {
            const dst = dxOff + (ih * inW + iw) * inC;
            for (let c = 0; c < inC; c++) dx[dst + c] += col[r + c];
          }
          r += inC;
        }
      }
    }
  }
}
