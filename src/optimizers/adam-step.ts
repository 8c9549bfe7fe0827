// One Adam step as a kernel a backend can replace: the loop below is the specification (the update is a large
// part of a small model's training step, so the native backend runs it vectorized, in float arithmetic).
// It is not an op users call: `Adam.update` runs the kernel directly on a weight's arrays, in place.
import { getBackend } from '../core/backend.js';
import type { FloatArray } from '../core/dtype.js';
import { op } from '../core/op.js';
import type { Buf, Kernel, OpDef } from '../core/op.js';

/** The scalars of one step, computed once per variable. */
export interface AdamStepAttrs {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** lr / (1 - beta1^t). */
  readonly step: number;
  /** 1 / sqrt(1 - beta2^t). */
  readonly invSqrtBc2: number;
}

/**
 * inputs [g]; outputs [w, m, v] (or [w, m, v, vhat] with AMSGrad) are read and updated in place:
 * m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, w -= step m / (sqrt(v or vhat) invSqrtBc2 + epsilon).
 */
export const AdamStep = op<AdamStepAttrs>({
  name: 'AdamStep', api: 'adam',
  infer: ([g]) => g,
  kernel: ({ inputs: [gb], outputs: [wb, mb, vb, vhb], attrs: { beta1: b1, beta2: b2, epsilon: eps, step, invSqrtBc2 } }) => {
    const g = gb.data, w = wb.data, m = mb.data, v = vb.data;
    const c1 = 1 - b1, c2 = 1 - b2;
    if (vhb) {
      const vhat = vhb.data;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        m[i] = b1 * m[i] + c1 * gi;
        v[i] = b2 * v[i] + c2 * gi * gi;
        vhat[i] = Math.max(vhat[i], v[i]);
        w[i] -= step * m[i] / (Math.sqrt(vhat[i]) * invSqrtBc2 + eps);
      }
      return;
    }
    for (let i = 0; i < w.length; i++) {
      const gi = g[i];
      m[i] = b1 * m[i] + c1 * gi;
      v[i] = b2 * v[i] + c2 * gi * gi;
      w[i] -= step * m[i] / (Math.sqrt(v[i]) * invSqrtBc2 + eps);
    }
  },
});

function buf(data: FloatArray): Buf {
  return { data, shape: [data.length], dtype: data instanceof Float64Array ? 'float64' : 'float32' };
}

/**
 * Runs one Adam step on the active backend (its kernel when it has one, else the reference loop).
 * @example adamStep(w, g, m, v, undefined, { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1e-2, invSqrtBc2: 31.6 })
 */
export function adamStep(w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, vhat: FloatArray | undefined, attrs: AdamStepAttrs): void {
  const kernel = (getBackend().kernel(AdamStep as OpDef<unknown>) ?? AdamStep.kernel) as Kernel<AdamStepAttrs>;
  kernel({ inputs: [buf(g)], outputs: vhat ? [buf(w), buf(m), buf(v), buf(vhat)] : [buf(w), buf(m), buf(v)], attrs });
}
