// Metrics built on confusion counts: precision, recall, F1, and the confusionMatrix helper.
import { check, describe, fmtShape } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { toTensor } from '../ops/convert.js';
import type { TensorLike } from '../ops/convert.js';
import { targetsAndPredictions } from '../losses/reduction.js';
import { Metric, weightsFor } from './metric.js';

/** Options of `Precision` and `Recall`. */
export interface ThresholdOptions {
  /** A prediction above it is positive (default 0.5). */
  thresholds?: number;
  /** Only count this class (column of the last axis). */
  classId?: number;
  /** Only the k highest predictions of each row may be positive. */
  topK?: number;
  name?: string;
}

/** Visits every (label, predicted positive, weight) element, as Keras' update_confusion_matrix_variables. */
function forEachDecision(fn: string, yTrue: TensorLike, yPred: TensorLike, sampleWeight: TensorLike | null | undefined,
  o: ThresholdOptions, visit: (label: boolean, positive: boolean, weight: number) => void): void {
  const [t, p] = targetsAndPredictions(fn, yTrue, yPred);
  const w = weightsFor(fn, p, sampleWeight);
  const threshold = o.thresholds ?? 0.5;
  const c = p.rank === 0 ? 1 : p.shape[p.rank - 1];
  if (o.classId !== undefined) {
    check(Number.isInteger(o.classId) && o.classId >= 0 && o.classId < c, fn, () => `classId must be in [0, ${c}), received ${describe(o.classId)}`);
  }
  const a = t.storage, b = p.storage;
  for (let i = 0; i < b.length; i++) {
    const col = i % c;
    if (o.classId !== undefined && col !== o.classId) continue;
    let positive = b[i] > threshold;
    if (positive && o.topK !== undefined) {
      let larger = 0;
      for (let j = i - col; j < i - col + c; j++) if (b[j] > b[i]) larger++;
      positive = larger < o.topK;
    }
    visit(a[i] !== 0, positive, w ? w[i] : 1);
  }
}

abstract class CountsMetric extends Metric {
  protected tp = 0; protected fp = 0; protected fn = 0;
  constructor(name: string, protected readonly options: ThresholdOptions) {
    super(options.name ?? name);
    const t = options.thresholds ?? 0.5;
    check(typeof t === 'number' && t >= 0 && t <= 1, name, () => `thresholds must be a number in [0, 1], received ${describe(t)}`);
    check(options.topK === undefined || (Number.isInteger(options.topK) && options.topK >= 1), name,
      () => `topK must be a positive integer, received ${describe(options.topK)}`);
  }
  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void {
    forEachDecision(this.name, yTrue, yPred, sampleWeight, this.options, (label, positive, w) => {
      if (positive && label) this.tp += w;
      else if (positive) this.fp += w;
      else if (label) this.fn += w;
    });
  }
  resetState(): void { this.tp = 0; this.fp = 0; this.fn = 0; }
}

/**
 * Precision tp / (tp + fp) over all samples seen (0 when nothing was predicted positive), as Keras.
 * @example const p = new Precision(); p.updateState([0, 1, 1], [0.8, 0.9, 0.2]); p.result() // 0.5
 */
export class Precision extends CountsMetric {
  constructor(options: ThresholdOptions = {}) { super('precision', options); }
  result(): number { return this.tp + this.fp === 0 ? 0 : this.tp / (this.tp + this.fp); }
}

/**
 * Recall tp / (tp + fn) over all samples seen (0 when there was no positive label), as Keras.
 * @example const r = new Recall(); r.updateState([0, 1, 1], [0.8, 0.9, 0.2]); r.result() // 0.5
 */
export class Recall extends CountsMetric {
  constructor(options: ThresholdOptions = {}) { super('recall', options); }
  result(): number { return this.tp + this.fn === 0 ? 0 : this.tp / (this.tp + this.fn); }
}

/** Options of `F1Score`. */
export interface F1Options {
  /** 'macro' (default: unweighted mean over classes), 'micro' (global counts) or 'weighted' (by support). */
  average?: 'macro' | 'micro' | 'weighted';
  /**
   * A prediction above it is positive. Default: 0.5 for a single output column, else the arg-max of each row
   * is the one positive class (Keras' threshold=None).
   */
  threshold?: number;
  name?: string;
}

/**
 * The F1 score 2 P R / (P + R) per class, averaged (Keras 3 `F1Score` with a scalar result).
 * @example const f = new F1Score(); f.updateState([[1], [0], [1]], [[0.8], [0.6], [0.3]]); f.result() // 0.5
 */
export class F1Score extends Metric {
  private tp: number[] = []; private fp: number[] = []; private fn: number[] = []; private support: number[] = [];
  constructor(private readonly options: F1Options = {}) {
    super(options.name ?? 'f1_score');
    const avg = options.average ?? 'macro';
    check(['macro', 'micro', 'weighted'].includes(avg), 'F1Score', () => `average must be 'macro', 'micro' or 'weighted', received ${describe(avg)}`);
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void {
    const [t, p] = targetsAndPredictions(this.name, yTrue, yPred);
    const w = weightsFor(this.name, p, sampleWeight);
    const c = p.rank === 0 ? 1 : p.shape[p.rank - 1];
    while (this.tp.length < c) { this.tp.push(0); this.fp.push(0); this.fn.push(0); this.support.push(0); }
    const threshold = this.options.threshold ?? (c === 1 ? 0.5 : undefined);
    const a = t.storage, b = p.storage;
    for (let r = 0; r * c < b.length; r++) {
      let best = r * c;
      for (let j = r * c + 1; j < (r + 1) * c; j++) if (b[j] > b[best]) best = j;
      for (let j = r * c; j < (r + 1) * c; j++) {
        const positive = threshold === undefined ? j === best : b[j] > threshold;
        const label = a[j] !== 0, wj = w ? w[j] : 1, k = j - r * c;
        if (positive && label) this.tp[k] += wj;
        else if (positive) this.fp[k] += wj;
        else if (label) this.fn[k] += wj;
        if (label) this.support[k] += wj;
      }
    }
  }

  result(): number {
    const f1 = (tp: number, fp: number, fn: number): number => {
      const p = tp + fp === 0 ? 0 : tp / (tp + fp), r = tp + fn === 0 ? 0 : tp / (tp + fn);
      return p + r === 0 ? 0 : 2 * p * r / (p + r);
    };
    const avg = this.options.average ?? 'macro';
    const sum = (a: number[]): number => a.reduce((s, x) => s + x, 0);
    if (avg === 'micro') return f1(sum(this.tp), sum(this.fp), sum(this.fn));
    const scores = this.tp.map((tp, k) => f1(tp, this.fp[k], this.fn[k]));
    if (avg === 'weighted') {
      const total = sum(this.support);
      return total === 0 ? 0 : scores.reduce((s, x, k) => s + x * this.support[k], 0) / total;
    }
    return scores.length === 0 ? 0 : sum(scores) / scores.length;
  }

  resetState(): void { this.tp = []; this.fp = []; this.fn = []; this.support = []; }
}

/**
 * The confusion matrix of integer labels against integer predictions: entry [i, j] counts (or sums the weights
 * of) samples of class i predicted as j, as `tf.math.confusionMatrix`. `numClasses` defaults to the largest
 * label or prediction + 1.
 * @example confusionMatrix([0, 1, 1], [0, 1, 0]) // [[1, 0], [1, 1]]
 */
export function confusionMatrix(labels: TensorLike, predictions: TensorLike, numClasses?: number, weights?: TensorLike): Tensor {
  const fn = 'confusionMatrix';
  const l = toTensor(fn, 'labels', labels), p = toTensor(fn, 'predictions', predictions);
  check(l.size === p.size, fn, () => `labels and predictions must have the same size, received ${fmtShape(l.shape)} and ${fmtShape(p.shape)}`);
  const w = weights === undefined ? null : toTensor(fn, 'weights', weights);
  check(!w || w.size === l.size, fn, () => `weights must have one value per label, received ${fmtShape(w!.shape)}`);
  let n = numClasses ?? 0;
  for (const a of [l.storage, p.storage]) {
    for (let i = 0; i < a.length; i++) {
      check(Number.isInteger(a[i]) && a[i] >= 0, fn, () => `labels and predictions must be non-negative integers, received ${a[i]}`);
      if (numClasses === undefined) n = Math.max(n, a[i] + 1);
      else check(a[i] < numClasses, fn, () => `values must be below numClasses ${numClasses}, received ${a[i]}`);
    }
  }
  const useFloat = w !== null && (w.dtype === 'float32' || w.dtype === 'float64');
  const out = useFloat ? new Float32Array(n * n) : new Int32Array(n * n);
  for (let i = 0; i < l.size; i++) out[l.storage[i] * n + p.storage[i]] += w ? w.storage[i] : 1;
  return Tensor.fromStorage(out, [n, n], useFloat ? 'float32' : 'int32');
}
