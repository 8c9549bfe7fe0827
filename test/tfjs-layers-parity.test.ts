// Convolution, pooling, padding, recurrent and wrapper layers against TensorFlow.js 4.22 (pure-JS cpu backend):
// each tfjs layer is built with its own random initial weights, those weights are copied into the tensorgrad layer
// with setWeights, and both predict on the same input (float32, within 1e-4). This pins TensorFlow.js semantics:
// padding and output sizes, weight layouts and gate orders, masks, goBackwards, merge modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { Random, setSeed } from '../src/core/random.js';
import { Tensor } from '../src/core/tensor.js';
import type { Layer } from '../src/nn/layer.js';
import { Bidirectional } from '../src/nn/layers/bidirectional.js';
import { Conv1D } from '../src/nn/layers/conv1d.js';
import { Conv2D } from '../src/nn/layers/conv2d.js';
import { Conv2DTranspose } from '../src/nn/layers/conv2d-transpose.js';
import { Dense } from '../src/nn/layers/dense.js';
import { DepthwiseConv2D } from '../src/nn/layers/depthwise-conv2d.js';
import { Embedding } from '../src/nn/layers/embedding.js';
import { GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D } from '../src/nn/layers/global-pooling.js';
import { GRU } from '../src/nn/layers/gru.js';
import { LSTM } from '../src/nn/layers/lstm.js';
import { AveragePooling1D, AveragePooling2D, MaxPooling1D, MaxPooling2D } from '../src/nn/layers/pooling.js';
import { SeparableConv2D } from '../src/nn/layers/separable-conv2d.js';
import { SimpleRNN } from '../src/nn/layers/simple-rnn.js';
import { TimeDistributed } from '../src/nn/layers/time-distributed.js';
import { UpSampling2D } from '../src/nn/layers/upsampling2d.js';
import { ZeroPadding2D } from '../src/nn/layers/zero-padding2d.js';
import { toList } from '../src/nn/symbolic.js';
import { expectClose } from '../src/testing/expect-close.js';

const TOL = { rtol: 1e-4, atol: 1e-4 };

await tf.setBackend('cpu');

/** The same random values as a tensorgrad and a tfjs tensor. */
function data(shape: number[], seed: number, ints?: number): { tg: Tensor; tf: tf.Tensor } {
  const r = new Random(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  if (ints !== undefined) {
    const v = Int32Array.from({ length: n }, () => r.int(ints));
    return { tg: Tensor.fromStorage(v, shape, 'int32'), tf: tf.tensor(v, shape, 'int32') };
  }
  const v = Float32Array.from({ length: n }, () => 2 * r.uniform() - 1);
  return { tg: Tensor.fromStorage(v, shape, 'float32'), tf: tf.tensor(v, shape, 'float32') };
}

const fromTf = (t: tf.Tensor): Tensor => Tensor.fromStorage(Float32Array.from(t.dataSync()), t.shape, 'float32');

/** Builds both layers on `x`, copies tfjs' weights into ours and compares every output. */
function compare(what: string, tfLayer: tf.layers.Layer, ours: Layer, shape: number[], seed = 1): void {
  const x = data(shape, seed);
  const expected = toList(tfLayer.apply(x.tf) as tf.Tensor | tf.Tensor[]);
  ours.apply(x.tg);
  const tfWeights = tfLayer.getWeights();
  assert.deepEqual(ours.weights.map((w) => [...w.shape]), tfWeights.map((w) => w.shape), `${what}: weight shapes`);
  ours.setWeights(tfWeights.map(fromTf));
  const actual = toList(ours.apply(x.tg) as Tensor | Tensor[]);
  assert.equal(actual.length, expected.length, `${what}: number of outputs`);
  actual.forEach((y, i) => {
    try {
      expectClose(y, fromTf(expected[i]), TOL);
    } catch (e) {
      throw new Error(`${what}, output ${i}: ${(e as Error).message}`, { cause: e });
    }
  });
}

test('Conv1D and Conv2D match tfjs: valid, same, strides, dilation, activation', () => {
  compare('conv1d valid', tf.layers.conv1d({ filters: 3, kernelSize: 2 }), new Conv1D({ filters: 3, kernelSize: 2 }), [2, 5, 2]);
  compare('conv1d same stride 2', tf.layers.conv1d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
    new Conv1D({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), [1, 7, 3]);
  compare('conv1d dilation', tf.layers.conv1d({ filters: 2, kernelSize: 2, dilationRate: 2 }),
    new Conv1D({ filters: 2, kernelSize: 2, dilationRate: 2 }), [2, 6, 1]);
  compare('conv2d valid', tf.layers.conv2d({ filters: 3, kernelSize: 3 }), new Conv2D({ filters: 3, kernelSize: 3 }), [2, 5, 4, 2]);
  compare('conv2d same strides', tf.layers.conv2d({ filters: 2, kernelSize: [3, 2], strides: [2, 3], padding: 'same', activation: 'tanh' }),
    new Conv2D({ filters: 2, kernelSize: [3, 2], strides: [2, 3], padding: 'same', activation: 'tanh' }), [1, 7, 8, 3]);
  compare('conv2d dilation same', tf.layers.conv2d({ filters: 2, kernelSize: 2, dilationRate: 2, padding: 'same', useBias: false }),
    new Conv2D({ filters: 2, kernelSize: 2, dilationRate: 2, padding: 'same', useBias: false }), [1, 5, 5, 2]);
});

test('DepthwiseConv2D, SeparableConv2D and Conv2DTranspose match tfjs', () => {
  compare('depthwise', tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2 }),
    new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2 }), [2, 5, 4, 2]);
  compare('depthwise same strides', tf.layers.depthwiseConv2d({ kernelSize: 2, strides: 2, padding: 'same' }),
    new DepthwiseConv2D({ kernelSize: 2, strides: 2, padding: 'same' }), [1, 5, 5, 3]);
  compare('separable', tf.layers.separableConv2d({ filters: 3, kernelSize: 2, depthMultiplier: 2 }),
    new SeparableConv2D({ filters: 3, kernelSize: 2, depthMultiplier: 2 }), [2, 4, 4, 2]);
  compare('separable same strides', tf.layers.separableConv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
    new SeparableConv2D({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), [1, 5, 6, 3]);
  compare('transpose valid', tf.layers.conv2dTranspose({ filters: 2, kernelSize: 3 }), new Conv2DTranspose({ filters: 2, kernelSize: 3 }), [2, 3, 2, 3]);
  compare('transpose same strides', tf.layers.conv2dTranspose({ filters: 3, kernelSize: [3, 2], strides: 2, padding: 'same' }),
    new Conv2DTranspose({ filters: 3, kernelSize: [3, 2], strides: 2, padding: 'same' }), [1, 3, 4, 2]);
  compare('transpose valid strides', tf.layers.conv2dTranspose({ filters: 1, kernelSize: 2, strides: 3 }),
    new Conv2DTranspose({ filters: 1, kernelSize: 2, strides: 3 }), [1, 2, 3, 2]);
});

test('pooling, global pooling, ZeroPadding2D and UpSampling2D match tfjs', () => {
  compare('maxPool1d', tf.layers.maxPooling1d({ poolSize: 2 }), new MaxPooling1D({ poolSize: 2 }), [2, 7, 3]);
  compare('avgPool1d same', tf.layers.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
    new AveragePooling1D({ poolSize: 3, strides: 2, padding: 'same' }), [1, 6, 2]);
  compare('maxPool2d', tf.layers.maxPooling2d({ poolSize: 2 }), new MaxPooling2D({ poolSize: 2 }), [2, 5, 4, 2]);
  compare('maxPool2d same', tf.layers.maxPooling2d({ poolSize: [3, 2], strides: [2, 1], padding: 'same' }),
    new MaxPooling2D({ poolSize: [3, 2], strides: [2, 1], padding: 'same' }), [1, 5, 4, 2]);
  compare('avgPool2d same', tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
    new AveragePooling2D({ poolSize: 3, strides: 2, padding: 'same' }), [1, 5, 6, 2]);
  compare('avgPool2d valid', tf.layers.averagePooling2d({ poolSize: 2, strides: 1 }), new AveragePooling2D({ poolSize: 2, strides: 1 }), [2, 3, 3, 1]);
  compare('globalAvg1d', tf.layers.globalAveragePooling1d(), new GlobalAveragePooling1D(), [2, 4, 3]);
  compare('globalMax1d', tf.layers.globalMaxPooling1d(), new GlobalMaxPooling1D(), [2, 4, 3]);
  compare('globalAvg2d', tf.layers.globalAveragePooling2d({}), new GlobalAveragePooling2D(), [2, 3, 4, 2]);
  compare('globalMax2d', tf.layers.globalMaxPooling2d({}), new GlobalMaxPooling2D(), [2, 3, 4, 2]);
  compare('zeroPadding2d', tf.layers.zeroPadding2d({ padding: [[1, 2], [0, 3]] }), new ZeroPadding2D({ padding: [[1, 2], [0, 3]] }), [1, 2, 3, 2]);
  compare('upSampling2d', tf.layers.upSampling2d({ size: [2, 3] }), new UpSampling2D({ size: [2, 3] }), [1, 2, 3, 2]);
  compare('upSampling2d bilinear', tf.layers.upSampling2d({ size: [3, 2], interpolation: 'bilinear' }),
    new UpSampling2D({ size: [3, 2], interpolation: 'bilinear' }), [2, 3, 2, 2]);
});

test('SimpleRNN, LSTM and GRU match tfjs: sequences, states, goBackwards, activations', () => {
  const shape = [2, 4, 3];
  for (const opts of [{}, { returnSequences: true }, { returnState: true, goBackwards: true }, { returnSequences: true, returnState: true }]) {
    const tag = JSON.stringify(opts);
    compare(`simpleRNN ${tag}`, tf.layers.simpleRNN({ units: 3, ...opts }), new SimpleRNN({ units: 3, ...opts }), shape);
    compare(`lstm ${tag}`, tf.layers.lstm({ units: 2, ...opts }), new LSTM({ units: 2, ...opts }), shape);
    compare(`gru ${tag}`, tf.layers.gru({ units: 2, ...opts }), new GRU({ units: 2, ...opts }), shape);
  }
  compare('lstm sigmoid, unitForgetBias, no bias', tf.layers.lstm({ units: 3, recurrentActivation: 'sigmoid', useBias: false }),
    new LSTM({ units: 3, recurrentActivation: 'sigmoid', useBias: false }), shape);
  compare('gru relu sigmoid', tf.layers.gru({ units: 2, activation: 'relu', recurrentActivation: 'sigmoid', returnSequences: true }),
    new GRU({ units: 2, activation: 'relu', recurrentActivation: 'sigmoid', returnSequences: true }), shape);
});

test('recurrent layers match tfjs on masked sequences (Embedding maskZero in a model)', () => {
  const ids = new Int32Array([1, 2, 0, 3, 0, 4, 0, 0, 2, 0, 1, 5]);
  for (const kind of ['simpleRNN', 'lstm', 'gru'] as const) {
    for (const goBackwards of [false, true]) {
      const emb = tf.layers.embedding({ inputDim: 6, outputDim: 3, maskZero: true, inputLength: 4 });
      const rnn = tf.layers[kind]({ units: 2, returnSequences: true, goBackwards });
      const m = tf.sequential({ layers: [emb, rnn] });
      const expected = fromTf(m.predict(tf.tensor(ids, [3, 4], 'int32')) as tf.Tensor);
      setSeed(0);
      const ourEmb = new Embedding({ inputDim: 6, outputDim: 3, maskZero: true });
      const ourRnn = kind === 'simpleRNN' ? new SimpleRNN({ units: 2, returnSequences: true, goBackwards })
        : kind === 'lstm' ? new LSTM({ units: 2, returnSequences: true, goBackwards }) : new GRU({ units: 2, returnSequences: true, goBackwards });
      const x = Tensor.fromStorage(ids, [3, 4], 'int32');
      ourRnn.apply(ourEmb.apply(x));
      ourEmb.setWeights(emb.getWeights().map(fromTf));
      ourRnn.setWeights(rnn.getWeights().map(fromTf));
      expectClose(ourRnn.apply(ourEmb.apply(x)) as Tensor, expected, TOL);
    }
  }
});

test('Bidirectional (every merge mode) and TimeDistributed match tfjs', () => {
  for (const mergeMode of ['concat', 'sum', 'mul', 'ave', null] as const) {
    compare(`bidirectional lstm ${String(mergeMode)}`,
      tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 2, returnSequences: true }) as tf.RNN, mergeMode: mergeMode as 'concat' }), // tfjs' type omits null, which it accepts
      new Bidirectional({ layer: new LSTM({ units: 2, returnSequences: true }), mergeMode }), [2, 3, 2]);
  }
  compare('bidirectional gru states', tf.layers.bidirectional({ layer: tf.layers.gru({ units: 2, returnState: true }) as tf.RNN, mergeMode: 'sum' }),
    new Bidirectional({ layer: new GRU({ units: 2, returnState: true }), mergeMode: 'sum' }), [2, 3, 2]);
  compare('timeDistributed dense', tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3, activation: 'relu' }) }),
    new TimeDistributed({ layer: new Dense({ units: 3, activation: 'relu' }) }), [2, 4, 2]);
  compare('timeDistributed conv2d', tf.layers.timeDistributed({ layer: tf.layers.conv2d({ filters: 2, kernelSize: 2 }) }),
    new TimeDistributed({ layer: new Conv2D({ filters: 2, kernelSize: 2 }) }), [1, 2, 3, 3, 2]);
});
