import type { FloatArray } from '../core/dtype.js';
import type { Variable } from '../core/variable.js';
import { checkBetas } from './adam.js';
import { Optimizer } from './optimizer.js';
import type { OptimizerOptions, Slots, UpdateStep } from './optimizer.js';

/** Options of `nadam`. */
export interface NadamOptions extends OptimizerOptions {
  beta1?: number;
  beta2?: number;
  /** Added to the bias-corrected root second moment (default 1e-7). */
  epsilon?: number;
}

/** Momentum decay of Dozat's schedule, `mu_t = beta1 * (1 - 0.5 * 0.96^(0.004 t))` (Keras and PyTorch). */
const MOMENTUM_DECAY = 0.004;

/**
 * Nadam, Adam with Nesterov momentum and Dozat's momentum schedule, as Keras and PyTorch's NAdam.
 * @example new Nadam({ learningRate: 0.002 })
 */
export class Nadam extends Optimizer {
  static readonly className = 'Nadam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** products[t] = mu_1 * ... * mu_t, derived from the step so it needs no saving. */
  private readonly products = [1];

  constructor(options: NadamOptions = {}) {
    super(options, 0.001);
    checkBetas('Nadam', options);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected override readonly readsGradientOnly = true;

  getClassName(): string { return Nadam.className; }
  protected slotNames(): readonly string[] { return ['m', 'v']; }
  protected hyperparameters(): Record<string, number | boolean> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  initState(variable: Variable): Slots {
    return { m: this.zerosFor(variable), v: this.zerosFor(variable) };
  }

  private mu(t: number): number {
    return this.beta1 * (1 - 0.5 * 0.96 ** (t * MOMENTUM_DECAY));
  }

  private product(t: number): number {
    for (let k = this.products.length; k <= t; k++) this.products.push(this.products[k - 1] * this.mu(k));
    return this.products[t];
  }

  update(w: FloatArray, g: FloatArray, state: Slots, { lr, t }: UpdateStep): void {
    const { m, v } = state;
    const b1 = this.beta1, b2 = this.beta2, eps = this.epsilon;
    const mu = this.mu(t), muNext = this.mu(t + 1);
    const prod = this.product(t), prodNext = prod * muNext;
    const sqrtBc2 = Math.sqrt(1 - b2 ** t);
    const cg = lr * (1 - mu) / (1 - prod), cm = lr * muNext / (1 - prodNext);
    for (let i = 0; i < w.length; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      const denom = Math.sqrt(v[i]) / sqrtBc2 + eps;
      w[i] -= (cg * g[i] + cm * m[i]) / denom;
    }
  }
}
