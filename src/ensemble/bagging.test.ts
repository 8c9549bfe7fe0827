import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import { moons } from '../data/synthetic.js';
import { BaggingClassifier } from './bagging.js';
import { score } from './common.js';
import { FixedPredictions, OneNearestNeighbor } from './estimators.test-util.js';
import { DecisionStump } from './stump.js';
import type { Estimator, EstimatorFitOptions } from './types.js';

/** Records what it was fitted on; predicts class 0. */
class Recorder implements Estimator {
  xs: Tensor[] = [];
  weights: (ArrayLike<number> | undefined)[] = [];
  async fit(x: Tensor, _y: Tensor, options: EstimatorFitOptions = {}): Promise<void> {
    this.xs.push(x);
    this.weights.push(options.sampleWeight as ArrayLike<number> | undefined);
  }
  predict(x: Tensor): Tensor { return Tensor.fromStorage(new Int32Array(x.shape[0]), [x.shape[0]], 'int32'); }
}

const n = 40;
const xRows = tensor(Float32Array.from({ length: n * 3 }, (_, i) => i), [n, 3]);
const yRows = tensor(Int32Array.from({ length: n }, (_, i) => i % 2));

test('bagging fits each member on its own seeded bootstrap sample', async () => {
  const built: Recorder[] = [];
  const bag = await new BaggingClassifier({ buildEstimator: () => { const r = new Recorder(); built.push(r); return r; }, nEstimators: 4, seed: 3 }).fit(xRows, yRows);
  assert.equal(built.length, 4);
  assert.equal(bag.estimators.length, 4);
  for (const [e, rows] of bag.estimatorsSamples.entries()) {
    assert.equal(rows.length, n);
    assert.ok(new Set(rows).size < n, 'a bootstrap sample of n rows repeats some');
    // The member saw exactly those rows, in that order.
    assert.deepEqual(Array.from(built[e].xs[0].storage.filter((_, i) => i % 3 === 0)), Array.from(rows, (r) => 3 * r));
  }
  const again = await new BaggingClassifier({ buildEstimator: () => new Recorder(), nEstimators: 4, seed: 3 }).fit(xRows, yRows);
  assert.deepEqual(again.estimatorsSamples, bag.estimatorsSamples);
  const other = await new BaggingClassifier({ buildEstimator: () => new Recorder(), nEstimators: 4, seed: 4 }).fit(xRows, yRows);
  assert.notDeepEqual(other.estimatorsSamples, bag.estimatorsSamples);
});

test('bagging options: pasting, maxSamples, maxFeatures (random subspaces), sampleWeight following rows', async () => {
  const paste = await new BaggingClassifier({ buildEstimator: () => new Recorder(), nEstimators: 3, bootstrap: false, maxSamples: 0.5, seed: 0 }).fit(xRows, yRows);
  for (const rows of paste.estimatorsSamples) { assert.equal(rows.length, 20); assert.equal(new Set(rows).size, 20); }
  const sub = await new BaggingClassifier({ buildEstimator: () => new Recorder(), nEstimators: 3, maxSamples: 7, maxFeatures: 2, seed: 0 }).fit(xRows, yRows);
  sub.estimators.forEach((est, e) => {
    const seen = (est as Recorder).xs[0], cols = sub.estimatorsFeatures[e]!;
    assert.deepEqual(seen.shape, [7, 2]);
    assert.equal(seen.storage[0], 3 * sub.estimatorsSamples[e][0] + cols[0]);
  });
  assert.deepEqual(sub.predict(xRows).shape, [n]);
  const w = Float64Array.from({ length: n }, (_, i) => i + 1);
  const weighted = await new BaggingClassifier({ buildEstimator: () => new Recorder(), nEstimators: 2, seed: 0 }).fit(xRows, yRows, { sampleWeight: w });
  weighted.estimators.forEach((est, e) => {
    assert.deepEqual(Array.from((est as Recorder).weights[0]!), Array.from(weighted.estimatorsSamples[e], (r) => r + 1));
  });
});

test('bagging averages member probabilities, or counts votes when members have none; out-of-bag score', async () => {
  const { x, y } = moons({ n: 120, noise: 0.2, seed: 4 });
  const bag = await new BaggingClassifier({ buildEstimator: () => new DecisionStump(), nEstimators: 8, seed: 0, oobScore: true }).fit(x, y);
  const mean = new Float64Array(120 * 2);
  for (const est of bag.estimators) est.predictProba!(x).storage.forEach((v, i) => { mean[i] += v / 8; });
  bag.predictProba(x).storage.forEach((v, i) => assert.ok(Math.abs(v - mean[i]) < 1e-6));
  assert.ok(bag.oobScore > 0.6 && bag.oobScore <= 1, `oob ${bag.oobScore}`);
  const votes = await new BaggingClassifier({ buildEstimator: () => new FixedPredictions([1, 0, 1]), nEstimators: 3, seed: 0 }).fit(tensor([[0], [1], [2]]), tensor([1, 0, 1]));
  assert.deepEqual(Array.from(votes.predictProba(tensor([[0], [1], [2]])).storage), [0, 1, 1, 0, 0, 1]);
});

test('bagging lowers the variance of an overfitting member: steadier and more accurate than one 1-NN (seeded)', async () => {
  const grid = moons({ n: 400, noise: 0.35, seed: 100 });
  const runs = [1, 2, 3].map((seed) => moons({ n: 150, noise: 0.35, seed }));
  const singles: Int32Array[] = [], bags: Int32Array[] = [];
  let singleAcc = 0, bagAcc = 0;
  for (const [i, run] of runs.entries()) {
    const one = new OneNearestNeighbor();
    await one.fit(run.x, run.y);
    const bag = await new BaggingClassifier({ buildEstimator: () => new OneNearestNeighbor(), nEstimators: 25, maxSamples: 0.5, seed: i }).fit(run.x, run.y);
    singles.push(one.predict(grid.x).storage as Int32Array);
    bags.push(bag.predict(grid.x).storage as Int32Array);
    singleAcc += score(one, grid.x, grid.y) / runs.length;
    bagAcc += score(bag, grid.x, grid.y) / runs.length;
  }
  // Instability: how often two models trained on different samples disagree on the same point.
  const disagreement = (preds: Int32Array[]): number => {
    let d = 0, pairs = 0;
    for (let a = 0; a < preds.length; a++) {
      for (let b = a + 1; b < preds.length; b++, pairs++) d += preds[a].filter((v, i) => v !== preds[b][i]).length / preds[a].length;
    }
    return d / pairs;
  };
  assert.ok(disagreement(bags) < disagreement(singles), `disagreement bagged ${disagreement(bags)} vs single ${disagreement(singles)}`);
  assert.ok(bagAcc > singleAcc, `accuracy bagged ${bagAcc} vs single ${singleAcc}`);
});

test('BaggingClassifier rejects bad arguments with clear messages', async () => {
  const build = (): Estimator => new DecisionStump();
  assert.throws(() => new BaggingClassifier({} as { buildEstimator: () => Estimator }), /BaggingClassifier: buildEstimator must be a function returning a fresh estimator, received undefined/);
  assert.throws(() => new BaggingClassifier({ buildEstimator: build, nEstimators: 0 }), /nEstimators must be an integer >= 1, received number 0/);
  assert.throws(() => new BaggingClassifier({ buildEstimator: build, maxSamples: 1.5 }), /maxSamples must be a fraction in \(0, 1\] or a whole number/);
  assert.throws(() => new BaggingClassifier({ buildEstimator: build, oobScore: true, bootstrap: false }), /oobScore needs bootstrap: true/);
  assert.throws(() => new BaggingClassifier({ buildEstimator: build, seed: NaN }), /seed must be a finite number/);
  assert.throws(() => new BaggingClassifier({ buildEstimator: build }).predict(xRows), /BaggingClassifier\.predict: this BaggingClassifier is not fitted yet: call fit\(x, y\) first/);
  await assert.rejects(new BaggingClassifier({ buildEstimator: build, maxSamples: 50 }).fit(xRows, yRows), /maxSamples must be a fraction in \(0, 1\] or a whole number in 1\.\.40, received number 50/);
  await assert.rejects(new BaggingClassifier({ buildEstimator: build }).fit(xRows, tensor([0, 1])), /BaggingClassifier\.fit: x and y must have the same number of samples, received 40 and 2/);
  await assert.rejects(new BaggingClassifier({ buildEstimator: () => ({}) as Estimator }).fit(xRows, yRows), /buildEstimator must return an estimator with fit and predict, received Object/);
});
