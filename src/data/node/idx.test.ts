import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DEBIAN_FASHION_MNIST_DIR } from './mnist.js';
import { loadIdx } from './idx.js';

const labelsGz = join(DEBIAN_FASHION_MNIST_DIR, 't10k-labels-idx1-ubyte.gz');
const imagesGz = join(DEBIAN_FASHION_MNIST_DIR, 't10k-images-idx3-ubyte.gz');
const skip = existsSync(imagesGz) ? false : `Fashion-MNIST not installed at ${DEBIAN_FASHION_MNIST_DIR} (apt install dataset-fashion-mnist)`;
const tmp = mkdtempSync(join(tmpdir(), 'tensorgrad-idx-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('loadIdx reads the real Fashion-MNIST test files, gzipped and not', { skip }, async () => {
  const labels = await loadIdx(labelsGz);
  assert.deepEqual(labels.shape, [10000]);
  assert.equal(labels.dtype, 'int32');
  const counts = new Array<number>(10).fill(0);
  for (const v of labels.storage) counts[v]++;
  assert.deepEqual(counts, new Array(10).fill(1000));
  const images = await loadIdx(imagesGz, { dtype: 'float32', scale: 255 });
  assert.deepEqual(images.shape, [10000, 28, 28]);
  let max = 0, min = 1;
  for (const v of images.storage) { if (v > max) max = v; if (v < min) min = v; }
  assert.equal(min, 0);
  assert.equal(max, 1);
  const plain = join(tmp, 't10k-labels-idx1-ubyte');
  writeFileSync(plain, gunzipSync(readFileSync(labelsGz)));
  assert.deepEqual((await loadIdx(plain)).storage, labels.storage);
});

test('loadIdx reports truncated, corrupted and wrong-format copies by file and byte', { skip }, async () => {
  const raw = gunzipSync(readFileSync(labelsGz));
  const cut = join(tmp, 'cut-labels-idx1-ubyte');
  writeFileSync(cut, raw.subarray(0, 5000));
  await assert.rejects(loadIdx(cut), new RegExp(`^DataFormatError: loadIdx: ${cut} byte 5000: truncated: the header declares 10000 uint8 \\(10000 data bytes from byte 8\\) but the file ends at byte 5000, 5008 bytes short$`));
  const cutGz = join(tmp, 'cut-labels.gz');
  const gz = readFileSync(labelsGz);
  writeFileSync(cutGz, gz.subarray(0, gz.length >> 1));
  await assert.rejects(loadIdx(cutGz), new RegExp(`loadIdx: ${cutGz} byte ${gz.length >> 1}: gzip data ends early`));
  const cutInside = join(tmp, 'cut-inside.gz');
  writeFileSync(cutInside, gzipSync(raw.subarray(0, 1000)));
  await assert.rejects(loadIdx(cutInside), new RegExp(`loadIdx: ${cutInside} \\(decompressed\\) byte 1000: truncated`));
  const badMagic = join(tmp, 'bad-magic');
  const copy = Buffer.from(raw); copy[2] = 0x42;
  writeFileSync(badMagic, copy);
  await assert.rejects(loadIdx(badMagic), new RegExp(`loadIdx: ${badMagic} byte 0: wrong magic number: .* received 0x00 0x00 0x42 0x01`));
  const flipped = join(tmp, 'flipped.gz');
  const f = Buffer.from(gz); f[gz.length - 6] ^= 0xff; // inside the CRC32 trailer
  writeFileSync(flipped, f);
  await assert.rejects(loadIdx(flipped), new RegExp(`loadIdx: ${flipped}: corrupt gzip data \\(incorrect data check\\)`));
});

test('loadIdx reports missing files and bad arguments without a Node stack', async () => {
  await assert.rejects(loadIdx(join(tmp, 'nope.idx')), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.equal(e.message, `loadIdx: ${join(tmp, 'nope.idx')}: no such file or directory`);
    return true;
  });
  await assert.rejects(loadIdx(tmp), /loadIdx: .*: is a directory, expected a file/);
  await assert.rejects(loadIdx(''), /loadIdx: path must be a non-empty string, received ''/);
  await assert.rejects(loadIdx('x', { dtype: 'int8' as 'int32' }), /loadIdx: dtype must be one of/);
});
