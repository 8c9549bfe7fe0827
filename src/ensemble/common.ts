// Shared checks and typed-array helpers of the estimators: labels, weights, probabilities, accuracy.
import { ArgumentError, describe, fmtShape } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { asRowsTensor } from '../data/rows.js';
import type { Estimator, EstimatorEntry } from './types.js';

/** Features as a tensor with samples first and at least one sample. */
export function checkX(fn: string, x: unknown, minRank = 1): Tensor {
  const t = asRowsTensor(fn, 'x', x);
  if (t.rank < minRank) throw new ArgumentError(fn, `x must have shape [samples, features], received ${fmtShape(t.shape)}`);
  return t;
}

/** Class ids of `y` ([n] or [n, 1], non-negative integers) after checking it has one per row of `x`. */
export function classIds(fn: string, y: unknown, n: number): Int32Array {
  const t = asRowsTensor(fn, 'y', y);
  if (!(t.rank === 1 || (t.rank === 2 && t.shape[1] === 1))) {
    throw new ArgumentError(fn, `y must hold one class id per sample, shape [n] or [n, 1], received ${fmtShape(t.shape)}`);
  }
  if (t.shape[0] !== n) throw new ArgumentError(fn, `x and y must have the same number of samples, received ${n} and ${t.shape[0]}`);
  const out = new Int32Array(n), d = t.storage;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    if (!Number.isInteger(v) || v < 0) throw new ArgumentError(fn, `y must hold class ids (integers >= 0), received ${v} at sample ${i}`);
    out[i] = v;
  }
  return out;
}

/** Number of classes: one more than the largest id, or `hint` when that is larger. */
export function countClasses(fn: string, ids: Int32Array, hint?: number): number {
  let k = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] + 1 > k) k = ids[i] + 1;
  if (hint !== undefined) {
    if (!Number.isInteger(hint) || hint < 1) throw new ArgumentError(fn, `nClasses must be an integer >= 1, received ${describe(hint)}`);
    if (hint < k) throw new ArgumentError(fn, `nClasses is ${hint} but y holds class id ${k - 1}`);
    k = hint;
  }
  return k;
}

/** What a classifier's fit reads from (x, y): the checked features, their sample count, class ids and class count. */
export interface FitData {
  xt: Tensor;
  n: number;
  ids: Int32Array;
  k: number;
}

/**
 * Checks a classifier's training data: at least one sample of rank >= `minRank` features, one class id per
 * sample, and the number of classes (`nClasses` when given and not smaller).
 * @example const { xt, n, ids, k } = fitData('BaggingClassifier.fit', x, y, options.nClasses)
 */
export function fitData(fn: string, x: unknown, y: unknown, nClasses: number | undefined, minRank = 1): FitData {
  const xt = checkX(fn, x, minRank);
  const n = xt.shape[0];
  if (n === 0) throw new ArgumentError(fn, 'x has no samples');
  const ids = classIds(fn, y, n);
  return { xt, n, ids, k: countClasses(fn, ids, nClasses) };
}

/** Per-sample weights as float64 (ones when absent), checked to be finite, non-negative and not all zero. */
export function sampleWeights(fn: string, w: Tensor | ArrayLike<number> | undefined, n: number): Float64Array {
  const out = new Float64Array(n);
  if (w === undefined) return out.fill(1);
  const values: ArrayLike<number> = w instanceof Tensor ? w.storage : w;
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new ArgumentError(fn, `sampleWeight must be a tensor or an array of numbers, received ${describe(w)}`);
  }
  if (values.length !== n) throw new ArgumentError(fn, `sampleWeight must have one weight per sample (${n}), received ${values.length}`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new ArgumentError(fn, `sampleWeight must hold finite numbers >= 0, received ${describe(v)} at sample ${i}`);
    }
    out[i] = v;
    total += v;
  }
  if (!(total > 0)) throw new ArgumentError(fn, 'sampleWeight must not be all zero');
  return out;
}

/** Throws the "call fit first" error unless `fitted`. */
export function checkFitted(fn: string, fitted: unknown, who: string): asserts fitted {
  if (!fitted) throw new ArgumentError(fn, `this ${who} is not fitted yet: call fit(x, y) first`);
}

/** Checks that `x` has the feature shape the estimator was fitted on. */
export function checkFeatures(fn: string, x: Tensor, fitted: readonly number[]): void {
  const got = x.shape.slice(1);
  if (got.length !== fitted.length || got.some((s, i) => s !== fitted[i])) {
    throw new ArgumentError(fn, `x must have samples of shape ${fmtShape(fitted)} as in fit, received ${fmtShape(x.shape)}`);
  }
}

/** A positive integer option, or its default. */
export function positiveInt(fn: string, name: string, v: unknown, fallback: number, min = 1): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new ArgumentError(fn, `${name} must be an integer >= ${min}, received ${describe(v)}`);
  return v;
}

/** A finite seed, or undefined. */
export function checkSeed(fn: string, seed: unknown): number | undefined {
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
    throw new ArgumentError(fn, `seed must be a finite number, received ${describe(seed)}`);
  }
  return seed;
}

/** Class ids as an int32 tensor [n]. */
export function labelsTensor(ids: Int32Array): Tensor {
  return Tensor.fromStorage(ids, [ids.length], 'int32');
}

/** Row-major probabilities [n, k] as a float32 tensor. */
export function probaTensor(p: ArrayLike<number>, n: number, k: number): Tensor {
  return Tensor.fromStorage(Float32Array.from(p), [n, k], 'float32');
}

/** The arg-max of each row of `p` [n, k] (first maximum on ties). */
export function argmaxRows(p: ArrayLike<number>, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** A member's class predictions as int32 ids, checked to be one per sample. */
export function predictIds(fn: string, est: Estimator, x: Tensor, name: string): Int32Array {
  const p = est.predict(x);
  const n = x.shape[0];
  if (!(p instanceof Tensor) || p.size !== n) {
    throw new ArgumentError(fn, `${name}.predict must return one class id per sample (${n}), received ${describe(p)}`);
  }
  return p.storage instanceof Int32Array ? p.storage : Int32Array.from(p.storage);
}

/** A member's probabilities as float64 [n, k], zero-padded when the member saw fewer classes. */
export function predictProbs(fn: string, est: Estimator, x: Tensor, k: number, name: string): Float64Array {
  if (!est.predictProba) throw new ArgumentError(fn, `${name} has no predictProba`);
  const p = est.predictProba(x);
  const n = x.shape[0];
  if (!(p instanceof Tensor) || p.rank !== 2 || p.shape[0] !== n || p.shape[1] > k) {
    throw new ArgumentError(fn, `${name}.predictProba must return probabilities [${n}, <= ${k}], received ${describe(p)}`);
  }
  const kp = p.shape[1], out = new Float64Array(n * k), d = p.storage;
  for (let i = 0; i < n; i++) for (let c = 0; c < kp; c++) out[i * k + c] = d[i * kp + c];
  return out;
}

/** Fraction of equal entries. */
export function accuracyOf(yTrue: Int32Array, yPred: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return yTrue.length === 0 ? 0 : hits / yTrue.length;
}

/**
 * Accuracy of `estimator` on (x, y): the fraction of samples whose predicted class id equals the label.
 * @example const acc = score(stump, xTest, yTest) // 0.85
 */
export function score(estimator: Estimator, x: Tensor, y: Tensor): number {
  const fn = 'score';
  if (!estimator || typeof estimator.predict !== 'function') throw new ArgumentError(fn, `estimator must have a predict method, received ${describe(estimator)}`);
  const xt = checkX(fn, x);
  const ids = classIds(fn, y, xt.shape[0]);
  return accuracyOf(ids, predictIds(fn, estimator, xt, 'estimator'));
}

/** Names and estimators of a member list, checked to be estimators with unique names. */
export function namedMembers(fn: string, entries: unknown, needProba = false): [string[], Estimator[]] {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new ArgumentError(fn, `estimators must be a non-empty array of estimators or [name, estimator] pairs, received ${describe(entries)}`);
  }
  const names: string[] = [], ests: Estimator[] = [];
  (entries as EstimatorEntry[]).forEach((e, i) => {
    const pair = Array.isArray(e) && e.length === 2 && typeof e[0] === 'string';
    const name = pair ? (e as readonly [string, Estimator])[0] : `estimator${i}`;
    const est = pair ? (e as readonly [string, Estimator])[1] : (e as Estimator);
    if (!est || typeof est !== 'object' || typeof est.fit !== 'function' || typeof est.predict !== 'function') {
      throw new ArgumentError(fn, `estimators[${i}] must have fit and predict methods, received ${describe(est)}`);
    }
    if (needProba && typeof est.predictProba !== 'function') {
      throw new ArgumentError(fn, `estimators[${i}] (${name}) has no predictProba, which voting: 'soft' needs`);
    }
    if (names.includes(name)) throw new ArgumentError(fn, `estimator names must be unique, '${name}' appears twice`);
    names.push(name);
    ests.push(est);
  });
  return [names, ests];
}

/** Throws unless `est` has a `clone()` (needed to fit fresh copies). */
export function checkClonable(fn: string, est: Estimator, name: string): void {
  if (typeof est.clone !== 'function') {
    throw new ArgumentError(fn, `${name} has no clone() to make fresh copies (for a model, pass a function that builds it to fromModel)`);
  }
}

/** A fresh unfitted copy of `est` through its `clone()`. */
export function cloneOf(fn: string, est: Estimator, name: string): Estimator {
  checkClonable(fn, est, name);
  return est.clone!();
}
