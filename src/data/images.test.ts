import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../ops/convert.js';
import { expectClose } from '../testing/expect-close.js';
import { flattenImages, normalizeImages, resizeImages, rgbaToChannels } from './images.js';

test('flattenImages keeps samples and flattens the rest', () => {
  const x = tensor(new Int32Array(2 * 3 * 4 * 1), [2, 3, 4, 1]);
  assert.deepEqual(flattenImages(x).shape, [2, 12]);
  assert.deepEqual(flattenImages(tensor([1, 2])).shape, [2, 1]);
  assert.throws(() => flattenImages(tensor(1)), /flattenImages: x must have at least one dimension/);
});

test('normalizeImages scales to [0, 1] and standardizes per channel', () => {
  const x = tensor([[[0, 255], [51, 102]]], undefined, 'int32');
  const n = normalizeImages(x);
  assert.equal(n.dtype, 'float32');
  expectClose(n, [[[0, 1], [0.2, 0.4]]]);
  expectClose(normalizeImages(x, { mean: [0.5, 0.5], std: [0.5, 0.25] }), [[[-1, 2], [-0.6, -0.4]]]);
  expectClose(normalizeImages(tensor([2, 4]), { scale: 2 }), [1, 2]);
  assert.throws(() => normalizeImages(x, { mean: [1, 2, 3] }), /normalizeImages: mean must hold 1 or 2 finite numbers/);
  assert.throws(() => normalizeImages(x, { scale: 0 }), /normalizeImages: scale must be a positive number/);
});

test('resizeImages: identity, exact 2x downsampling averages, upsampling, batches', () => {
  const img = tensor(Float32Array.from({ length: 16 }, (_, i) => i), [4, 4, 1]);
  expectClose(resizeImages(img, [4, 4]), img);
  // Half-pixel centres: 4 -> 2 samples at 0.5 and 2.5, the mean of each 2x2 block.
  expectClose(resizeImages(img, [2, 2]), [[[2.5], [4.5]], [[10.5], [12.5]]]);
  const up = resizeImages(tensor([[[0], [10]]]), [1, 4]);
  expectClose(up, [[[0], [2.5], [7.5], [10]]]);
  const batch = tensor(new Int32Array(2 * 4 * 4 * 3).fill(7), [2, 4, 4, 3]);
  const r = resizeImages(batch, [3, 5]);
  assert.deepEqual(r.shape, [2, 3, 5, 3]);
  assert.equal(r.dtype, 'int32');
  assert.ok(r.storage.every((v) => v === 7));
  assert.throws(() => resizeImages(tensor([1, 2]), [2, 2]), /resizeImages: x must be a \[H, W, C\] or \[N, H, W, C\] tensor, received shape \[2\]/);
  assert.throws(() => resizeImages(img, [0, 2]), /resizeImages: size must be \[height, width\] with positive integers/);
});

test('rgbaToChannels converts to gray, gray+alpha, RGB, RGBA', () => {
  const rgba = [255, 0, 0, 128, 0, 0, 255, 255];
  const gray = new Int32Array(2); rgbaToChannels(rgba, 1, gray);
  assert.deepEqual([...gray], [76, 29]);
  const ga = new Int32Array(4); rgbaToChannels(rgba, 2, ga);
  assert.deepEqual([...ga], [76, 128, 29, 255]);
  const rgb = new Int32Array(6); rgbaToChannels(rgba, 3, rgb);
  assert.deepEqual([...rgb], [255, 0, 0, 0, 0, 255]);
  const all = new Float32Array(8); rgbaToChannels(rgba, 4, all);
  assert.deepEqual([...all], rgba);
});
