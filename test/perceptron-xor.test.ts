// The texts' turning point, with the layers API: a single step-activation neuron cannot represent XOR (and its
// zero gradient gives backpropagation nothing to follow), while a multilayer perceptron learns it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed, sequential, layers, tensor, train } from '../src/index.js';
import type { Tensor } from '../src/index.js';

const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = tensor([[0], [1], [1], [0]]);

function accuracy(pred: Tensor): number {
  const p = pred.dataSync(), t = y.dataSync();
  let hits = 0;
  for (let i = 0; i < t.length; i++) hits += (p[i] > 0.5 ? 1 : 0) === t[i] ? 1 : 0;
  return hits / t.length;
}

test('a step-activation perceptron fails XOR: accuracy <= 0.75 whatever its training', async () => {
  setSeed(0);
  const perceptron = sequential({ layers: [layers.dense({ units: 1, activation: 'step', inputShape: [2] })] });
  perceptron.compile({ optimizer: train.sgd(0.5), loss: 'meanSquaredError' });
  for (let round = 0; round < 5; round++) {
    await perceptron.fit(x, y, { epochs: 20, batchSize: 4, verbose: 0 });
    assert.ok(accuracy(perceptron.predict(x) as Tensor) <= 0.75);
  }
  // No line separates XOR, so no weights can do better: sweep a grid of weights and biases to show it.
  let best = 0;
  for (let w1 = -2; w1 <= 2; w1 += 0.5) for (let w2 = -2; w2 <= 2; w2 += 0.5) for (let b = -2; b <= 2; b += 0.25) {
    const out = [[0, 0], [0, 1], [1, 0], [1, 1]].map(([a, c]) => (w1 * a + w2 * c + b > 0 ? 1 : 0));
    best = Math.max(best, out.filter((v, i) => v === [0, 1, 1, 0][i]).length / 4);
  }
  assert.equal(best, 0.75);
});

test('a two-layer perceptron trained by backpropagation solves XOR', async () => {
  setSeed(1);
  const mlp = sequential({
    layers: [
      layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
      layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  mlp.compile({ optimizer: train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const history = await mlp.fit(x, y, { epochs: 300, batchSize: 4, verbose: 0 });
  assert.equal(accuracy(mlp.predict(x) as Tensor), 1);
  const losses = history.history.loss as number[];
  assert.ok(losses[losses.length - 1] < 0.1 * losses[0], `loss ${losses[0]} -> ${losses[losses.length - 1]}`);
});
