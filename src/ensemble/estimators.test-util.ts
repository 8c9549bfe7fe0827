// Test helpers, not public API: small estimators written against the Estimator interface, as users would.
import { valueAndGrads } from '../core/autograd.js';
import { noGrad } from '../core/grad-mode.js';
import { Tensor } from '../core/tensor.js';
import { add, mul, sub } from '../ops/arithmetic.js';
import { oneHot } from '../ops/gather.js';
import { matmul } from '../ops/matmul.js';
import { mean } from '../ops/reduce.js';
import { sum } from '../ops/reduce-sum.js';
import { logSoftmax, softmax } from '../ops/softmax.js';
import type { Estimator, EstimatorFitOptions } from './types.js';

function argmaxIds(p: Tensor): Tensor {
  const [n, k] = p.shape, out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p.storage[i * k + c] > p.storage[i * k + best]) best = c;
    out[i] = best;
  }
  return Tensor.fromStorage(out, [n], 'int32');
}

/** One nearest neighbour: memorizes the training set, so it has high variance (bagging's classic customer). */
export class OneNearestNeighbor implements Estimator {
  private x: Tensor | null = null;
  private y = new Int32Array(0);
  private k = 0;
  fitCalls: number[] = [];

  async fit(x: Tensor, y: Tensor, options: EstimatorFitOptions = {}): Promise<void> {
    this.x = x;
    this.y = Int32Array.from(y.storage);
    this.k = options.nClasses ?? Math.max(...this.y) + 1;
    this.fitCalls.push(x.shape[0]);
  }

  predict(x: Tensor): Tensor {
    if (!this.x) throw new Error('OneNearestNeighbor: not fitted');
    const [n, d] = x.shape, m = this.x.shape[0], a = this.x.storage, b = x.storage, out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0, bestD = Infinity;
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += (b[i * d + f] - a[j * d + f]) ** 2;
        if (s < bestD) { bestD = s; best = j; }
      }
      out[i] = this.y[best];
    }
    return Tensor.fromStorage(out, [n], 'int32');
  }

  /** One-hot of the neighbour's class. */
  predictProba(x: Tensor): Tensor {
    const ids = this.predict(x).storage, n = ids.length, out = new Float32Array(n * this.k);
    for (let i = 0; i < n; i++) out[i * this.k + ids[i]] = 1;
    return Tensor.fromStorage(out, [n, this.k], 'float32');
  }

  clone(): OneNearestNeighbor { return new OneNearestNeighbor(); }
}

/**
 * Softmax regression on the polynomial features of 2-D points up to `degree`, trained by plain gradient descent
 * whose gradients come from tensorgrad's autograd: a user-written estimator over tensorgrad ops.
 */
export class PolynomialSoftmax implements Estimator {
  private w: Tensor | null = null;
  private b: Tensor | null = null;

  constructor(readonly degree = 3, readonly steps = 300, readonly learningRate = 0.5) {}

  private features(x: Tensor): Tensor {
    const n = x.shape[0], terms: [number, number][] = [];
    for (let p = 0; p <= this.degree; p++) for (let q = 0; p + q <= this.degree; q++) if (p + q > 0) terms.push([p, q]);
    const out = new Float32Array(n * terms.length);
    for (let i = 0; i < n; i++) terms.forEach(([p, q], t) => { out[i * terms.length + t] = x.storage[2 * i] ** p * x.storage[2 * i + 1] ** q; });
    return Tensor.fromStorage(out, [n, terms.length], 'float32');
  }

  async fit(x: Tensor, y: Tensor, options: EstimatorFitOptions = {}): Promise<void> {
    const f = this.features(x), ids = Int32Array.from(y.storage);
    const k = options.nClasses ?? Math.max(...ids) + 1;
    const target = oneHot(Tensor.fromStorage(ids, [ids.length], 'int32'), k);
    const weights = options.sampleWeight === undefined ? null
      : Tensor.fromStorage(Float32Array.from(options.sampleWeight instanceof Tensor ? options.sampleWeight.storage : options.sampleWeight), [ids.length, 1]);
    const weighted = weights ? mul(target, weights) : target;
    const step = valueAndGrads((w: Tensor, b: Tensor) => mul(mean(sum(mul(weighted, logSoftmax(add(matmul(f, w), b))), 1)), -1));
    let w = Tensor.fromStorage(new Float32Array(f.shape[1] * k), [f.shape[1], k]);
    let b = Tensor.fromStorage(new Float32Array(k), [k]);
    for (let s = 0; s < this.steps; s++) {
      const { grads: [gw, gb] } = step(w, b);
      w = sub(w, mul(gw, this.learningRate));
      b = sub(b, mul(gb, this.learningRate));
    }
    this.w = w; this.b = b;
  }

  predictProba(x: Tensor): Tensor {
    if (!this.w || !this.b) throw new Error('PolynomialSoftmax: not fitted');
    const w = this.w, b = this.b;
    return noGrad(() => softmax(add(matmul(this.features(x), w), b)));
  }

  predict(x: Tensor): Tensor { return argmaxIds(this.predictProba(x)); }

  clone(): PolynomialSoftmax { return new PolynomialSoftmax(this.degree, this.steps, this.learningRate); }
}

/** Always predicts the given fixed class ids (for exact vote arithmetic). */
export class FixedPredictions implements Estimator {
  fitted = 0;
  constructor(readonly ids: number[], readonly proba?: number[][]) {}
  async fit(): Promise<void> { this.fitted++; }
  predict(x: Tensor): Tensor { return Tensor.fromStorage(Int32Array.from(this.ids.slice(0, x.shape[0])), [x.shape[0]], 'int32'); }
  clone(): FixedPredictions { return new FixedPredictions(this.ids, this.proba); }
}

/** FixedPredictions with predictProba. */
export class FixedProbabilities extends FixedPredictions {
  predictProba(x: Tensor): Tensor {
    const rows = this.proba!.slice(0, x.shape[0]);
    return Tensor.fromStorage(Float32Array.from(rows.flat()), [rows.length, rows[0].length], 'float32');
  }
  override clone(): FixedProbabilities { return new FixedProbabilities(this.ids, this.proba); }
}
