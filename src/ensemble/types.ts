// The estimator interface every ensemble member implements (scikit-learn style, promise-returning fit).
import type { Tensor } from '../core/tensor.js';

/**
 * Options every estimator's `fit` understands (extra keys are the estimator's own).
 * @example await stump.fit(x, y, { sampleWeight: w, nClasses: 3 })
 */
export interface EstimatorFitOptions {
  /** Per-sample weights [n] (non-negative); estimators that cannot use them ignore them. */
  sampleWeight?: Tensor | ArrayLike<number>;
  /**
   * Number of classes of the whole problem, so that `predictProba` has that many columns even when this fit's
   * labels lack the last classes (a bootstrap sample or a cross-validation fold, say).
   */
  nClasses?: number;
}

/**
 * A classifier as the ensembles use it: labels are class ids 0..K-1 ([n] or [n, 1], any dtype holding integers),
 * `predict` returns int32 class ids [n] and `predictProba` float32 probabilities [n, K].
 * `clone()` returns a fresh, unfitted copy with the same settings; stacking and cross-validation need it.
 * @example const est: Estimator = new DecisionStump(); await est.fit(x, y); est.predict(x)
 */
export interface Estimator {
  fit(x: Tensor, y: Tensor, options?: EstimatorFitOptions): Promise<unknown>;
  predict(x: Tensor): Tensor;
  predictProba?(x: Tensor): Tensor;
  clone?(): Estimator;
  /** Accuracy on (x, y). */
  score?(x: Tensor, y: Tensor): number;
}

/**
 * A member of VotingClassifier or StackingClassifier: an estimator, or a `[name, estimator]` pair as in
 * scikit-learn (names appear in error messages and `namedEstimators`).
 * @example const members: EstimatorEntry[] = [['stump', new DecisionStump()], ['logreg', new LogisticRegression()]]
 */
export type EstimatorEntry = Estimator | readonly [string, Estimator];
