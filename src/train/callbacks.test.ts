import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { add, matmul } from '../ops/index.js';
import { tensor } from '../ops/convert.js';
import { randomNormal } from '../ops/creation.js';
import { sgd } from '../optimizers/index.js';
import {
  CSVLogger, Callback, EarlyStopping, LearningRateScheduler, ModelCheckpoint, ProgressLogger, ReduceLROnPlateau,
  TerminateOnNaN, compileModel, fitModel, formatPath, formatValue,
} from './index.js';
import type { Logs } from './index.js';
import { denseModel } from './tiny-model.test-util.js';

function data(n = 16): [Tensor, Tensor] {
  setSeed(1);
  const x = randomNormal([n, 2], 0, 1, 'float64');
  return [x, add(matmul(x, tensor([[1], [-1]], undefined, 'float64')), 0.5)];
}

/** Overwrites a logged value with a scripted sequence (one per epoch), to drive monitors deterministically. */
class Script extends Callback {
  constructor(private readonly key: string, private readonly values: number[]) { super(); }
  override onEpochEnd(epoch: number, logs: Logs = {}): void { logs[this.key] = this.values[epoch]; }
}

/** Copies of the first weight at each epoch end. */
class Snapshots extends Callback {
  readonly values: number[][] = [];
  override onEpochEnd(): void { this.values.push(Array.from(this.model.weights[0].value.storage)); }
}

test('EarlyStopping: patience, minDelta, mode and restoreBestWeights', async () => {
  const [x, y] = data();
  const model = denseModel(2, [1]);
  compileModel(model, { optimizer: sgd(0.05), loss: 'mse' });
  // Best at epoch 2; epochs 3, 4 do not improve by more than minDelta 0.05 -> stop at epoch 4 (patience 2).
  const script = new Script('val_loss', [1, 0.8, 0.5, 0.48, 0.6, 0.1, 0.1]);
  const snaps = new Snapshots();
  const es = new EarlyStopping({ patience: 2, minDelta: 0.05, restoreBestWeights: true });
  const h = await fitModel(model, x, y, { epochs: 7, verbose: 0, callbacks: [script, snaps, es] });
  assert.deepEqual(h.epoch, [0, 1, 2, 3, 4]);
  assert.equal(es.stoppedEpoch, 4);
  assert.equal(es.bestEpoch, 2);
  assert.equal(es.best, 0.5);
  assert.deepEqual(Array.from(model.weights[0].value.storage), snaps.values[2]);

  // 'auto' mode maximizes accuracies. An improvement that does not beat the baseline keeps the wait running
  // (Keras): with patience 2, a flat 0.5 stops at epoch 1 with baseline 0.9, at epoch 2 without.
  const flat = [0.5, 0.5, 0.5, 0.5, 0.5];
  const withBaseline = await fitModel(model, x, y, { epochs: 5, verbose: 0, callbacks: [new Script('val_acc', flat), new EarlyStopping({ monitor: 'val_acc', patience: 2, baseline: 0.9 })] });
  assert.deepEqual(withBaseline.epoch, [0, 1]);
  const without = await fitModel(model, x, y, { epochs: 5, verbose: 0, callbacks: [new Script('val_acc', flat), new EarlyStopping({ monitor: 'val_acc', patience: 2 })] });
  assert.deepEqual(without.epoch, [0, 1, 2]);
  const rising = await fitModel(model, x, y, { epochs: 6, verbose: 0, callbacks: [new Script('val_acc', [0.5, 0.6, 0.7, 0.95, 0.95, 0.99]), new EarlyStopping({ monitor: 'val_acc', patience: 1, baseline: 0.9 })] });
  assert.deepEqual(rising.epoch, [0, 1, 2, 3, 4]);
  const noStop = new EarlyStopping({ patience: 10 });
  const h3 = await fitModel(model, x, y, { epochs: 3, verbose: 0, callbacks: [noStop] });
  assert.equal(h3.epoch.length, 3);
  assert.equal(noStop.stoppedEpoch, 0);
  assert.throws(() => new EarlyStopping({ mode: 'up' as never }), /EarlyStopping: mode must be 'auto', 'min' or 'max'/);
});

test('LearningRateScheduler sets the rate per epoch and logs it', async () => {
  const [x, y] = data();
  const model = denseModel(2, [1]);
  const opt = sgd(0.1);
  compileModel(model, { optimizer: opt, loss: 'mse' });
  const h = await fitModel(model, x, y, {
    epochs: 3, verbose: 0, callbacks: [new LearningRateScheduler((epoch, lr) => (epoch === 0 ? lr : lr / 2))],
  });
  assert.deepEqual(h.history.learning_rate, [0.1, 0.05, 0.025]);
  assert.equal(opt.currentLearningRate(), 0.025);
});

test('ReduceLROnPlateau reduces after patience, respects cooldown and minLR', async () => {
  const [x, y] = data();
  const model = denseModel(2, [1]);
  const opt = sgd(1e-3);
  compileModel(model, { optimizer: opt, loss: 'mse' });
  const rates: number[] = [];
  const h = await fitModel(model, x, y, {
    epochs: 11, verbose: 0,
    callbacks: [
      new Script('val_loss', new Array<number>(11).fill(1)),
      new ReduceLROnPlateau({ factor: 0.5, patience: 2, cooldown: 2, minLR: 2e-4 }),
      { onEpochEnd: () => { rates.push(opt.currentLearningRate()); } },
    ],
  });
  // Improvement at epoch 0; reductions at 2, 5 (two cooldown epochs, then patience 2) and 8 (floored at minLR).
  assert.deepEqual(rates, [1e-3, 1e-3, 5e-4, 5e-4, 5e-4, 2.5e-4, 2.5e-4, 2.5e-4, 2e-4, 2e-4, 2e-4]);
  assert.equal(h.history.learning_rate[0], 1e-3);
});

test('ModelCheckpoint saves every epoch or only improvements, with Keras path templates', async () => {
  const [x, y] = data();
  const model = denseModel(2, [1]);
  compileModel(model, { optimizer: sgd(0.01), loss: 'mse' });
  const saves: string[] = [];
  const save = (_m: unknown, path: string): void => { saves.push(path); };
  const best = new ModelCheckpoint({ filepath: 'ckpt/m-{epoch:02d}-{val_loss:.2f}', saveBestOnly: true, save });
  await fitModel(model, x, y, { epochs: 4, verbose: 0, callbacks: [new Script('val_loss', [0.5, 0.7, 0.25, 0.3]), best] });
  assert.deepEqual(saves, ['ckpt/m-01-0.50', 'ckpt/m-03-0.25']);
  saves.length = 0;
  await fitModel(model, x, y, { epochs: 2, verbose: 0, callbacks: [new ModelCheckpoint({ filepath: (e) => `every/${e}`, save })] });
  assert.deepEqual(saves, ['every/1', 'every/2']);
  assert.equal(formatPath('w.{epoch:03d}.{loss:.1e}.{x}', { epoch: 7, loss: 0.000123 }), 'w.007.1.2e-4.{x}');
  await assert.rejects(fitModel(model, x, y, { epochs: 1, verbose: 0, callbacks: [new ModelCheckpoint({ filepath: 'p' })] }),
    /ModelCheckpoint: the model has no save\(\) method/);
});

test('CSVLogger writes a header and one row per epoch, to a sink or a file', async () => {
  const [x, y] = data();
  const model = denseModel(2, [1]);
  compileModel(model, { optimizer: sgd(0.01), loss: 'mse', metrics: ['mae'] });
  let text = '';
  await fitModel(model, x, y, { epochs: 2, verbose: 0, validationSplit: 0.25, callbacks: [new CSVLogger({ write: (t) => { text += t; } })] });
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'epoch,loss,mae,val_loss,val_mae');
  assert.equal(lines.length, 3);
  assert.match(lines[2], /^1,[\d.e-]+,[\d.e-]+,[\d.e-]+,[\d.e-]+$/);
  const dir = mkdtempSync(join(tmpdir(), 'tg-csv-'));
  try {
    const file = join(dir, 'log.csv');
    await fitModel(model, x, y, { epochs: 2, verbose: 0, callbacks: [new CSVLogger({ filename: file, separator: ';' })] });
    await fitModel(model, x, y, { epochs: 1, verbose: 0, callbacks: [new CSVLogger({ filename: file, separator: ';', append: true })] });
    const rows = readFileSync(file, 'utf8').trim().split('\n');
    assert.deepEqual(rows.map((r) => r.split(';')[0]), ['epoch', '0', '1', '0']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('TerminateOnNaN stops at the first non-finite batch loss', async () => {
  const [x, y] = data(8);
  const bad = tensor(Array.from(x.storage).map((v, i) => (i === 9 ? NaN : v)), [8, 2], 'float64');
  const model = denseModel(2, [1]);
  compileModel(model, { optimizer: sgd(0.01), loss: 'mse' });
  const nan = new TerminateOnNaN();
  const log = console.log;
  console.log = () => {};
  try {
    await fitModel(model, bad, y, { epochs: 3, batchSize: 2, shuffle: false, verbose: 0, callbacks: [nan] });
  } finally { console.log = log; }
  assert.deepEqual(nan.terminatedAt, { epoch: 0, batch: 2 });
});

test('progress lines: epoch header, steps, time per step, metrics and validation', async () => {
  const [x, y] = data();
  const model = denseModel(2, [1]);
  compileModel(model, { optimizer: sgd(0.01), loss: 'mse', metrics: ['mae'] });
  const lines: string[] = [];
  await fitModel(model, x, y, {
    epochs: 2, batchSize: 5, verbose: 0, validationSplit: 0.25,
    callbacks: [new ProgressLogger({ verbose: 2, write: (l) => lines.push(l) })],
  });
  assert.equal(lines.length, 4);
  assert.equal(lines[0], 'Epoch 1/2');
  assert.match(lines[1], /^3\/3 - \d+s \d+(us|ms|s)\/step - loss: \d\.\d{4} - mae: \d\.\d{4} - val_loss: \d\.\d{4} - val_mae: \d\.\d{4}$/);
  assert.equal(formatValue(0.00001234), '1.2340e-5');
  assert.equal(formatValue(12.3), '12.3000');
});

test('multi-output models: per-output losses, loss weights and prefixed metric names', async () => {
  setSeed(3);
  const a = denseModel(2, [1]), b = denseModel(2, [2], ['softmax']);
  const model = {
    name: 'two', outputNames: ['reg', 'cls'], stopTraining: false,
    get trainableWeights() { return [...a.trainableWeights, ...b.trainableWeights]; },
    get weights() { return [...a.weights, ...b.weights]; },
    apply: (x: Tensor | Tensor[]) => [a.apply(x), b.apply(x)],
  };
  compileModel(model, {
    optimizer: sgd(0.05), loss: { reg: 'mse', cls: 'sparseCategoricalCrossentropy' }, lossWeights: { reg: 2 },
    metrics: { cls: ['acc'] },
  });
  const x = randomNormal([6, 2], 0, 1, 'float64');
  const yReg = randomNormal([6, 1], 0, 1, 'float64'), yCls = tensor([0, 1, 1, 0, 1, 0], undefined, 'int32');
  const h = await fitModel(model, x, { reg: yReg, cls: yCls }, { epochs: 2, verbose: 0 });
  assert.deepEqual(Object.keys(h.history), ['loss', 'reg_loss', 'cls_loss', 'cls_acc']);
  const [l, r, c] = [h.history.loss[0], h.history.reg_loss[0], h.history.cls_loss[0]];
  assert.ok(Math.abs(l - (2 * r + c)) < 1e-9);
  await assert.rejects(fitModel(model, x, [yReg], { verbose: 0 }), /fit: y must have one tensor per output \(2: reg, cls\), received 1/);
});
