// The reference GEMM every matrix product and convolution goes through; a native backend replaces it.
// BLIS-style blocking: a KC x NC panel of B and an MC x KC panel of A are packed into float64 scratch (so the
// micro-kernel reads one monomorphic array type and accumulates in double), then a 4x4 register-tiled
// micro-kernel walks them. Packing costs O(mk + kn) against the O(mnk) product.

/** Storage a GEMM operand may use. */
export type FloatArray = Float32Array | Float64Array;

const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 512;
/** Products of at most this many multiply-adds skip packing. */
const SMALL = 32768;

// Scratch reused across calls (kernels run one at a time); packing pads partial tiles with zeros.
const packedA = new Float64Array(MC * KC);
const packedB = new Float64Array(KC * NC);
const edge = new Float64Array(MR * NR);

/**
 * C = op(A) op(B) (beta 0) or C += op(A) op(B) (beta 1), row-major, where op(A) is m x k and op(B) is k x n.
 * A is read as `a[aOff + i*lda + p]`, or `a[aOff + p*lda + i]` when `transA`; B likewise with `ldb`/`transB`;
 * C is written at `c[cOff + i*ldc + j]`. With beta 0 C is never read, so it may hold anything.
 * @example gemm(2, 2, 3, a, 0, 3, false, b, 0, 2, false, c, 0, 2, 0) // c = a[2x3] * b[3x2]
 */
export function gemm(
  m: number, n: number, k: number,
  a: FloatArray, aOff: number, lda: number, transA: boolean,
  b: FloatArray, bOff: number, ldb: number, transB: boolean,
  c: FloatArray, cOff: number, ldc: number, beta: 0 | 1,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (beta === 0) for (let i = 0; i < m; i++) c.fill(0, cOff + i * ldc, cOff + i * ldc + n);
    return;
  }
  // Element (i, p) of op(A) sits at a[aOff + i*rsA + p*csA]; element (p, j) of op(B) at b[bOff + p*rsB + j*csB].
  const rsA = transA ? 1 : lda, csA = transA ? lda : 1;
  const rsB = transB ? 1 : ldb, csB = transB ? ldb : 1;
  if (k <= KC && m * n * k <= SMALL) {
    small(m, n, k, a, aOff, rsA, csA, b, bOff, rsB, csB, c, cOff, ldc, beta);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packB(b, bOff + pc * rsB + jc * csB, rsB, csB, kc, nc);
      const accumulate = pc > 0 || beta === 1;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(a, aOff + ic * rsA + pc * csA, rsA, csA, mc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          const bo = jr * kc;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            micro(kc, ir * kc, bo, c, cOff + (ic + ir) * ldc + jc + jr, ldc, mr, nr, accumulate);
          }
        }
      }
    }
  }
}

/**
 * Small products straight from the operands: packing would cost more than the product. Each element sums over p
 * in order in double, as the packed path does for k <= KC, so both give the same bits.
 */
function small(
  m: number, n: number, k: number,
  a: FloatArray, aOff: number, rsA: number, csA: number,
  b: FloatArray, bOff: number, rsB: number, csB: number,
  c: FloatArray, cOff: number, ldc: number, beta: 0 | 1,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0, ia = aOff + i * rsA, ib = bOff + j * csB; p < k; p++, ia += csA, ib += rsB) s += a[ia] * b[ib];
      const o = cOff + i * ldc + j;
      c[o] = beta === 1 ? c[o] + s : s;
    }
  }
}

/** Packs op(A)[0:mc, 0:kc] as row strips of MR: strip s holds, for each p, its MR row values. */
function packA(a: FloatArray, off: number, rs: number, cs: number, mc: number, kc: number): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = Math.min(MR, mc - ir);
    let o = ir * kc;
    for (let p = 0; p < kc; p++, o += MR) {
      const base = off + ir * rs + p * cs;
      for (let r = 0; r < MR; r++) packedA[o + r] = r < mr ? a[base + r * rs] : 0;
    }
  }
}

/** Packs op(B)[0:kc, 0:nc] as column strips of NR: strip s holds, for each p, its NR column values. */
function packB(b: FloatArray, off: number, rs: number, cs: number, kc: number, nc: number): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    let o = jr * kc;
    if (nr === NR && cs === 1) {
      for (let p = 0, base = off + jr; p < kc; p++, o += NR, base += rs) {
        packedB[o] = b[base]; packedB[o + 1] = b[base + 1]; packedB[o + 2] = b[base + 2]; packedB[o + 3] = b[base + 3];
      }
    } else {
      for (let p = 0; p < kc; p++, o += NR) {
        const base = off + p * rs + jr * cs;
        for (let r = 0; r < NR; r++) packedB[o + r] = r < nr ? b[base + r * cs] : 0;
      }
    }
  }
}

/** The 4x4 register tile: sixteen accumulators over kc, then one store (or add) into C. */
function micro(
  kc: number, ao: number, bo: number,
  c: FloatArray, co: number, ldc: number, mr: number, nr: number, accumulate: boolean,
): void {
  const A = packedA, B = packedB;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++, ao += MR, bo += NR) {
    const a0 = A[ao], a1 = A[ao + 1], a2 = A[ao + 2], a3 = A[ao + 3];
    const b0 = B[bo], b1 = B[bo + 1], b2 = B[bo + 2], b3 = B[bo + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (mr === MR && nr === NR) {
    const r0 = co, r1 = co + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
    if (accumulate) {
      c[r0] += c00; c[r0 + 1] += c01; c[r0 + 2] += c02; c[r0 + 3] += c03;
      c[r1] += c10; c[r1 + 1] += c11; c[r1 + 2] += c12; c[r1 + 3] += c13;
      c[r2] += c20; c[r2 + 1] += c21; c[r2 + 2] += c22; c[r2 + 3] += c23;
      c[r3] += c30; c[r3 + 1] += c31; c[r3 + 2] += c32; c[r3 + 3] += c33;
    } else {
      c[r0] = c00; c[r0 + 1] = c01; c[r0 + 2] = c02; c[r0 + 3] = c03;
      c[r1] = c10; c[r1 + 1] = c11; c[r1 + 2] = c12; c[r1 + 3] = c13;
      c[r2] = c20; c[r2 + 1] = c21; c[r2 + 2] = c22; c[r2 + 3] = c23;
      c[r3] = c30; c[r3 + 1] = c31; c[r3 + 2] = c32; c[r3 + 3] = c33;
    }
    return;
  }
  const e = edge;
  e[0] = c00; e[1] = c01; e[2] = c02; e[3] = c03; e[4] = c10; e[5] = c11; e[6] = c12; e[7] = c13;
  e[8] = c20; e[9] = c21; e[10] = c22; e[11] = c23; e[12] = c30; e[13] = c31; e[14] = c32; e[15] = c33;
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nr; j++) {
      if (accumulate) c[co + i * ldc + j] += e[i * NR + j];
      else c[co + i * ldc + j] = e[i * NR + j];
    }
  }
}
