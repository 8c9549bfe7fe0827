import { gradients } from '../core/autograd.js';
import { allocArray } from '../core/dtype.js';
import { withGradMode } from '../core/grad-mode.js';
import { Random } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { GRADCHECK_TOLERANCE } from './tolerance.js';

/** Options of `checkGrads`. */
export interface CheckGradsOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  rtol?: number;
  atol?: number;
  /** Seed of the random direction and cotangent (default 0). */
  seed?: number;
  /** Number of random directions to try (default 2). */
  directions?: number;
}

function randomLike(t: Tensor, rng: Random): Tensor {
  const d = allocArray('float64', t.size);
  for (let i = 0; i < d.length; i++) d[i] = rng.normal();
  return Tensor.fromStorage(d, t.shape, 'float64');
}

function dot(a: Tensor, b: Tensor): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.storage[i] * b.storage[i];
  return s;
}

function shifted(xs: readonly Tensor[], dirs: readonly Tensor[], h: number): Tensor[] {
  return xs.map((x, k) => {
    const d = allocArray('float64', x.size);
    for (let i = 0; i < d.length; i++) d[i] = x.storage[i] + h * dirs[k].storage[i];
    return Tensor.fromStorage(d, x.shape, 'float64');
  });
}

/**
 * Verifies the analytic gradient of `f` at float64 `inputs` against central finite differences:
 * for a random cotangent v and random direction u, <v, (f(x+hu) - f(x-hu)) / 2h> must equal <J^T v, u>.
 * Throws with both numbers when they disagree.
 * @example checkGrads((a, b) => matmul(a, b), [randomNormal([2, 3], 0, 1, 'float64'), randomNormal([3, 4], 0, 1, 'float64')])
 */
export function checkGrads(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], opts: CheckGradsOptions = {}): void {
  inputs.forEach((x, i) => {
    if (x.dtype !== 'float64') throw new Error(`checkGrads: input ${i} must be float64, received ${x.dtype}`);
  });
  const eps = opts.eps ?? 1e-6, rtol = opts.rtol ?? GRADCHECK_TOLERANCE.rtol, atol = opts.atol ?? GRADCHECK_TOLERANCE.atol;
  const rng = new Random(opts.seed ?? 0);
  const leaves = inputs.map((x) => x.detach().requiresGrad_());
  const y = withGradMode(true, () => f(...leaves));
  if (y.dtype !== 'float64') throw new Error(`checkGrads: f must return float64, returned ${y.dtype}`);
  const v = randomLike(y, rng);
  const analytic = gradients(y, leaves, v);
  for (let k = 0; k < (opts.directions ?? 2); k++) {
    const dirs = inputs.map((x) => randomLike(x, rng));
    const plus = withGradMode(false, () => f(...shifted(inputs, dirs, eps)));
    const minus = withGradMode(false, () => f(...shifted(inputs, dirs, -eps)));
    const numeric = (dot(v, plus) - dot(v, minus)) / (2 * eps);
    let exact = 0;
    analytic.forEach((g, i) => { exact += dot(g, dirs[i]); });
    if (!(Math.abs(numeric - exact) <= atol + rtol * Math.max(Math.abs(numeric), Math.abs(exact)))) {
      throw new Error(`checkGrads: analytic directional derivative ${exact} differs from finite difference ${numeric} (direction ${k})`);
    }
  }
}
