import type { FloatArray } from '../core/dtype.js';
import { check, describe } from '../core/errors.js';
import type { Variable } from '../core/variable.js';
import { Optimizer } from './optimizer.js';
import type { OptimizerOptions, Slots, UpdateStep } from './optimizer.js';

/** Options of `sgd`. */
export interface SGDOptions extends OptimizerOptions {
  /** Default 0.01 (Keras). */
  learningRate?: OptimizerOptions['learningRate'];
  /** Velocity decay; 0 (default) is plain gradient descent. */
  momentum?: number;
  /** Nesterov momentum (default false). */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent with optional (Nesterov) momentum. The velocity accumulates raw gradients,
 * `v = momentum * v + g; w -= lr * v` (`w -= lr * (g + momentum * v)` with Nesterov), as PyTorch and
 * TensorFlow.js; with a constant learning rate this equals Keras' form.
 * @example new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })
 */
export class SGD extends Optimizer {
  static readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(options: SGDOptions = {}) {
    super(options, 0.01);
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    check(Number.isFinite(this.momentum) && this.momentum >= 0, 'SGD', () => `momentum must be >= 0, received ${describe(options.momentum)}`);
    check(!this.nesterov || this.momentum > 0, 'SGD', () => 'nesterov needs a momentum > 0');
  }

  protected override readonly readsGradientOnly = true;

  getClassName(): string { return SGD.className; }
  protected slotNames(): readonly string[] { return this.momentum > 0 ? ['momentum'] : []; }
  protected hyperparameters(): Record<string, number | boolean> { return { momentum: this.momentum, nesterov: this.nesterov }; }

  initState(variable: Variable): Slots {
    return this.momentum > 0 ? { momentum: this.zerosFor(variable) } : {};
  }

  update(w: FloatArray, g: FloatArray, state: Slots, { lr }: UpdateStep): void {
    if (this.momentum === 0) {
      for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
      return;
    }
    const v = state.momentum, mu = this.momentum;
    if (this.nesterov) {
      for (let i = 0; i < w.length; i++) {
        v[i] = mu * v[i] + g[i];
        w[i] -= lr * (g[i] + mu * v[i]);
      }
      return;
    }
    for (let i = 0; i < w.length; i++) {
      v[i] = mu * v[i] + g[i];
      w[i] -= lr * v[i];
    }
  }
}
