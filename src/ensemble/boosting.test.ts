import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import { trainTestSplit } from '../data/split.js';
import { circles, spirals } from '../data/synthetic.js';
import { AdaBoostClassifier } from './boosting.js';
import { score } from './common.js';
import { FixedPredictions } from './estimators.test-util.js';
import { DecisionStump } from './stump.js';
import type { EstimatorFitOptions } from './types.js';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('SAMME: the learner weight is log((1 - err) / err) + log(K - 1), and misclassified samples gain weight', async () => {
  const x = tensor([[0], [1], [2], [3], [4], [5]]);
  const y = tensor([0, 0, 1, 0, 1, 1]);
  const seen: Float64Array[] = [];
  class Spy extends DecisionStump {
    override async fit(xs: Tensor, ys: Tensor, o: EstimatorFitOptions = {}): Promise<this> {
      seen.push(Float64Array.from(o.sampleWeight as ArrayLike<number>));
      return super.fit(xs, ys, o);
    }
  }
  const boost = await new AdaBoostClassifier({ buildEstimator: () => new Spy(), nEstimators: 2 }).fit(x, y);
  // Any single threshold misclassifies one of the six samples.
  close(boost.estimatorErrors[0], 1 / 6);
  close(boost.estimatorWeights[0], Math.log(5));
  // Learners see mean-one weights: first all ones, then the misclassified sample 5 times heavier than the rest.
  assert.deepEqual(Array.from(seen[0]), [1, 1, 1, 1, 1, 1]);
  const wrong = seen[1].findIndex((v) => v > 1.5);
  seen[1].forEach((v, i) => close(v, i === wrong ? 3 : 0.6, 1e-9));
  const half = await new AdaBoostClassifier({ nEstimators: 1, learningRate: 0.5 }).fit(x, y);
  close(half.estimatorWeights[0], 0.5 * Math.log(5));
  // Three classes: log(K - 1) is added.
  const three = await new AdaBoostClassifier({ nEstimators: 1 }).fit(tensor([[0], [1], [2], [3]]), tensor([0, 1, 2, 2]));
  close(three.estimatorErrors[0], 1 / 4);
  close(three.estimatorWeights[0], Math.log(3) + Math.log(2));
});

test('AdaBoost of stumps is far better than one stump on nonlinear sets (circles; 3-class spirals)', async () => {
  const c = circles({ n: 300, noise: 0.1, seed: 0 });
  const sc = trainTestSplit(c.x, c.y, { seed: 5, testSize: 0.3 });
  const stump = await new DecisionStump().fit(sc.xTrain, sc.yTrain!);
  const boost = await new AdaBoostClassifier({ nEstimators: 150 }).fit(sc.xTrain, sc.yTrain!);
  const [a1, a2] = [stump.score(sc.xTest, sc.yTest!), boost.score(sc.xTest, sc.yTest!)];
  assert.ok(a2 > 0.9 && a2 > a1 + 0.2, `circles: stump ${a1}, boosted ${a2}`);
  // The staged scores start at the first stump's and end at the ensemble's.
  const staged = boost.stagedScore(sc.xTest, sc.yTest!);
  assert.equal(staged.length, boost.estimators.length);
  assert.equal(staged[0], a1);
  assert.equal(staged[staged.length - 1], a2);
  const s = spirals({ n: 300, classes: 3, noise: 0.2, seed: 0 });
  const ss = trainTestSplit(s.x, s.y, { seed: 5, testSize: 0.3 });
  const stump3 = await new DecisionStump().fit(ss.xTrain, ss.yTrain!);
  const boost3 = await new AdaBoostClassifier({ nEstimators: 150 }).fit(ss.xTrain, ss.yTrain!);
  const [b1, b2] = [score(stump3, ss.xTest, ss.yTest!), score(boost3, ss.xTest, ss.yTest!)];
  assert.ok(b2 > b1 + 0.3, `spirals: stump ${b1}, boosted ${b2}`);
  const p = boost3.predictProba(ss.xTest);
  assert.deepEqual(p.shape, [90, 3]);
  for (let i = 0; i < 90; i++) close(p.storage[3 * i] + p.storage[3 * i + 1] + p.storage[3 * i + 2], 1, 1e-5);
});

test('AdaBoost: resampling instead of weights, early stop on a perfect learner, determinism', async () => {
  const c = circles({ n: 200, noise: 0.1, seed: 1 });
  const r1 = await new AdaBoostClassifier({ nEstimators: 60, resample: true, seed: 2 }).fit(c.x, c.y);
  const r2 = await new AdaBoostClassifier({ nEstimators: 60, resample: true, seed: 2 }).fit(c.x, c.y);
  assert.deepEqual(r1.estimatorWeights, r2.estimatorWeights);
  assert.ok(r1.score(c.x, c.y) > 0.85, `resampled AdaBoost training accuracy ${r1.score(c.x, c.y)}`);
  const perfect = await new AdaBoostClassifier({ nEstimators: 10 }).fit(tensor([[0], [1], [5], [6]]), tensor([0, 0, 1, 1]));
  assert.equal(perfect.estimators.length, 1);
  assert.deepEqual(perfect.estimatorWeights, [1]);
  assert.equal(perfect.estimatorErrors[0], 0);
  const fresh = perfect.clone();
  assert.equal(fresh.nEstimators, 10);
  assert.equal(fresh.estimators.length, 0);
});

test('AdaBoostClassifier rejects bad arguments with clear messages', async () => {
  const x = tensor([[0], [1]]), y = tensor([0, 1]);
  await assert.rejects(new AdaBoostClassifier({ buildEstimator: () => new FixedPredictions([1, 0]) }).fit(x, y),
    /AdaBoostClassifier\.fit: the first learner is no better than chance \(weighted error 1\.0000 >= 0\.5000\); use a stronger learner/);
  await assert.rejects(new AdaBoostClassifier().fit(x, tensor([1, 1, 0])), /x and y must have the same number of samples, received 2 and 3/);
  await assert.rejects(new AdaBoostClassifier().fit(x, tensor([0, 0])), /y must hold at least two classes to boost/);
  assert.throws(() => new AdaBoostClassifier({ learningRate: 0 }), /AdaBoostClassifier: learningRate must be a finite number > 0, received number 0/);
  assert.throws(() => new AdaBoostClassifier({ nEstimators: -1 }), /nEstimators must be an integer >= 1, received number -1/);
  assert.throws(() => new AdaBoostClassifier({ buildEstimator: 3 as unknown as () => DecisionStump }), /buildEstimator must be a function/);
  assert.throws(() => new AdaBoostClassifier().predict(x), /AdaBoostClassifier\.predict: this AdaBoostClassifier is not fitted yet: call fit\(x, y\) first/);
});
