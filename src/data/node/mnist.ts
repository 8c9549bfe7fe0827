// MNIST and Fashion-MNIST from the user's IDX files (the four files of the original distribution).
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tensor } from '../../core/tensor.js';
import { checkDigitsOptions, loadImagesAndLabels } from './digits.js';
import type { DigitsOptions } from './digits.js';
import { checkPath } from './read.js';

/**
 * Where Debian's package dataset-fashion-mnist installs the files (`apt install dataset-fashion-mnist`).
 * @example const data = await loadFashionMnist(DEBIAN_FASHION_MNIST_DIR)
 */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/**
 * The Fashion-MNIST classes, by label.
 * @example FASHION_MNIST_CLASSES[9] // 'Ankle boot'
 */
export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Training and test parts of an MNIST-format dataset. */
export interface MnistData {
  /** Training images [60000, 28, 28] (or [60000, 784] with flatten). */
  xTrain: Tensor;
  /** Training labels [60000] (int32). */
  yTrain: Tensor;
  xTest: Tensor;
  yTest: Tensor;
  classNames: string[];
}

async function findFile(fn: string, dir: string, base: string, hint: string): Promise<string> {
  for (const name of [`${base}.gz`, base]) {
    const p = join(dir, name);
    try { await access(p); return p; } catch { /* try the next name */ }
  }
  throw new Error(`${fn}: ${dir}: missing ${base}.gz (or ${base}); expected the four files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (gzipped or not)${hint}`);
}

async function loadMnistFormat(fn: string, dir: string, options: DigitsOptions, classNames: string[], hint: string): Promise<MnistData> {
  checkPath(fn, dir, 'dir');
  checkDigitsOptions(fn, options);
  const [trI, trL, teI, teL] = await Promise.all(['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']
    .map((b) => findFile(fn, dir, b, hint)));
  const train = await loadImagesAndLabels(fn, trI, trL, classNames, options);
  const test = await loadImagesAndLabels(fn, teI, teL, classNames, options);
  return { xTrain: train.x, yTrain: train.y, xTest: test.x, yTest: test.y, classNames };
}

/**
 * Loads MNIST from a folder holding its four IDX files (train/t10k images/labels, gzipped or not).
 * @example const { xTrain, yTrain, xTest, yTest } = await loadMnist('data/mnist')
 */
export async function loadMnist(dir: string, options: DigitsOptions = {}): Promise<MnistData> {
  return loadMnistFormat('loadMnist', dir, options, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], '');
}

/**
 * Loads Fashion-MNIST (70,000 28x28 clothing images, 10 classes) from `dir`, by default where Debian's
 * dataset-fashion-mnist package puts it.
 * @example const { xTrain, yTrain, classNames } = await loadFashionMnist() // xTrain [60000, 28, 28] float32
 */
export async function loadFashionMnist(dir = DEBIAN_FASHION_MNIST_DIR, options: DigitsOptions = {}): Promise<MnistData> {
  const hint = dir === DEBIAN_FASHION_MNIST_DIR ? ' (on Debian: apt install dataset-fashion-mnist)' : '';
  return loadMnistFormat('loadFashionMnist', dir, options, FASHION_MNIST_CLASSES, hint);
}
