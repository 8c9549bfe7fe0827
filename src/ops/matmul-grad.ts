// The cotangents of a matrix product, shared by MatMul and FusedMatMul (not a public op).
import type { Tensor } from '../core/tensor.js';
import { matmul } from './matmul.js';

/** `f()` when `t` needs a gradient, else null. */
function need(t: Tensor, f: () => Tensor): Tensor | null {
  return t.requiresGrad ? f() : null;
}

/**
 * [da, db] for the product op(a) op(b) with cotangent dy: each one product with transpose flags (no explicit
 * transposes), so it differentiates again; null for an input that needs no gradient.
 * @example const [da, db] = matmulGrads(dy, a, b, false, false)
 */
export function matmulGrads(dy: Tensor, a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): [Tensor | null, Tensor | null] {
  if (!transposeA && !transposeB) return [need(a, () => matmul(dy, b, false, true)), need(b, () => matmul(a, dy, true, false))];
  if (!transposeA) return [need(a, () => matmul(dy, b, false, false)), need(b, () => matmul(dy, a, true, false))];
  if (!transposeB) return [need(a, () => matmul(b, dy, false, true)), need(b, () => matmul(a, dy, false, false))];
  return [need(a, () => matmul(b, dy, true, true)), need(b, () => matmul(dy, a, true, true))];
}
