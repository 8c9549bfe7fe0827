import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { DataFormatError } from '../errors.js';
import { decodeImage, imageFolderDataset, loadImage } from './image.js';

interface PngLike { data: Uint8Array }
interface PngCtor {
  new(o: { width: number; height: number }): PngLike;
  sync: { write(png: PngLike, o?: { colorType?: number }): Uint8Array };
}
const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: PngCtor };

const tmp = mkdtempSync(join(tmpdir(), 'tensorgrad-img-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

/** A w x h RGBA gradient: R = 10 x, G = 20 y, B = 100, A = 200. */
function rgba(w: number, h: number): Uint8Array {
  const d = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d.set([10 * x, 20 * y, 100, 200], 4 * (y * w + x));
  return d;
}
function png(w: number, h: number, colorType = 6, data = rgba(w, h)): Uint8Array {
  const p = new PNG({ width: w, height: h });
  p.data.set(data);
  return PNG.sync.write(p, { colorType });
}
function jpg(w: number, h: number, data = rgba(w, h)): Uint8Array {
  return jpeg.encode({ width: w, height: h, data }, 95).data;
}
const file = (name: string, bytes: Uint8Array): string => { const p = join(tmp, name); writeFileSync(p, bytes); return p; };

test('loadImage decodes PNG files: RGBA, RGB and gray, with channel conversion', async () => {
  const rgbaFile = file('a.png', png(5, 3));
  const img = await loadImage(rgbaFile);
  assert.deepEqual(img.shape, [3, 5, 4]);
  assert.equal(img.dtype, 'int32');
  assert.deepEqual(Array.from(img.storage.slice(4 * (2 * 5 + 4), 4 * (2 * 5 + 5))), [40, 40, 100, 200]);
  const opaque = rgba(5, 3).map((v, i) => (i % 4 === 3 ? 255 : v)); // pngjs blends alpha away when writing RGB
  const rgb = await loadImage(file('b.png', png(5, 3, 2, opaque)));
  assert.deepEqual(rgb.shape, [3, 5, 3]);
  assert.deepEqual(Array.from(rgb.storage.slice(0, 3)), [0, 0, 100]);
  const gray = await loadImage(file('c.png', png(4, 2, 0)));
  assert.deepEqual(gray.shape, [2, 4, 1]);
  const forced = await loadImage(rgbaFile, { channels: 3, dtype: 'float32' });
  assert.deepEqual(forced.shape, [3, 5, 3]);
  assert.equal(forced.dtype, 'float32');
  assert.deepEqual((await loadImage(rgbaFile, { channels: 1 })).shape, [3, 5, 1]);
});

test('loadImage decodes JPEG files (lossy: values close to the source)', async () => {
  const img = await loadImage(file('a.jpg', jpg(16, 8)));
  assert.deepEqual(img.shape, [8, 16, 3]);
  const want = rgba(16, 8);
  let worst = 0;
  for (let p = 0; p < 16 * 8; p++) for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(img.storage[3 * p + c] - want[4 * p + c]));
  assert.ok(worst < 24, `max JPEG error ${worst}`);
  const grayData = new Uint8Array(8 * 8 * 4).fill(128);
  const gray = decodeImage(jpg(8, 8, grayData), 'gray.jpg');
  assert.deepEqual(gray.shape, [8, 8, 1]);
});

test('damaged and wrong-format images give errors naming the file and the byte', async () => {
  const good = png(6, 6);
  const cut = file('cut.png', good.subarray(0, good.length - 20));
  await assert.rejects(loadImage(cut), (e: unknown) => {
    assert.ok(e instanceof DataFormatError);
    assert.match(e.message, new RegExp(`^loadImage: ${cut} byte ${good.length - 20}: PNG: truncated: chunk IDAT at byte \\d+ declares \\d+ data bytes but the file ends at byte ${good.length - 20}$`));
    return true;
  });
  const flipped = Uint8Array.from(good); flipped[45] ^= 0x55;
  await assert.rejects(loadImage(file('flip.png', flipped)), /flip\.png byte 33: PNG: chunk IDAT: CRC mismatch \(corrupt data\)/);
  const goodJpg = jpg(16, 16);
  const cutJpg = file('cut.jpg', goodJpg.subarray(0, goodJpg.length - 40));
  await assert.rejects(loadImage(cutJpg), new RegExp(`loadImage: ${cutJpg} byte ${goodJpg.length - 40}: JPEG: truncated: the file ends at byte ${goodJpg.length - 40} inside the compressed image data, before the end-of-image marker`));
  const headerCut = file('head.jpg', goodJpg.subarray(0, 30));
  await assert.rejects(loadImage(headerCut), /head\.jpg byte 30: JPEG: truncated/);
  await assert.rejects(loadImage(file('x.gif', new TextEncoder().encode('GIF89a....'))), /x\.gif byte 0: unsupported image format: expected PNG or JPEG, received GIF data/);
  await assert.rejects(loadImage(file('notes.png', new TextEncoder().encode('hello world'))), /notes\.png byte 0: unsupported image format: expected PNG or JPEG, received unknown data starting with bytes 68 65 6c 6c 6f 20 77 6f/);
  await assert.rejects(loadImage(file('empty.png', new Uint8Array(0))), /empty\.png byte 0: unsupported image format: expected PNG or JPEG, received an empty file/);
  await assert.rejects(loadImage(join(tmp, 'missing.png')), /loadImage: .*missing\.png: no such file or directory/);
  await assert.rejects(loadImage(cut, { channels: 5 as 3 }), /loadImage: channels must be 1, 2, 3 or 4, received number 5/);
});

test('imageFolderDataset reads one folder per class, sorted, and resizes on request', async () => {
  const root = join(tmp, 'folders');
  for (const cls of ['dogs', 'cats']) mkdirSync(join(root, cls), { recursive: true });
  writeFileSync(join(root, 'cats', '1.png'), png(4, 4));
  writeFileSync(join(root, 'cats', '2.jpg'), jpg(4, 4));
  writeFileSync(join(root, 'cats', 'readme.txt'), 'not an image');
  writeFileSync(join(root, 'dogs', 'a.png'), png(4, 4, 0));
  const d = await imageFolderDataset(root, { channels: 3 });
  assert.deepEqual(d.classNames, ['cats', 'dogs']);
  assert.deepEqual(d.x.shape, [3, 4, 4, 3]);
  assert.deepEqual(Array.from(d.y.storage), [0, 0, 1]);
  assert.deepEqual(d.files.map((f) => f.slice(root.length + 1)), ['cats/1.png', 'cats/2.jpg', 'dogs/a.png']);
  writeFileSync(join(root, 'dogs', 'b.png'), png(6, 5));
  await assert.rejects(imageFolderDataset(root), /imageFolderDataset: .*dogs\/b\.png: image is 5x6 but the first image \(.*cats\/1\.png\) is 4x4; pass size: \[height, width\] to resize/);
  const resized = await imageFolderDataset(root, { size: [8, 8] });
  assert.deepEqual(resized.x.shape, [4, 8, 8, 4]);
  writeFileSync(join(root, 'dogs', 'c.png'), readFileSync(join(root, 'dogs', 'b.png')).subarray(0, 40));
  await assert.rejects(imageFolderDataset(root, { size: [8, 8] }), /imageFolderDataset: .*dogs\/c\.png byte 40: PNG: truncated/);
  await assert.rejects(imageFolderDataset(join(tmp, 'nowhere')), /imageFolderDataset: .*nowhere: no such file or directory/);
  await assert.rejects(imageFolderDataset(root, { size: [0, 1] as [number, number] }), /imageFolderDataset: size must be \[height, width\]/);
});
