// The model presets of `tensorgrad train --model`: a small MLP, CNN and LSTM classifier for the data's shape, each
// with training defaults measured to do well on the embedded digits within the demo's time budget.
import type { Layer } from '../nn/layer.js';
import { layers } from '../nn/layers/index.js';
import { sequential } from '../nn/sequential.js';
import type { Sequential } from '../nn/sequential.js';
import { CliError } from './errors.js';
import { PRESET_NAMES } from './names.js';

/** A preset name. */
export type PresetName = (typeof PRESET_NAMES)[number];

/** Training defaults that go with a preset (each overridable on the command line). */
export interface TrainingDefaults {
  epochs: number;
  batchSize: number;
  optimizer: string;
  learningRate: number;
}

/** What a preset is built for: one sample's shape and the number of classes. */
export interface PresetTarget {
  /** One sample's shape: [height, width, channels] for images, [features] for tables. */
  inputShape: readonly number[];
  numClasses: number;
}

/**
 * Whether `name` is a preset.
 * @example isPreset('cnn') // true
 */
export function isPreset(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/**
 * The preset used when --model is not given: the CNN for images, the MLP for tables.
 * @example defaultPreset([28, 28, 1]) // 'cnn'
 */
export function defaultPreset(inputShape: readonly number[]): PresetName {
  return inputShape.length === 3 ? 'cnn' : 'mlp';
}

/**
 * Training defaults of a preset for data of `inputShape` (images train in fewer, larger epochs than tables).
 * @example presetDefaults('cnn', [28, 28, 1]).epochs
 */
export function presetDefaults(name: PresetName, inputShape: readonly number[]): TrainingDefaults {
  const images = inputShape.length === 3;
  if (!images) return { epochs: 100, batchSize: 32, optimizer: 'adam', learningRate: 0.01 };
  if (name === 'cnn') return { epochs: 3, batchSize: 64, optimizer: 'adam', learningRate: 0.003 };
  if (name === 'lstm') return { epochs: 8, batchSize: 64, optimizer: 'adam', learningRate: 0.005 };
  return { epochs: 15, batchSize: 64, optimizer: 'adam', learningRate: 0.002 };
}

function mlpLayers(target: PresetTarget): Layer[] {
  const { inputShape, numClasses } = target;
  if (inputShape.length === 1) {
    return [layers.dense({ units: 32, activation: 'relu' }), layers.dense({ units: 32, activation: 'relu' }), layers.dense({ units: numClasses, activation: 'softmax' })];
  }
  return [layers.flatten(), layers.dense({ units: 128, activation: 'relu' }), layers.dense({ units: numClasses, activation: 'softmax' })];
}

function cnnLayers(target: PresetTarget): Layer[] {
  if (target.inputShape.length !== 3) {
    throw new CliError(`preset cnn needs images ([height, width, channels] samples), received samples of shape [${target.inputShape.join(',')}]; use --model mlp`);
  }
  // Two conv/pool stages straight into the softmax: on the digits, as accurate as adding a hidden dense layer
  // (about 97% after 3 epochs) and cheaper.
  return [
    layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
    layers.maxPooling2d({ poolSize: 2 }),
    layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
    layers.maxPooling2d({ poolSize: 2 }),
    layers.flatten(),
    layers.dense({ units: target.numClasses, activation: 'softmax' }),
  ];
}

function lstmLayers(target: PresetTarget): Layer[] {
  const { inputShape, numClasses } = target;
  // Images are read row by row (a sequence of height rows of width * channels values); table rows feature by feature.
  const steps = inputShape[0], perStep = inputShape.slice(1).reduce((a, b) => a * b, 1);
  return [
    layers.reshape({ targetShape: [steps, perStep] }),
    layers.lstm({ units: 64 }),
    layers.dense({ units: numClasses, activation: 'softmax' }),
  ];
}

/**
 * Builds the preset model for `target`, with softmax outputs (one per class). Weights come from the global seed.
 * @example const m = buildPreset('cnn', { inputShape: [28, 28, 1], numClasses: 10 })
 */
export function buildPreset(name: PresetName, target: PresetTarget): Sequential {
  const body = name === 'cnn' ? cnnLayers(target) : name === 'lstm' ? lstmLayers(target) : mlpLayers(target);
  return sequential({ name: `${name}_classifier`, layers: [layers.inputLayer({ inputShape: [...target.inputShape] }), ...body] });
}
