import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import { kFold, trainTestSplit } from './split.js';

const n = 100;
const x = tensor(Float32Array.from({ length: n * 2 }, (_, i) => i), [n, 2]);
// 70 of class 0, 20 of class 1, 10 of class 2, in blocks.
const y = tensor(Int32Array.from({ length: n }, (_, i) => (i < 70 ? 0 : i < 90 ? 1 : 2)));
const counts = (t: Tensor): number[] => { const c = [0, 0, 0]; for (const v of t.storage) c[v]++; return c; };

test('trainTestSplit defaults to 8:2, keeps rows paired, and is a partition', () => {
  const s = trainTestSplit(x, y, { seed: 1 });
  assert.deepEqual(s.xTrain.shape, [80, 2]);
  assert.deepEqual(s.xTest.shape, [20, 2]);
  assert.deepEqual(s.yTest!.shape, [20]);
  const all = [...s.trainIndices, ...s.testIndices].sort((a, b) => a - b);
  assert.deepEqual(all, Array.from({ length: n }, (_, i) => i));
  for (let k = 0; k < 20; k++) {
    const i = s.testIndices[k];
    assert.equal(s.xTest.storage[2 * k], 2 * i);
    assert.equal(s.yTest!.storage[k], y.storage[i]);
  }
});

test('trainTestSplit is deterministic per seed and follows the global seed', () => {
  const a = trainTestSplit(x, y, { seed: 5 }), b = trainTestSplit(x, y, { seed: 5 }), c = trainTestSplit(x, y, { seed: 6 });
  assert.deepEqual(a.testIndices, b.testIndices);
  assert.notDeepEqual(a.testIndices, c.testIndices);
  setSeed(3); const d = trainTestSplit(x); setSeed(3); const e = trainTestSplit(x);
  assert.deepEqual(d.testIndices, e.testIndices);
  assert.equal(d.yTrain, undefined);
});

test('trainTestSplit without shuffling takes the last rows; integer testSize counts rows', () => {
  const s = trainTestSplit(x, y, { shuffle: false, testSize: 0.25 });
  assert.deepEqual([...s.testIndices], Array.from({ length: 25 }, (_, i) => 75 + i));
  assert.equal(trainTestSplit(x, y, { testSize: 7, seed: 0 }).xTest.shape[0], 7);
  assert.equal(trainTestSplit(x, y, { testSize: 0.33, seed: 0 }).xTest.shape[0], 33);
});

test('stratified splits keep class proportions in both parts', () => {
  for (const seed of [0, 1, 2]) {
    const s = trainTestSplit(x, y, { seed, stratify: true });
    assert.deepEqual(counts(s.yTest!), [14, 4, 2]);
    assert.deepEqual(counts(s.yTrain!), [56, 16, 8]);
  }
  const onehot = tensor(Array.from({ length: n }, (_, i) => { const r = [0, 0, 0]; r[y.storage[i]] = 1; return r; }));
  const s = trainTestSplit(x, onehot, { seed: 0, stratify: true, testSize: 0.3 });
  assert.equal(s.xTest.shape[0], 30);
  const c = [0, 0, 0];
  for (const i of s.testIndices) c[y.storage[i]]++;
  assert.deepEqual(c, [21, 6, 3]);
  // Separate labels: stratify on y while splitting x only.
  assert.deepEqual(counts(tensor(Int32Array.from(trainTestSplit(x, undefined, { seed: 0, stratify: y }).testIndices, (i) => y.storage[i]))), [14, 4, 2]);
  // Classes are interleaved again, not left in blocks.
  const firstLabels = Array.from(s.trainIndices.slice(0, 20), (i) => y.storage[i]);
  assert.ok(new Set(firstLabels).size > 1);
});

test('trainTestSplit validates its arguments', () => {
  assert.throws(() => trainTestSplit(x, y, { testSize: 1.5 }), /trainTestSplit: testSize must be a fraction in \(0, 1\) or a whole number of rows >= 1, received number 1\.5/);
  assert.throws(() => trainTestSplit(x, y, { testSize: 100 }), /leaves no training rows out of 100/);
  assert.throws(() => trainTestSplit(x, tensor([1, 2])), /x and y must have the same number of rows, received 100 and 2/);
  assert.throws(() => trainTestSplit(x, undefined, { stratify: true }), /stratify: true needs y/);
  assert.throws(() => trainTestSplit(x, y, { stratify: true, shuffle: false }), /stratify needs shuffle: true/);
  assert.throws(() => trainTestSplit(x, y, { seed: Number.NaN }), /seed must be a finite number/);
});

test('kFold covers every row exactly once as test, with balanced folds', () => {
  const folds = [...kFold(x, y, { k: 3, seed: 0 })];
  assert.equal(folds.length, 3);
  assert.deepEqual(folds.map((f) => f.testIndices.length), [34, 33, 33]);
  const seen = new Int32Array(n);
  for (const f of folds) {
    for (const i of f.testIndices) seen[i]++;
    assert.equal(f.trainIndices.length + f.testIndices.length, n);
    assert.deepEqual(f.xTrain.shape, [f.trainIndices.length, 2]);
    assert.deepEqual(f.yTest!.shape, [f.testIndices.length]);
    assert.ok(!f.testIndices.some((i) => f.trainIndices.includes(i)));
  }
  assert.ok(seen.every((v) => v === 1));
  const again = [...kFold(x, y, { k: 3, seed: 0 })];
  assert.deepEqual(again[1].testIndices, folds[1].testIndices);
  const ordered = [...kFold(x, undefined, { k: 4, shuffle: false })];
  assert.deepEqual([...ordered[0].testIndices], Array.from({ length: 25 }, (_, i) => i));
});

test('stratified kFold keeps class counts per fold', () => {
  for (const f of kFold(x, y, { k: 5, seed: 2, stratify: true })) assert.deepEqual(counts(f.yTest!), [14, 4, 2]);
  assert.throws(() => kFold(x, y, { k: 1 }), /kFold: k must be an integer >= 2, received number 1/);
  assert.throws(() => kFold(tensor([[1], [2]]), undefined, { k: 3 }), /kFold: k \(3\) cannot exceed the number of rows \(2\)/);
});
