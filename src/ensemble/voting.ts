// Voting: several different classifiers fitted on the same data, combined by (weighted) majority or mean probability.
import { ArgumentError, describe } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import {
  argmaxRows, checkFeatures, checkFitted, cloneOf, checkX, classIds, countClasses, labelsTensor, namedMembers, predictIds,
  predictProbs, probaTensor, score as accuracyScore,
} from './common.js';
import type { Estimator, EstimatorEntry, EstimatorFitOptions } from './types.js';

/** Options of VotingClassifier. */
export interface VotingOptions {
  /** The members: estimators or [name, estimator] pairs. They are fitted in place by `fit`. */
  estimators: EstimatorEntry[];
  /** 'hard' (default): weighted majority of predicted classes; 'soft': arg-max of the weighted mean probability. */
  voting?: 'hard' | 'soft';
  /** One weight per member (default equal). */
  weights?: number[];
}

/**
 * Combines different classifiers trained on the same data: hard voting takes the (weighted) majority class, soft
 * voting the class of largest (weighted) mean probability (scikit-learn's VotingClassifier).
 * @example const vote = new VotingClassifier({ estimators: [['lr', new LogisticRegression()], ['stump', new DecisionStump()]], voting: 'soft' })
 */
export class VotingClassifier implements Estimator {
  readonly voting: 'hard' | 'soft';
  /** The members, in order (fitted in place). */
  readonly estimators: Estimator[];
  /** Member names (given, or 'estimator0', ...). */
  readonly names: string[];
  readonly weights: number[];
  /** Number of classes; 0 before fit. */
  nClasses = 0;
  private featureShape: number[] = [];

  constructor(options: VotingOptions) {
    const fn = 'VotingClassifier';
    if (options === null || typeof options !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(options)}`);
    const voting = options.voting ?? 'hard';
    if (voting !== 'hard' && voting !== 'soft') throw new ArgumentError(fn, `voting must be 'hard' or 'soft', received ${describe(voting)}`);
    this.voting = voting;
    [this.names, this.estimators] = namedMembers(fn, options.estimators, voting === 'soft');
    const m = this.estimators.length, weights = options.weights ?? new Array<number>(m).fill(1);
    if (!Array.isArray(weights) || weights.length !== m) {
      throw new ArgumentError(fn, `weights must have one number per estimator (${m}), received ${describe(options.weights)}`);
    }
    weights.forEach((w, i) => {
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new ArgumentError(fn, `weights[${i}] must be a finite number >= 0, received ${describe(w)}`);
    });
    if (!weights.some((w) => w > 0)) throw new ArgumentError(fn, 'weights must not all be zero');
    this.weights = [...weights];
  }

  /**
   * The members by name.
   * @example vote.namedEstimators.lr.predict(x)
   */
  get namedEstimators(): Record<string, Estimator> {
    return Object.fromEntries(this.names.map((name, i) => [name, this.estimators[i]]));
  }

  /**
   * Fits every member on (x, y) in turn (same options for each, plus `nClasses`).
   * @example await vote.fit(xTrain, yTrain)
   */
  async fit(x: Tensor, y: Tensor, options: EstimatorFitOptions = {}): Promise<this> {
    const fn = 'VotingClassifier.fit';
    const xt = checkX(fn, x);
    const ids = classIds(fn, y, xt.shape[0]);
    const k = countClasses(fn, ids, options.nClasses);
    for (const est of this.estimators) await est.fit(xt, y, { ...options, nClasses: k });
    this.nClasses = k;
    this.featureShape = xt.shape.slice(1);
    return this;
  }

  /** Weighted vote counts (hard) or weighted mean probabilities (soft), [n * nClasses]. */
  private scores(fn: string, x: Tensor): [Tensor, Float64Array] {
    checkFitted(fn, this.nClasses > 0, 'VotingClassifier');
    const xt = checkX(fn, x);
    checkFeatures(fn, xt, this.featureShape);
    const n = xt.shape[0], k = this.nClasses, out = new Float64Array(n * k);
    const wSum = this.weights.reduce((a, b) => a + b, 0);
    this.estimators.forEach((est, m) => {
      const w = this.weights[m] / wSum;
      if (w === 0) return;
      if (this.voting === 'soft') {
        const p = predictProbs(fn, est, xt, k, this.names[m]);
        for (let i = 0; i < p.length; i++) out[i] += w * p[i];
      } else {
        const ids = predictIds(fn, est, xt, this.names[m]);
        for (let i = 0; i < n; i++) {
          if (ids[i] < 0 || ids[i] >= k) throw new ArgumentError(fn, `${this.names[m]} predicted class ${ids[i]}, outside 0..${k - 1}`);
          out[i * k + ids[i]] += w;
        }
      }
    });
    return [xt, out];
  }

  /**
   * Mean member probabilities [n, nClasses] (soft voting only, as in scikit-learn).
   * @example vote.predictProba(x)
   */
  predictProba(x: Tensor): Tensor {
    const fn = 'VotingClassifier.predictProba';
    if (this.voting !== 'soft') throw new ArgumentError(fn, "predictProba needs voting: 'soft'; hard voting has only class votes (see transform)");
    const [xt, p] = this.scores(fn, x);
    return probaTensor(p, xt.shape[0], this.nClasses);
  }

  /**
   * Weighted vote shares (hard) or mean probabilities (soft) [n, nClasses].
   * @example vote.transform(x)
   */
  transform(x: Tensor): Tensor {
    const [xt, p] = this.scores('VotingClassifier.transform', x);
    return probaTensor(p, xt.shape[0], this.nClasses);
  }

  /**
   * Class ids [n] (int32): the winning class (ties go to the smallest id).
   * @example vote.predict(xTest)
   */
  predict(x: Tensor): Tensor {
    const [xt, p] = this.scores('VotingClassifier.predict', x);
    return labelsTensor(argmaxRows(p, xt.shape[0], this.nClasses));
  }

  /**
   * Accuracy on (x, y): the fraction of samples whose predicted class id equals the label.
   * @example vote.score(xTest, yTest) // 0.9
   */
  score(x: Tensor, y: Tensor): number {
    return accuracyScore(this, x, y);
  }

  /**
   * A fresh ensemble of fresh member copies (members must have clone()).
   * @example const fresh = vote.clone()
   */
  clone(): VotingClassifier {
    const estimators = this.estimators.map((e, i): [string, Estimator] => [this.names[i], cloneOf('VotingClassifier.clone', e, this.names[i])]);
    return new VotingClassifier({ estimators, voting: this.voting, weights: this.weights });
  }
}
