import type { FloatArray } from '../core/dtype.js';
import { check, describe } from '../core/errors.js';
import type { Variable } from '../core/variable.js';
import { Optimizer } from './optimizer.js';
import type { OptimizerOptions, Slots, UpdateStep } from './optimizer.js';

/** Options of `adadelta`. */
export interface AdadeltaOptions extends OptimizerOptions {
  /** Decay of the running averages (default 0.95). */
  rho?: number;
  /** Added inside the square roots (default 1e-7). */
  epsilon?: number;
}

/**
 * Adadelta (Zeiler 2012) scaled by a learning rate, as Keras, TensorFlow.js and PyTorch: running averages of
 * squared gradients and of squared updates.
 * @example new Adadelta({ learningRate: 1, rho: 0.9 })
 */
export class Adadelta extends Optimizer {
  static readonly className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;

  constructor(options: AdadeltaOptions = {}) {
    super(options, 0.001);
    this.rho = options.rho ?? 0.95;
    this.epsilon = options.epsilon ?? 1e-7;
    check(this.rho >= 0 && this.rho <= 1, 'Adadelta', () => `rho must be in [0, 1], received ${describe(options.rho)}`);
    check(this.epsilon >= 0, 'Adadelta', () => `epsilon must be >= 0, received ${describe(options.epsilon)}`);
  }

  protected override readonly readsGradientOnly = true;

  getClassName(): string { return Adadelta.className; }
  protected slotNames(): readonly string[] { return ['accum_grad', 'accum_var']; }
  protected hyperparameters(): Record<string, number | boolean> { return { rho: this.rho, epsilon: this.epsilon }; }

  initState(variable: Variable): Slots {
    return { accum_grad: this.zerosFor(variable), accum_var: this.zerosFor(variable) };
  }

  update(w: FloatArray, g: FloatArray, state: Slots, { lr }: UpdateStep): void {
    const ag = state.accum_grad, av = state.accum_var, rho = this.rho, eps = this.epsilon;
    for (let i = 0; i < w.length; i++) {
      ag[i] = rho * ag[i] + (1 - rho) * g[i] * g[i];
      const delta = Math.sqrt(av[i] + eps) / Math.sqrt(ag[i] + eps) * g[i];
      av[i] = rho * av[i] + (1 - rho) * delta * delta;
      w[i] -= lr * delta;
    }
  }
}
