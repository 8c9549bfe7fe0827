import type { FloatArray } from '../core/dtype.js';
import type { Variable } from '../core/variable.js';
import { checkBetas } from './adam.js';
import { Optimizer } from './optimizer.js';
import type { OptimizerOptions, Slots, UpdateStep } from './optimizer.js';

/** Options of `adamax`. */
export interface AdamaxOptions extends OptimizerOptions {
  beta1?: number;
  beta2?: number;
  /** Added to the infinity norm (default 1e-7; PyTorch adds it inside the max instead). */
  epsilon?: number;
}

/**
 * Adamax, Adam with the infinity norm: `u = max(beta2 * u, |g|); w -= lr / (1 - beta1^t) * m / (u + epsilon)`.
 * @example new Adamax({ learningRate: 0.002 })
 */
export class Adamax extends Optimizer {
  static readonly className = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(options: AdamaxOptions = {}) {
    super(options, 0.001);
    checkBetas('Adamax', options);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected override readonly readsGradientOnly = true;

  getClassName(): string { return Adamax.className; }
  protected slotNames(): readonly string[] { return ['m', 'v']; }
  protected hyperparameters(): Record<string, number | boolean> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  initState(variable: Variable): Slots {
    return { m: this.zerosFor(variable), v: this.zerosFor(variable) };
  }

  update(w: FloatArray, g: FloatArray, state: Slots, { lr, t }: UpdateStep): void {
    const { m, v: u } = state;
    const b1 = this.beta1, b2 = this.beta2, eps = this.epsilon;
    const rate = lr / (1 - b1 ** t);
    for (let i = 0; i < w.length; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      u[i] = Math.max(b2 * u[i], Math.abs(g[i]));
      w[i] -= rate * m[i] / (u[i] + eps);
    }
  }
}
