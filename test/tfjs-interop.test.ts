// Models move between TensorFlow.js (@tensorflow/tfjs 4.22, cpu backend) and tensorgrad in the Layers format, in
// both directions, with the same predictions: tfjs artifacts are written to a temporary directory in the layout
// tfjs-node writes (model.json + weights.bin) and loaded by tensorgrad; tensorgrad's saved directory is read back
// and handed to tf.loadLayersModel through tf.io.fromMemory. Quantized manifests (which tfjs cannot write) are
// produced here and must decode, in both libraries, close to the float weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Random } from '../src/core/random.js';
import { setSeed } from '../src/core/random.js';
import { Tensor } from '../src/core/tensor.js';
import { input, layers, model as tgModel, sequential } from '../src/nn/index.js';
import type { LayersModel, SymbolicTensor } from '../src/nn/index.js';
import { Conv2D } from '../src/nn/layers/conv2d.js';
import { DepthwiseConv2D } from '../src/nn/layers/depthwise-conv2d.js';
import { GRU } from '../src/nn/layers/gru.js';
import { LSTM } from '../src/nn/layers/lstm.js';
import { MaxPooling2D } from '../src/nn/layers/pooling.js';
import { adam } from '../src/optimizers/index.js';
import type { Optimizer } from '../src/optimizers/index.js';
import { loadLayersModel, saveModel } from '../src/io/model-io.js';
import '../src/io/node/index.js';
import type { ModelArtifacts } from '../src/io/artifacts.js';
import type { ModelJSON, QuantizationDType, WeightsManifestEntry } from '../src/io/model-json.js';
import { concatBuffers, quantizeWeight } from '../src/io/weights.js';

const TOL = 1e-4;

await tf.setBackend('cpu');

async function withTempDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tensorgrad-tfjs-'));
  try {
    await f(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Random input data, the same values for both libraries. */
function inputData(shape: number[], seed: number): { tg: Tensor; tf: tf.Tensor } {
  const r = new Random(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Float32Array.from({ length: n }, () => 2 * r.uniform() - 1);
  return { tg: Tensor.fromStorage(v, shape, 'float32'), tf: tf.tensor(v, shape, 'float32') };
}

/** Non-trivial weights (positive where a variance is expected) so that every weight matters. */
function randomWeightValues(names: string[], shapes: number[][], seed: number): Float32Array[] {
  const r = new Random(seed);
  return names.map((name, i) => {
    const n = shapes[i].reduce((a, b) => a * b, 1);
    const positive = /variance/.test(name);
    return Float32Array.from({ length: n }, () => (positive ? 0.5 + r.uniform() : 0.6 * (2 * r.uniform() - 1)));
  });
}

function randomizeTfjs(m: tf.LayersModel, seed: number): void {
  const ws = m.weights;
  const values = randomWeightValues(ws.map((w) => w.originalName), ws.map((w) => w.shape as number[]), seed);
  m.setWeights(values.map((v, i) => tf.tensor(v, ws[i].shape as number[], 'float32')));
}

function randomizeTensorgrad(m: LayersModel, seed: number): void {
  const ws = m.weights;
  const values = randomWeightValues(ws.map((w) => w.name), ws.map((w) => [...w.shape]), seed);
  ws.forEach((w, i) => w.assign(Tensor.fromStorage(values[i], w.shape, 'float32')));
}

/** The artifacts tfjs would hand a save handler. */
async function tfjsArtifacts(m: tf.LayersModel, includeOptimizer = false): Promise<ModelArtifacts> {
  let saved: ModelArtifacts | null = null;
  await m.save(tf.io.withSaveHandler(async (a) => {
    saved = a as unknown as ModelArtifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }), { includeOptimizer });
  return saved!;
}

/** Writes tfjs artifacts as tfjs-node's file handler does: model.json and weights.bin. */
async function writeTfjsLayout(dir: string, a: ModelArtifacts): Promise<void> {
  const json: ModelJSON = {
    modelTopology: a.modelTopology!, format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy,
    weightsManifest: [{ paths: ['./weights.bin'], weights: a.weightSpecs! }],
  };
  if (a.trainingConfig) json.trainingConfig = a.trainingConfig;
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  const data = Array.isArray(a.weightData) ? concatBuffers(a.weightData) : a.weightData as ArrayBuffer;
  await writeFile(join(dir, 'weights.bin'), new Uint8Array(data));
}

/** Reads a directory saved by tensorgrad into the artifacts tf.io.fromMemory takes. */
async function readSavedDir(dir: string): Promise<ModelArtifacts> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJSON;
  const buffers: Uint8Array[] = [];
  for (const g of json.weightsManifest) for (const p of g.paths) buffers.push(await readFile(join(dir, p)));
  const artifacts: ModelArtifacts = {
    modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: concatBuffers(buffers),
  };
  if (json.trainingConfig) artifacts.trainingConfig = json.trainingConfig;
  return artifacts;
}

function flatTf(t: tf.Tensor | tf.Tensor[]): Float32Array {
  return (Array.isArray(t) ? t[0] : t).dataSync() as Float32Array;
}

function flatTg(t: Tensor | Tensor[]): ArrayLike<number> {
  return (Array.isArray(t) ? t[0] : t).storage;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} values, expected ${expected.length}`);
  let worst = 0, at = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= worst)) { worst = d; at = i; }
  }
  assert.ok(worst <= tol, `${what}: |${actual[at]} - ${expected[at]}| = ${worst} > ${tol} at ${at}`);
}

interface Arch {
  name: string;
  inputs: number[][];
  tfjs: () => tf.LayersModel;
  tensorgrad: () => LayersModel;
}

const ARCHS: Arch[] = [
  {
    name: 'MLP',
    inputs: [[6, 10]],
    tfjs: () => tf.sequential({ layers: [
      tf.layers.dense({ units: 16, inputShape: [10], activation: 'relu' }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 8, activation: 'tanh', useBias: false }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ] }),
    tensorgrad: () => sequential({ layers: [
      layers.dense({ units: 16, inputShape: [10], activation: 'relu' }),
      layers.dropout({ rate: 0.3 }),
      layers.dense({ units: 8, activation: 'tanh', useBias: false }),
      layers.dense({ units: 3, activation: 'softmax' }),
    ] }),
  },
  {
    name: 'CNN with BatchNormalization and DepthwiseConv2D',
    inputs: [[3, 9, 9, 3]],
    tfjs: () => tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [9, 9, 3], filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }),
      tf.layers.batchNormalization(),
      tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'valid' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3 }),
    ] }),
    tensorgrad: () => sequential({ layers: [
      new Conv2D({ inputShape: [9, 9, 3], filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }),
      layers.batchNormalization(),
      new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'valid' }),
      new MaxPooling2D({ poolSize: 2 }),
      layers.flatten(),
      layers.dense({ units: 3 }),
    ] }),
  },
  {
    name: 'LSTM and GRU',
    inputs: [[4, 5, 3]],
    tfjs: () => tf.sequential({ layers: [
      tf.layers.lstm({ units: 6, inputShape: [5, 3], returnSequences: true }),
      tf.layers.gru({ units: 4 }),
      tf.layers.dense({ units: 2 }),
    ] }),
    tensorgrad: () => sequential({ layers: [
      new LSTM({ units: 6, inputShape: [5, 3], returnSequences: true }),
      new GRU({ units: 4 }),
      layers.dense({ units: 2 }),
    ] }),
  },
  {
    name: 'functional model with Add and Concatenate',
    inputs: [[5, 4], [5, 4]],
    tfjs: () => {
      const a = tf.input({ shape: [4] }), b = tf.input({ shape: [4] });
      const d = tf.layers.dense({ units: 4, activation: 'tanh' }).apply(a) as tf.SymbolicTensor;
      const s = tf.layers.add().apply([d, b]) as tf.SymbolicTensor;
      const c = tf.layers.concatenate().apply([s, a]) as tf.SymbolicTensor;
      return tf.model({ inputs: [a, b], outputs: tf.layers.dense({ units: 3 }).apply(c) as tf.SymbolicTensor });
    },
    tensorgrad: () => {
      const a = input({ shape: [4] }), b = input({ shape: [4] });
      const d = layers.dense({ units: 4, activation: 'tanh' }).apply(a) as SymbolicTensor;
      const s = layers.add().apply([d, b]) as SymbolicTensor;
      const c = layers.concatenate().apply([s, a]) as SymbolicTensor;
      return tgModel({ inputs: [a, b], outputs: layers.dense({ units: 3 }).apply(c) as SymbolicTensor });
    },
  },
  {
    name: 'Sequential nested in a functional model',
    inputs: [[3, 4]],
    tfjs: () => {
      const inner = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [4], activation: 'relu' })] });
      const x = tf.input({ shape: [4] });
      const h = inner.apply(x) as tf.SymbolicTensor;
      return tf.model({ inputs: x, outputs: tf.layers.dense({ units: 2 }).apply(h) as tf.SymbolicTensor });
    },
    tensorgrad: () => {
      const inner = sequential({ layers: [layers.dense({ units: 5, inputShape: [4], activation: 'relu' })] });
      const x = input({ shape: [4] });
      const h = inner.apply(x) as SymbolicTensor;
      return tgModel({ inputs: x, outputs: layers.dense({ units: 2 }).apply(h) as SymbolicTensor });
    },
  },
];

function inputsFor(arch: Arch, seed: number): { tg: Tensor[]; tf: tf.Tensor[] } {
  const xs = arch.inputs.map((s, i) => inputData(s, seed + i));
  return { tg: xs.map((x) => x.tg), tf: xs.map((x) => x.tf) };
}

const one = <T>(xs: T[]): T | T[] => (xs.length === 1 ? xs[0] : xs);

for (const [k, arch] of ARCHS.entries()) {
  test(`tfjs -> tensorgrad: ${arch.name}`, async () => {
    const m = arch.tfjs();
    randomizeTfjs(m, 10 + k);
    const x = inputsFor(arch, 20 + k);
    const expected = flatTf(m.predict(one(x.tf)) as tf.Tensor);
    await withTempDir(async (dir) => {
      await writeTfjsLayout(dir, await tfjsArtifacts(m));
      const loaded = await loadLayersModel(`file://${join(dir, 'model.json')}`);
      assert.deepEqual(loaded.weights.map((w) => w.name), m.weights.map((w) => w.originalName));
      assertClose(flatTg(loaded.predict(one(x.tg))), expected, TOL, arch.name);
    });
  });

  test(`tensorgrad -> tfjs: ${arch.name}`, async () => {
    setSeed(30 + k);
    const m = arch.tensorgrad();
    randomizeTensorgrad(m, 40 + k);
    const x = inputsFor(arch, 50 + k);
    const expected = flatTg(m.predict(one(x.tg)));
    await withTempDir(async (dir) => {
      await saveModel(m, join(dir, 'saved'));
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(await readSavedDir(join(dir, 'saved'))));
      assert.deepEqual(loaded.weights.map((w) => w.originalName), m.weights.map((w) => w.name));
      assertClose(flatTf(loaded.predict(one(x.tf)) as tf.Tensor), expected, TOL, arch.name);
    });
  });
}

/** Rewrites float32 weights of artifacts as quantized manifest entries. */
function quantizeArtifacts(a: ModelArtifacts, dtype: QuantizationDType): ModelArtifacts {
  const data = new Uint8Array(Array.isArray(a.weightData) ? concatBuffers(a.weightData) : a.weightData as ArrayBuffer);
  const specs: WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const s of a.weightSpecs!) {
    const n = s.shape.reduce((x, y) => x * y, 1);
    const values = new Float32Array(data.slice(offset, offset + 4 * n).buffer);
    offset += 4 * n;
    const q = quantizeWeight(values, dtype);
    parts.push(q.bytes);
    specs.push({ ...s, quantization: q.quantization });
  }
  return { ...a, weightSpecs: specs, weightData: concatBuffers(parts) };
}

for (const [dtype, tol] of [['float16', 5e-3], ['uint16', 1e-3], ['uint8', 0.15]] as const) {
  test(`quantized weights (${dtype}): tensorgrad and tfjs dequantize alike, close to the float model`, async () => {
    const arch = ARCHS[1];
    const m = arch.tfjs();
    randomizeTfjs(m, 60);
    const x = inputsFor(arch, 61);
    const floatOut = flatTf(m.predict(one(x.tf)) as tf.Tensor);
    const q = quantizeArtifacts(await tfjsArtifacts(m), dtype);
    await withTempDir(async (dir) => {
      await writeTfjsLayout(dir, q);
      const ours = await loadLayersModel(dir);
      const theirs = await tf.loadLayersModel(tf.io.fromMemory(q));
      // Dequantized weights agree between the libraries...
      ours.weights.forEach((w, i) => assertClose(w.value.storage, theirs.weights[i].read().dataSync(), 1e-6, w.name));
      // ...and predictions stay close to the float ones.
      const out = flatTg(ours.predict(one(x.tg)));
      assertClose(out, flatTf(theirs.predict(one(x.tf)) as tf.Tensor), TOL, `${dtype} vs tfjs`);
      assertClose(out, floatOut, tol, `${dtype} vs float`);
    });
  });
}

test('optimizer state moves both ways: training resumes with the same weights as uninterrupted training', async () => {
  const build = (): tf.LayersModel => tf.sequential({ layers: [
    tf.layers.dense({ units: 5, inputShape: [4], activation: 'tanh' }), tf.layers.dense({ units: 2 }),
  ] });
  const x = inputData([8, 4], 70), y = inputData([8, 2], 71);
  const compile = (m: tf.LayersModel): void => m.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
  const reference = build();
  randomizeTfjs(reference, 72);
  compile(reference);
  const start = await tfjsArtifacts(reference);
  for (let i = 0; i < 2; i++) await reference.trainOnBatch(x.tf, y.tf);
  const afterTwo = await tfjsArtifacts(reference, true);
  await reference.trainOnBatch(x.tf, y.tf);
  const expected = reference.getWeights().map((w) => w.dataSync() as Float32Array);

  // tfjs trained two steps; tensorgrad resumes from its file for the third.
  await withTempDir(async (dir) => {
    await writeTfjsLayout(dir, afterTwo);
    const resumed = await loadLayersModel(dir);
    assert.equal((resumed.optimizer as Optimizer).iterations, 2);
    resumed.trainOnBatch(x.tg, y.tg);
    resumed.weights.forEach((w, i) => assertClose(w.value.storage, expected[i], 1e-5, `tensorgrad step 3: ${w.name}`));
  });

  // tensorgrad trains two steps from the same start; tfjs resumes from tensorgrad's file for the third.
  await withTempDir(async (dir) => {
    await writeTfjsLayout(dir, start);
    const ours = await loadLayersModel(dir);
    ours.compile({ optimizer: adam(0.05), loss: 'meanSquaredError' });
    for (let i = 0; i < 2; i++) ours.trainOnBatch(x.tg, y.tg);
    await saveModel(ours, join(dir, 'saved'), { includeOptimizer: true });
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(await readSavedDir(join(dir, 'saved'))));
    assert.ok(theirs.optimizer, 'tfjs compiled the model from trainingConfig');
    await theirs.trainOnBatch(x.tf, y.tf);
    theirs.getWeights().forEach((w, i) => assertClose(w.dataSync(), expected[i], 1e-5, `tfjs step 3: ${theirs.weights[i].originalName}`));
  });
});
