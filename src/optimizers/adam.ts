import type { FloatArray } from '../core/dtype.js';
import { check, describe } from '../core/errors.js';
import type { Variable } from '../core/variable.js';
import { adamStep } from './adam-step.js';
import { Optimizer } from './optimizer.js';
import type { OptimizerOptions, Slots, UpdateStep } from './optimizer.js';

/** Options of `adam` and `adamw`. */
export interface AdamOptions extends OptimizerOptions {
  /** Decay of the first moment (default 0.9). */
  beta1?: number;
  /** Decay of the second moment (default 0.999). */
  beta2?: number;
  /** Added to the bias-corrected root second moment (default 1e-7, the Keras / TensorFlow.js value). */
  epsilon?: number;
  /** Divide by the running maximum of the second moment (Reddi et al. 2018; default false). */
  amsgrad?: boolean;
}

/** Checks the options shared by the Adam family. */
export function checkBetas(fn: string, o: { beta1?: number; beta2?: number; epsilon?: number }): void {
  for (const k of ['beta1', 'beta2'] as const) {
    const v = o[k];
    check(v === undefined || (v >= 0 && v < 1), fn, () => `${k} must be in [0, 1), received ${describe(v)}`);
  }
  check(o.epsilon === undefined || o.epsilon >= 0, fn, () => `epsilon must be >= 0, received ${describe(o.epsilon)}`);
}

/**
 * Adam (Kingma & Ba, Algorithm 1): `w -= lr * mHat / (sqrt(vHat) + epsilon)` with bias-corrected moments,
 * the placement of epsilon of the paper, PyTorch and TensorFlow.js (Keras adds epsilon before the bias
 * correction of v, which differs by a factor sqrt(1 - beta2^t) on epsilon only).
 * @example new Adam({ learningRate: 0.001, amsgrad: true })
 */
export class Adam extends Optimizer {
  static readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(options: AdamOptions = {}) {
    super(options, 0.001);
    checkBetas(this.getClassName(), options);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.amsgrad = options.amsgrad ?? false;
  }

  protected override readonly readsGradientOnly = true;

  getClassName(): string { return Adam.className; }
  protected slotNames(): readonly string[] { return this.amsgrad ? ['m', 'v', 'vhat'] : ['m', 'v']; }
  protected hyperparameters(): Record<string, number | boolean> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }

  initState(variable: Variable): Slots {
    const s: Slots = { m: this.zerosFor(variable), v: this.zerosFor(variable) };
    if (this.amsgrad) s.vhat = this.zerosFor(variable);
    return s;
  }

  update(w: FloatArray, g: FloatArray, state: Slots, { lr, t }: UpdateStep): void {
    const b1 = this.beta1, b2 = this.beta2;
    adamStep(w, g, state.m, state.v, state.vhat, {
      beta1: b1, beta2: b2, epsilon: this.epsilon, step: lr / (1 - b1 ** t), invSqrtBc2: 1 / Math.sqrt(1 - b2 ** t),
    });
  }
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter): `w -= lr * weightDecay * w` before each Adam step.
 * Default weightDecay 0.004 (Keras; PyTorch's default is 0.01).
 * @example new AdamW({ learningRate: 0.001, weightDecay: 0.01 })
 */
export class AdamW extends Adam {
  static override readonly className: string = 'AdamW';
  constructor(options: AdamOptions = {}) {
    super({ ...options, weightDecay: options.weightDecay ?? 0.004 });
  }
  override getClassName(): string { return AdamW.className; }
}
