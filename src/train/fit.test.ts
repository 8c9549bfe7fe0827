import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { add, mul, sub } from '../ops/arithmetic.js';
import { tensor } from '../ops/convert.js';
import { randomNormal } from '../ops/creation.js';
import { matmul } from '../ops/matmul.js';
import { mean } from '../ops/reduce.js';
import { square } from '../ops/unary-math.js';
import { Dataset } from '../data/dataset.js';
import { adam, sgd } from '../optimizers/index.js';
import { expectClose } from '../testing/expect-close.js';
import * as losses from '../losses/index.js';
import {
  compileModel, evaluateDatasetModel, evaluateModel, fitDatasetModel, fitModel, predictModel, trainOnBatchModel,
  variableGrads,
} from './index.js';
import { Callback } from './index.js';
import type { TrainingParams } from './index.js';
import { denseModel } from './tiny-model.test-util.js';

/** y = x @ [2, -3] + 1 on n samples (float64). */
function linearData(n: number): [Tensor, Tensor] {
  const x = randomNormal([n, 2], 0, 1, 'float64');
  const y = add(matmul(x, tensor([[2], [-3]], undefined, 'float64')), 1);
  return [x, y];
}

test('fit learns a linear map; History holds per-epoch logs', async () => {
  setSeed(1);
  const [x, y] = linearData(64);
  const model = denseModel(2, [1]);
  compileModel(model, { optimizer: sgd(0.1), loss: 'meanSquaredError', metrics: ['mae'] });
  assert.deepEqual(model.metricsNames, ['loss', 'mae']);
  const h = await fitModel(model, x, y, { epochs: 30, batchSize: 16, verbose: 0, validationData: [x, y] });
  assert.deepEqual(h.epoch, Array.from({ length: 30 }, (_, i) => i));
  assert.deepEqual(Object.keys(h.history).sort(), ['loss', 'mae', 'val_loss', 'val_mae']);
  assert.ok(h.history.loss[29] < 1e-4 && h.history.loss[0] > 1, `loss ${h.history.loss[0]} -> ${h.history.loss[29]}`);
  expectClose(model.weights[0].value, [[2], [-3]], { atol: 1e-2, rtol: 0 });
  // The last epoch's validation equals evaluate on the same data.
  const [loss, mae] = evaluateModel(model, x, y, { batchSize: 7 }) as Tensor[];
  assert.ok(Math.abs(loss.item() - h.history.val_loss[29]) < 1e-6);
  assert.ok(Math.abs(mae.item() - h.history.val_mae[29]) < 1e-6);
});

test('validationSplit holds out the last samples before shuffling', async () => {
  setSeed(2);
  const [x, y] = linearData(10);
  const model = denseModel(2, [1]);
  compileModel(model, { optimizer: sgd(0), loss: 'mse' });
  let params: TrainingParams | undefined;
  const spy = new (class extends Callback { override onTrainBegin() { params = this.params; } })();
  const h = await fitModel(model, x, y, { epochs: 1, batchSize: 3, verbose: 0, validationSplit: 0.3, callbacks: [spy] });
  assert.equal(params?.samples, 7);
  assert.equal(params?.steps, 3);
  assert.deepEqual(params?.metrics, ['loss', 'val_loss']);
  const lastThree = evaluateModel(model, sliceRowsForTest(x, 7), sliceRowsForTest(y, 7)) as Tensor;
  assert.ok(Math.abs(h.history.val_loss[0] - lastThree.item()) < 1e-6 * lastThree.item());
  await assert.rejects(fitModel(model, x, y, { validationSplit: 1 }), /fit: validationSplit must be in \[0, 1\), received number 1/);
});

function sliceRowsForTest(t: Tensor, from: number): Tensor {
  const row = t.size / t.shape[0];
  return Tensor.fromStorage(t.storage.slice(from * row), [t.shape[0] - from, ...t.shape.slice(1)], t.dtype);
}

test('shuffling is seeded: same seed, same weights; no shuffle differs', async () => {
  const run = async (seed: number, shuffle: boolean): Promise<number[]> => {
    setSeed(seed);
    const [x, y] = linearData(20);
    const model = denseModel(2, [3, 1], ['tanh']);
    compileModel(model, { optimizer: adam(0.05), loss: 'mse' });
    setSeed(seed + 100);
    await fitModel(model, x, y, { epochs: 3, batchSize: 4, verbose: 0, shuffle });
    return Array.from(model.weights[0].value.storage);
  };
  assert.deepEqual(await run(5, true), await run(5, true));
  assert.notDeepEqual(await run(5, true), await run(5, false));
});

test('classWeight and sampleWeight weigh per-sample losses (sum over batch size)', () => {
  setSeed(3);
  const x = tensor([[0, 0], [1, 1], [2, 0], [0, 3]], undefined, 'float64');
  const y = tensor([[0], [1], [1], [0]], undefined, 'float64');
  const model = denseModel(2, [1], ['sigmoid']);
  compileModel(model, { optimizer: sgd(0), loss: 'binaryCrossentropy', metrics: ['acc'] });
  const per = (losses.binaryCrossentropy.perSample(y, model.apply(x)) as Tensor).storage;
  const [plain] = trainOnBatchModel(model, x, y) as number[];
  assert.ok(Math.abs(plain - (per[0] + per[1] + per[2] + per[3]) / 4) < 1e-12);
  const [weighted] = trainOnBatchModel(model, x, y, undefined, { 0: 2, 1: 0.5 }) as number[];
  assert.ok(Math.abs(weighted - (2 * per[0] + 0.5 * per[1] + 0.5 * per[2] + 2 * per[3]) / 4) < 1e-12);
  const [both] = trainOnBatchModel(model, x, y, tensor([1, 0, 1, 3]), { 0: 2 }) as number[];
  assert.ok(Math.abs(both - (2 * per[0] + 0 + per[2] + 6 * per[3]) / 4) < 1e-12);
  const ev = evaluateModel(model, x, y, { sampleWeight: tensor([1, 0, 1, 3]) }) as Tensor[];
  // evaluate returns float32 scalars, as TensorFlow.js.
  assert.ok(Math.abs(ev[0].item() - (per[0] + per[2] + 3 * per[3]) / 4) < 1e-6);
});

test('model.stopTraining set by a user callback ends fit after the current batch', async () => {
  setSeed(4);
  const [x, y] = linearData(20);
  const model = denseModel(2, [1]);
  compileModel(model, { optimizer: sgd(0.01), loss: 'mse' });
  const seen: string[] = [];
  const h = await fitModel(model, x, y, {
    epochs: 5, batchSize: 5, verbose: 0,
    callbacks: {
      onEpochBegin: (e) => { seen.push(`e${e}`); },
      onBatchEnd: (b, logs) => { seen.push(`b${b}`); if (b === 1 && seen.includes('e1')) model.stopTraining = true; assert.equal(logs?.size, 5); },
      onEpochEnd: (e) => { seen.push(`end${e}`); },
    },
  });
  assert.deepEqual(seen, ['e0', 'b0', 'b1', 'b2', 'b3', 'end0', 'e1', 'b0', 'b1', 'end1']);
  assert.deepEqual(h.epoch, [0, 1]);
});

test('initialEpoch resumes numbering; optimizer state save/restore resumes training exactly', async () => {
  const setup = (): ReturnType<typeof denseModel> => { setSeed(6); return denseModel(2, [4, 1], ['tanh']); };
  setSeed(7);
  const [x, y] = linearData(16);
  const full = setup();
  compileModel(full, { optimizer: adam(0.02), loss: 'mse' });
  await fitModel(full, x, y, { epochs: 4, batchSize: 8, verbose: 0, shuffle: false });

  const first = setup();
  const opt1 = adam(0.02);
  compileModel(first, { optimizer: opt1, loss: 'mse' });
  await fitModel(first, x, y, { epochs: 2, batchSize: 8, verbose: 0, shuffle: false });
  const savedState = opt1.getWeights();
  const savedWeights = first.weights.map((w) => w.value.dataSync());

  const resumed = setup();
  resumed.weights.forEach((w, i) => w.value.storage.set(savedWeights[i]));
  const opt2 = adam(0.02);
  opt2.setWeights(savedState);
  compileModel(resumed, { optimizer: opt2, loss: 'mse' });
  const h = await fitModel(resumed, x, y, { epochs: 4, initialEpoch: 2, batchSize: 8, verbose: 0, shuffle: false });
  assert.deepEqual(h.epoch, [2, 3]);
  resumed.weights.forEach((w, i) => expectClose(w.value, full.weights[i].value));
});

test('fitDataset: {xs, ys} and [xs, ys] batches, batchesPerEpoch continuing one iterator', async () => {
  setSeed(8);
  const [x, y] = linearData(12);
  const model = denseModel(2, [1]);
  compileModel(model, { optimizer: sgd(0.05), loss: 'mse', metrics: ['mse'] });
  const ds = Dataset.fromArrays(x, y).batch(4);
  const h = await fitDatasetModel(model, ds, { epochs: 3, verbose: 0, validationData: ds });
  assert.deepEqual(Object.keys(h.history).sort(), ['loss', 'mse', 'val_loss', 'val_mse']);
  assert.ok(h.history.loss[2] < h.history.loss[0]);
  const [l, m] = await evaluateDatasetModel(model, ds) as Tensor[];
  const [l2] = evaluateModel(model, x, y, { batchSize: 4 }) as Tensor[];
  assert.ok(Math.abs(l.item() - l2.item()) < 1e-9 && Math.abs(l.item() - m.item()) < 1e-9);

  let produced = 0;
  const batches = {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < 5; i++) { produced++; yield [x, y]; }
    },
  };
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (s: string) => { warnings.push(s); };
  try {
    const h2 = await fitDatasetModel(model, batches, { epochs: 4, batchesPerEpoch: 2, verbose: 0 });
    assert.deepEqual(h2.epoch, [0, 1, 2]);
  } finally { console.warn = warn; }
  assert.equal(produced, 5);
  assert.match(warnings[0], /fitDataset: the dataset ran out after 1 batches of epoch 3/);
  await assert.rejects(fitDatasetModel(model, [1, 2] as never), /fitDataset: dataset must be an async iterable/);
});

test('predict is batched and equals the forward pass', () => {
  setSeed(9);
  const model = denseModel(3, [2]);
  const x = randomNormal([70, 3], 0, 1, 'float64');
  const p = predictModel(model, x, { batchSize: 32 }) as Tensor;
  assert.deepEqual(p.shape, [70, 2]);
  expectClose(p, model.apply(x));
  assert.deepEqual((predictModel(model, tensor([], [0, 3], 'float64')) as Tensor).shape, [0, 2]);
});

test('a custom training loop with variableGrads and applyGradients', () => {
  setSeed(10);
  const [x, y] = linearData(32);
  const model = denseModel(2, [1]);
  const opt = sgd(0.1);
  let first = 0, last = 0;
  for (let i = 0; i < 50; i++) {
    const { value, grads } = variableGrads(() => mean(square(sub(model.apply(x), y))), model.trainableWeights);
    opt.applyGradients(grads);
    if (i === 0) first = value.item();
    last = value.item();
  }
  assert.ok(last < first * 1e-3, `${first} -> ${last}`);
  assert.throws(() => variableGrads(() => mul(x, 2)), /variableGrads: varList is required/);
});

test('sparse categorical training with accuracy named as asked', async () => {
  setSeed(11);
  const x = randomNormal([30, 2], 0, 1, 'float64');
  const labels = tensor(Array.from(x.storage as Float64Array).filter((_, i) => i % 2 === 0).map((v, i) => (v + (x.storage[2 * i + 1]) > 0 ? 1 : 0)), undefined, 'int32');
  const model = denseModel(2, [2], ['softmax']);
  compileModel(model, { optimizer: adam(0.1), loss: 'sparseCategoricalCrossentropy', metrics: ['acc'] });
  const h = await fitModel(model, x, labels, { epochs: 20, batchSize: 10, verbose: 0 });
  assert.ok(h.history.acc[19] >= 0.9, `acc ${h.history.acc[19]}`);
  const r = trainOnBatchModel(model, x, labels) as number[];
  assert.equal(r.length, 2);
});

test('errors: fit before compile, mismatched rows, bad options', async () => {
  const model = denseModel(2, [1]);
  const x = tensor([[1, 2], [3, 4]], undefined, 'float64');
  await assert.rejects(fitModel(model, x, tensor([[1], [2]])), /fit: the model tiny must be compiled first/);
  compileModel(model, { optimizer: 'sgd', loss: 'mse' });
  await assert.rejects(fitModel(model, x, tensor([[1], [2], [3]])), /fit: x and y must have the same number of samples, received 2 and 3/);
  await assert.rejects(fitModel(model, x, tensor([[1], [2]]), { batchSize: 0 }), /fit: batchSize must be an integer >= 1, received number 0/);
  await assert.rejects(fitModel(model, x, tensor([[1], [2]]), { verbose: 3 as never }), /fit: verbose must be 0, 1 or 2/);
  assert.throws(() => compileModel(model, { optimizer: 'sgd', loss: 'nope' }), /getLoss: unknown loss 'nope'/);
  assert.throws(() => compileModel(model, { optimizer: 'sgd', loss: ['mse', 'mae'] }), /compile: loss must have one entry per output \(1: output\), received 2/);
  const running = fitModel(model, x, tensor([[1], [2]]), { epochs: 2, verbose: 0, callbacks: { onEpochEnd: async () => { await new Promise((r) => setTimeout(r, 5)); } } });
  await assert.rejects(fitModel(model, x, tensor([[1], [2]]), { verbose: 0 }), /fit: the model tiny is already training/);
  await running;
});
