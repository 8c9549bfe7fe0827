import { check, describe } from '../core/errors.js';
import type { TensorLike } from '../ops/convert.js';
import { targetsAndPredictions } from '../losses/reduction.js';
import { Mean, Metric, weightsFor } from './metric.js';

/**
 * sqrt of the mean squared error over every element seen (Keras `RootMeanSquaredError`).
 * @example const m = new RootMeanSquaredError(); m.updateState([0, 0], [3, 4]); m.result() // 3.5355
 */
export class RootMeanSquaredError extends Metric {
  private readonly mean = new Mean();
  constructor(name = 'root_mean_squared_error') { super(name); }
  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void {
    const [t, p] = targetsAndPredictions(this.name, yTrue, yPred);
    const w = weightsFor(this.name, p, sampleWeight);
    const sq = new Float64Array(p.size);
    for (let i = 0; i < p.size; i++) sq[i] = (p.storage[i] - t.storage[i]) ** 2;
    this.mean.updateState(sq, w);
  }
  result(): number { return Math.sqrt(this.mean.result()); }
  resetState(): void { this.mean.resetState(); }
}

/** Options of `R2Score`. */
export interface R2Options {
  /** How per-output scores combine: 'uniformAverage' (default) or 'varianceWeightedAverage'. */
  classAggregation?: 'uniformAverage' | 'varianceWeightedAverage';
  name?: string;
}

/**
 * The coefficient of determination 1 - SS_res / SS_tot per output column, averaged (Keras 3 `R2Score`).
 * @example const r2 = new R2Score(); r2.updateState([[1], [2], [3]], [[1], [2], [4]]); r2.result() // 0.5
 */
export class R2Score extends Metric {
  private sum: number[] = []; private sumSq: number[] = []; private res: number[] = []; private count: number[] = [];
  constructor(private readonly options: R2Options = {}) {
    super(options.name ?? 'r2_score');
    const agg = options.classAggregation ?? 'uniformAverage';
    check(agg === 'uniformAverage' || agg === 'varianceWeightedAverage', 'R2Score',
      () => `classAggregation must be 'uniformAverage' or 'varianceWeightedAverage', received ${describe(agg)}`);
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void {
    const [t, p] = targetsAndPredictions(this.name, yTrue, yPred);
    const w = weightsFor(this.name, p, sampleWeight);
    const c = p.rank < 2 ? 1 : p.shape[p.rank - 1];
    while (this.sum.length < c) { this.sum.push(0); this.sumSq.push(0); this.res.push(0); this.count.push(0); }
    for (let i = 0; i < p.size; i++) {
      const k = i % c, wi = w ? w[i] : 1, y = t.storage[i];
      this.sum[k] += wi * y;
      this.sumSq[k] += wi * y * y;
      this.res[k] += wi * (y - p.storage[i]) ** 2;
      this.count[k] += wi;
    }
  }

  result(): number {
    const scores: number[] = [], weights: number[] = [];
    this.sum.forEach((s, k) => {
      const mean = s / this.count[k];
      const tot = this.sumSq[k] - s * mean;
      // A constant target has no variance to explain: 0 as Keras (1 when also predicted exactly).
      scores.push(tot === 0 ? (this.res[k] === 0 ? 1 : 0) : 1 - this.res[k] / tot);
      weights.push(tot);
    });
    if (scores.length === 0) return NaN;
    if ((this.options.classAggregation ?? 'uniformAverage') === 'uniformAverage') return scores.reduce((a, b) => a + b, 0) / scores.length;
    const total = weights.reduce((a, b) => a + b, 0);
    return total === 0 ? 0 : scores.reduce((a, s, k) => a + s * weights[k], 0) / total;
  }

  resetState(): void { this.sum = []; this.sumSq = []; this.res = []; this.count = []; }
}
