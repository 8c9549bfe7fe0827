// The reference workloads' models written with tensorgrad's Keras-style API, as a user would write them.
import { adam } from '../../src/optimizers/index.js';
import { layers } from '../../src/nn/layers/index.js';
import { sequential } from '../../src/nn/sequential.js';
import type { Sequential } from '../../src/nn/sequential.js';

/** Input shape of one sample for each model kind (channels last for the CNN, as Keras). */
export function inputShape(kind: string): number[] {
  return kind === 'cnn' ? [28, 28, 1] : [28, 28];
}

/**
 * mlp: 784-256-128-10 ReLU; cnn: conv(32,3x3)-relu-maxpool2-conv(64,3x3)-relu-maxpool2-flatten-dense128-relu-dense10;
 * lstm: LSTM(128) over 28 steps of 28 features, dense 10. Softmax outputs; `compile` adds Adam 1e-3 with
 * categorical cross-entropy (one-hot labels).
 */
export function makeModel(kind: string, compile = true): Sequential {
  const m = sequential();
  if (kind === 'mlp') {
    m.add(layers.flatten({ inputShape: [28, 28] }));
    m.add(layers.dense({ units: 256, activation: 'relu' }));
    m.add(layers.dense({ units: 128, activation: 'relu' }));
    m.add(layers.dense({ units: 10, activation: 'softmax' }));
  } else if (kind === 'cnn') {
    m.add(layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
    m.add(layers.maxPooling2d({ poolSize: 2 }));
    m.add(layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
    m.add(layers.maxPooling2d({ poolSize: 2 }));
    m.add(layers.flatten());
    m.add(layers.dense({ units: 128, activation: 'relu' }));
    m.add(layers.dense({ units: 10, activation: 'softmax' }));
  } else if (kind === 'lstm') {
    m.add(layers.lstm({ inputShape: [28, 28], units: 128 }));
    m.add(layers.dense({ units: 10, activation: 'softmax' }));
  } else {
    throw new Error(`unknown model ${kind}`);
  }
  if (compile) m.compile({ optimizer: adam(1e-3), loss: 'categoricalCrossentropy' });
  return m;
}
