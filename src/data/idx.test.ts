import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../ops/convert.js';
import { DataFormatError } from './errors.js';
import { encodeIdx, parseIdx } from './idx.js';

test('encodeIdx and parseIdx round-trip every type', () => {
  const bytes = tensor([[0, 255], [7, 8]], undefined, 'int32');
  const enc = encodeIdx(bytes);
  assert.deepEqual([...enc.subarray(0, 4)], [0, 0, 0x08, 2]);
  assert.equal(enc.length, 4 + 8 + 4);
  assert.deepEqual(parseIdx(enc, 'a').arraySync(), [[0, 255], [7, 8]]);
  const ints = tensor([-70000, 5], undefined, 'int32');
  assert.deepEqual(parseIdx(encodeIdx(ints), 'b').arraySync(), [-70000, 5]);
  const f32 = tensor([1.5, -2.25]);
  const back = parseIdx(encodeIdx(f32), 'c');
  assert.equal(back.dtype, 'float32');
  assert.deepEqual(back.arraySync(), [1.5, -2.25]);
  assert.equal(parseIdx(encodeIdx(tensor([0.1], undefined, 'float64')), 'd').storage[0], 0.1);
  const scaled = parseIdx(enc, 'e', { scale: 255 });
  assert.equal(scaled.dtype, 'float32');
  assert.ok(Math.abs(scaled.storage[1] - 1) < 1e-7);
  // int8 and int16, written by hand.
  const i8 = new Uint8Array([0, 0, 0x09, 1, 0, 0, 0, 2, 0xff, 0x7f]);
  assert.deepEqual(parseIdx(i8, 'f').arraySync(), [-1, 127]);
  const i16 = new Uint8Array([0, 0, 0x0b, 1, 0, 0, 0, 1, 0xff, 0xfe]);
  assert.deepEqual(parseIdx(i16, 'g').arraySync(), [-2]);
});

test('parseIdx errors name the file and byte offset', () => {
  const enc = encodeIdx(tensor(new Int32Array(12), [3, 4]));
  assert.throws(() => parseIdx(enc.subarray(0, 20), 'x.idx'), (e: unknown) => {
    assert.ok(e instanceof DataFormatError);
    assert.equal(e.file, 'x.idx');
    assert.match(e.message, /^parseIdx: x\.idx byte 20: truncated: the header declares 3x4 uint8 \(12 data bytes from byte 12\) but the file ends at byte 20, 4 bytes short$/);
    return true;
  });
  assert.throws(() => parseIdx(enc.subarray(0, 2), 'x.idx'), /x\.idx byte 0: file is 2 bytes long, too short for the 4-byte IDX header/);
  assert.throws(() => parseIdx(enc.subarray(0, 9), 'x.idx'), /x\.idx byte 9: the header declares 2 dimensions \(12 header bytes\) but the file ends at byte 9/);
  const extra = new Uint8Array(enc.length + 3); extra.set(enc);
  assert.throws(() => parseIdx(extra, 'x.idx'), /x\.idx byte 24: 3 unexpected bytes after the 3x4 uint8 data, which ends at byte 24/);
  assert.throws(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0]), 'x.gz'), /x\.gz byte 0: wrong magic number: .* received 0x1f 0x8b 0x08 0x00 \(gzip data: decompress it first\)/);
  assert.throws(() => parseIdx(new Uint8Array([0, 0, 0x42, 1, 0, 0, 0, 0]), 'y'), /y byte 0: wrong magic number/);
  assert.throws(() => parseIdx(enc, 'x', { dtype: 'int32', scale: 2 }), /parseIdx: scale needs a float dtype, received dtype int32/);
  assert.throws(() => encodeIdx(tensor(1)), /encodeIdx: t must be a tensor of rank 1 to 255/);
});
