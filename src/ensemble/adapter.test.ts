import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import { trainTestSplit } from '../data/split.js';
import { moons } from '../data/synthetic.js';
import { layers } from '../nn/layers/index.js';
import { sequential } from '../nn/sequential.js';
import type { Sequential } from '../nn/sequential.js';
import { adam } from '../optimizers/index.js';
import type { FitArgs } from '../train/types.js';
import { fromModel } from './adapter.js';
import type { ModelLike } from './adapter.js';
import { AdaBoostClassifier } from './boosting.js';
import { BaggingClassifier } from './bagging.js';
import { LogisticRegression } from './linear.js';
import { DecisionStump } from './stump.js';
import { VotingClassifier } from './voting.js';

/** A stand-in model that records what fit received and returns fixed outputs. */
class FakeModel implements ModelLike {
  seen: { y: Tensor; args: FitArgs | undefined }[] = [];
  constructor(readonly loss: unknown, readonly units: number, readonly output?: Tensor) {}
  get outputs(): { shape: (number | null)[] }[] { return [{ shape: [null, this.units] }]; }
  async fit(_x: Tensor, y: Tensor, args?: FitArgs): Promise<void> { this.seen.push({ y, args }); }
  predict(x: Tensor): Tensor { return this.output ?? Tensor.fromStorage(new Float32Array(x.shape[0] * this.units), [x.shape[0], this.units]); }
}

const x3 = tensor([[0], [1], [2]]);
const y3 = tensor([0, 2, 1], undefined, 'int32');

test('fromModel converts class ids to the targets the loss expects and passes fitOptions and sampleWeight on', async () => {
  const sparse = new FakeModel('sparseCategoricalCrossentropy', 3);
  await fromModel(sparse, { epochs: 7 }).fit(x3, y3, { sampleWeight: [1, 2, 3] });
  assert.deepEqual(sparse.seen[0].y.shape, [3]);
  assert.deepEqual(Array.from(sparse.seen[0].y.storage), [0, 2, 1]);
  assert.equal(sparse.seen[0].args!.epochs, 7);
  assert.equal(sparse.seen[0].args!.verbose, 0, 'silent by default: ensembles train many models');
  assert.deepEqual(Array.from((sparse.seen[0].args!.sampleWeight as Tensor).storage), [1, 2, 3]);
  const hot = new FakeModel('categorical_crossentropy', 4);
  await fromModel(hot, { verbose: 1 }).fit(x3, y3);
  assert.deepEqual(hot.seen[0].y.arraySync(), [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0]]);
  assert.equal(hot.seen[0].args!.verbose, 1);
  assert.equal(hot.seen[0].args!.sampleWeight, undefined);
  const binary = new FakeModel('binaryCrossentropy', 1);
  await fromModel(binary).fit(x3, tensor([0, 1, 1]));
  assert.deepEqual(binary.seen[0].y.arraySync(), [[0], [1], [1]]);
});

test('fromModel reads probabilities: softmax rows as they are, a sigmoid column as [1 - p, p], logits on request', async () => {
  const sig = fromModel(new FakeModel('binaryCrossentropy', 1, tensor([[0.2], [0.9]])));
  const p = sig.predictProba(tensor([[0], [0]]));
  assert.deepEqual(p.shape, [2, 2]);
  Array.from(p.storage).forEach((v, i) => assert.ok(Math.abs(v - [0.8, 0.2, 0.1, 0.9][i]) < 1e-6));
  assert.deepEqual(Array.from(sig.predict(tensor([[0], [0]])).storage), [0, 1]);
  assert.equal(sig.nClasses, 2);
  const logits = fromModel(new FakeModel('sparseCategoricalCrossentropy', 2, tensor([[0, Math.log(3)]])), {}, { logits: true });
  Array.from(logits.predictProba(tensor([[0]])).storage).forEach((v, i) => assert.ok(Math.abs(v - [0.25, 0.75][i]) < 1e-6));
  const s = fromModel(new FakeModel('sparseCategoricalCrossentropy', 3, tensor([[0.1, 0.3, 0.6], [0.5, 0.4, 0.1]])));
  assert.equal(s.score(tensor([[0], [0]]), tensor([2, 1])), 0.5);
});

test('fromModel with a function builds a fresh model per fit and can be cloned; an instance cannot', async () => {
  let built = 0;
  const est = fromModel(() => { built++; return new FakeModel('sparseCategoricalCrossentropy', 3); }, { epochs: 2 });
  assert.equal(est.model, null);
  assert.throws(() => est.predict(x3), /fromModel\.predictProba: this estimator is not fitted yet: call fit\(x, y\) first/);
  await est.fit(x3, y3);
  const first = est.model;
  await est.fit(x3, y3);
  assert.equal(built, 2);
  assert.notEqual(est.model, first);
  const copy = est.clone();
  assert.equal(copy.model, null);
  assert.equal(copy.fitOptions.epochs, 2);
  assert.throws(() => fromModel(new FakeModel('mse', 3)).clone(), /fromModel\.clone: a model instance cannot be copied: pass a function that builds and compiles the model to fromModel/);
});

test('fromModel rejects bad arguments with clear messages', async () => {
  assert.throws(() => fromModel({} as ModelLike), /fromModel: model must be a compiled model \(with fit and predict\) or a function building one, received Object/);
  await assert.rejects(fromModel(new FakeModel(undefined, 3)).fit(x3, y3), /fromModel\.fit: the model must be compiled first: call model\.compile\(\{optimizer, loss\}\)/);
  await assert.rejects(fromModel(new FakeModel('sparseCategoricalCrossentropy', 2)).fit(x3, y3), /the model has 2 output units but y holds class id 2/);
  await assert.rejects(fromModel(new FakeModel('binaryCrossentropy', 1)).fit(x3, y3), /the model has one output unit \(binary\) but y holds 3 classes/);
  await assert.rejects(fromModel(new FakeModel('sparseCategoricalCrossentropy', 3)).fit(x3, tensor([0, 1])), /fromModel\.fit: x and y must have the same number of samples, received 3 and 2/);
  await assert.rejects(fromModel(() => 5 as unknown as ModelLike).fit(x3, y3), /the model function must return a compiled model, received number 5/);
  const bad = fromModel(new FakeModel('sparseCategoricalCrossentropy', 3, tensor([1, 2, 3])));
  assert.throws(() => bad.predict(x3), /fromModel\.predictProba: the model must output \[samples, classes\]/);
});

/** A compiled two-layer network for 2-D points. */
function mlp(units: number): () => Sequential {
  return () => {
    const m = sequential({ layers: [layers.dense({ units, activation: 'tanh', inputShape: [2] }), layers.dense({ units: 2, activation: 'softmax' })] });
    m.compile({ optimizer: adam(0.05), loss: 'sparseCategoricalCrossentropy' });
    return m;
  };
}

test('real networks: an MLP via fromModel votes with a stump and a linear model; bagged MLPs (seeded)', async () => {
  setSeed(0);
  const { x, y } = moons({ n: 200, noise: 0.2, seed: 0 });
  const s = trainTestSplit(x, y, { seed: 10, testSize: 0.3 });
  const net = fromModel(mlp(16), { epochs: 30, batchSize: 32 });
  const vote = await new VotingClassifier({ estimators: [['mlp', net], ['stump', new DecisionStump()], ['linear', new LogisticRegression()]], voting: 'soft', weights: [2, 1, 1] }).fit(s.xTrain, s.yTrain!);
  assert.ok(net.score(s.xTest, s.yTest!) >= 0.85, `MLP test accuracy ${net.score(s.xTest, s.yTest!)}`);
  // The stump and the linear model are weak on moons; the vote must stay well above them, near the MLP.
  assert.ok(vote.score(s.xTest, s.yTest!) >= 0.8, `vote test accuracy ${vote.score(s.xTest, s.yTest!)}`);
  const bag = await new BaggingClassifier({ buildEstimator: () => fromModel(mlp(8), { epochs: 15, batchSize: 32 }), nEstimators: 3, seed: 0 }).fit(s.xTrain, s.yTrain!);
  assert.ok(bag.score(s.xTest, s.yTest!) >= 0.8, `bagged MLPs ${bag.score(s.xTest, s.yTest!)}`);
});

test('real networks honor sampleWeight, so AdaBoost can boost small networks', async () => {
  setSeed(1);
  // Two identical points with opposite labels: the heavier label wins.
  const xs = tensor([[0.5, 0.5], [0.5, 0.5]]), ys = tensor([0, 1]);
  for (const [w, winner] of [[[1, 9], 1], [[9, 1], 0]] as const) {
    const net = fromModel(mlp(2), { epochs: 60, batchSize: 2 });
    await net.fit(xs, ys, { sampleWeight: [...w] });
    assert.deepEqual(Array.from(net.predict(tensor([[0.5, 0.5]])).storage), [winner]);
  }
  const { x, y } = moons({ n: 150, noise: 0.2, seed: 1 });
  const boost = await new AdaBoostClassifier({ buildEstimator: () => fromModel(mlp(2), { epochs: 10, batchSize: 32 }), nEstimators: 4, learningRate: 0.5 }).fit(x, y);
  assert.ok(boost.estimators.length >= 2);
  for (const e of boost.estimatorErrors) assert.ok(e > 0 && e < 0.5, `weighted error ${e}`);
  assert.ok(boost.score(x, y) > 0.75, `boosted networks training accuracy ${boost.score(x, y)}`);
});
