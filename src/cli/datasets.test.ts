import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Tensor } from '../core/tensor.js';
import { encodeIdx } from '../data/idx.js';
import { BUILTIN_DATASETS, resolveDataset } from './datasets.js';
import { CliError } from './errors.js';
import { DATASET_NAMES } from './names.js';
import { tempDir } from './testing.js';

const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { write(png: { width: number; height: number; data: Uint8Array }): Uint8Array } } };
const dir = tempDir('datasets');
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => { const p = join(dir, name); writeFileSync(p, content); return p; };

function images(n: number, h: number, w: number): Tensor {
  return Tensor.fromStorage(Int32Array.from({ length: n * h * w }, (_, i) => (i * 37) % 256), [n, h, w], 'int32');
}

test('the built-in names the help shows are the datasets resolveDataset knows', () => {
  assert.deepEqual(Object.keys(BUILTIN_DATASETS), [...DATASET_NAMES]);
});

test('toy datasets: float32 features, int32 class ids, seeded', async () => {
  const a = await resolveDataset('xor', { seed: 1 }), b = await resolveDataset('xor', { seed: 1 });
  assert.deepEqual(a.x.shape, [400, 2]);
  assert.deepEqual([a.y.dtype, a.y.shape], ['int32', [400]]);
  assert.equal(a.kind, 'table');
  assert.deepEqual(Array.from(a.x.storage.slice(0, 6)), Array.from(b.x.storage.slice(0, 6)));
  const s = await resolveDataset('spirals', { limit: 50 });
  assert.deepEqual([s.x.shape[0], s.classNames.length], [50, 3]);
});

test('digits: images [n, 28, 28, 1] in [0, 1]', async () => {
  const d = await resolveDataset('digits', { limit: 20 });
  assert.deepEqual(d.x.shape, [20, 28, 28, 1]);
  assert.equal(d.kind, 'images');
  assert.equal(d.classNames.length, 10);
  assert.ok(Math.max(...d.x.storage) <= 1);
});

test('CSV: the last column is the label, names become classes, numbers stay class ids; no header is detected', async () => {
  const named = await resolveDataset(file('iris.csv', 'len,width,species\n1,2,setosa\n3,4,virginica\n5,6,setosa\n'));
  assert.deepEqual([named.name, named.classNames, Array.from(named.y.storage)], ['iris', ['setosa', 'virginica'], [0, 1, 0]]);
  assert.deepEqual(named.featureNames, ['len', 'width']);
  const numeric = await resolveDataset(file('nums.csv', 'a,b,c\n1,2,0\n3,4,2\n'), { label: 'c' });
  assert.deepEqual(numeric.classNames, ['0', '1', '2']);
  const bare = await resolveDataset(file('bare.csv', '1,2,0\n3,4,1\n'));
  assert.deepEqual([bare.x.shape, bare.labelName], [[2, 2], 'column3']);
  await assert.rejects(resolveDataset(file('frac.csv', 'a,label\n1,0.5\n')), (e: unknown) => e instanceof CliError && /row 2: label 0\.5 in column "label" is not a class id/.test(e.message));
  await assert.rejects(resolveDataset(file('empty.csv', '')), /empty/);
});

test('IDX images with their labels found by MNIST naming, and MNIST-format folders', async () => {
  const imgs = file('train-images-idx3-ubyte', encodeIdx(images(6, 4, 5)));
  file('train-labels-idx1-ubyte', encodeIdx(Tensor.fromStorage(Int32Array.from([0, 1, 2, 0, 1, 2]), [6], 'int32')));
  const d = await resolveDataset(imgs);
  assert.deepEqual([d.x.shape, d.classNames.length, d.kind], [[6, 4, 5, 1], 3, 'images']);
  await assert.rejects(resolveDataset(file('lonely.idx', encodeIdx(images(2, 3, 3)))), /IDX images need their labels: pass --labels/);
  file('t10k-images-idx3-ubyte', encodeIdx(images(2, 4, 5)));
  file('t10k-labels-idx1-ubyte', encodeIdx(Tensor.fromStorage(Int32Array.from([1, 0]), [2], 'int32')));
  const m = await resolveDataset(dir);
  assert.deepEqual([m.x.shape, m.test?.x.shape], [[6, 4, 5, 1], [2, 4, 5, 1]]);
});

test('image folders: one subfolder per class, resized on request', async () => {
  const root = join(dir, 'pics');
  for (const cls of ['cat', 'dog']) {
    mkdirSync(join(root, cls), { recursive: true });
    for (let i = 0; i < 2; i++) writeFileSync(join(root, cls, `${i}.png`), PNG.sync.write({ width: 6, height: 4, data: new Uint8Array(6 * 4 * 4).fill(200) }));
  }
  const d = await resolveDataset(root, { imageSize: [3, 3], channels: 1 });
  assert.deepEqual([d.x.shape, d.classNames], [[4, 3, 3, 1], ['cat', 'dog']]);
  assert.ok(Math.abs(d.x.storage[0] - 200 / 255) < 1e-6);
});

test('unknown names and missing paths are CliErrors naming them', async () => {
  await assert.rejects(resolveDataset('digitz'), /unknown dataset 'digitz'/);
  await assert.rejects(resolveDataset('nope/data.csv'), /nope\/data\.csv: no such file or folder/);
  await assert.rejects(resolveDataset('mnist'), /needs --data-dir/);
  await assert.rejects(resolveDataset(file('notes.bin', 'hello')), /unsupported dataset file/);
});
