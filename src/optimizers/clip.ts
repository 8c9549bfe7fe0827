import type { FloatArray } from '../core/dtype.js';

/** The Euclidean norm of one array. */
export function l2Norm(a: FloatArray): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/**
 * Rescales `g` in place so its L2 norm is at most `maxNorm` (Keras `clipnorm`, per gradient).
 * @example clipByNormInPlace(g, 1)
 */
export function clipByNormInPlace(g: FloatArray, maxNorm: number): void {
  const n = l2Norm(g);
  if (n > maxNorm) scale(g, maxNorm / n);
}

/**
 * Rescales every array in place so their joint L2 norm is at most `maxNorm` (Keras `global_clipnorm`);
 * returns the norm before clipping.
 * @example const norm = clipByGlobalNormInPlace([g1, g2], 5)
 */
export function clipByGlobalNormInPlace(gs: readonly FloatArray[], maxNorm: number): number {
  let s = 0;
  for (const g of gs) for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  const n = Math.sqrt(s);
  if (n > maxNorm) for (const g of gs) scale(g, maxNorm / n);
  return n;
}

/**
 * Clamps every element of `g` in place to [-maxValue, maxValue] (Keras `clipvalue`).
 * @example clipByValueInPlace(g, 0.5)
 */
export function clipByValueInPlace(g: FloatArray, maxValue: number): void {
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    if (v > maxValue) g[i] = maxValue;
    else if (v < -maxValue) g[i] = -maxValue;
  }
}

function scale(g: FloatArray, f: number): void {
  for (let i = 0; i < g.length; i++) g[i] *= f;
}
