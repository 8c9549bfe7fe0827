// Models move between TensorFlow.js and tensorgrad: topologies written by tfjs.toJSON load here and predict the
// same with the same weights, and ours load in TensorFlow.js (the reference implementation, installed as a dev
// dependency).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { Random } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import { expectClose } from '../testing/expect-close.js';
import { REFERENCE_TOLERANCE } from '../testing/tolerance.js';
import type { LayersModel } from './model.js';
import { modelFromConfig } from './model-config.js';
import type { ConfigDict } from './serialization.js';
import { layers, input, model, sequential } from './index.js';
import type { SymbolicTensor } from './symbolic.js';

await tf.setBackend('cpu');
const rng = new Random(0);

/** Random weights for every tfjs weight (positive, so variances are valid). */
function randomizeTf(m: tf.LayersModel): void {
  m.setWeights(m.weights.map((w) => tf.tensor(Array.from({ length: w.shape.reduce((a, b) => a! * b!, 1)! }, () => 0.5 + rng.uniform()), w.shape as number[])));
}

function ours(t: tf.Tensor): Tensor {
  return tensor(Float32Array.from(t.dataSync()), t.shape);
}

function tfInputs(shapes: number[][], ints = false): tf.Tensor[] {
  return shapes.map((s) => tf.tensor(Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => (ints ? rng.int(5) : rng.normal())), s));
}

function expectSamePredictions(tfModel: tf.LayersModel, mine: LayersModel, xs: tf.Tensor[]): void {
  const expected = tfModel.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor | tf.Tensor[];
  const actual = mine.predict(xs.length === 1 ? ours(xs[0]) : xs.map(ours)) as Tensor | Tensor[];
  const e = Array.isArray(expected) ? expected : [expected], a = Array.isArray(actual) ? actual : [actual];
  assert.equal(a.length, e.length);
  a.forEach((t, i) => expectClose(t, ours(e[i]), REFERENCE_TOLERANCE));
}

function loadFromTf(tfModel: tf.LayersModel): LayersModel {
  const mine = modelFromConfig(tfModel.toJSON(null, false) as unknown as ConfigDict);
  mine.setWeights(tfModel.getWeights().map(ours));
  return mine;
}

test('a TensorFlow.js Sequential model of core layers loads and predicts the same', () => {
  const m = tf.sequential({ layers: [
    tf.layers.dense({ units: 6, inputShape: [4], activation: 'relu', kernelRegularizer: 'l1l2' }),
    tf.layers.batchNormalization(),
    tf.layers.dropout({ rate: 0.3 }),
    tf.layers.reshape({ targetShape: [3, 2] }),
    tf.layers.permute({ dims: [2, 1] }),
    tf.layers.layerNormalization({ axis: -1 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 3, activation: 'hardSigmoid' }),
    tf.layers.leakyReLU({ alpha: 0.2 }),
    tf.layers.reLU({ maxValue: 0.8 }),
    tf.layers.elu(),
    tf.layers.prelu(),
    tf.layers.repeatVector({ n: 2 }),
    tf.layers.softmax({ axis: -1 }),
    tf.layers.activation({ activation: 'softplus' }),
  ] });
  randomizeTf(m);
  expectSamePredictions(m, loadFromTf(m), tfInputs([[5, 4]]));
});

test('a TensorFlow.js functional model with shared layers and merges loads and predicts the same', () => {
  const a = tf.input({ shape: [3] }), b = tf.input({ shape: [3] });
  const shared = tf.layers.dense({ units: 4, activation: 'tanh' });
  const ha = shared.apply(a) as tf.SymbolicTensor, hb = shared.apply(b) as tf.SymbolicTensor;
  const merged = tf.layers.concatenate().apply([
    tf.layers.add().apply([ha, hb]) as tf.SymbolicTensor,
    tf.layers.multiply().apply([ha, hb]) as tf.SymbolicTensor,
    tf.layers.average().apply([ha, hb]) as tf.SymbolicTensor,
    tf.layers.maximum().apply([ha, hb]) as tf.SymbolicTensor,
    tf.layers.minimum().apply([ha, hb]) as tf.SymbolicTensor,
  ]) as tf.SymbolicTensor;
  const out1 = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(merged) as tf.SymbolicTensor;
  const out2 = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(ha) as tf.SymbolicTensor;
  const m = tf.model({ inputs: [a, b], outputs: [out1, out2] });
  randomizeTf(m);
  expectSamePredictions(m, loadFromTf(m), tfInputs([[4, 3], [4, 3]]));
});

test('a TensorFlow.js Embedding model loads and predicts the same', () => {
  const m = tf.sequential({ layers: [
    tf.layers.embedding({ inputDim: 5, outputDim: 3, inputLength: 4 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 2 }),
  ] });
  randomizeTf(m);
  expectSamePredictions(m, loadFromTf(m), tfInputs([[3, 4]], true));
});

test('tensorgrad models load in TensorFlow.js and predict the same', async () => {
  const seq = sequential({ layers: [
    layers.dense({ units: 5, inputShape: [3], activation: 'selu' }), layers.batchNormalization({ momentum: 0.9 }),
    layers.dense({ units: 2, activation: 'softmax' }),
  ] });
  const x = input({ shape: [3] }), y = input({ shape: [3] });
  const d = layers.dense({ units: 3 });
  // (TensorFlow.js has no Subtract layer: Keras has.)
  const out = layers.multiply().apply([d.apply(x) as SymbolicTensor, d.apply(y) as SymbolicTensor]) as SymbolicTensor;
  const fn = model({ inputs: [x, y], outputs: [out, layers.dense({ units: 1 }).apply(out) as SymbolicTensor] });
  for (const [mine, shapes] of [[seq, [[4, 3]]], [fn, [[4, 3], [4, 3]]]] as const) {
    const tfModel = await tf.models.modelFromJSON(mine.toJSON(null, false) as never);
    randomizeTf(tfModel);
    mine.setWeights(tfModel.getWeights().map(ours));
    expectSamePredictions(tfModel, mine, tfInputs(shapes as unknown as number[][]));
  }
});

test('weight order and names follow TensorFlow.js', () => {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'd' }), tf.layers.batchNormalization({ name: 'bn' })] });
  const mine = loadFromTf(m);
  assert.deepEqual(mine.weights.map((w) => w.name), m.weights.map((w) => w.name));
});
