// Bagging: copies of one kind of classifier, each fitted on a seeded bootstrap sample, averaged.
import { ArgumentError, describe } from '../core/errors.js';
import { Random, globalRandom } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { takeRows } from '../data/rows.js';
import {
  accuracyOf, argmaxRows, checkFeatures, checkFitted, checkSeed, checkX, fitData, labelsTensor,
  positiveInt, predictIds, predictProbs, probaTensor, sampleWeights, score as accuracyScore,
} from './common.js';
import type { Estimator, EstimatorFitOptions } from './types.js';

/** Options of BaggingClassifier (scikit-learn names). */
export interface BaggingOptions {
  /** Builds one fresh, unfitted member (called nEstimators times). */
  buildEstimator: () => Estimator;
  /** Number of members (default 10). */
  nEstimators?: number;
  /** Samples per member: a fraction in (0, 1] of n or a whole number (default 1.0). */
  maxSamples?: number;
  /** Features per member for 2-D x (random subspaces): a fraction in (0, 1] or a whole number (default 1.0). */
  maxFeatures?: number;
  /** Draw samples with replacement (default true); false draws without (pasting). */
  bootstrap?: boolean;
  /** Estimate accuracy on each sample from the members that did not see it (default false). */
  oobScore?: boolean;
  /** Seed of the samples drawn (from the global seed when omitted). */
  seed?: number;
  /** Extra options passed to every member's fit (epochs for networks, say). */
  fitOptions?: Record<string, unknown>;
}

function countOf(fn: string, name: string, v: unknown, total: number): number {
  if (v === undefined) return total;
  if (typeof v === 'number' && v > 0 && v <= 1) return Math.max(1, Math.round(v * total));
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= total) return v;
  throw new ArgumentError(fn, `${name} must be a fraction in (0, 1] or a whole number in 1..${total}, received ${describe(v)}`);
}

/** Columns `cols` of a 2-D tensor. */
function takeColumns(x: Tensor, cols: Int32Array): Tensor {
  const [n, d] = x.shape, out = new Float32Array(n * cols.length), xs = x.storage;
  for (let i = 0; i < n; i++) for (let j = 0; j < cols.length; j++) out[i * cols.length + j] = xs[i * d + cols[j]];
  return Tensor.fromStorage(out, [n, cols.length], 'float32');
}

/**
 * Bootstrap aggregating: `nEstimators` members from `buildEstimator`, each fitted on its own seeded bootstrap
 * sample (and optionally a random subset of features); predictions average the members' probabilities, or take
 * the majority class when members have no predictProba. Averaging lowers the variance of unstable members.
 * @example const bag = new BaggingClassifier({ buildEstimator: () => new DecisionStump(), nEstimators: 25, seed: 0 })
 */
export class BaggingClassifier implements Estimator {
  readonly buildEstimator: () => Estimator;
  readonly nEstimators: number;
  readonly maxSamples: number | undefined;
  readonly maxFeatures: number | undefined;
  readonly bootstrap: boolean;
  readonly computeOob: boolean;
  readonly seed: number | undefined;
  readonly fitOptions: Record<string, unknown>;
  /** The fitted members. */
  estimators: Estimator[] = [];
  /** Rows each member was fitted on (with repeats when bootstrapping). */
  estimatorsSamples: Int32Array[] = [];
  /** Feature columns each member sees (2-D x), or null when it sees all. */
  estimatorsFeatures: (Int32Array | null)[] = [];
  /** Out-of-bag accuracy when `oobScore` is set (samples seen by every member are left out); NaN otherwise. */
  oobScore = NaN;
  nClasses = 0;
  private featureShape: number[] = [];

  constructor(options: BaggingOptions) {
    const fn = 'BaggingClassifier';
    if (options === null || typeof options !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(options)}`);
    if (typeof options.buildEstimator !== 'function') {
      throw new ArgumentError(fn, `buildEstimator must be a function returning a fresh estimator, received ${describe(options.buildEstimator)}`);
    }
    this.buildEstimator = options.buildEstimator;
    this.nEstimators = positiveInt(fn, 'nEstimators', options.nEstimators, 10);
    countOf(fn, 'maxSamples', options.maxSamples, Number.MAX_SAFE_INTEGER);
    countOf(fn, 'maxFeatures', options.maxFeatures, Number.MAX_SAFE_INTEGER);
    this.maxSamples = options.maxSamples;
    this.maxFeatures = options.maxFeatures;
    this.bootstrap = options.bootstrap ?? true;
    this.computeOob = options.oobScore ?? false;
    if (this.computeOob && !this.bootstrap) throw new ArgumentError(fn, 'oobScore needs bootstrap: true');
    this.seed = checkSeed(fn, options.seed);
    this.fitOptions = { ...(options.fitOptions ?? {}) };
  }

  /**
   * Fits each member on its own sample of rows (and columns); sampleWeight, if given, follows the rows.
   * @example await bag.fit(xTrain, yTrain)
   */
  async fit(x: Tensor, y: Tensor, options: EstimatorFitOptions = {}): Promise<this> {
    const fn = 'BaggingClassifier.fit';
    const { xt, n, ids, k } = fitData(fn, x, y, options.nClasses);
    const w = options.sampleWeight === undefined ? null : sampleWeights(fn, options.sampleWeight, n);
    const m = countOf(fn, 'maxSamples', this.maxSamples, n);
    const d = xt.rank === 2 ? xt.shape[1] : 0;
    if (this.maxFeatures !== undefined && xt.rank !== 2) throw new ArgumentError(fn, `maxFeatures needs 2-D x, received rank ${xt.rank}`);
    const f = this.maxFeatures === undefined ? d : countOf(fn, 'maxFeatures', this.maxFeatures, d);
    const rng = new Random(this.seed ?? globalRandom.nextU32());
    const yt = labelsTensor(ids);
    this.estimators = []; this.estimatorsSamples = []; this.estimatorsFeatures = [];
    for (let e = 0; e < this.nEstimators; e++) {
      let rows: Int32Array;
      if (this.bootstrap) rows = Int32Array.from({ length: m }, () => rng.int(n));
      else rows = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i)).slice(0, m);
      const cols = f < d ? rng.shuffle(Int32Array.from({ length: d }, (_, j) => j)).slice(0, f).sort() : null;
      const est = this.buildEstimator();
      if (!est || typeof est.fit !== 'function' || typeof est.predict !== 'function') {
        throw new ArgumentError(fn, `buildEstimator must return an estimator with fit and predict, received ${describe(est)}`);
      }
      const xs = takeRows(xt, rows);
      const fitOpts: EstimatorFitOptions = { ...this.fitOptions, nClasses: k };
      if (w) fitOpts.sampleWeight = Float64Array.from(rows, (i) => w[i]);
      await est.fit(cols ? takeColumns(xs, cols) : xs, takeRows(yt, rows), fitOpts);
      this.estimators.push(est); this.estimatorsSamples.push(rows); this.estimatorsFeatures.push(cols);
    }
    this.nClasses = k;
    this.featureShape = xt.shape.slice(1);
    if (this.computeOob) this.oobScore = this.outOfBag(xt, ids);
    return this;
  }

  /** Member `e`'s vote or probabilities on `x`, [n * nClasses]. */
  private memberScores(fn: string, e: number, x: Tensor): Float64Array {
    const est = this.estimators[e], cols = this.estimatorsFeatures[e], k = this.nClasses;
    const xe = cols ? takeColumns(x, cols) : x;
    const name = `estimator ${e}`;
    if (typeof est.predictProba === 'function') return predictProbs(fn, est, xe, k, name);
    const ids = predictIds(fn, est, xe, name), out = new Float64Array(x.shape[0] * k);
    ids.forEach((c, i) => { if (c >= 0 && c < k) out[i * k + c] = 1; });
    return out;
  }

  private outOfBag(x: Tensor, ids: Int32Array): number {
    const n = x.shape[0], k = this.nClasses, sums = new Float64Array(n * k), covered = new Uint8Array(n);
    this.estimators.forEach((_, e) => {
      const inBag = new Uint8Array(n);
      for (const i of this.estimatorsSamples[e]) inBag[i] = 1;
      const p = this.memberScores('BaggingClassifier.fit', e, x);
      for (let i = 0; i < n; i++) {
        if (inBag[i]) continue;
        covered[i] = 1;
        for (let c = 0; c < k; c++) sums[i * k + c] += p[i * k + c];
      }
    });
    const pred = argmaxRows(sums, n, k), truth: number[] = [], guess: number[] = [];
    for (let i = 0; i < n; i++) if (covered[i]) { truth.push(ids[i]); guess.push(pred[i]); }
    return truth.length === 0 ? NaN : accuracyOf(Int32Array.from(truth), guess);
  }

  private averaged(fn: string, x: Tensor): [number, Float64Array] {
    checkFitted(fn, this.estimators.length > 0, 'BaggingClassifier');
    const xt = checkX(fn, x);
    checkFeatures(fn, xt, this.featureShape);
    const n = xt.shape[0], out = new Float64Array(n * this.nClasses);
    for (let e = 0; e < this.estimators.length; e++) {
      const p = this.memberScores(fn, e, xt);
      for (let i = 0; i < out.length; i++) out[i] += p[i] / this.estimators.length;
    }
    return [n, out];
  }

  /**
   * Mean member probabilities (or vote shares) [n, nClasses].
   * @example bag.predictProba(xTest)
   */
  predictProba(x: Tensor): Tensor {
    const [n, p] = this.averaged('BaggingClassifier.predictProba', x);
    return probaTensor(p, n, this.nClasses);
  }

  /**
   * Class ids [n] (int32) of the largest mean probability.
   * @example bag.predict(xTest)
   */
  predict(x: Tensor): Tensor {
    const [n, p] = this.averaged('BaggingClassifier.predict', x);
    return labelsTensor(argmaxRows(p, n, this.nClasses));
  }

  /**
   * Accuracy on (x, y): the fraction of samples whose predicted class id equals the label.
   * @example bag.score(xTest, yTest) // 0.9
   */
  score(x: Tensor, y: Tensor): number {
    return accuracyScore(this, x, y);
  }

  /**
   * A fresh, unfitted ensemble with the same options.
   * @example const fresh = bag.clone()
   */
  clone(): BaggingClassifier {
    return new BaggingClassifier({
      buildEstimator: this.buildEstimator, nEstimators: this.nEstimators, maxSamples: this.maxSamples,
      maxFeatures: this.maxFeatures, bootstrap: this.bootstrap, oobScore: this.computeOob, seed: this.seed,
      fitOptions: this.fitOptions,
    });
  }
}
