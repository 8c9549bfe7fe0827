import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { randomNormal, zeros } from '../ops/creation.js';
import { expectClose } from '../testing/expect-close.js';
import { InputLayer } from './input-layer.js';
import { layers } from './layers/index.js';
import { LayersModel } from './model.js';
import { modelFromConfig } from './model-config.js';
import type { ConfigDict } from './serialization.js';
import { Sequential, sequential } from './sequential.js';

test('layers added one by one chain their shapes; the first one carries the input shape', () => {
  const m = sequential({ name: 'seq' });
  m.add(layers.dense({ units: 5, inputShape: [3] }));
  m.add(layers.reshape({ targetShape: [5, 1] }));
  m.add(layers.flatten());
  assert.ok(m instanceof LayersModel);
  assert.deepEqual(m.outputs[0].shape, [null, 5]);
  assert.equal(m.layers.length, 3, 'the automatic InputLayer is not listed');
  assert.deepEqual(m.inputs[0].shape, [null, 3]);
  assert.match(m.inputNames[0], /^dense_\d+_input$/);
  assert.deepEqual((m.predict(zeros([2, 3])) as Tensor).shape, [2, 5]);
});

test('pop removes the last layer', () => {
  const m = sequential({ layers: [layers.dense({ units: 4, inputShape: [2] }), layers.dense({ units: 3 }), layers.dense({ units: 1 })] });
  m.pop();
  assert.deepEqual(m.outputs[0].shape, [null, 3]);
  assert.deepEqual((m.predict(zeros([1, 2])) as Tensor).shape, [1, 3]);
  m.add(layers.dense({ units: 7 }));
  assert.deepEqual((m.predict(zeros([1, 2])) as Tensor).shape, [1, 7]);
  m.pop(); m.pop(); m.pop();
  assert.equal(m.layers.length, 0);
  assert.throws(() => m.predict(zeros([1, 2])), /the model is empty: add layers first/);
  assert.throws(() => m.pop(), /there are no layers in the model/);
});

test('the first layer needs an input shape; later layers must have one output', () => {
  assert.throws(() => sequential({ layers: [layers.dense({ units: 2 })] }),
    /the first layer of a Sequential model needs an inputShape or batchInputShape, received Dense dense_\d+ without one/);
  const m = sequential({ layers: [layers.dense({ units: 2, batchInputShape: [4, 3] })] });
  assert.deepEqual(m.inputs[0].shape, [4, 3]);
});

test('an explicit InputLayer starts the model and is kept in the config (Keras style)', () => {
  const m = sequential({ layers: [layers.inputLayer({ inputShape: [3], name: 'in' }), layers.dense({ units: 2 })] });
  assert.deepEqual(m.outputs[0].shape, [null, 2]);
  const config = m.getConfig();
  const entries = config.layers as ConfigDict[];
  assert.equal(entries[0].className, 'InputLayer');
  const copy = Sequential.fromConfig(Sequential, JSON.parse(JSON.stringify(config)) as ConfigDict);
  assert.deepEqual(copy.outputs[0].shape, [null, 2]);
  assert.ok(copy.getConfig().layers instanceof Array);
  assert.ok(!m.layers.some((l) => l instanceof InputLayer));
});

test('getConfig is {name, layers: [{className, config}]} and round-trips with the same outputs', () => {
  setSeed(0);
  const m = sequential({ name: 'roundtrip', layers: [
    layers.dense({ units: 4, inputShape: [3], activation: 'relu', kernelRegularizer: 'l2' }),
    layers.batchNormalization(), layers.dropout({ rate: 0.2 }), layers.dense({ units: 2, activation: 'softmax' }),
  ] });
  const config = m.getConfig();
  assert.equal(config.name, 'roundtrip');
  const entries = config.layers as ConfigDict[];
  assert.deepEqual(entries.map((e) => e.className), ['Dense', 'BatchNormalization', 'Dropout', 'Dense']);
  assert.deepEqual((entries[0].config as ConfigDict).batchInputShape, [null, 3]);
  const copy = modelFromConfig(m.toJSON() as string);
  assert.ok(copy instanceof Sequential);
  assert.equal(copy.name, 'roundtrip');
  copy.setWeights(m.getWeights());
  const x = randomNormal([5, 3]);
  expectClose(copy.predict(x) as Tensor, m.predict(x) as Tensor);
  assert.deepEqual(copy.getConfig(), JSON.parse(JSON.stringify(config)));
  // Older Keras wrote a Sequential config as a bare list of layers.
  const legacy = Sequential.fromConfig(Sequential, entries as never);
  assert.equal(legacy.layers.length, 4);
});

test('a model added to a Sequential model nests', () => {
  setSeed(1);
  const inner = sequential({ layers: [layers.dense({ units: 3, inputShape: [2] })] });
  const outer = sequential({ layers: [inner, layers.dense({ units: 1 })] });
  assert.deepEqual(outer.layers.map((l) => l.name), [inner.name, outer.layers[1].name]);
  const x = randomNormal([2, 2]);
  expectClose(outer.predict(x) as Tensor, outer.layers[1].apply(inner.predict(x) as Tensor) as Tensor);
  const copy = modelFromConfig(outer.toJSON() as string);
  copy.setWeights(outer.getWeights());
  expectClose(copy.predict(x) as Tensor, outer.predict(x) as Tensor);
});
