import { check, fmtShape } from '../core/errors.js';
import { noGrad } from '../core/grad-mode.js';
import { Tensor } from '../core/tensor.js';
import { toTensor } from '../ops/convert.js';
import type { TensorLike } from '../ops/convert.js';

/**
 * A stateful metric, as Keras: `updateState` accumulates over batches, `result` reads the value, `resetState`
 * starts over (fit resets every metric at each epoch).
 * @example const m = new Precision(); m.updateState(yTrue, yPred); m.result()
 */
export abstract class Metric {
  /** The key under which fit logs this metric ('precision', 'val_precision', ...). */
  name: string;
  constructor(name: string) { this.name = name; }
  /** Accumulates one batch; `sampleWeight` weighs samples ([batch] or the per-sample shape). */
  abstract updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void;
  /** The metric over everything accumulated since the last reset. */
  abstract result(): number;
  /** Forgets the accumulated state. */
  abstract resetState(): void;
}

/**
 * Per-element weights for `values` from a sample weight: a scalar, the same shape, or leading axes of it.
 * Returns null when there is no weight.
 */
export function weightsFor(fn: string, values: Tensor, sampleWeight?: TensorLike | null): Float64Array | null {
  if (sampleWeight === undefined || sampleWeight === null) return null;
  const w = toTensor(fn, 'sampleWeight', sampleWeight);
  const out = new Float64Array(values.size);
  if (w.size === 1) return out.fill(w.storage[0]);
  let shape = [...w.shape];
  while (shape.length > values.rank && shape[shape.length - 1] === 1) shape = shape.slice(0, -1);
  check(shape.length <= values.rank && shape.every((d, i) => d === values.shape[i]), fn,
    () => `sampleWeight of shape ${fmtShape(w.shape)} does not match values of shape ${fmtShape(values.shape)}`);
  const repeat = values.size / Math.max(w.size, 1);
  for (let i = 0; i < values.size; i++) out[i] = w.storage[Math.floor(i / repeat)];
  return out;
}

/**
 * The weighted mean of values passed to `updateState` (Keras `metrics.Mean`); fit tracks losses with it.
 * @example const m = new Mean('loss'); m.updateState(0.5, 32); m.updateState(0.3, 16); m.result() // 0.4333
 */
export class Mean {
  name: string;
  private total = 0;
  private count = 0;
  constructor(name = 'mean') { this.name = name; }

  /** Adds values (a number or tensor) with an optional weight (a count, or per-value weights). */
  updateState(values: TensorLike | number, sampleWeight?: TensorLike | number | null): void {
    if (typeof values === 'number' && (sampleWeight === undefined || sampleWeight === null || typeof sampleWeight === 'number')) {
      // Plain numbers stay in double precision (a scalar tensor would round them to float32).
      const w = sampleWeight ?? 1;
      this.total += values * w;
      this.count += w;
      return;
    }
    const v = toTensor('Mean.updateState', 'values', values);
    const w = weightsFor('Mean.updateState', v, sampleWeight);
    for (let i = 0; i < v.size; i++) {
      const wi = w ? w[i] : 1;
      this.total += v.storage[i] * wi;
      this.count += wi;
    }
  }

  /** The weighted mean so far (NaN before any update, as an empty mean). */
  result(): number { return this.count === 0 ? NaN : this.total / this.count; }
  resetState(): void { this.total = 0; this.count = 0; }
}

/**
 * Turns a per-sample function of (yTrue, yPred) into a stateful metric averaging it over all samples seen
 * (Keras `MeanMetricWrapper`): accuracies, MSE, MAE and losses used as metrics.
 * @example const acc = new MeanMetricWrapper(binaryAccuracy, 'acc')
 */
export class MeanMetricWrapper extends Metric {
  private readonly mean = new Mean();
  constructor(readonly fn: (yTrue: Tensor, yPred: Tensor) => Tensor, name: string) { super(name); }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void {
    const values = noGrad(() => this.fn(toTensor(this.name, 'yTrue', yTrue), toTensor(this.name, 'yPred', yPred)));
    check(values instanceof Tensor, this.name, () => 'the metric function must return a tensor');
    this.mean.updateState(values, sampleWeight);
  }

  result(): number { return this.mean.result(); }
  resetState(): void { this.mean.resetState(); }
}
