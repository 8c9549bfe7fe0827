import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEBIAN_FASHION_MNIST_DIR, FASHION_MNIST_CLASSES, loadFashionMnist, loadMnist } from './mnist.js';

const skip = existsSync(join(DEBIAN_FASHION_MNIST_DIR, 'train-images-idx3-ubyte.gz')) ? false
  : `Fashion-MNIST not installed at ${DEBIAN_FASHION_MNIST_DIR} (apt install dataset-fashion-mnist)`;
const tmp = mkdtempSync(join(tmpdir(), 'tensorgrad-mnist-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('loadFashionMnist reads the four Debian files', { skip }, async () => {
  const d = await loadFashionMnist(undefined, { flatten: true });
  assert.deepEqual(d.xTrain.shape, [60000, 784]);
  assert.deepEqual(d.yTrain.shape, [60000]);
  assert.deepEqual(d.xTest.shape, [10000, 784]);
  assert.deepEqual(d.yTest.shape, [10000]);
  assert.equal(d.xTrain.dtype, 'float32');
  assert.deepEqual(d.classNames, FASHION_MNIST_CLASSES);
});

test('loadMnist names a missing file and a mismatched pair', { skip }, async () => {
  await assert.rejects(loadMnist(tmp), /loadMnist: .*: missing train-images-idx3-ubyte\.gz \(or train-images-idx3-ubyte\); expected the four files/);
  await assert.rejects(loadFashionMnist(join(tmp, 'none')), /loadFashionMnist: .*none: missing/);
  for (const f of ['train-images-idx3-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) {
    copyFileSync(join(DEBIAN_FASHION_MNIST_DIR, f), join(tmp, f));
  }
  // Labels swapped for an images-shaped file: caught before training on garbage.
  copyFileSync(join(DEBIAN_FASHION_MNIST_DIR, 't10k-images-idx3-ubyte.gz'), join(tmp, 'train-labels-idx1-ubyte.gz'));
  await assert.rejects(loadMnist(tmp), /loadMnist: .*train-images-idx3-ubyte\.gz holds images of shape \[60000,28,28\] and .*train-labels-idx1-ubyte\.gz labels of shape \[10000,28,28\]/);
  writeFileSync(join(tmp, 'train-labels-idx1-ubyte.gz'), 'garbage');
  await assert.rejects(loadMnist(tmp), /loadIdx: .*train-labels-idx1-ubyte\.gz byte 0: wrong magic number/);
});
