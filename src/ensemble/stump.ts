// A decision stump: the one-split tree that boosting classically combines (weighted Gini or entropy criterion).
import { ArgumentError, describe } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import {
  argmaxRows, checkFeatures, checkFitted, checkX, classIds, countClasses, labelsTensor, probaTensor, sampleWeights,
  score as accuracyScore,
} from './common.js';
import type { Estimator, EstimatorFitOptions } from './types.js';

/** Options of DecisionStump. */
export interface DecisionStumpOptions {
  /** Impurity the split minimizes: 'gini' (default) or 'entropy'. */
  criterion?: 'gini' | 'entropy';
}

/** Weighted impurity of a leaf times its weight, from its class weights. */
function leafImpurity(counts: Float64Array, total: number, entropy: boolean): number {
  if (total <= 0) return 0;
  let s = 0;
  if (entropy) {
    for (let c = 0; c < counts.length; c++) if (counts[c] > 0) s -= counts[c] * Math.log(counts[c] / total);
    return s;
  }
  for (let c = 0; c < counts.length; c++) s += counts[c] * counts[c];
  return total - s / total;
}

function normalize(counts: Float64Array, fallback: Float64Array): Float64Array {
  const total = counts.reduce((a, b) => a + b, 0);
  return total > 0 ? counts.map((c) => c / total) : fallback.slice();
}

/**
 * A depth-one decision tree: one feature, one threshold, and the weighted class distribution on each side
 * (`x[feature] <= threshold` goes left). Honors `sampleWeight`, so it is AdaBoost's default weak learner.
 * @example const s = new DecisionStump(); await s.fit(x, y); s.feature; s.threshold; s.predict(x)
 */
export class DecisionStump implements Estimator {
  readonly criterion: 'gini' | 'entropy';
  /** Feature index of the split, or -1 when no split helps (the stump then predicts the majority class). */
  feature = -1;
  /** Split threshold: samples with `x[feature] <= threshold` go left. */
  threshold = 0;
  /** Class probabilities of the left and right leaves. */
  leftProba: Float64Array = new Float64Array(0);
  rightProba: Float64Array = new Float64Array(0);
  /** Number of classes (columns of predictProba); 0 before fit. */
  nClasses = 0;
  private nFeatures = 0;

  constructor(options: DecisionStumpOptions = {}) {
    const criterion = options.criterion ?? 'gini';
    if (criterion !== 'gini' && criterion !== 'entropy') {
      throw new ArgumentError('DecisionStump', `criterion must be 'gini' or 'entropy', received ${describe(criterion)}`);
    }
    this.criterion = criterion;
  }

  /**
   * Finds the split with the lowest weighted impurity over every feature and midpoint between distinct values.
   * @example await new DecisionStump().fit(x, y, { sampleWeight: w })
   */
  async fit(x: Tensor, y: Tensor, options: EstimatorFitOptions = {}): Promise<this> {
    const fn = 'DecisionStump.fit';
    const xt = checkX(fn, x, 2);
    if (xt.rank !== 2) throw new ArgumentError(fn, `x must be 2-D [samples, features], received rank ${xt.rank}`);
    const [n, d] = xt.shape;
    if (n === 0) throw new ArgumentError(fn, 'x has no samples');
    const ids = classIds(fn, y, n);
    const k = countClasses(fn, ids, options.nClasses);
    const w = sampleWeights(fn, options.sampleWeight, n);
    const entropy = this.criterion === 'entropy';
    const total = new Float64Array(k);
    for (let i = 0; i < n; i++) total[ids[i]] += w[i];
    const wAll = total.reduce((a, b) => a + b, 0);
    let best = leafImpurity(total, wAll, entropy) * (1 - 1e-12), bestFeature = -1, bestThreshold = 0;
    let bestLeft = total;
    const xs = xt.storage, values = new Float64Array(n), order = new Int32Array(n);
    const left = new Float64Array(k), right = new Float64Array(k);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < n; i++) { values[i] = xs[i * d + j]; order[i] = i; }
      order.sort((a, b) => values[a] - values[b]);
      left.fill(0);
      let wLeft = 0;
      for (let s = 0; s < n - 1; s++) {
        const i = order[s];
        left[ids[i]] += w[i];
        wLeft += w[i];
        const v = values[i], next = values[order[s + 1]];
        if (v === next) continue;
        for (let c = 0; c < k; c++) right[c] = total[c] - left[c];
        const imp = leafImpurity(left, wLeft, entropy) + leafImpurity(right, wAll - wLeft, entropy);
        if (imp < best) {
          best = imp; bestFeature = j; bestLeft = left.slice();
          const mid = (v + next) / 2;
          // The midpoint of adjacent floats can round up to `next`; then `v` itself separates them.
          bestThreshold = mid < next ? mid : v;
        }
      }
    }
    const parent = normalize(total, new Float64Array(k).fill(1 / k));
    this.feature = bestFeature;
    this.threshold = bestThreshold;
    this.leftProba = bestFeature < 0 ? parent : normalize(bestLeft, parent);
    this.rightProba = bestFeature < 0 ? parent : normalize(total.map((t, c) => t - bestLeft[c]), parent);
    this.nClasses = k;
    this.nFeatures = d;
    return this;
  }

  /**
   * Class probabilities [n, nClasses]: the distribution of the leaf each sample falls in.
   * @example stump.predictProba(x).shape // [n, 2]
   */
  predictProba(x: Tensor): Tensor {
    const fn = 'DecisionStump.predictProba';
    checkFitted(fn, this.nClasses > 0, 'DecisionStump');
    const xt = checkX(fn, x, 2);
    checkFeatures(fn, xt, [this.nFeatures]);
    const n = xt.shape[0], k = this.nClasses, out = new Float32Array(n * k), xs = xt.storage;
    for (let i = 0; i < n; i++) {
      const leaf = this.feature < 0 || xs[i * this.nFeatures + this.feature] <= this.threshold ? this.leftProba : this.rightProba;
      out.set(leaf, i * k);
    }
    return probaTensor(out, n, k);
  }

  /**
   * Class ids [n] (int32): the majority class of each sample's leaf.
   * @example stump.predict(x) // int32 [n]
   */
  predict(x: Tensor): Tensor {
    checkFitted('DecisionStump.predict', this.nClasses > 0, 'DecisionStump');
    const p = this.predictProba(x);
    return labelsTensor(argmaxRows(p.storage, p.shape[0], this.nClasses));
  }

  /**
   * Accuracy on (x, y): the fraction of samples whose predicted class id equals the label.
   * @example stump.score(xTest, yTest) // 0.9
   */
  score(x: Tensor, y: Tensor): number {
    return accuracyScore(this, x, y);
  }

  /**
   * A fresh, unfitted stump with the same criterion.
   * @example const fresh = stump.clone()
   */
  clone(): DecisionStump {
    return new DecisionStump({ criterion: this.criterion });
  }
}
