// Clustering quality: silhouette (no ground truth needed) and the adjusted Rand index (against true labels).
import { ArgumentError, fmtShape } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { asRowsTensor } from '../data/rows.js';

/** Integer labels of a [n] (or [n, 1]) tensor or array, remapped to 0..m-1 in order of first appearance. */
function labelIds(fn: string, arg: string, labels: unknown, n?: number): [Int32Array, number] {
  const t = asRowsTensor(fn, arg, labels);
  if (!(t.rank === 1 || (t.rank === 2 && t.shape[1] === 1))) {
    throw new ArgumentError(fn, `${arg} must hold one label per sample, shape [n], received ${fmtShape(t.shape)}`);
  }
  if (n !== undefined && t.shape[0] !== n) throw new ArgumentError(fn, `${arg} must have one label per sample (${n}), received ${t.shape[0]}`);
  const map = new Map<number, number>(), out = new Int32Array(t.shape[0]);
  for (let i = 0; i < out.length; i++) {
    const v = t.storage[i];
    if (!Number.isInteger(v)) throw new ArgumentError(fn, `${arg} must hold integer labels, received ${v} at sample ${i}`);
    let id = map.get(v);
    if (id === undefined) { id = map.size; map.set(v, id); }
    out[i] = id;
  }
  return [out, map.size];
}

/**
 * The mean silhouette coefficient (b - a) / max(a, b) over samples, where a is the mean distance to the sample's
 * own cluster and b to the nearest other cluster; from -1 (wrong) to 1 (dense, well separated). Samples alone in
 * their cluster count 0. Costs O(n² d).
 * @example silhouetteScore(x, new KMeans({ k: 3, seed: 0 }).fitPredict(x)) // 0.7
 */
export function silhouetteScore(x: Tensor | number[][], labels: Tensor | ArrayLike<number>): number {
  const fn = 'silhouetteScore';
  const xt = asRowsTensor(fn, 'x', x);
  if (xt.rank !== 2) throw new ArgumentError(fn, `x must be 2-D [samples, features], received ${fmtShape(xt.shape)}`);
  const [n, d] = xt.shape, xs = xt.storage;
  const [ids, m] = labelIds(fn, 'labels', labels, n);
  if (m < 2 || m > n - 1) throw new ArgumentError(fn, `needs between 2 and n - 1 (${n - 1}) distinct labels, received ${m}`);
  const sizes = new Int32Array(m);
  for (let i = 0; i < n; i++) sizes[ids[i]]++;
  const sums = new Float64Array(m);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let f = 0; f < d; f++) { const t = xs[i * d + f] - xs[j * d + f]; s += t * t; }
      sums[ids[j]] += Math.sqrt(s);
    }
    const own = ids[i];
    if (sizes[own] === 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < m; c++) if (c !== own) b = Math.min(b, sums[c] / sizes[c]);
    const denom = Math.max(a, b);
    total += denom > 0 ? (b - a) / denom : 0;
  }
  return total / n;
}

const pairs = (v: number): number => (v * (v - 1)) / 2;

/**
 * The adjusted Rand index of two labelings of the same samples: 1 when they agree up to renaming the clusters,
 * about 0 for chance agreement (can be negative).
 * @example adjustedRandScore([0, 0, 1, 1], [1, 1, 0, 0]) // 1
 */
export function adjustedRandScore(labelsTrue: Tensor | ArrayLike<number>, labelsPred: Tensor | ArrayLike<number>): number {
  const fn = 'adjustedRandScore';
  const [a, ma] = labelIds(fn, 'labelsTrue', labelsTrue);
  const [b, mb] = labelIds(fn, 'labelsPred', labelsPred, a.length);
  const n = a.length, table = new Float64Array(ma * mb), rows = new Float64Array(ma), cols = new Float64Array(mb);
  for (let i = 0; i < n; i++) { table[a[i] * mb + b[i]]++; rows[a[i]]++; cols[b[i]]++; }
  let index = 0, sumRows = 0, sumCols = 0;
  for (const v of table) index += pairs(v);
  for (const v of rows) sumRows += pairs(v);
  for (const v of cols) sumCols += pairs(v);
  const expected = n < 2 ? 0 : (sumRows * sumCols) / pairs(n);
  const maxIndex = (sumRows + sumCols) / 2;
  // Both labelings trivial (one cluster, or all singletons): they agree perfectly.
  if (maxIndex === expected) return 1;
  return (index - expected) / (maxIndex - expected);
}
