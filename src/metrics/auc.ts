import { check, describe } from '../core/errors.js';
import type { TensorLike } from '../ops/convert.js';
import { targetsAndPredictions } from '../losses/reduction.js';
import { Metric, weightsFor } from './metric.js';

/** Options of `AUC`. */
export interface AUCOptions {
  /** Number of thresholds in [0, 1] the curve is sampled at (default 200). */
  numThresholds?: number;
  /** 'ROC' (default) or 'PR' (precision-recall). */
  curve?: 'ROC' | 'PR';
  /** 'interpolation' (default: trapezoids for ROC, Davis & Goadrich for PR), 'minoring' or 'majoring'. */
  summationMethod?: 'interpolation' | 'minoring' | 'majoring';
  /** Predictions are logits: a sigmoid is applied first (default false). */
  fromLogits?: boolean;
  name?: string;
}

/**
 * Area under the ROC or precision-recall curve, approximated at evenly spaced thresholds exactly as Keras'
 * `AUC` (every element of multi-column predictions counts as one binary decision).
 * @example const auc = new AUC(); auc.updateState([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); auc.result() // 0.75
 */
export class AUC extends Metric {
  readonly numThresholds: number;
  readonly curve: 'ROC' | 'PR';
  readonly summationMethod: 'interpolation' | 'minoring' | 'majoring';
  private readonly thresholds: number[];
  /** Weights of positive / negative labels per bucket: bucket b holds predictions above exactly b thresholds. */
  private pos: Float64Array;
  private neg: Float64Array;

  constructor(private readonly options: AUCOptions = {}) {
    super(options.name ?? 'auc');
    const n = options.numThresholds ?? 200;
    check(Number.isInteger(n) && n > 1, 'AUC', () => `numThresholds must be an integer > 1, received ${describe(n)}`);
    this.numThresholds = n;
    this.curve = options.curve ?? 'ROC';
    this.summationMethod = options.summationMethod ?? 'interpolation';
    check(this.curve === 'ROC' || this.curve === 'PR', 'AUC', () => `curve must be 'ROC' or 'PR', received ${describe(this.curve)}`);
    check(['interpolation', 'minoring', 'majoring'].includes(this.summationMethod), 'AUC',
      () => `summationMethod must be 'interpolation', 'minoring' or 'majoring', received ${describe(this.summationMethod)}`);
    // Keras: -eps, 1/(n-1), ..., (n-2)/(n-1), 1 + eps, so 0 and 1 fall strictly inside.
    this.thresholds = [-1e-7, ...Array.from({ length: n - 2 }, (_, i) => (i + 1) / (n - 1)), 1 + 1e-7];
    this.pos = new Float64Array(n + 1);
    this.neg = new Float64Array(n + 1);
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void {
    const [t, p] = targetsAndPredictions(this.name, yTrue, yPred);
    const w = weightsFor(this.name, p, sampleWeight);
    const th = this.thresholds;
    for (let i = 0; i < p.size; i++) {
      let v = p.storage[i];
      if (this.options.fromLogits) v = 1 / (1 + Math.exp(-v));
      // The number of thresholds strictly below v (binary search over the sorted thresholds).
      let lo = 0, hi = th.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (th[mid] < v) lo = mid + 1; else hi = mid;
      }
      (t.storage[i] !== 0 ? this.pos : this.neg)[lo] += w ? w[i] : 1;
    }
  }

  /** True/false positives/negatives at each threshold. */
  private counts(): { tp: number[]; fp: number[]; tn: number[]; fn: number[] } {
    const n = this.numThresholds;
    const tp = new Array<number>(n).fill(0), fp = new Array<number>(n).fill(0);
    let totalPos = 0, totalNeg = 0;
    for (let b = 0; b <= n; b++) { totalPos += this.pos[b]; totalNeg += this.neg[b]; }
    // A prediction in bucket b exceeds thresholds 0..b-1.
    let accPos = 0, accNeg = 0;
    for (let i = n - 1; i >= 0; i--) {
      accPos += this.pos[i + 1]; accNeg += this.neg[i + 1];
      tp[i] = accPos; fp[i] = accNeg;
    }
    return { tp, fp, tn: fp.map((f) => totalNeg - f), fn: tp.map((x) => totalPos - x) };
  }

  result(): number {
    const { tp, fp, tn, fn } = this.counts();
    const n = this.numThresholds;
    const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);
    if (this.curve === 'PR' && this.summationMethod === 'interpolation') return this.interpolatePR(tp, fp, fn);
    const x: number[] = [], y: number[] = [];
    for (let i = 0; i < n; i++) {
      if (this.curve === 'ROC') { x.push(div(fp[i], fp[i] + tn[i])); y.push(div(tp[i], tp[i] + fn[i])); }
      else { x.push(div(tp[i], tp[i] + fn[i])); y.push(div(tp[i], tp[i] + fp[i])); }
    }
    let area = 0;
    for (let i = 0; i < n - 1; i++) {
      const h = this.summationMethod === 'interpolation' ? (y[i] + y[i + 1]) / 2
        : this.summationMethod === 'minoring' ? Math.min(y[i], y[i + 1]) : Math.max(y[i], y[i + 1]);
      area += (x[i] - x[i + 1]) * h;
    }
    return area;
  }

  /** Keras' interpolate_pr_auc: precision interpolated linearly in the number of positives (Davis & Goadrich 2006). */
  private interpolatePR(tp: number[], fp: number[], fn: number[]): number {
    let area = 0;
    for (let i = 0; i < this.numThresholds - 1; i++) {
      const dtp = tp[i] - tp[i + 1];
      const p0 = tp[i] + fp[i], p1 = tp[i + 1] + fp[i + 1];
      const dp = p0 - p1;
      const slope = dp > 0 ? dtp / dp : 0;
      const intercept = tp[i + 1] - slope * p1;
      const ratio = p0 > 0 && p1 > 0 ? p0 / p1 : 1;
      const denom = tp[i + 1] + fn[i + 1];
      if (denom > 0) area += slope * (dtp + intercept * Math.log(ratio)) / denom;
    }
    return area;
  }

  resetState(): void {
    this.pos.fill(0);
    this.neg.fill(0);
  }
}
