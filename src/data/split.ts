// Train/test splits and k-fold cross-validation, on row indices (seeded, optionally stratified by class).
import { ArgumentError, describe, fmtShape } from '../core/errors.js';
import { Random, globalRandom } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { asRowsTensor, rowSize, takeRows } from './rows.js';

// Data generators also start a Random from the user's seed; salting keeps a split made with the same seed from
// replaying the generator's own shuffle (which gave degenerate, single-class test sets).
function saltedSeed(seed: number | undefined): number {
  return seed === undefined ? globalRandom.nextU32() : (seed ^ 0x5bd1e995) >>> 0;
}

/** Options of `trainTestSplit`. */
export interface SplitOptions {
  /** Fraction of rows in (0, 1), or a whole number of rows, for the test set (default 0.2: an 8:2 split). */
  testSize?: number;
  /** Shuffle before splitting (default true); without shuffling the last rows are the test set. */
  shuffle?: boolean;
  /** Seed of the shuffle (drawn from the global seed when omitted). */
  seed?: number;
  /** Keep class proportions equal in both parts: `true` uses `y` as the labels, or pass the labels. */
  stratify?: boolean | Tensor;
}

/** The result of `trainTestSplit`. */
export interface TrainTestSplit {
  xTrain: Tensor;
  xTest: Tensor;
  /** Present when `y` was given. */
  yTrain?: Tensor;
  yTest?: Tensor;
  /** Rows of the input that went to each part, in their new order. */
  trainIndices: Int32Array;
  testIndices: Int32Array;
}

/** Options of `kFold`. */
export interface KFoldOptions {
  /** Number of folds, at least 2 (default 5). */
  k?: number;
  /** Shuffle rows before cutting folds (default true). */
  shuffle?: boolean;
  /** Seed of the shuffle (drawn from the global seed when omitted). */
  seed?: number;
  /** Keep class proportions equal in every fold: `true` uses `y` as the labels, or pass the labels. */
  stratify?: boolean | Tensor;
}

/** One fold of `kFold`: the held-out rows are the test part. Tensors are built when the fold is reached. */
export interface Fold extends TrainTestSplit {
  fold: number;
}

/** Class ids per row: 1-D labels as they are, one-hot rows by their largest entry. */
function classLabels(fn: string, labels: Tensor, n: number): number[] {
  if (labels.shape[0] !== n) {
    throw new ArgumentError(fn, `stratify labels must have one entry per row (${n}), received shape ${fmtShape(labels.shape)}`);
  }
  const rs = rowSize(labels), d = labels.storage, out: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < rs; j++) if (d[i * rs + j] > d[i * rs + best]) best = j;
    out[i] = rs === 1 ? d[i] : best;
  }
  return out;
}

function stratifyLabels(fn: string, stratify: boolean | Tensor | undefined, y: Tensor | undefined, n: number): number[] | null {
  if (stratify === undefined || stratify === false) return null;
  if (stratify === true) {
    if (!y) throw new ArgumentError(fn, 'stratify: true needs y (the labels); pass y or a labels tensor as stratify');
    return classLabels(fn, y, n);
  }
  return classLabels(fn, asRowsTensor(fn, 'stratify', stratify), n);
}

/** Rows grouped by class, in first-seen class order, each group in random (or original) order. */
function groupsByClass(labels: readonly number[], rng: Random | null): number[][] {
  const groups = new Map<number, number[]>();
  labels.forEach((c, i) => {
    let g = groups.get(c);
    if (!g) { g = []; groups.set(c, g); }
    g.push(i);
  });
  const out = [...groups.values()];
  if (rng) for (const g of out) rng.shuffle(g);
  return out;
}

/** Splits `total` into integer parts proportional to `sizes` (largest remainders), summing to `total` exactly. */
function apportion(sizes: readonly number[], total: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => (s * total) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) { if (left-- <= 0) break; parts[i]++; }
  return parts;
}

function checkSeed(fn: string, seed: unknown): void {
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
    throw new ArgumentError(fn, `seed must be a finite number, received ${describe(seed)}`);
  }
}

function parts(x: Tensor, y: Tensor | undefined, train: Int32Array, test: Int32Array): TrainTestSplit {
  const out: TrainTestSplit = { xTrain: takeRows(x, train), xTest: takeRows(x, test), trainIndices: train, testIndices: test };
  if (y) { out.yTrain = takeRows(y, train); out.yTest = takeRows(y, test); }
  return out;
}

function inputs(fn: string, x: unknown, y: unknown): [Tensor, Tensor | undefined] {
  const xt = asRowsTensor(fn, 'x', x);
  const yt = y === undefined ? undefined : asRowsTensor(fn, 'y', y);
  if (yt && yt.shape[0] !== xt.shape[0]) {
    throw new ArgumentError(fn, `x and y must have the same number of rows, received ${xt.shape[0]} and ${yt.shape[0]}`);
  }
  return [xt, yt];
}

/**
 * Splits rows of `x` (and `y`) into a training and a test part, 8:2 by default, shuffled with a seed,
 * optionally stratified so both parts keep the class proportions.
 * @example const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, y, { testSize: 0.2, seed: 0, stratify: true })
 */
export function trainTestSplit(x: Tensor, y?: Tensor, options: SplitOptions = {}): TrainTestSplit {
  const fn = 'trainTestSplit';
  const [xt, yt] = inputs(fn, x, y);
  const n = xt.shape[0];
  const testSize = options.testSize ?? 0.2;
  const doShuffle = options.shuffle ?? true;
  checkSeed(fn, options.seed);
  let nTest: number;
  if (typeof testSize === 'number' && testSize > 0 && testSize < 1) nTest = Math.ceil(testSize * n);
  else if (typeof testSize === 'number' && Number.isInteger(testSize) && testSize >= 1) nTest = testSize;
  else throw new ArgumentError(fn, `testSize must be a fraction in (0, 1) or a whole number of rows >= 1, received ${describe(testSize)}`);
  if (nTest >= n) throw new ArgumentError(fn, `testSize ${testSize} leaves no training rows out of ${n}`);
  const labels = stratifyLabels(fn, options.stratify, yt, n);
  if (labels && !doShuffle) throw new ArgumentError(fn, 'stratify needs shuffle: true');
  const rng = doShuffle ? new Random(saltedSeed(options.seed)) : null;

  if (!labels) {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    if (rng) rng.shuffle(order);
    return parts(xt, yt, order.slice(0, n - nTest), order.slice(n - nTest));
  }
  const groups = groupsByClass(labels, rng);
  const testCounts = apportion(groups.map((g) => g.length), nTest);
  const train: number[] = [], test: number[] = [];
  groups.forEach((g, c) => {
    test.push(...g.slice(0, testCounts[c]));
    train.push(...g.slice(testCounts[c]));
  });
  // Interleave the classes again so that batches cut from either part are mixed.
  return parts(xt, yt, rng!.shuffle(Int32Array.from(train)), rng!.shuffle(Int32Array.from(test)));
}

/**
 * Cuts rows into `k` folds for cross-validation; each fold holds out one part as the test set and trains on the rest.
 * Indices are computed at once; each fold's tensors are built when iteration reaches it.
 * @example for (const { xTrain, yTrain, xTest, yTest } of kFold(x, y, { k: 5, seed: 0 })) { ... }
 */
export function kFold(x: Tensor, y?: Tensor, options: KFoldOptions = {}): Iterable<Fold> {
  const fn = 'kFold';
  const [xt, yt] = inputs(fn, x, y);
  const n = xt.shape[0];
  const k = options.k ?? 5;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 2) throw new ArgumentError(fn, `k must be an integer >= 2, received ${describe(k)}`);
  if (k > n) throw new ArgumentError(fn, `k (${k}) cannot exceed the number of rows (${n})`);
  checkSeed(fn, options.seed);
  const labels = stratifyLabels(fn, options.stratify, yt, n);
  const rng = options.shuffle ?? true ? new Random(saltedSeed(options.seed)) : null;

  // Fold membership per row: contiguous blocks, or each class dealt round-robin over the folds (stratified).
  const foldOf = new Int32Array(n);
  if (labels) {
    let next = 0;
    for (const g of groupsByClass(labels, rng)) for (const i of g) foldOf[i] = next++ % k;
  } else {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    if (rng) rng.shuffle(order);
    const sizes = apportion(new Array<number>(k).fill(1), n);
    let pos = 0;
    sizes.forEach((s, f) => { for (let j = 0; j < s; j++) foldOf[order[pos++]] = f; });
  }
  const folds: [Int32Array, Int32Array][] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [], test: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === f ? test : train).push(i);
    folds.push([Int32Array.from(train), Int32Array.from(test)]);
  }
  return {
    *[Symbol.iterator](): Iterator<Fold> {
      for (let f = 0; f < k; f++) yield { fold: f, ...parts(xt, yt, folds[f][0], folds[f][1]) };
    },
  };
}
