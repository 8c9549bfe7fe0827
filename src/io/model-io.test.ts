import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { randomNormal } from '../ops/creation.js';
import { input, layers, model, sequential } from '../nn/index.js';
import type { LayersModel, SymbolicTensor } from '../nn/index.js';
import { adam, rmsprop, sgd } from '../optimizers/index.js';
import type { Optimizer } from '../optimizers/index.js';
import { fromMemory, memoryHandler, withSaveHandler, getModelArtifactsInfo } from './artifacts.js';
import type { ModelArtifacts } from './artifacts.js';
import { getModelArtifacts, loadLayersModel, modelFromArtifacts, saveModel } from './model-io.js';
import { decodeWeights } from './weights.js';

function mlp(): LayersModel {
  return sequential({ layers: [
    layers.dense({ units: 8, inputShape: [5], activation: 'relu' }),
    layers.dense({ units: 3, activation: 'softmax' }),
  ] });
}

function values(t: Tensor | Tensor[]): number[] {
  return [...(t as Tensor).storage];
}

function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= tol, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

test('save / load round trip through memory: same topology, weight names and predictions', async () => {
  setSeed(1);
  const m = mlp();
  const x = randomNormal([4, 5]);
  const mem = memoryHandler();
  const result = await saveModel(m, mem);
  assert.ok(result.modelArtifactsInfo.weightDataBytes! > 0);
  const a = mem.artifacts!;
  assert.equal(a.format, 'layers-model');
  assert.equal((a.modelTopology as { class_name: string }).class_name, 'Sequential');
  assert.deepEqual(a.weightSpecs!.map((s) => s.name), m.weights.map((w) => w.name));
  assert.equal(a.trainingConfig, undefined);
  const back = await loadLayersModel(mem);
  assert.deepEqual(back.weights.map((w) => w.name), m.weights.map((w) => w.name));
  assert.deepEqual(values(back.predict(x)), values(m.predict(x)));
  // Loaded weights are copies: training one model leaves the other alone.
  back.weights[0].assign(randomNormal(back.weights[0].shape as number[]));
  assert.notDeepEqual(values(back.predict(x)), values(m.predict(x)));
});

test('functional model with Add and Concatenate and two inputs round trips', async () => {
  setSeed(2);
  const a = input({ shape: [4] }), b = input({ shape: [4] });
  const d = layers.dense({ units: 4, activation: 'tanh' }).apply(a) as SymbolicTensor;
  const s = layers.add().apply([d, b]) as SymbolicTensor;
  const c = layers.concatenate().apply([s, a]) as SymbolicTensor;
  const out = layers.dense({ units: 2 }).apply(c) as SymbolicTensor;
  const m = model({ inputs: [a, b], outputs: out });
  const xs = [randomNormal([3, 4]), randomNormal([3, 4])];
  const back = modelFromArtifacts(getModelArtifacts(m));
  assert.deepEqual(values(back.predict(xs)), values(m.predict(xs)));
});

test('trainableOnly and quantize options', async () => {
  setSeed(3);
  const m = sequential({ layers: [layers.dense({ units: 6, inputShape: [3] }), layers.batchNormalization(), layers.dense({ units: 2 })] });
  const only = getModelArtifacts(m, { trainableOnly: true });
  assert.ok(!only.weightSpecs!.some((s) => s.name.includes('moving')));
  assert.throws(() => modelFromArtifacts(only), /missing weight '.*moving_mean' \[6\], '.*moving_variance' \[6\] in the weights manifest/);
  const relaxed = modelFromArtifacts(only, { strict: false });
  assert.equal(relaxed.weights.length, m.weights.length);
  const x = randomNormal([5, 3]);
  const ref = values(m.predict(x));
  for (const [dtype, tol] of [['float16', 1e-2], ['uint16', 1e-3], ['uint8', 0.1]] as const) {
    const a = getModelArtifacts(m, { quantize: dtype });
    assert.ok(a.weightSpecs!.every((s) => s.quantization?.dtype === dtype));
    assertClose(values(modelFromArtifacts(a).predict(x)), ref, tol, dtype);
  }
});

test('loading reports missing, unexpected and misshapen weights naming the source', () => {
  setSeed(4);
  const a = getModelArtifacts(mlp());
  const names = a.weightSpecs!.map((s) => s.name);
  const renamed = { ...a, weightSpecs: a.weightSpecs!.map((s, i) => (i === 1 ? { ...s, name: 'other/bias' } : s)) };
  assert.throws(() => modelFromArtifacts(renamed), new RegExp(`missing weight '${names[1]}' \\[8\\] in the weights manifest`));
  const shapeBad = { ...a, weightSpecs: a.weightSpecs!.map((s, i) => (i === 1 ? { ...s, shape: [2, 4] } : s)) };
  assert.throws(() => modelFromArtifacts(shapeBad), new RegExp(`weight '${names[1]}' has shape \\[2,4\\] in the manifest, the model expects \\[8\\]`));
  assert.throws(() => modelFromArtifacts({ ...a, weightSpecs: undefined }), /have weight data but no weight specs/);
  assert.throws(() => modelFromArtifacts({ modelTopology: { class_name: 'Nope', config: {} } }), /cannot rebuild the model from modelTopology: .*unknown layer class 'Nope'/);
});

test('float64 models keep float64 weights exactly (a tensorgrad extension of the format)', () => {
  setSeed(6);
  const m = sequential({ layers: [layers.dense({ units: 3, inputShape: [2], dtype: 'float64' })] });
  const a = getModelArtifacts(m);
  assert.deepEqual(a.weightSpecs!.map((s) => s.dtype), ['float64', 'float64']);
  const back = modelFromArtifacts(a);
  back.weights.forEach((w, i) => {
    assert.equal(w.dtype, 'float64');
    assert.deepEqual([...w.value.storage], [...m.weights[i].value.storage]);
  });
});

test('a topology of a single layer is not a model', () => {
  const dense = { class_name: 'Dense', config: { units: 2, name: 'd' } };
  assert.throws(() => modelFromArtifacts({ modelTopology: dense }), /modelTopology describes a Dense, which is a layer, not a model/);
});

test('IO handlers from TensorFlow.js-style helpers work: withSaveHandler and fromMemory', async () => {
  setSeed(5);
  const m = mlp();
  let saved: ModelArtifacts | null = null;
  await saveModel(m, withSaveHandler(async (art) => { saved = art; return { modelArtifactsInfo: getModelArtifactsInfo(art) }; }));
  const back = await loadLayersModel(fromMemory(saved!));
  const x = randomNormal([2, 5]);
  assert.deepEqual(values(back.predict(x)), values(m.predict(x)));
  await assert.rejects(saveModel(m, {}), /expected an IOHandler with a save method/);
  await assert.rejects(loadLayersModel('nope://x'), /no IO handler can load from 'nope:\/\/x'/);
});

function trainPair(make: () => Optimizer, seed: number): { x: Tensor; y: Tensor; build: () => LayersModel } {
  setSeed(seed);
  const x = randomNormal([8, 5]);
  const y = randomNormal([8, 2]);
  const build = (): LayersModel => {
    setSeed(seed + 100);
    const m = sequential({ layers: [layers.dense({ units: 6, inputShape: [5], activation: 'tanh' }), layers.dense({ units: 2 })] });
    m.compile({ optimizer: make(), loss: 'meanSquaredError', metrics: ['mae'] });
    return m;
  };
  return { x, y, build };
}

for (const [name, make] of [
  ['Adam', () => adam(0.05)],
  ['RMSprop with momentum', () => rmsprop({ learningRate: 0.01, momentum: 0.5, centered: true })],
  ['SGD with Nesterov momentum', () => sgd({ learningRate: 0.05, momentum: 0.9, nesterov: true })],
] as const) {
  test(`includeOptimizer: ${name} state restores so training resumes identically`, async () => {
    const { x, y, build } = trainPair(make, 7);
    const straight = build();
    for (let i = 0; i < 3; i++) straight.trainOnBatch(x, y);
    const first = build();
    first.trainOnBatch(x, y);
    first.trainOnBatch(x, y);
    const mem = memoryHandler();
    await saveModel(first, mem, { includeOptimizer: true });
    const a = mem.artifacts!;
    assert.ok(a.trainingConfig);
    assert.equal(a.trainingConfig.loss, 'mean_squared_error');
    const optSpecs = a.weightSpecs!.filter((s) => s.group === 'optimizer');
    assert.equal(optSpecs[0].name, 'iter');
    assert.equal(decodeWeights(a.weightData!, a.weightSpecs!).find((w) => w.name === 'iter')!.tensor.item(), 2);
    const resumed = await loadLayersModel(mem);
    assert.equal((resumed.optimizer as Optimizer).iterations, 2);
    resumed.trainOnBatch(x, y);
    resumed.weights.forEach((w, i) => assertClose(w.value.storage, straight.weights[i].value.storage, 1e-6, w.name));
  });
}

test('includeOptimizer needs a compiled model', () => {
  assert.throws(() => getModelArtifacts(mlp(), { includeOptimizer: true }), /includeOptimizer needs a compiled model/);
});
