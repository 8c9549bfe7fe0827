// Feature scalers fitted on training data only, then applied unchanged to validation and test data.
import type { DataArray } from '../core/dtype.js';
import { ArgumentError, describe, fmtShape } from '../core/errors.js';
import { sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { asRowsTensor, rowSize } from './rows.js';

/** Float storage for scaled output: float64 input stays float64, everything else becomes float32. */
function outputArray(t: Tensor): Float32Array | Float64Array {
  return t.dtype === 'float64' ? new Float64Array(t.size) : new Float32Array(t.size);
}

/**
 * Base of the scalers: per-feature `(x - offset) * factor`, features being everything after the first axis.
 * @example class MyScaler extends FeatureScaler { ... }
 */
export abstract class FeatureScaler {
  protected offset: Float64Array | null = null;
  protected factor: Float64Array | null = null;
  private featureShape: readonly number[] = [];

  /** Whether `fit` has been called. */
  get fitted(): boolean { return this.offset !== null; }

  protected abstract compute(data: DataArray, n: number, features: number, fn: string): [Float64Array, Float64Array];
  protected abstract get name(): string;

  /**
   * Learns the per-feature statistics from training rows `x` (shape `[samples, ...features]`).
   * @example scaler.fit(xTrain)
   */
  fit(x: Tensor): this {
    const fn = `${this.name}.fit`;
    const t = asRowsTensor(fn, 'x', x);
    const n = t.shape[0];
    if (n === 0) throw new ArgumentError(fn, `x must have at least one row, received shape ${fmtShape(t.shape)}`);
    const f = rowSize(t);
    for (let i = 0; i < t.storage.length; i++) {
      if (!Number.isFinite(t.storage[i])) {
        throw new ArgumentError(fn, `x must be finite, received ${t.storage[i]} at row ${Math.floor(i / f)}, feature ${i % f}`);
      }
    }
    [this.offset, this.factor] = this.compute(t.storage, n, f, fn);
    this.featureShape = t.shape.slice(1);
    return this;
  }

  private check(fn: string, x: unknown): Tensor {
    if (!this.offset) throw new ArgumentError(fn, `the scaler is not fitted; call fit(xTrain) first`);
    const t = asRowsTensor(fn, 'x', x);
    if (sizeOf(t.shape.slice(1)) !== this.offset.length) {
      throw new ArgumentError(fn, `x must have ${this.offset.length} features per row as when fitted (rows of shape ${fmtShape(this.featureShape)}), received shape ${fmtShape(t.shape)}`);
    }
    return t;
  }

  /**
   * Scales `x` with the fitted statistics (fit on the training set, then transform every set).
   * @example const xTestScaled = scaler.transform(xTest)
   */
  transform(x: Tensor): Tensor {
    const t = this.check(`${this.name}.transform`, x);
    const off = this.offset!, fac = this.factor!, f = off.length, src = t.storage, out = outputArray(t);
    for (let i = 0; i < src.length; i++) { const j = i % f; out[i] = (src[i] - off[j]) * fac[j]; }
    return Tensor.fromStorage(out, t.shape);
  }

  /**
   * Undoes `transform`, mapping scaled values (for example predictions) back to original units.
   * @example const yPred = scaler.inverseTransform(model.predict(x))
   */
  inverseTransform(x: Tensor): Tensor {
    const t = this.check(`${this.name}.inverseTransform`, x);
    const off = this.offset!, fac = this.factor!, f = off.length, src = t.storage, out = outputArray(t);
    for (let i = 0; i < src.length; i++) { const j = i % f; out[i] = src[i] / fac[j] + off[j]; }
    return Tensor.fromStorage(out, t.shape);
  }

  /**
   * Fits on `x` and returns `x` transformed (use on the training set only).
   * @example const xTrainScaled = scaler.fitTransform(xTrain)
   */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }
}

/**
 * Standardizes each feature to mean 0 and standard deviation 1 (population std, as scikit-learn); constant
 * features are only centred.
 * @example const s = new StandardScaler(); const a = s.fitTransform(xTrain); const b = s.transform(xTest)
 */
export class StandardScaler extends FeatureScaler {
  protected get name(): string { return 'StandardScaler'; }

  /** Per-feature means learned by `fit` (null before). */
  get mean(): Float64Array | null { return this.offset ? this.offset.slice() : null; }
  /** Per-feature standard deviations learned by `fit` (1 for constant features; null before). */
  get std(): Float64Array | null { return this.factor ? this.factor.map((v) => 1 / v) : null; }

  protected compute(d: DataArray, n: number, f: number): [Float64Array, Float64Array] {
    const mean = new Float64Array(f), m2 = new Float64Array(f);
    for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) mean[j] += d[i * f + j];
    for (let j = 0; j < f; j++) mean[j] /= n;
    for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) { const c = d[i * f + j] - mean[j]; m2[j] += c * c; }
    const factor = m2.map((s) => { const sd = Math.sqrt(s / n); return sd > 0 ? 1 / sd : 1; });
    return [mean, factor];
  }
}

/** Options of `MinMaxScaler`. */
export interface MinMaxOptions {
  /** Target range of every feature (default [0, 1]). */
  featureRange?: readonly [number, number];
}

/**
 * Rescales each feature linearly so the training minimum and maximum map to `featureRange` (default [0, 1]);
 * constant features map to the range's lower end.
 * @example const s = new MinMaxScaler({ featureRange: [-1, 1] }); s.fit(xTrain); s.transform(xTest)
 */
export class MinMaxScaler extends FeatureScaler {
  private readonly lo: number;
  private readonly hi: number;
  private dataMin: Float64Array | null = null;
  private dataMax: Float64Array | null = null;

  constructor(options: MinMaxOptions = {}) {
    super();
    const r = options.featureRange ?? [0, 1];
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !(r[0] < r[1])) {
      throw new ArgumentError('MinMaxScaler', `featureRange must be [min, max] with min < max, received ${describe(r)}${Array.isArray(r) ? ` ${JSON.stringify(r)}` : ''}`);
    }
    [this.lo, this.hi] = r;
  }

  protected get name(): string { return 'MinMaxScaler'; }

  /** Per-feature minima of the training data (null before `fit`). */
  get min(): Float64Array | null { return this.dataMin ? this.dataMin.slice() : null; }
  /** Per-feature maxima of the training data (null before `fit`). */
  get max(): Float64Array | null { return this.dataMax ? this.dataMax.slice() : null; }

  protected compute(d: DataArray, n: number, f: number): [Float64Array, Float64Array] {
    const mn = new Float64Array(f).fill(Infinity), mx = new Float64Array(f).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < f; j++) { const v = d[i * f + j]; if (v < mn[j]) mn[j] = v; if (v > mx[j]) mx[j] = v; }
    }
    this.dataMin = mn; this.dataMax = mx;
    // (x - offset) * factor == lo + (x - min) * (hi - lo) / (max - min)
    const factor = new Float64Array(f), offset = new Float64Array(f);
    for (let j = 0; j < f; j++) {
      const range = mx[j] - mn[j];
      factor[j] = range > 0 ? (this.hi - this.lo) / range : 1;
      offset[j] = mn[j] - this.lo / factor[j];
    }
    return [offset, factor];
  }
}
