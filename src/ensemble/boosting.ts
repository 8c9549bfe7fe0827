// AdaBoost (SAMME, multi-class): weak learners fitted in sequence on reweighted samples, combined by weighted vote.
import { ArgumentError, describe } from '../core/errors.js';
import { Random, globalRandom } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { takeRows } from '../data/rows.js';
import {
  accuracyOf, argmaxRows, checkFeatures, checkFitted, checkSeed, checkX, classIds, fitData, labelsTensor,
  positiveInt, predictIds, probaTensor, sampleWeights, score as accuracyScore,
} from './common.js';
import { DecisionStump } from './stump.js';
import type { Estimator, EstimatorFitOptions } from './types.js';

/** Options of AdaBoostClassifier (scikit-learn names). */
export interface AdaBoostOptions {
  /** Builds one fresh weak learner (default: a DecisionStump). It must honor `sampleWeight`, or set `resample`. */
  buildEstimator?: () => Estimator;
  /** Maximum number of boosting rounds (default 50); fewer when a learner is perfect or no better than chance. */
  nEstimators?: number;
  /** Shrinks each learner's weight (default 1). */
  learningRate?: number;
  /** Fit each learner on a weighted resample of the rows instead of passing sampleWeight (default false). */
  resample?: boolean;
  /** Seed of the resampling (from the global seed when omitted). */
  seed?: number;
  /** Extra options passed to every learner's fit (epochs for networks, say). */
  fitOptions?: Record<string, unknown>;
}

/** Rows drawn with replacement with probabilities `p` (summing to 1), by inverse transform sampling. */
function weightedResample(p: Float64Array, rng: Random): Int32Array {
  const n = p.length, cdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) { acc += p[i]; cdf[i] = acc; }
  return Int32Array.from({ length: n }, () => {
    const u = rng.uniform() * acc;
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid] > u) hi = mid; else lo = mid + 1; }
    return lo;
  });
}

/**
 * AdaBoost with the SAMME rule (Zhu et al. 2009): each round fits a weak learner on the current sample weights,
 * gives it weight `learningRate * (log((1 - err) / err) + log(K - 1))`, and multiplies the weights of the samples
 * it got wrong by exp(that weight). Predictions take the class with the largest total learner weight.
 * @example const boost = new AdaBoostClassifier({ nEstimators: 100 }); await boost.fit(x, y); boost.predict(x)
 */
export class AdaBoostClassifier implements Estimator {
  readonly buildEstimator: () => Estimator;
  readonly nEstimators: number;
  readonly learningRate: number;
  readonly resample: boolean;
  readonly seed: number | undefined;
  readonly fitOptions: Record<string, unknown>;
  /** The fitted learners, in order. */
  estimators: Estimator[] = [];
  /** Each learner's weight in the vote. */
  estimatorWeights: number[] = [];
  /** Each learner's weighted training error. */
  estimatorErrors: number[] = [];
  nClasses = 0;
  private featureShape: number[] = [];

  constructor(options: AdaBoostOptions = {}) {
    const fn = 'AdaBoostClassifier';
    if (options === null || typeof options !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(options)}`);
    if (options.buildEstimator !== undefined && typeof options.buildEstimator !== 'function') {
      throw new ArgumentError(fn, `buildEstimator must be a function returning a fresh estimator, received ${describe(options.buildEstimator)}`);
    }
    this.buildEstimator = options.buildEstimator ?? (() => new DecisionStump());
    this.nEstimators = positiveInt(fn, 'nEstimators', options.nEstimators, 50);
    const lr = options.learningRate ?? 1;
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) throw new ArgumentError(fn, `learningRate must be a finite number > 0, received ${describe(lr)}`);
    this.learningRate = lr;
    this.resample = options.resample ?? false;
    this.seed = checkSeed(fn, options.seed);
    this.fitOptions = { ...(options.fitOptions ?? {}) };
  }

  /**
   * Runs the boosting rounds; `sampleWeight`, if given, is the starting distribution.
   * @example await boost.fit(xTrain, yTrain)
   */
  async fit(x: Tensor, y: Tensor, options: EstimatorFitOptions = {}): Promise<this> {
    const fn = 'AdaBoostClassifier.fit';
    const { xt, n, ids, k } = fitData(fn, x, y, options.nClasses);
    if (k < 2) throw new ArgumentError(fn, 'y must hold at least two classes to boost');
    const w = sampleWeights(fn, options.sampleWeight, n);
    let total = w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) w[i] /= total;
    const rng = new Random(this.seed ?? globalRandom.nextU32());
    const yt = labelsTensor(ids);
    this.estimators = []; this.estimatorWeights = []; this.estimatorErrors = [];
    for (let round = 0; round < this.nEstimators; round++) {
      const est = this.buildEstimator();
      if (!est || typeof est.fit !== 'function' || typeof est.predict !== 'function') {
        throw new ArgumentError(fn, `buildEstimator must return an estimator with fit and predict, received ${describe(est)}`);
      }
      const fitOpts: EstimatorFitOptions = { ...this.fitOptions, nClasses: k };
      if (this.resample) {
        const rows = weightedResample(w, rng);
        await est.fit(takeRows(xt, rows), takeRows(yt, rows), fitOpts);
      } else {
        // Mean-one weights keep a network's loss on its usual scale; stumps do not mind the scale.
        await est.fit(xt, yt, { ...fitOpts, sampleWeight: w.map((v) => v * n) });
      }
      const pred = predictIds(fn, est, xt, `learner ${round}`);
      let err = 0;
      for (let i = 0; i < n; i++) if (pred[i] !== ids[i]) err += w[i];
      if (err >= 1 - 1 / k - 1e-12) {
        if (round === 0) throw new ArgumentError(fn, `the first learner is no better than chance (weighted error ${err.toFixed(4)} >= ${(1 - 1 / k).toFixed(4)}); use a stronger learner`);
        break;
      }
      this.estimators.push(est);
      this.estimatorErrors.push(err);
      if (err <= 0) { this.estimatorWeights.push(1); break; }
      const alpha = this.learningRate * (Math.log((1 - err) / err) + Math.log(k - 1));
      this.estimatorWeights.push(alpha);
      total = 0;
      for (let i = 0; i < n; i++) {
        if (pred[i] !== ids[i]) w[i] *= Math.exp(alpha);
        total += w[i];
      }
      for (let i = 0; i < n; i++) w[i] /= total;
    }
    this.nClasses = k;
    this.featureShape = xt.shape.slice(1);
    return this;
  }

  /** Total weighted votes [n * nClasses]; `each` sees the running totals after every learner. */
  private votes(fn: string, x: Tensor, each?: (votes: Float64Array, stage: number) => void): [number, Float64Array] {
    checkFitted(fn, this.estimators.length > 0, 'AdaBoostClassifier');
    const xt = checkX(fn, x);
    checkFeatures(fn, xt, this.featureShape);
    const n = xt.shape[0], k = this.nClasses, out = new Float64Array(n * k);
    this.estimators.forEach((est, m) => {
      const pred = predictIds(fn, est, xt, `learner ${m}`);
      for (let i = 0; i < n; i++) if (pred[i] >= 0 && pred[i] < k) out[i * k + pred[i]] += this.estimatorWeights[m];
      each?.(out, m);
    });
    return [n, out];
  }

  /**
   * The weighted vote shares [n, nClasses]: each class's total learner weight over the sum of weights.
   * @example boost.predictProba(x)
   */
  predictProba(x: Tensor): Tensor {
    const [n, v] = this.votes('AdaBoostClassifier.predictProba', x);
    const total = this.estimatorWeights.reduce((a, b) => a + b, 0);
    return probaTensor(v.map((s) => s / total), n, this.nClasses);
  }

  /**
   * Class ids [n] (int32) with the largest weighted vote.
   * @example boost.predict(xTest)
   */
  predict(x: Tensor): Tensor {
    const [n, v] = this.votes('AdaBoostClassifier.predict', x);
    return labelsTensor(argmaxRows(v, n, this.nClasses));
  }

  /**
   * The ensemble's predictions after 1, 2, ... learners (how accuracy grows with the rounds).
   * @example boost.stagedPredict(xTest).length // number of learners
   */
  stagedPredict(x: Tensor): Tensor[] {
    const stages: Tensor[] = [];
    this.votes('AdaBoostClassifier.stagedPredict', x, (v) => {
      const n = v.length / this.nClasses;
      stages.push(labelsTensor(argmaxRows(v, n, this.nClasses)));
    });
    return stages;
  }

  /**
   * The ensemble's accuracy on (x, y) after 1, 2, ... learners.
   * @example boost.stagedScore(xTest, yTest) // [0.78, 0.78, 0.84, ...]
   */
  stagedScore(x: Tensor, y: Tensor): number[] {
    const fn = 'AdaBoostClassifier.stagedScore';
    const xt = checkX(fn, x);
    const ids = classIds(fn, y, xt.shape[0]);
    return this.stagedPredict(xt).map((p) => accuracyOf(ids, p.storage));
  }

  /**
   * Accuracy on (x, y): the fraction of samples whose predicted class id equals the label.
   * @example boost.score(xTest, yTest) // 0.9
   */
  score(x: Tensor, y: Tensor): number {
    return accuracyScore(this, x, y);
  }

  /**
   * A fresh, unfitted ensemble with the same options.
   * @example const fresh = boost.clone()
   */
  clone(): AdaBoostClassifier {
    return new AdaBoostClassifier({
      buildEstimator: this.buildEstimator, nEstimators: this.nEstimators, learningRate: this.learningRate,
      resample: this.resample, seed: this.seed, fitOptions: this.fitOptions,
    });
  }
}
