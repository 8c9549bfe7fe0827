import type { FloatArray } from '../core/dtype.js';
import { check, describe } from '../core/errors.js';
import type { Variable } from '../core/variable.js';
import { Optimizer } from './optimizer.js';
import type { OptimizerOptions, Slots, UpdateStep } from './optimizer.js';

/** Options of `rmsprop`. */
export interface RMSpropOptions extends OptimizerOptions {
  /** Decay of the mean square (Keras `rho`, TensorFlow.js `decay`; default 0.9). */
  rho?: number;
  /** Momentum of the scaled update (default 0). */
  momentum?: number;
  /** Added inside the square root (default 1e-7, Keras and TensorFlow.js; PyTorch adds it after). */
  epsilon?: number;
  /** Normalize by the variance instead of the raw second moment (default false). */
  centered?: boolean;
}

/**
 * RMSprop: `ms = rho * ms + (1 - rho) g^2` (centered: minus the square of the mean gradient),
 * `step = lr * g / sqrt(ms + epsilon)`, optionally through a momentum buffer.
 * @example new RMSprop({ learningRate: 0.01, momentum: 0.9, centered: true })
 */
export class RMSprop extends Optimizer {
  static readonly className = 'RMSProp';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(options: RMSpropOptions = {}) {
    super(options, 0.001);
    this.rho = options.rho ?? 0.9;
    this.momentum = options.momentum ?? 0;
    this.epsilon = options.epsilon ?? 1e-7;
    this.centered = options.centered ?? false;
    check(this.rho >= 0 && this.rho <= 1, 'RMSprop', () => `rho must be in [0, 1], received ${describe(options.rho)}`);
    check(this.momentum >= 0, 'RMSprop', () => `momentum must be >= 0, received ${describe(options.momentum)}`);
    check(this.epsilon >= 0, 'RMSprop', () => `epsilon must be >= 0, received ${describe(options.epsilon)}`);
  }

  protected override readonly readsGradientOnly = true;

  getClassName(): string { return RMSprop.className; }
  protected slotNames(): readonly string[] {
    return ['rms', ...(this.momentum > 0 ? ['momentum'] : []), ...(this.centered ? ['mg'] : [])];
  }
  protected hyperparameters(): Record<string, number | boolean> {
    return { rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }

  initState(variable: Variable): Slots {
    const s: Slots = { rms: this.zerosFor(variable) };
    if (this.momentum > 0) s.momentum = this.zerosFor(variable);
    if (this.centered) s.mg = this.zerosFor(variable);
    return s;
  }

  update(w: FloatArray, g: FloatArray, state: Slots, { lr }: UpdateStep): void {
    const { rms, momentum: mom, mg } = state;
    const rho = this.rho, mu = this.momentum, eps = this.epsilon;
    for (let i = 0; i < w.length; i++) {
      rms[i] = rho * rms[i] + (1 - rho) * g[i] * g[i];
      let denom = rms[i];
      if (mg) {
        mg[i] = rho * mg[i] + (1 - rho) * g[i];
        denom -= mg[i] * mg[i];
      }
      const step = lr * g[i] / Math.sqrt(denom + eps);
      if (mom) {
        mom[i] = mu * mom[i] + step;
        w[i] -= mom[i];
      } else w[i] -= step;
    }
  }
}
