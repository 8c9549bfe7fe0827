// Stacking: a meta-learner trained on the members' out-of-fold predictions (cross-validated, so it never sees
// predictions on rows a member was fitted on).
import { ArgumentError, describe } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { kFold } from '../data/split.js';
import {
  checkClonable, checkFeatures, checkFitted, checkSeed, checkX, classIds, cloneOf, countClasses, labelsTensor,
  namedMembers, positiveInt, predictIds, predictProbs, sampleWeights, score as accuracyScore,
} from './common.js';
import { LogisticRegression } from './linear.js';
import type { Estimator, EstimatorEntry, EstimatorFitOptions } from './types.js';

/** Options of StackingClassifier (scikit-learn names). */
export interface StackingOptions {
  /** The members: estimators or [name, estimator] pairs, each with clone() for the cross-validation copies. */
  estimators: EstimatorEntry[];
  /** The meta-learner fitted on the members' out-of-fold predictions (default: a LogisticRegression). */
  finalEstimator?: Estimator;
  /** Number of cross-validation folds (stratified, default 5). */
  cv?: number;
  /** Also give the meta-learner the original features (default false). */
  passthrough?: boolean;
  /** What members contribute: 'auto' (default: predictProba when they have it), 'predictProba' or 'predict' (one-hot). */
  stackMethod?: 'auto' | 'predictProba' | 'predict';
  /** Seed of the fold shuffle (from the global seed when omitted). */
  seed?: number;
}

/**
 * Stacked generalization (Wolpert 1992): every member is cross-validated with `cv` folds to get predictions on
 * rows it did not see, the final estimator learns to combine those, and the members are then refitted on all the
 * data. Binary problems contribute one column per member (P(class 1)), as in scikit-learn.
 * @example const stack = new StackingClassifier({ estimators: [['stump', new DecisionStump()], ['lr', new LogisticRegression()]], cv: 5, seed: 0 })
 */
export class StackingClassifier implements Estimator {
  /** The members, refitted in place on all the data. */
  readonly estimators: Estimator[];
  readonly names: string[];
  readonly finalEstimator: Estimator;
  readonly cv: number;
  readonly passthrough: boolean;
  readonly stackMethod: 'auto' | 'predictProba' | 'predict';
  readonly seed: number | undefined;
  nClasses = 0;
  private featureShape: number[] = [];
  private fitted = false;

  constructor(options: StackingOptions) {
    const fn = 'StackingClassifier';
    if (options === null || typeof options !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(options)}`);
    const method = options.stackMethod ?? 'auto';
    if (method !== 'auto' && method !== 'predictProba' && method !== 'predict') {
      throw new ArgumentError(fn, `stackMethod must be 'auto', 'predictProba' or 'predict', received ${describe(method)}`);
    }
    this.stackMethod = method;
    [this.names, this.estimators] = namedMembers(fn, options.estimators, method === 'predictProba');
    this.estimators.forEach((e, i) => checkClonable(fn, e, this.names[i]));
    const final = options.finalEstimator ?? new LogisticRegression();
    if (!final || typeof final.fit !== 'function' || typeof final.predict !== 'function') {
      throw new ArgumentError(fn, `finalEstimator must have fit and predict methods, received ${describe(final)}`);
    }
    this.finalEstimator = final;
    this.cv = positiveInt(fn, 'cv', options.cv, 5, 2);
    this.passthrough = options.passthrough ?? false;
    this.seed = checkSeed(fn, options.seed);
  }

  /**
   * The members by name.
   * @example stack.namedEstimators.lr.predict(x)
   */
  get namedEstimators(): Record<string, Estimator> {
    return Object.fromEntries(this.names.map((name, i) => [name, this.estimators[i]]));
  }

  private usesProba(e: Estimator): boolean {
    return this.stackMethod === 'predictProba' || (this.stackMethod === 'auto' && typeof e.predictProba === 'function');
  }

  /** Columns member `e` contributes: P(class 1) for binary probabilities, else one per class. */
  private width(k: number): number {
    return k === 2 ? 1 : k;
  }

  /** Writes member `est`'s predictions on `x` into `out` ([rows, cols]) at rows `rows`, from column `col`. */
  private fillColumns(fn: string, est: Estimator, name: string, x: Tensor, out: Float32Array, cols: number, col: number, rows: ArrayLike<number>): void {
    const k = this.nClasses, w = this.width(k), n = x.shape[0];
    if (this.usesProba(est)) {
      const p = predictProbs(fn, est, x, k, name);
      for (let i = 0; i < n; i++) for (let c = 0; c < w; c++) out[rows[i] * cols + col + c] = p[i * k + (k === 2 ? 1 : c)];
    } else {
      const ids = predictIds(fn, est, x, name);
      for (let i = 0; i < n; i++) {
        if (k === 2) out[rows[i] * cols + col] = ids[i];
        else if (ids[i] >= 0 && ids[i] < k) out[rows[i] * cols + col + ids[i]] = 1;
      }
    }
  }

  /** A zeroed meta-feature buffer for `x`: member columns first, then (passthrough) the flattened features. */
  private allocate(x: Tensor): { out: Float32Array; cols: number } {
    const n = x.shape[0], d = n === 0 ? 0 : x.size / n;
    const cols = this.estimators.length * this.width(this.nClasses) + (this.passthrough ? d : 0);
    const out = new Float32Array(n * cols);
    if (this.passthrough) {
      const base = cols - d, xs = x.storage;
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * cols + base + j] = xs[i * d + j];
    }
    return { out, cols };
  }

  /**
   * Cross-validates every member (fresh clones per fold), fits the final estimator on the out-of-fold
   * predictions, then refits the members on all of (x, y).
   * @example await stack.fit(xTrain, yTrain)
   */
  async fit(x: Tensor, y: Tensor, options: EstimatorFitOptions = {}): Promise<this> {
    const fn = 'StackingClassifier.fit';
    const xt = checkX(fn, x);
    const n = xt.shape[0];
    const ids = classIds(fn, y, n);
    const k = countClasses(fn, ids, options.nClasses);
    if (this.cv > n) throw new ArgumentError(fn, `cv (${this.cv}) cannot exceed the number of samples (${n})`);
    const w = options.sampleWeight === undefined ? null : sampleWeights(fn, options.sampleWeight, n);
    const yt = labelsTensor(ids);
    this.fitted = false;
    this.nClasses = k;
    const width = this.width(k);
    const { out, cols } = this.allocate(xt);
    const folds = [...kFold(xt, yt, { k: this.cv, seed: this.seed, stratify: true })];
    for (let m = 0; m < this.estimators.length; m++) {
      for (const fold of folds) {
        const est = cloneOf(fn, this.estimators[m], this.names[m]);
        const fitOpts: EstimatorFitOptions = { nClasses: k };
        if (w) fitOpts.sampleWeight = Float64Array.from(fold.trainIndices, (i) => w[i]);
        await est.fit(fold.xTrain, fold.yTrain!, fitOpts);
        this.fillColumns(fn, est, this.names[m], fold.xTest, out, cols, m * width, fold.testIndices);
      }
    }
    for (const est of this.estimators) await est.fit(xt, yt, { ...options, nClasses: k });
    await this.finalEstimator.fit(Tensor.fromStorage(out, [n, cols], 'float32'), yt, { ...options, nClasses: k });
    this.featureShape = xt.shape.slice(1);
    this.fitted = true;
    return this;
  }

  /**
   * The meta-learner's input for `x`: member predictions (and the features with passthrough).
   * @example stack.transform(xTest).shape // [n, members * columns]
   */
  transform(x: Tensor): Tensor {
    const fn = 'StackingClassifier.transform';
    checkFitted(fn, this.fitted, 'StackingClassifier');
    const xt = checkX(fn, x);
    checkFeatures(fn, xt, this.featureShape);
    const n = xt.shape[0], width = this.width(this.nClasses), { out, cols } = this.allocate(xt);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    this.estimators.forEach((est, m) => this.fillColumns(fn, est, this.names[m], xt, out, cols, m * width, rows));
    return Tensor.fromStorage(out, [n, cols], 'float32');
  }

  /**
   * The final estimator's probabilities [n, nClasses] on the stacked features.
   * @example stack.predictProba(xTest)
   */
  predictProba(x: Tensor): Tensor {
    const fn = 'StackingClassifier.predictProba';
    if (typeof this.finalEstimator.predictProba !== 'function') throw new ArgumentError(fn, 'the final estimator has no predictProba');
    return this.finalEstimator.predictProba(this.transform(x));
  }

  /**
   * Class ids [n] (int32) from the final estimator.
   * @example stack.predict(xTest)
   */
  predict(x: Tensor): Tensor {
    const meta = this.transform(x);
    return labelsTensor(Int32Array.from(predictIds('StackingClassifier.predict', this.finalEstimator, meta, 'finalEstimator')));
  }

  /**
   * Accuracy on (x, y): the fraction of samples whose predicted class id equals the label.
   * @example stack.score(xTest, yTest) // 0.9
   */
  score(x: Tensor, y: Tensor): number {
    return accuracyScore(this, x, y);
  }

  /**
   * A fresh, unfitted stack of fresh members and a fresh final estimator.
   * @example const fresh = stack.clone()
   */
  clone(): StackingClassifier {
    const fn = 'StackingClassifier.clone';
    return new StackingClassifier({
      estimators: this.estimators.map((e, i): [string, Estimator] => [this.names[i], cloneOf(fn, e, this.names[i])]),
      finalEstimator: cloneOf(fn, this.finalEstimator, 'finalEstimator'), cv: this.cv, passthrough: this.passthrough,
      stackMethod: this.stackMethod, seed: this.seed,
    });
  }
}
