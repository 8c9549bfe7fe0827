// Where a trained model lives on disk for the CLI: a training output folder (with model/), a model folder, or a
// model.json; plus the CLI's notes on how its inputs were prepared (model/preprocessing.json).
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import '../io/node/index.js';
// Registers every layer class, so any saved model can be rebuilt.
import '../nn/index.js';
import { loadLayersModel } from '../io/model-io.js';
import type { LayersModel } from '../nn/model.js';
import { asInputError, CliError, firstLine } from './errors.js';

/** The file next to model.json where `train` records how inputs must be prepared for the model. */
export const PREPROCESSING_FILE = 'preprocessing.json';

/** How `train` prepared the data of a model, so `evaluate` and `predict` prepare new data the same way. */
export interface ModelMeta {
  /** The dataset train read: a built-in name, or an absolute path. */
  dataset: string;
  /** Its short name. */
  datasetName: string;
  kind: 'images' | 'table';
  /** One sample's shape. */
  inputShape: number[];
  classNames: string[];
  featureNames?: string[];
  labelName?: string;
  /** Per-feature standardization of tables, fitted on the training part. */
  standardize?: { mean: number[]; std: number[] };
  /** How the test part was held out (datasets without their own test part). */
  split?: { testSize: number; seed: number; limit?: number };
  /** Images: the training images are light strokes on a dark background (mean pixel below 0.5). */
  darkBackground?: boolean;
  /** The preset or model file trained. */
  model: string;
}

/** A model found on disk. */
export interface ModelLocation {
  /** The model.json file. */
  modelJson: string;
  /** The training output folder holding model/, when the model is part of one. */
  runDir?: string;
}

/**
 * Finds the model.json that `path` names: a training output folder, a model folder or the file itself.
 * @example locateModel('tensorgrad-out/digits-cnn').modelJson // 'tensorgrad-out/digits-cnn/model/model.json'
 */
export function locateModel(path: string): ModelLocation {
  if (!existsSync(path)) throw new CliError(`${path}: no such file or folder`);
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'model', 'model.json'))) return { modelJson: join(path, 'model', 'model.json'), runDir: path };
    if (existsSync(join(path, 'model.json'))) return { modelJson: join(path, 'model.json') };
    throw new CliError(`${path}: no model here (expected a training output folder with model/model.json, a model folder, or a model.json file)`);
  }
  return { modelJson: path, runDir: existsSync(join(dirname(path), '..', 'report.json')) ? join(dirname(path), '..') : undefined };
}

/**
 * Loads a saved model (TensorFlow.js Layers format) from what `path` names; unreadable or invalid files are
 * CliErrors naming them.
 * @example const { model, meta } = await loadModel('tensorgrad-out/digits-cnn')
 */
export async function loadModel(path: string): Promise<{ model: LayersModel; meta?: ModelMeta; location: ModelLocation }> {
  const location = locateModel(path);
  const model = await asInputError(() => loadLayersModel(location.modelJson));
  return { model, meta: await readMeta(location.modelJson), location };
}

async function readMeta(modelJson: string): Promise<ModelMeta | undefined> {
  const file = join(dirname(modelJson), PREPROCESSING_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const meta = JSON.parse(await readFile(file, 'utf8')) as ModelMeta;
    if (!Array.isArray(meta.inputShape) || !Array.isArray(meta.classNames)) throw new Error('missing inputShape or classNames');
    return meta;
  } catch (e) {
    throw new CliError(`${file}: unreadable (${firstLine(e)})`, { cause: e });
  }
}

/**
 * One sample's shape as the model's first input declares it (null for a free dimension).
 * @example modelInputShape(model) // [28, 28, 1]
 */
export function modelInputShape(model: LayersModel): (number | null)[] {
  if (model.inputs.length !== 1) throw new CliError(`the model has ${model.inputs.length} inputs; the CLI handles models with one input`);
  return model.inputs[0].shape.slice(1);
}

/**
 * The number of output units of the model (classes, or 1 for a sigmoid output).
 * @example modelOutputUnits(model) // 10
 */
export function modelOutputUnits(model: LayersModel): number {
  if (model.outputs.length !== 1) throw new CliError(`the model has ${model.outputs.length} outputs; the CLI handles models with one output`);
  const shape = model.outputs[0].shape;
  const units = shape[shape.length - 1];
  if (shape.length !== 2 || units === null) {
    throw new CliError(`the model's output has shape [${shape.map((d) => d ?? 'null').join(',')}]; the CLI trains classifiers with outputs [batch, classes]`);
  }
  return units;
}
