// Multinomial logistic regression (full-batch Adam on typed arrays): stacking's default meta-learner.
import { ArgumentError, describe } from '../core/errors.js';
import { noGrad } from '../core/grad-mode.js';
import { Tensor } from '../core/tensor.js';
import { add } from '../ops/arithmetic.js';
import { matmul } from '../ops/matmul.js';
import { softmax } from '../ops/softmax.js';
import {
  argmaxRows, checkFeatures, checkFitted, checkX, fitData, labelsTensor, positiveInt, probaTensor,
  sampleWeights, score as accuracyScore,
} from './common.js';
import type { Estimator, EstimatorFitOptions } from './types.js';

/** Options of LogisticRegression (scikit-learn names where they exist). */
export interface LogisticRegressionOptions {
  /** Inverse strength of the L2 penalty on the weights (default 1; larger fits the data more closely). */
  c?: number;
  /** Full-batch Adam steps (default 300). */
  maxIter?: number;
  /** Adam learning rate on standardized features (default 0.1). */
  learningRate?: number;
  /** Stop when every gradient entry is below this (default 1e-5). */
  tol?: number;
}

function positiveNumber(fn: string, name: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new ArgumentError(fn, `${name} must be a finite number > 0, received ${describe(v)}`);
  return v;
}

/** Flattened float64 features [n, d], standardized with `mean` / `scale`. */
function standardized(x: Tensor, mean: Float64Array, scale: Float64Array): Tensor {
  const d = mean.length, n = x.shape[0], out = new Float64Array(n * d), xs = x.storage;
  for (let i = 0; i < n * d; i++) out[i] = (xs[i] - mean[i % d]) / scale[i % d];
  return Tensor.fromStorage(out, [n, d], 'float64');
}

/**
 * Softmax (multinomial) logistic regression with an L2 penalty, fitted by full-batch Adam on standardized
 * features (closed-form gradient on typed arrays: stacking refits it often). Honors `sampleWeight`.
 * @example const lr = new LogisticRegression({ c: 1 }); await lr.fit(x, y); lr.predictProba(x)
 */
export class LogisticRegression implements Estimator {
  readonly c: number;
  readonly maxIter: number;
  readonly learningRate: number;
  readonly tol: number;
  /** Weights [d, nClasses] and bias [nClasses] on standardized features (null before fit). */
  coef: Tensor | null = null;
  intercept: Tensor | null = null;
  /** Steps taken by the last fit. */
  nIter = 0;
  nClasses = 0;
  private mean = new Float64Array(0);
  private scale = new Float64Array(0);
  private featureShape: number[] = [];

  constructor(options: LogisticRegressionOptions = {}) {
    const fn = 'LogisticRegression';
    if (options === null || typeof options !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(options)}`);
    this.c = positiveNumber(fn, 'c', options.c, 1);
    this.maxIter = positiveInt(fn, 'maxIter', options.maxIter, 300);
    this.learningRate = positiveNumber(fn, 'learningRate', options.learningRate, 0.1);
    this.tol = positiveNumber(fn, 'tol', options.tol, 1e-5);
  }

  /**
   * Minimizes the weighted mean cross-entropy plus ||W||² / (2 c n).
   * @example await new LogisticRegression().fit(x, y, { sampleWeight: w })
   */
  async fit(x: Tensor, y: Tensor, options: EstimatorFitOptions = {}): Promise<this> {
    const fn = 'LogisticRegression.fit';
    const { xt, n, ids, k } = fitData(fn, x, y, options.nClasses, 2);
    const w = sampleWeights(fn, options.sampleWeight, n);
    const d = xt.size / n, xs = xt.storage;
    const mean = new Float64Array(d), scale = new Float64Array(d);
    for (let i = 0; i < n * d; i++) mean[i % d] += xs[i] / n;
    for (let i = 0; i < n * d; i++) scale[i % d] += (xs[i] - mean[i % d]) ** 2 / n;
    for (let j = 0; j < d; j++) scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;
    const xs64 = standardized(xt, mean, scale);
    const wNorm = w.reduce((a, b) => a + b, 0);
    const W = new Float64Array(d * k), b = new Float64Array(k), gW = new Float64Array(d * k), gb = new Float64Array(k);
    const z = new Float64Array(k), xv = xs64.storage;
    const params = [W, b], grads = [gW, gb];
    const m = params.map((q) => new Float64Array(q.length)), v = params.map((q) => new Float64Array(q.length));
    const beta1 = 0.9, beta2 = 0.999, eps = 1e-8, decay = 1 / (this.c * n);
    let step = 0;
    for (; step < this.maxIter; step++) {
      // Gradient of the weighted mean cross-entropy: X^T (softmax(XW + b) - onehot(y)) weighted, plus W / (c n).
      for (let i = 0; i < W.length; i++) gW[i] = decay * W[i];
      gb.fill(0);
      for (let i = 0; i < n; i++) {
        let zMax = -Infinity;
        for (let c = 0; c < k; c++) {
          let s = b[c];
          for (let j = 0; j < d; j++) s += xv[i * d + j] * W[j * k + c];
          z[c] = s;
          if (s > zMax) zMax = s;
        }
        let zSum = 0;
        for (let c = 0; c < k; c++) { z[c] = Math.exp(z[c] - zMax); zSum += z[c]; }
        const wi = w[i] / wNorm;
        for (let c = 0; c < k; c++) {
          const g = wi * (z[c] / zSum - (ids[i] === c ? 1 : 0));
          gb[c] += g;
          for (let j = 0; j < d; j++) gW[j * k + c] += xv[i * d + j] * g;
        }
      }
      let gMax = 0;
      const c1 = 1 - beta1 ** (step + 1), c2 = 1 - beta2 ** (step + 1);
      params.forEach((q, pi) => {
        const g = grads[pi];
        for (let i = 0; i < q.length; i++) {
          gMax = Math.max(gMax, Math.abs(g[i]));
          m[pi][i] = beta1 * m[pi][i] + (1 - beta1) * g[i];
          v[pi][i] = beta2 * v[pi][i] + (1 - beta2) * g[i] * g[i];
          q[i] -= (this.learningRate * m[pi][i] / c1) / (Math.sqrt(v[pi][i] / c2) + eps);
        }
      });
      if (gMax < this.tol) break;
    }
    this.coef = Tensor.fromStorage(W, [d, k], 'float64');
    this.intercept = Tensor.fromStorage(b, [k], 'float64');
    this.nIter = step;
    this.nClasses = k;
    this.mean = mean;
    this.scale = scale;
    this.featureShape = xt.shape.slice(1);
    return this;
  }

  /**
   * Class probabilities [n, nClasses] (float32): the softmax of the linear scores.
   * @example lr.predictProba(x).shape // [n, 2]
   */
  predictProba(x: Tensor): Tensor {
    const fn = 'LogisticRegression.predictProba';
    checkFitted(fn, this.coef && this.intercept, 'LogisticRegression');
    const xt = checkX(fn, x, 2);
    checkFeatures(fn, xt, this.featureShape);
    const coef = this.coef, intercept = this.intercept!;
    const p = noGrad(() => softmax(add(matmul(standardized(xt, this.mean, this.scale), coef), intercept)));
    return probaTensor(p.storage, xt.shape[0], this.nClasses);
  }

  /**
   * Class ids [n] (int32) of the largest probability.
   * @example lr.predict(x)
   */
  predict(x: Tensor): Tensor {
    checkFitted('LogisticRegression.predict', this.coef, 'LogisticRegression');
    const p = this.predictProba(x);
    return labelsTensor(argmaxRows(p.storage, p.shape[0], this.nClasses));
  }

  /**
   * Accuracy on (x, y): the fraction of samples whose predicted class id equals the label.
   * @example lr.score(xTest, yTest) // 0.9
   */
  score(x: Tensor, y: Tensor): number {
    return accuracyScore(this, x, y);
  }

  /**
   * A fresh, unfitted model with the same options.
   * @example const fresh = lr.clone()
   */
  clone(): LogisticRegression {
    return new LogisticRegression({ c: this.c, maxIter: this.maxIter, learningRate: this.learningRate, tol: this.tol });
  }
}
