import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { randomNormal } from '../ops/creation.js';
import { tensor } from '../ops/convert.js';
import { sequential } from '../nn/sequential.js';
import { Dense } from '../nn/layers/dense.js';
import { Dropout } from '../nn/layers/dropout.js';
import { adam } from '../optimizers/index.js';
import { EarlyStopping, compileModel, evaluateModel, fitModel, trainOnBatchModel } from './index.js';
import type { TrainableModel } from './index.js';

// The real Sequential model through the functions LayersModel delegates to.
test('a Sequential model with softmax output, dropout and an L2 penalty trains through fitModel', async () => {
  setSeed(0);
  const model = sequential({
    layers: [
      new Dense({ units: 8, activation: 'relu', inputShape: [2], kernelRegularizer: 'l2' }),
      new Dropout({ rate: 0.1 }),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
  const m: TrainableModel = model;
  compileModel(m, { optimizer: adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const x = randomNormal([64, 2]);
  const labels = Array.from({ length: 64 }, (_, i) => (x.storage[2 * i] * x.storage[2 * i + 1] > 0 ? 1 : 0));
  const y = tensor(labels.map((l) => (l ? [0, 1] : [1, 0])));
  const h = await fitModel(m, x, y, {
    epochs: 40, batchSize: 16, verbose: 0, validationSplit: 0.25,
    callbacks: [new EarlyStopping({ monitor: 'val_loss', patience: 40, restoreBestWeights: true })],
  });
  assert.deepEqual(Object.keys(h.history).sort(), ['accuracy', 'loss', 'val_accuracy', 'val_loss']);
  assert.ok(h.history.accuracy.at(-1)! > 0.8, `accuracy ${h.history.accuracy.at(-1)}`);
  const [loss, acc] = evaluateModel(m, x, y) as Tensor[];
  assert.ok(loss.item() < h.history.loss[0] && acc.item() > 0.8);
  assert.equal((trainOnBatchModel(m, x, y) as number[]).length, 2);
  assert.equal(m.history, h);
});

test('a softmax output layer trains through the exact log-softmax path, not the clipped probabilities', () => {
  const model = sequential({ layers: [new Dense({ units: 2, activation: 'softmax', inputShape: [1], useBias: false, dtype: 'float64' })] });
  model.layers[0].setWeights([tensor([[500, -500]], undefined, 'float64')]);
  compileModel(model, { optimizer: adam(0), loss: 'categoricalCrossentropy' });
  const x = tensor([[1]], undefined, 'float64'), y = tensor([[0, 1]], undefined, 'float64');
  // Recorded training pass: -log softmax = 1000 exactly; inference clips at -log(1e-7) like Keras.
  assert.equal(trainOnBatchModel(model, x, y), 1000);
  const evaluated = (evaluateModel(model, x, y) as Tensor).item();
  assert.ok(Math.abs(evaluated + Math.log(1e-7)) < 1e-3, `${evaluated}`);
});
