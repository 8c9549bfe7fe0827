// `tensorgrad predict MODEL INPUT...`: classifies images (PNG, JPEG), the rows of a CSV file, or the images of an
// IDX file, prepared as the model's training data was; prints one line per sample on stdout.
import { existsSync } from 'node:fs';
import { Tensor } from '../core/tensor.js';
import { resizeImages } from '../data/images.js';
import type { Channels } from '../data/images.js';
import { loadImage } from '../data/node/image.js';
import { loadIdx } from '../data/node/idx.js';
import type { LayersModel } from '../nn/model.js';
import { initBackend } from './backend.js';
import { argmaxRows, checkShapeFits, predictProbabilities } from './classify.js';
import { isIdxFile, loadCsvFeatures } from './dataset-files.js';
import { asInputError, CliError } from './errors.js';
import { loadModel, modelInputShape } from './model-files.js';
import type { ModelMeta } from './model-files.js';
import { matchBackground, standardizeLike } from './prepare.js';

/** The options of `predict`, as parsed. */
export interface PredictOptions {
  top: number;
}

/** Samples to classify, named for the output. */
interface Inputs {
  x: Tensor;
  names: string[];
  notes: string[];
}

async function loadImages(files: readonly string[], model: LayersModel, meta: ModelMeta | undefined): Promise<Inputs> {
  const shape = modelInputShape(model);
  if (shape.length !== 3 || shape.some((d) => d === null)) {
    throw new CliError(`${files[0]}: data does not fit the model: an image, but the model takes samples of shape [${shape.map((d) => d ?? 'any').join(',')}]`);
  }
  const [h, w, c] = shape as number[];
  if (c !== 1 && c !== 3) throw new CliError(`the model takes images with ${c} channels; predict reads gray (1) or RGB (3) images`);
  const rows: Float32Array[] = [], notes: string[] = [];
  for (const file of files) {
    let img = await asInputError(() => loadImage(file, { channels: c as Channels, dtype: 'float32' }));
    if (img.shape[0] !== h || img.shape[1] !== w) {
      notes.push(`${file}: resized from ${img.shape[0]}x${img.shape[1]} to ${h}x${w}`);
      img = resizeImages(img, [h, w]);
    }
    const scaled = Tensor.fromStorage(Float32Array.from(img.storage, (v) => v / 255), img.shape, 'float32');
    const { x, inverted } = matchBackground(scaled, meta);
    if (inverted) notes.push(`${file}: inverted (the model was trained on ${meta?.darkBackground ? 'light strokes on a dark' : 'dark strokes on a light'} background)`);
    rows.push(x.storage as Float32Array);
  }
  const data = new Float32Array(rows.length * h * w * c);
  rows.forEach((r, i) => data.set(r, i * h * w * c));
  return { x: Tensor.fromStorage(data, [rows.length, h, w, c], 'float32'), names: [...files], notes };
}

async function loadInputs(inputs: readonly string[], model: LayersModel, meta: ModelMeta | undefined): Promise<Inputs> {
  const missing = inputs.find((f) => !existsSync(f));
  if (missing !== undefined) throw new CliError(`${missing}: no such file or directory`);
  const first = inputs[0];
  const single = (kind: string): void => {
    if (inputs.length > 1) throw new CliError(`${kind} files are predicted one at a time; received ${inputs.length} inputs`);
  };
  if (/\.(csv|tsv|txt)$/i.test(first)) {
    single('CSV');
    const x = standardizeLike(await loadCsvFeatures(first, meta?.featureNames), meta, first);
    return { x, names: Array.from({ length: x.shape[0] }, (_, i) => `row ${i + 1}`), notes: [] };
  }
  if (/\.(png|jpe?g)$/i.test(first)) return loadImages(inputs, model, meta);
  if (await asInputError(() => isIdxFile(first), `${first}: `)) {
    single('IDX');
    const t = await asInputError(() => loadIdx(first, { dtype: 'float32', scale: 255 }));
    const x = t.rank === 3 ? Tensor.fromStorage(t.storage, [...t.shape, 1], t.dtype) : t;
    return { x, names: Array.from({ length: x.shape[0] }, (_, i) => `image ${i + 1}`), notes: [] };
  }
  throw new CliError(`${first}: unsupported input (expected a .png or .jpg image, a .csv file or an IDX images file)`);
}

function printPredictions(model: LayersModel, meta: ModelMeta | undefined, inputs: Inputs, o: PredictOptions): void {
  checkShapeFits(model, inputs.x, inputs.names.length === 1 ? inputs.names[0] : 'the inputs');
  process.stderr.write(`${initBackend()}\n`);
  for (const note of inputs.notes) process.stderr.write(`note: ${note}\n`);
  const { probs, classes } = predictProbabilities(model, inputs.x);
  const names = meta?.classNames ?? [];
  const className = (c: number): string => names[c] ?? String(c);
  const width = Math.max(5, ...inputs.names.map((n) => n.length));
  const top = Math.min(o.top, classes);
  process.stdout.write(`${'input'.padEnd(width)}  prediction  probability${top > 1 ? '  next most likely' : ''}\n`);
  const { predicted } = argmaxRows(probs, classes);
  inputs.names.forEach((name, i) => {
    const row = probs.subarray(i * classes, (i + 1) * classes);
    const order = Array.from(row.keys()).sort((a, b) => row[b] - row[a]).slice(0, top);
    const best = predicted[i];
    const rest = order.filter((c) => c !== best).slice(0, top - 1).map((c) => `${className(c)} ${(row[c] * 100).toFixed(1)}%`);
    process.stdout.write(`${name.padEnd(width)}  ${className(best).padEnd(10)}  ${`${(row[best] * 100).toFixed(2)}%`.padStart(11)}${rest.length ? `  ${rest.join(', ')}` : ''}\n`);
  });
}

/**
 * Runs `tensorgrad predict`.
 * @example await runPredict('tensorgrad-out/digits-cnn', ['seven.png'], { top: 3 })
 */
export async function runPredict(modelPath: string, inputs: readonly string[], o: PredictOptions): Promise<void> {
  const { model, meta } = await loadModel(modelPath);
  printPredictions(model, meta, await loadInputs(inputs, model, meta), o);
}
