// k-means clustering (Lloyd's algorithm) with k-means++ seeding, on plain float64 arrays.
import { ArgumentError, describe, fmtShape } from '../core/errors.js';
import { Random, globalRandom } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { asRowsTensor } from '../data/rows.js';

/** Options of KMeans (scikit-learn names, `k` for n_clusters). */
export interface KMeansOptions {
  /** Number of clusters. */
  k: number;
  /** 'k-means++' (default), 'random' (k distinct rows), or explicit starting centroids [k, d]. */
  init?: 'k-means++' | 'random' | Tensor | number[][];
  /** Independent runs from different seeds; the one with the lowest inertia is kept (default 10; 1 with explicit init). */
  nInit?: number;
  /** Lloyd iterations per run at most (default 300). */
  maxIter?: number;
  /** Converged when centroids move less than tol times the mean feature variance, in squared distance (default 1e-4). */
  tol?: number;
  /** Seed of the initializations (from the global seed when omitted). */
  seed?: number;
}

interface Run { centers: Float64Array; labels: Int32Array; inertia: number; nIter: number }

function checkMatrix(fn: string, x: unknown): Tensor {
  const t = asRowsTensor(fn, 'x', x);
  if (t.rank !== 2) throw new ArgumentError(fn, `x must be 2-D [samples, features], received ${fmtShape(t.shape)}`);
  const d = t.storage;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) throw new ArgumentError(fn, `x must hold finite numbers, received ${d[i]} at flat index ${i}`);
  }
  return t;
}

function sqDist(x: ArrayLike<number>, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) { const t = x[i * d + f] - c[j * d + f]; s += t * t; }
  return s;
}

/** Assigns every row to its nearest center; fills `labels` and `dist` (squared distances); returns the inertia. */
function assign(x: ArrayLike<number>, n: number, d: number, centers: Float64Array, k: number, labels: Int32Array, dist: Float64Array): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0, bestD = Infinity;
    for (let j = 0; j < k; j++) {
      const s = sqDist(x, i, centers, j, d);
      if (s < bestD) { bestD = s; best = j; }
    }
    labels[i] = best; dist[i] = bestD; inertia += bestD;
  }
  return inertia;
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007): the first center is a uniform row, each next one a row drawn
 * with probability proportional to its squared distance to the nearest center chosen so far.
 * @example const centers = kmeansPlusPlus(x.storage, n, d, 3, new Random(0)) // Float64Array [3 * d]
 */
export function kmeansPlusPlus(x: ArrayLike<number>, n: number, d: number, k: number, rng: Random): Float64Array {
  const centers = new Float64Array(k * d), minD = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let j = 0; j < k; j++) {
    for (let f = 0; f < d; f++) centers[j * d + f] = x[pick * d + f];
    if (j === k - 1) break;
    let total = 0;
    for (let i = 0; i < n; i++) { minD[i] = Math.min(minD[i], sqDist(x, i, centers, j, d)); total += minD[i]; }
    if (total <= 0) { pick = rng.int(n); continue; }
    let u = rng.uniform() * total;
    pick = -1;
    for (let i = 0; i < n; i++) {
      if (minD[i] <= 0) continue;
      pick = i;
      u -= minD[i];
      if (u < 0) break;
    }
  }
  return centers;
}

/** k distinct rows chosen uniformly. */
function randomRows(x: ArrayLike<number>, n: number, d: number, k: number, rng: Random): Float64Array {
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i)), centers = new Float64Array(k * d);
  for (let j = 0; j < k; j++) for (let f = 0; f < d; f++) centers[j * d + f] = x[order[j] * d + f];
  return centers;
}

/** Lloyd's iterations from `centers` (updated in place). Empty clusters take the row farthest from its center. */
function lloyd(x: ArrayLike<number>, n: number, d: number, k: number, centers: Float64Array, maxIter: number, tolAbs: number): Run {
  const labels = new Int32Array(n), dist = new Float64Array(n), sums = new Float64Array(k * d), counts = new Int32Array(k);
  let nIter = 0;
  for (; nIter < maxIter; ) {
    assign(x, n, d, centers, k, labels, dist);
    nIter++;
    sums.fill(0); counts.fill(0);
    for (let i = 0; i < n; i++) {
      const j = labels[i];
      counts[j]++;
      for (let f = 0; f < d; f++) sums[j * d + f] += x[i * d + f];
    }
    for (let j = 0; j < k; j++) {
      if (counts[j] > 0) continue;
      let far = 0;
      for (let i = 1; i < n; i++) if (dist[i] > dist[far]) far = i;
      const from = labels[far];
      counts[from]--; counts[j] = 1; labels[far] = j; dist[far] = 0;
      for (let f = 0; f < d; f++) { sums[from * d + f] -= x[far * d + f]; sums[j * d + f] = x[far * d + f]; }
    }
    let shift = 0;
    for (let j = 0; j < k; j++) {
      for (let f = 0; f < d; f++) {
        const c = sums[j * d + f] / counts[j], t = c - centers[j * d + f];
        shift += t * t;
        centers[j * d + f] = c;
      }
    }
    if (shift <= tolAbs) break;
  }
  // Labels and inertia of the final centers, so that they agree with each other.
  const inertia = assign(x, n, d, centers, k, labels, dist);
  return { centers, labels, inertia, nIter };
}

function intOption(fn: string, name: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ArgumentError(fn, `${name} must be an integer >= 1, received ${describe(v)}`);
  return v;
}

/**
 * k-means clustering: `k` centroids that minimize the sum of squared distances of rows to their nearest centroid
 * (Lloyd's algorithm), seeded by k-means++ and restarted `nInit` times keeping the best run.
 * @example const km = new KMeans({ k: 3, seed: 0 }).fit(x); km.centroids; km.labels; km.predict(xNew)
 */
export class KMeans {
  readonly k: number;
  readonly init: 'k-means++' | 'random' | Tensor;
  readonly nInit: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly seed: number | undefined;
  /** Centroids [k, d] after fit (null before). */
  centroids: Tensor | null = null;
  /** Cluster of every row of the fitted x, int32 [n] (null before fit). */
  labels: Tensor | null = null;
  /** Sum of squared distances of the fitted rows to their centroids. */
  inertia = NaN;
  /** Lloyd iterations of the kept run. */
  nIter = 0;

  constructor(options: KMeansOptions) {
    const fn = 'KMeans';
    if (options === null || typeof options !== 'object') throw new ArgumentError(fn, `options must be an object with k, received ${describe(options)}`);
    if (options.k === undefined) throw new ArgumentError(fn, 'k (the number of clusters) is required');
    this.k = intOption(fn, 'k', options.k, 1);
    const init = options.init ?? 'k-means++';
    if (init === 'k-means++' || init === 'random') this.init = init;
    else if (init instanceof Tensor || Array.isArray(init)) {
      const t = checkMatrix(fn, init);
      if (t.shape[0] !== this.k) throw new ArgumentError(fn, `init centroids must have k (${this.k}) rows, received ${fmtShape(t.shape)}`);
      this.init = t;
    } else throw new ArgumentError(fn, `init must be 'k-means++', 'random' or centroids [k, d], received ${describe(init)}`);
    this.nInit = intOption(fn, 'nInit', options.nInit, this.init instanceof Tensor ? 1 : 10);
    this.maxIter = intOption(fn, 'maxIter', options.maxIter, 300);
    const tol = options.tol ?? 1e-4;
    if (typeof tol !== 'number' || !Number.isFinite(tol) || tol < 0) throw new ArgumentError(fn, `tol must be a finite number >= 0, received ${describe(tol)}`);
    this.tol = tol;
    if (options.seed !== undefined && (typeof options.seed !== 'number' || !Number.isFinite(options.seed))) {
      throw new ArgumentError(fn, `seed must be a finite number, received ${describe(options.seed)}`);
    }
    this.seed = options.seed;
  }

  /**
   * Clusters the rows of `x` [n, d] and returns this (centroids, labels, inertia and nIter are set).
   * @example new KMeans({ k: 2, seed: 0 }).fit(tensor([[0, 0], [0, 1], [9, 9], [9, 8]])).labels // [0, 0, 1, 1] up to naming
   */
  fit(x: Tensor | number[][]): this {
    const fn = 'KMeans.fit';
    const xt = checkMatrix(fn, x);
    const [n, d] = xt.shape, k = this.k, xs = xt.storage;
    if (k > n) throw new ArgumentError(fn, `k (${k}) cannot exceed the number of samples (${n})`);
    const explicit = this.init instanceof Tensor ? this.init : null;
    if (explicit && explicit.shape[1] !== d) throw new ArgumentError(fn, `init centroids have ${explicit.shape[1]} features but x has ${d}`);
    // sklearn's tolerance: relative to the mean per-feature variance, so it does not depend on the data's scale.
    let meanVar = 0;
    for (let f = 0; f < d; f++) {
      let m = 0, v = 0;
      for (let i = 0; i < n; i++) m += xs[i * d + f] / n;
      for (let i = 0; i < n; i++) v += (xs[i * d + f] - m) ** 2 / n;
      meanVar += v / d;
    }
    const rng = new Random(this.seed ?? globalRandom.nextU32());
    let best: Run | null = null;
    for (let r = 0; r < this.nInit; r++) {
      const start = explicit ? Float64Array.from(explicit.storage)
        : this.init === 'random' ? randomRows(xs, n, d, k, rng) : kmeansPlusPlus(xs, n, d, k, rng);
      const run = lloyd(xs, n, d, k, start, this.maxIter, this.tol * meanVar);
      if (!best || run.inertia < best.inertia) best = run;
    }
    const b = best!;
    const dtype = xt.dtype === 'float64' ? 'float64' : 'float32';
    this.centroids = Tensor.fromStorage(dtype === 'float64' ? b.centers : Float32Array.from(b.centers), [k, d], dtype);
    this.labels = Tensor.fromStorage(b.labels, [n], 'int32');
    this.inertia = b.inertia;
    this.nIter = b.nIter;
    return this;
  }

  private fitted(fn: string, x: unknown): [Tensor, Float64Array] {
    if (!this.centroids) throw new ArgumentError(fn, 'this KMeans is not fitted yet: call fit(x) first');
    const xt = checkMatrix(fn, x);
    const d = this.centroids.shape[1];
    if (xt.shape[1] !== d) throw new ArgumentError(fn, `x must have ${d} features as in fit, received ${fmtShape(xt.shape)}`);
    return [xt, Float64Array.from(this.centroids.storage)];
  }

  /**
   * The nearest centroid of every row, int32 [n].
   * @example km.predict(tensor([[0.1, 0.2]])) // [0]
   */
  predict(x: Tensor | number[][]): Tensor {
    const [xt, centers] = this.fitted('KMeans.predict', x);
    const [n, d] = xt.shape, labels = new Int32Array(n);
    assign(xt.storage, n, d, centers, this.k, labels, new Float64Array(n));
    return Tensor.fromStorage(labels, [n], 'int32');
  }

  /**
   * Fits on `x` and returns its cluster labels, int32 [n].
   * @example const labels = new KMeans({ k: 3, seed: 0 }).fitPredict(x)
   */
  fitPredict(x: Tensor | number[][]): Tensor {
    return this.fit(x).labels!;
  }

  /**
   * Euclidean distances of every row to every centroid, [n, k] (float32).
   * @example km.transform(x).shape // [n, 3]
   */
  transform(x: Tensor | number[][]): Tensor {
    const [xt, centers] = this.fitted('KMeans.transform', x);
    const [n, d] = xt.shape, k = this.k, out = new Float32Array(n * k);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[i * k + j] = Math.sqrt(sqDist(xt.storage, i, centers, j, d));
    return Tensor.fromStorage(out, [n, k], 'float32');
  }
}
