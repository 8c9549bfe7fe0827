// Preparing new data for a trained model the way `train` prepared its training data (model/preprocessing.json).
import { fmtShape } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { CliError } from './errors.js';
import type { ModelMeta } from './model-files.js';

/**
 * Standardizes table features with the training part's statistics (when the model was trained on a table).
 * @example const xs = standardizeLike(x, meta, 'new.csv')
 */
export function standardizeLike(x: Tensor, meta: ModelMeta | undefined, where: string): Tensor {
  const s = meta?.standardize;
  if (!s) return x;
  const f = s.mean.length;
  if (x.rank !== 2 || x.shape[1] !== f) {
    throw new CliError(`${where}: data does not fit the model: rows of ${x.rank === 2 ? x.shape[1] : fmtShape(x.shape.slice(1))} values, but the model takes ${f} features${meta.featureNames ? ` (${meta.featureNames.join(', ')})` : ''}`);
  }
  const out = new Float32Array(x.size);
  for (let i = 0; i < x.size; i++) { const j = i % f; out[i] = (x.storage[i] - s.mean[j]) / s.std[j]; }
  return Tensor.fromStorage(out, x.shape, 'float32');
}

/**
 * Inverts images whose background is the opposite of the training images' (dark digits on white paper for a
 * model trained on MNIST's white-on-black); returns whether it did.
 * @example const { x, inverted } = matchBackground(img, meta)
 */
export function matchBackground(x: Tensor, meta: ModelMeta | undefined): { x: Tensor; inverted: boolean } {
  if (meta?.darkBackground === undefined || x.size === 0) return { x, inverted: false };
  let sum = 0;
  for (let i = 0; i < x.size; i++) sum += x.storage[i];
  if ((sum / x.size < 0.5) === meta.darkBackground) return { x, inverted: false };
  return { x: Tensor.fromStorage(Float32Array.from(x.storage, (v) => 1 - v), x.shape, 'float32'), inverted: true };
}
