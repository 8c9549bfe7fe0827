// What the CLI's DATASET argument names: a built-in dataset (the embedded digits, MNIST-format folders, seeded toy
// sets) or a file or folder (CSV, IDX images + labels, a folder of MNIST IDX files, a folder of class folders).
// Every dataset comes out the same way: float32 features, int32 class ids, class names.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Tensor } from '../core/tensor.js';
import { normalizeImages } from '../data/images.js';
import type { Channels } from '../data/images.js';
import { circles, moons, oysters, spirals, xor } from '../data/synthetic.js';
import type { SyntheticData } from '../data/synthetic.js';
import { loadDigits } from '../data/node/digits.js';
import { DEBIAN_FASHION_MNIST_DIR, loadFashionMnist, loadMnist } from '../data/node/mnist.js';
import { imageFolderDataset } from '../data/node/image.js';
import { asInputError, CliError } from './errors.js';
import { isIdxFile, labelsFileFor, loadCsvDataset, loadIdxPair } from './dataset-files.js';
import { checkDatasetSpec } from './names.js';

/** A dataset ready for a classifier. */
export interface CliDataset {
  /** Short name, used for the output folder and the report title. */
  name: string;
  /** One line saying what it is. */
  description: string;
  /** 'images': x is [n, height, width, channels] in [0, 1]; 'table': x is [n, features]. */
  kind: 'images' | 'table';
  /** Features, float32. */
  x: Tensor;
  /** Class ids [n], int32. */
  y: Tensor;
  /** The dataset's own test part (MNIST-format data), if it has one. */
  test?: { x: Tensor; y: Tensor };
  classNames: string[];
  /** Column names of a table. */
  featureNames?: string[];
  /** The label column of a CSV file. */
  labelName?: string;
}

/** Options that shape how a dataset is read. */
export interface DatasetOptions {
  /** Use at most this many samples of each part (quick runs). */
  limit?: number;
  /** Seed of the generated toy datasets. */
  seed?: number;
  /** CSV: the label column (default: the last column). */
  label?: string;
  /** IDX images: the labels file (default: found by name next to the images). */
  labels?: string;
  /** Image folders: resize to [height, width]. */
  imageSize?: [number, number];
  /** Image folders: channels (default the first image's). */
  channels?: number;
  /** mnist / fashion-mnist: the folder of the four IDX files. */
  dataDir?: string;
}

interface Builtin {
  description: string;
  load(o: DatasetOptions): Promise<CliDataset>;
}

/** Images [n, h, w] or [n, h, w, c] as [n, h, w, c]. */
function withChannels(x: Tensor): Tensor {
  return x.rank === 3 ? Tensor.viewOf(x, [...x.shape, 1]) : x;
}

function toy(name: string, description: string, make: (seed: number) => SyntheticData): Builtin {
  return {
    description,
    load: async (o) => {
      const d = make(o.seed ?? 42);
      return {
        name, description, kind: 'table', x: d.x, y: classIds(d.y), featureNames: d.featureNames,
        classNames: d.classNames ?? ['0', '1'],
      };
    },
  };
}

/** Targets as int32 class ids [n] (toy sets give 0/1 floats of shape [n, 1]). */
function classIds(y: Tensor): Tensor {
  if (y.dtype === 'int32' && y.rank === 1) return y;
  return Tensor.fromStorage(Int32Array.from(y.storage, (v) => Math.round(v)), [y.shape[0]], 'int32');
}

async function mnistFormat(name: string, description: string, dir: string, fashion: boolean): Promise<CliDataset> {
  const d = await asInputError(() => (fashion ? loadFashionMnist(dir) : loadMnist(dir)));
  return {
    name, description, kind: 'images', x: withChannels(d.xTrain), y: d.yTrain,
    test: { x: withChannels(d.xTest), y: d.yTest }, classNames: d.classNames,
  };
}

/** The built-in datasets, by name. */
export const BUILTIN_DATASETS: Readonly<Record<string, Builtin>> = {
  digits: {
    description: '10,000 handwritten 28x28 digits from MNIST, embedded in tensorgrad (no download)',
    load: async () => {
      const d = await loadDigits();
      return { name: 'digits', description: BUILTIN_DATASETS.digits.description, kind: 'images', x: withChannels(d.x), y: d.y, classNames: d.classNames };
    },
  },
  mnist: {
    description: 'MNIST (70,000 digits) from --data-dir, the folder of its four IDX files',
    load: async (o) => {
      if (!o.dataDir) throw new CliError("dataset 'mnist' needs --data-dir <folder> holding train-images-idx3-ubyte(.gz) and the three other MNIST files");
      return mnistFormat('mnist', BUILTIN_DATASETS.mnist.description, o.dataDir, false);
    },
  },
  'fashion-mnist': {
    description: `Fashion-MNIST (70,000 clothing images) from --data-dir (default ${DEBIAN_FASHION_MNIST_DIR}, apt install dataset-fashion-mnist)`,
    load: async (o) => mnistFormat('fashion-mnist', BUILTIN_DATASETS['fashion-mnist'].description, o.dataDir ?? DEBIAN_FASHION_MNIST_DIR, true),
  },
  xor: toy('xor', '400 noisy points near the corners of the unit square, class 1 where exactly one coordinate is 1',
    (seed) => xor({ n: 400, noise: 0.15, seed })),
  circles: toy('circles', '1,000 points on two concentric circles (2 classes)', (seed) => circles({ n: 1000, noise: 0.1, seed })),
  moons: toy('moons', '1,000 points on two interleaving half circles (2 classes)', (seed) => moons({ n: 1000, noise: 0.15, seed })),
  spirals: toy('spirals', '900 points on three interleaved spiral arms (3 classes)', (seed) => spirals({ n: 900, classes: 3, noise: 0.2, seed })),
  oysters: toy('oysters', '300 oysters: diameter in cm -> ripe or not', (seed) => oysters({ n: 300, seed })),
};

function limitRows(t: Tensor, n: number | undefined): Tensor {
  if (n === undefined || n >= t.shape[0]) return t;
  const rs = t.size / t.shape[0];
  return Tensor.fromStorage(t.storage.slice(0, n * rs), [n, ...t.shape.slice(1)], t.dtype);
}

function applyLimit(d: CliDataset, limit: number | undefined): CliDataset {
  if (limit === undefined) return d;
  const out = { ...d, x: limitRows(d.x, limit), y: limitRows(d.y, limit) };
  if (d.test) out.test = { x: limitRows(d.test.x, limit), y: limitRows(d.test.y, limit) };
  return out;
}

function hasMnistFiles(dir: string): boolean {
  return ['train-images-idx3-ubyte', 'train-images-idx3-ubyte.gz'].some((f) => existsSync(`${dir}/${f}`));
}

function stem(path: string): string {
  return basename(path.replace(/[/\\]+$/, '')).replace(/(\.gz)?$/i, '').replace(/\.[^.]*$/, '') || 'data';
}

async function fromPath(spec: string, o: DatasetOptions): Promise<CliDataset> {
  const stat = statSync(spec);
  if (stat.isDirectory()) {
    if (hasMnistFiles(spec)) {
      const fashion = resolve(spec) === DEBIAN_FASHION_MNIST_DIR;
      return mnistFormat(stem(spec), `MNIST-format IDX files in ${spec}`, spec, fashion);
    }
    const channels = o.channels as Channels | undefined;
    const d = await asInputError(() => imageFolderDataset(spec, { size: o.imageSize, channels }));
    return {
      name: stem(spec), description: `${d.x.shape[0]} images in ${d.classNames.length} class folders of ${spec}`, kind: 'images',
      x: normalizeImages(d.x), y: d.y, classNames: d.classNames,
    };
  }
  if (/\.(csv|tsv|txt)$/i.test(spec)) return loadCsvDataset(spec, stem(spec), o.label);
  if (await isIdxFile(spec)) {
    const labels = o.labels ?? labelsFileFor(spec);
    const d = await loadIdxPair(spec, labels);
    return { name: stem(spec).replace(/[-_.]?images.*$/i, '') || 'idx', description: `IDX images ${spec} with labels ${labels}`, kind: 'images', ...d, x: withChannels(d.x) };
  }
  throw new CliError(`${spec}: unsupported dataset file (expected a .csv file, an IDX images file, or a folder)`);
}

/**
 * Loads the dataset `spec` names: a built-in name (see BUILTIN_DATASETS) or a path. Problems with the input are
 * CliErrors naming it.
 * @example const d = await resolveDataset('digits', { limit: 1000 })
 */
export async function resolveDataset(spec: string, options: DatasetOptions = {}): Promise<CliDataset> {
  const builtin = Object.hasOwn(BUILTIN_DATASETS, spec) ? BUILTIN_DATASETS[spec] : undefined;
  if (builtin) return applyLimit(await builtin.load(options), options.limit);
  checkDatasetSpec(spec);
  const d = await asInputError(() => fromPath(spec, options));
  return applyLimit(d, options.limit);
}

/**
 * How a dataset argument is recorded with a model: built-in names as they are, paths made absolute so that
 * `evaluate` finds the data from any folder.
 * @example datasetKey('data/iris.csv') // '/home/me/project/data/iris.csv'
 */
export function datasetKey(spec: string): string {
  return Object.hasOwn(BUILTIN_DATASETS, spec) ? spec : resolve(spec);
}
