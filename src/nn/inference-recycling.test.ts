import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/convert.js';
import { randomNormal } from '../ops/creation.js';
import { registerActivation } from './activations.js';
import { recyclesIntermediates } from './inference-recycling.js';
import { Layer } from './layer.js';
import type { CallArgs } from './layer.js';
import { getMask } from './layer-utils.js';
import { layers } from './layers/index.js';
import { Dense } from './layers/dense.js';
import { sequential } from './sequential.js';

/** A user layer that keeps the last tensor it saw. */
class KeepsInput extends Layer {
  static readonly className = 'KeepsInput';
  last: Tensor | null = null;
  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    this.last = inputs as Tensor;
    return inputs as Tensor;
  }
}

class MyDense extends Dense {}

test('recyclesIntermediates: library layers yes; user classes, user activations and stateful RNNs no', () => {
  const mlp = sequential({ layers: [layers.dense({ units: 4, inputShape: [3], activation: 'relu' }), layers.dense({ units: 2, activation: 'softmax' })] });
  assert.equal(recyclesIntermediates(mlp), true);
  assert.equal(recyclesIntermediates(sequential({ layers: [mlp, layers.dense({ units: 1 })] })), true);
  assert.equal(recyclesIntermediates(sequential({ layers: [layers.dense({ units: 4, inputShape: [3] }), new KeepsInput({})] })), false);
  assert.equal(recyclesIntermediates(sequential({ layers: [new MyDense({ units: 4, inputShape: [3] })] })), false);
  registerActivation('spy', (x) => x);
  assert.equal(recyclesIntermediates(sequential({ layers: [layers.dense({ units: 4, inputShape: [3], activation: 'spy' })] })), false);
  assert.equal(recyclesIntermediates(sequential({ layers: [layers.lstm({ units: 2, inputShape: [3, 2] })] })), true);
  assert.equal(recyclesIntermediates(sequential({ layers: [layers.lstm({ units: 2, batchInputShape: [1, 3, 2], stateful: true })] })), false);
});

test('predict reuses intermediate storage without touching outputs of earlier calls', () => {
  setSeed(1);
  const m = sequential({ layers: [
    layers.dense({ units: 64, inputShape: [32], activation: 'relu' }),
    layers.dense({ units: 48, activation: 'tanh' }),
    layers.dense({ units: 40 }),
  ] });
  const x1 = randomNormal([3, 32]), x2 = randomNormal([3, 32]);
  const y1 = m.predict(x1) as Tensor;
  const copy = y1.dataSync();
  const y2 = m.predict(x2) as Tensor;
  assert.deepEqual(y1.dataSync(), copy, 'the first output kept its values');
  assert.notDeepEqual(y2.dataSync(), copy);
  assert.deepEqual((m.predict(x1) as Tensor).dataSync(), copy, 'the same input gives the same output');
  assert.deepEqual((m.predictOnBatch(x1) as Tensor).dataSync(), copy);
  // Batched prediction recycles between batches and still matches.
  assert.deepEqual((m.predict(x1, { batchSize: 1 }) as Tensor).dataSync(), copy);
});

test('a model with a layer that keeps tensors does not recycle them', () => {
  setSeed(2);
  const keep = new KeepsInput({});
  const m = sequential({ layers: [layers.dense({ units: 32, inputShape: [8], activation: 'relu' }), keep, layers.dense({ units: 20 })] });
  m.predict(randomNormal([2, 8]));
  const kept = keep.last!, seen = kept.dataSync();
  m.predict(randomNormal([2, 8]));
  m.predict(randomNormal([2, 8]));
  assert.notEqual(keep.last, kept);
  // Recycled, its storage would now hold a later call's activations.
  assert.deepEqual(kept.dataSync(), seen);
});

test('the masks of a model\'s outputs survive recycling', () => {
  const m = sequential({ layers: [layers.embedding({ inputDim: 30, outputDim: 24, maskZero: true, inputLength: 20 })] });
  const ids = tensor([[1, 0, 3, 0, 5, 6, 7, 8, 9, 10, 11, 12, 0, 14, 15, 16, 17, 18, 19, 0]]);
  const y = m.predict(ids) as Tensor;
  const mask = getMask(y)!.dataSync();
  m.predict(tensor([Array.from({ length: 20 }, (_, i) => (i % 3) + 1)]));
  assert.deepEqual(getMask(y)!.dataSync(), mask);
});
