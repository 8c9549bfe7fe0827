import type { FloatArray } from '../core/dtype.js';
import { check, describe } from '../core/errors.js';
import type { Variable } from '../core/variable.js';
import { Optimizer } from './optimizer.js';
import type { OptimizerOptions, Slots, UpdateStep } from './optimizer.js';

/** Options of `adagrad`. */
export interface AdagradOptions extends OptimizerOptions {
  /** Starting value of the squared-gradient sum (default 0.1, as Keras and TensorFlow.js). */
  initialAccumulatorValue?: number;
  /** Added inside the square root (default 1e-7). */
  epsilon?: number;
}

/**
 * Adagrad: `acc += g^2; w -= lr * g / sqrt(acc + epsilon)` (Keras and TensorFlow.js; PyTorch adds epsilon
 * after the square root and starts the sum at 0).
 * @example new Adagrad({ learningRate: 0.1 })
 */
export class Adagrad extends Optimizer {
  static readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    super(options, 0.001);
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0.1;
    this.epsilon = options.epsilon ?? 1e-7;
    check(this.initialAccumulatorValue >= 0, 'Adagrad', () => `initialAccumulatorValue must be >= 0, received ${describe(options.initialAccumulatorValue)}`);
    check(this.epsilon >= 0, 'Adagrad', () => `epsilon must be >= 0, received ${describe(options.epsilon)}`);
  }

  protected override readonly readsGradientOnly = true;

  getClassName(): string { return Adagrad.className; }
  protected slotNames(): readonly string[] { return ['accumulator']; }
  protected hyperparameters(): Record<string, number | boolean> {
    return { initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }

  initState(variable: Variable): Slots {
    return { accumulator: this.zerosFor(variable, this.initialAccumulatorValue) };
  }

  update(w: FloatArray, g: FloatArray, state: Slots, { lr }: UpdateStep): void {
    const acc = state.accumulator, eps = this.epsilon;
    for (let i = 0; i < w.length; i++) {
      acc[i] += g[i] * g[i];
      w[i] -= lr * g[i] / Math.sqrt(acc[i] + eps);
    }
  }
}
