import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random, setSeed } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import { KMeans, kmeansPlusPlus } from './kmeans.js';
import { adjustedRandScore } from './metrics.js';

/** `perCluster` Gaussian points (std `spread`) around each center, shuffled; with the true cluster of each row. */
function blobs(centers: number[][], perCluster: number, spread: number, seed: number): { x: Tensor; y: Int32Array } {
  const rng = new Random(seed), d = centers[0].length, n = centers.length * perCluster;
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const x = new Float32Array(n * d), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / perCluster), row = order[i];
    y[row] = c;
    for (let f = 0; f < d; f++) x[row * d + f] = centers[c][f] + spread * rng.normal();
  }
  return { x: Tensor.fromStorage(x, [n, d]), y };
}

const three = blobs([[0, 0], [10, 0], [0, 10]], 50, 1, 0);

test('KMeans recovers three well-separated blobs exactly (up to renaming) with centroids near the true centers', () => {
  const km = new KMeans({ k: 3, seed: 0 }).fit(three.x);
  assert.equal(adjustedRandScore(three.y, km.labels!), 1);
  assert.deepEqual(km.centroids!.shape, [3, 2]);
  assert.equal(km.labels!.dtype, 'int32');
  const c = km.centroids!.arraySync() as number[][];
  for (const truth of [[0, 0], [10, 0], [0, 10]]) {
    const nearest = Math.min(...c.map(([a, b]) => Math.hypot(a - truth[0], b - truth[1])));
    assert.ok(nearest < 0.5, `a centroid within 0.5 of ${truth}, nearest ${nearest}`);
  }
  assert.ok(km.nIter >= 1 && km.nIter < 300);
  // Inertia is the sum of squared distances to the assigned centroids.
  const xs = three.x.storage, l = km.labels!.storage, cs = km.centroids!.storage;
  let inertia = 0;
  for (let i = 0; i < 150; i++) inertia += (xs[2 * i] - cs[2 * l[i]]) ** 2 + (xs[2 * i + 1] - cs[2 * l[i] + 1]) ** 2;
  assert.ok(Math.abs(inertia - km.inertia) < 1e-3 * inertia);
  // predict on the training rows gives the fitted labels; transform gives distances whose arg-min is the label.
  assert.deepEqual([...km.predict(three.x).storage], [...l]);
  const dist = km.transform(three.x);
  assert.deepEqual(dist.shape, [150, 3]);
  for (let i = 0; i < 150; i++) {
    const row = [...dist.storage.subarray(3 * i, 3 * i + 3)];
    assert.equal(row.indexOf(Math.min(...row)), l[i]);
  }
});

test('KMeans is deterministic per seed, follows the global seed, and fitPredict equals fit().labels', () => {
  const data = blobs([[0, 0], [3, 0], [0, 3], [3, 3]], 30, 1.2, 1).x;
  const a = new KMeans({ k: 4, seed: 7, nInit: 1 }).fit(data), b = new KMeans({ k: 4, seed: 7, nInit: 1 }).fit(data);
  assert.deepEqual(a.centroids!.storage, b.centroids!.storage);
  assert.equal(a.inertia, b.inertia);
  setSeed(11); const c = new KMeans({ k: 4, nInit: 1 }).fitPredict(data);
  setSeed(11); const d = new KMeans({ k: 4, nInit: 1 }).fitPredict(data);
  assert.deepEqual(c.storage, d.storage);
});

test('k-means++ seeding is on average no worse than random seeding (inertia over 20 seeds), and more restarts never hurt', () => {
  // Nine tight blobs on a grid: random starts often put two centroids in one blob and get stuck.
  const grid = blobs([0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => [6 * i, 6 * j])), 20, 0.5, 2).x;
  let pp = 0, rnd = 0;
  for (let s = 0; s < 20; s++) {
    pp += new KMeans({ k: 9, init: 'k-means++', nInit: 1, seed: s }).fit(grid).inertia;
    rnd += new KMeans({ k: 9, init: 'random', nInit: 1, seed: s }).fit(grid).inertia;
  }
  assert.ok(pp <= rnd, `k-means++ mean inertia ${pp / 20} vs random ${rnd / 20}`);
  const one = new KMeans({ k: 9, init: 'random', nInit: 1, seed: 3 }).fit(grid).inertia;
  const ten = new KMeans({ k: 9, init: 'random', nInit: 10, seed: 3 }).fit(grid).inertia;
  assert.ok(ten <= one);
});

test('kmeansPlusPlus picks k distinct rows and never repeats a point while others remain', () => {
  const x = Float64Array.from([0, 0, 0, 0, 5, 5, 9, 9]); // two identical rows
  for (let s = 0; s < 10; s++) {
    const c = kmeansPlusPlus(x, 4, 2, 3, new Random(s));
    const rows = [0, 1, 2].map((j) => `${c[2 * j]},${c[2 * j + 1]}`);
    assert.equal(new Set(rows).size, 3);
  }
});

test('KMeans takes explicit initial centroids, handles k = n, k = 1, duplicates and float64', () => {
  const x = tensor([[0, 0], [0, 1], [10, 10], [10, 11]]);
  const km = new KMeans({ k: 2, init: [[0, 0], [10, 10]] }).fit(x);
  assert.deepEqual([...km.labels!.storage], [0, 0, 1, 1]);
  assert.deepEqual(km.centroids!.arraySync(), [[0, 0.5], [10, 10.5]]);
  assert.equal(km.inertia, 1);
  assert.equal(km.nInit, 1);
  const all = new KMeans({ k: 4, seed: 0 }).fit(x);
  assert.equal(all.inertia, 0);
  assert.equal(new Set(all.labels!.storage).size, 4);
  const one = new KMeans({ k: 1, seed: 0 }).fit(x);
  assert.deepEqual(one.centroids!.arraySync(), [[5, 5.5]]);
  // More clusters than distinct points: empty clusters are refilled, so every cluster keeps a member.
  const dup = new KMeans({ k: 3, seed: 0, nInit: 1 }).fit(tensor([[1, 1], [1, 1], [1, 1], [2, 2]]));
  assert.equal(dup.inertia, 0);
  const f64 = new KMeans({ k: 2, seed: 0 }).fit(tensor([[0], [1], [10], [11]], undefined, 'float64'));
  assert.equal(f64.centroids!.dtype, 'float64');
  assert.equal(f64.inertia, 1);
});

test('KMeans rejects bad arguments with clear messages', () => {
  const x = tensor([[0, 0], [1, 1]]);
  assert.throws(() => new KMeans({ k: 3, seed: 0 }).fit(x), /KMeans\.fit: k \(3\) cannot exceed the number of samples \(2\)/);
  assert.throws(() => new KMeans({ k: 0 }), /KMeans: k must be an integer >= 1, received number 0/);
  assert.throws(() => new KMeans({} as { k: number }), /KMeans: k \(the number of clusters\) is required/);
  assert.throws(() => new KMeans({ k: 2, init: 'kmeans' as 'random' }), /init must be 'k-means\+\+', 'random' or centroids/);
  assert.throws(() => new KMeans({ k: 2, init: [[0, 0]] }), /init centroids must have k \(2\) rows, received \[1,2\]/);
  assert.throws(() => new KMeans({ k: 2, nInit: 0 }), /nInit must be an integer >= 1/);
  assert.throws(() => new KMeans({ k: 2, tol: -1 }), /tol must be a finite number >= 0/);
  assert.throws(() => new KMeans({ k: 1 }).fit(tensor([1, 2, 3])), /KMeans\.fit: x must be 2-D \[samples, features\], received \[3\]/);
  assert.throws(() => new KMeans({ k: 1 }).fit(tensor([[0, NaN]])), /x must hold finite numbers, received NaN/);
  assert.throws(() => new KMeans({ k: 2 }).predict(x), /KMeans\.predict: this KMeans is not fitted yet: call fit\(x\) first/);
  const km = new KMeans({ k: 1, seed: 0 }).fit(x);
  assert.throws(() => km.predict(tensor([[1, 2, 3]])), /KMeans\.predict: x must have 2 features as in fit, received \[1,3\]/);
  assert.throws(() => new KMeans({ k: 2, init: [[0, 0, 0], [1, 1, 1]] }).fit(x), /init centroids have 3 features but x has 2/);
});
