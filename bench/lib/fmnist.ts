// Fashion-MNIST from its four gzipped IDX files, as plain typed arrays (the same arrays feed every JS runner).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Where Debian's dataset-fashion-mnist package installs the files. */
export const DEFAULT_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

/** The data folder: $FASHION_MNIST_DIR, else Debian's. */
export function fashionMnistDir(): string {
  return process.env.FASHION_MNIST_DIR || DEFAULT_FASHION_MNIST_DIR;
}

/** Why the data cannot be used, or undefined when all four files are there. */
export function fashionMnistMissing(dir = fashionMnistDir()): string | undefined {
  const missing = FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length === 0) return undefined;
  return `Fashion-MNIST not found: ${dir} lacks ${missing.join(', ')} (Debian: apt install dataset-fashion-mnist, or set FASHION_MNIST_DIR)`;
}

/** Images as floats in [0, 1], row-major [n, 28, 28]; labels as class ids. */
export interface FashionMnist {
  xTrain: Float32Array;
  yTrain: Uint8Array;
  nTrain: number;
  xTest: Float32Array;
  yTest: Uint8Array;
  nTest: number;
}

function readIdx(dir: string, name: string): { dims: number[]; data: Uint8Array } {
  const buf = gunzipSync(readFileSync(join(dir, name)));
  const ndim = buf[3];
  const dims = Array.from({ length: ndim }, (_, i) => buf.readUInt32BE(4 + 4 * i));
  return { dims, data: buf.subarray(4 + 4 * ndim) };
}

function images(dir: string, name: string): { x: Float32Array; n: number } {
  const { dims, data } = readIdx(dir, name);
  const x = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) x[i] = data[i] / 255;
  return { x, n: dims[0] };
}

/** Loads the four files; throws with the reason when they are missing. */
export function loadFashionMnist(dir = fashionMnistDir()): FashionMnist {
  const why = fashionMnistMissing(dir);
  if (why) throw new Error(why);
  const tr = images(dir, FILES[0]), te = images(dir, FILES[2]);
  return {
    xTrain: tr.x, yTrain: Uint8Array.from(readIdx(dir, FILES[1]).data), nTrain: tr.n,
    xTest: te.x, yTest: Uint8Array.from(readIdx(dir, FILES[3]).data), nTest: te.n,
  };
}

/** Indices 0..n-1 in a random order (Fisher-Yates with the given uniform [0, 1) source). */
export function permutation(n: number, uniform: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}
