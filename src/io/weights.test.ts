import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor } from '../core/tensor.js';
import { Random } from '../core/random.js';
import { decodeFloat16, encodeFloat16, fromFloat16Bits, toFloat16Bits } from './float16.js';
import { decodeWeights, encodeWeights, quantizeWeight, shardNames, splitShards, weightByteLength } from './weights.js';
import type { WeightsManifestEntry } from './model-json.js';

const f32 = (values: number[], shape: number[]): Tensor => Tensor.fromStorage(Float32Array.from(values), shape, 'float32');

function randomValues(n: number, seed: number, lo = -2, hi = 3): Float32Array {
  const r = new Random(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * r.uniform());
}

test('encodeWeights / decodeWeights round trip every dtype, scalars and empty tensors', () => {
  const named = [
    { name: 'a/kernel', tensor: f32([1, 2, 3, 4, 5, 6], [2, 3]) },
    { name: 'a/count', tensor: Tensor.fromStorage(Int32Array.of(-7), [], 'int32') },
    { name: 'a/mask', tensor: Tensor.fromStorage(Uint8Array.of(1, 0, 1), [3], 'bool') },
    { name: 'a/empty', tensor: f32([], [0, 4]) },
    { name: 'a/f64', tensor: Tensor.fromStorage(Float64Array.of(Math.PI, 1e-300), [2], 'float64') },
  ];
  const { data, specs } = encodeWeights(named, 'optimizer');
  assert.equal(data.byteLength, 24 + 4 + 3 + 0 + 16);
  assert.deepEqual(specs[0], { name: 'a/kernel', shape: [2, 3], dtype: 'float32', group: 'optimizer' });
  const back = decodeWeights(data, specs);
  assert.deepEqual(back.map((w) => w.name), named.map((w) => w.name));
  back.forEach((w, i) => {
    assert.equal(w.tensor.dtype, named[i].tensor.dtype);
    assert.deepEqual(w.tensor.shape, named[i].tensor.shape);
    assert.deepEqual([...w.tensor.storage], [...named[i].tensor.storage]);
  });
  // Shards in order decode like the whole buffer.
  const shards = splitShards(data, 7);
  assert.equal(shards.length, Math.ceil(data.byteLength / 7));
  assert.deepEqual([...decodeWeights(shards, specs)[4].tensor.storage], [Math.PI, 1e-300]);
});

test('decodeWeights reports size mismatches with expected and received byte counts', () => {
  const { data, specs } = encodeWeights([{ name: 'd/kernel', tensor: f32([1, 2, 3, 4], [2, 2]) }, { name: 'd/bias', tensor: f32([1, 2], [2]) }]);
  assert.throws(() => decodeWeights(data.slice(0, 20), specs, 'w.bin'),
    /w\.bin: size mismatch: expected 24 bytes for 2 weights, received 20; weight 'd\/bias' \[2\] ends at byte 24/);
  assert.throws(() => decodeWeights(new ArrayBuffer(28), specs), /expected 24 bytes .* received 28/);
});

test('uint8 and uint16 affine quantization: dequantized values within half a step, as TensorFlow.js decodes them', () => {
  const values = randomValues(1000, 1);
  for (const dtype of ['uint8', 'uint16'] as const) {
    const { bytes, quantization } = quantizeWeight(values, dtype);
    assert.equal(bytes.byteLength, values.length * (dtype === 'uint8' ? 1 : 2));
    const spec: WeightsManifestEntry = { name: 'q', shape: [10, 100], dtype: 'float32', quantization };
    assert.equal(weightByteLength(spec), bytes.byteLength);
    const [{ tensor }] = decodeWeights(bytes.slice().buffer, [spec]);
    const step = quantization.scale!;
    assert.ok(step > 0 && step < (dtype === 'uint8' ? 0.03 : 1e-4));
    let worst = 0;
    for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(tensor.storage[i] - values[i]));
    // Half a step, plus the float32 rounding of `q * scale + min`.
    assert.ok(worst <= step / 2 + 1e-6 + step * 1e-3, `${dtype}: worst error ${worst}, step ${step}`);
  }
});

test('quantization of constant and empty weights, and int32 weights dequantized with rounding', () => {
  const c = quantizeWeight(Float32Array.of(0.5, 0.5, 0.5), 'uint8');
  const [{ tensor }] = decodeWeights(c.bytes.slice().buffer, [{ name: 'c', shape: [3], dtype: 'float32', quantization: c.quantization }]);
  assert.deepEqual([...tensor.storage], [0.5, 0.5, 0.5]);
  const e = quantizeWeight(new Float32Array(0), 'uint16');
  assert.equal(e.bytes.byteLength, 0);
  const q = Uint8Array.of(0, 1, 2);
  const [{ tensor: ints }] = decodeWeights(q.buffer, [{ name: 'i', shape: [3], dtype: 'int32', quantization: { dtype: 'uint8', scale: 0.6, min: -1 } }]);
  assert.equal(ints.dtype, 'int32');
  assert.deepEqual([...ints.storage], [-1, 0, 0]);
});

test('float16 conversion: exact values, rounding, subnormals, overflow, NaN', () => {
  assert.equal(toFloat16Bits(1), 0x3c00);
  assert.equal(toFloat16Bits(-2), 0xc000);
  assert.equal(toFloat16Bits(65504), 0x7bff);
  assert.equal(toFloat16Bits(65520), 0x7c00); // rounds to infinity
  assert.equal(toFloat16Bits(1e6), 0x7c00);
  assert.equal(toFloat16Bits(-0), 0x8000);
  assert.equal(toFloat16Bits(2 ** -24), 0x0001);
  assert.equal(toFloat16Bits(2 ** -26), 0);
  assert.equal(toFloat16Bits(1 + 2 ** -11), 0x3c00); // tie to even
  assert.equal(toFloat16Bits(1 + 3 * 2 ** -11), 0x3c02);
  assert.ok(Number.isNaN(fromFloat16Bits(toFloat16Bits(NaN))));
  assert.equal(fromFloat16Bits(0x7c00), Infinity);
  assert.equal(fromFloat16Bits(0x0001), 2 ** -24);
  assert.equal(fromFloat16Bits(0x3555), 0.333251953125);
  // Every finite half value survives a round trip through float32.
  for (let h = 0; h < 0x10000; h++) {
    const v = fromFloat16Bits(h);
    if (Number.isNaN(v)) continue;
    assert.equal(toFloat16Bits(v), h === 0x8000 ? 0x8000 : h);
  }
  const values = randomValues(500, 2, -10, 10);
  const back = decodeFloat16(encodeFloat16(values));
  for (let i = 0; i < values.length; i++) assert.ok(Math.abs(back[i] - values[i]) <= Math.abs(values[i]) * 2 ** -11);
});

test('float16-quantized weights decode through the manifest', () => {
  const values = randomValues(64, 3);
  const { bytes, quantization } = quantizeWeight(values, 'float16');
  assert.deepEqual(quantization, { dtype: 'float16', original_dtype: 'float32' });
  // Misaligned start: a uint8 weight first puts the float16 data at an odd byte offset.
  const data = new Uint8Array(1 + bytes.byteLength);
  data.set(bytes, 1);
  const [, { tensor }] = decodeWeights(data.buffer, [
    { name: 'pad', shape: [1], dtype: 'bool' },
    { name: 'h', shape: [8, 8], dtype: 'float32', quantization },
  ]);
  for (let i = 0; i < values.length; i++) assert.ok(Math.abs(tensor.storage[i] - values[i]) <= 2e-3);
  assert.throws(() => decodeWeights(bytes.slice().buffer, [{ name: 'h', shape: [64], dtype: 'int32', quantization }]),
    /weight 'h': float16 quantization applies to float32 weights/);
});

test('splitShards uses 4 MiB shards by default and shardNames follows the converter layout', () => {
  const data = new ArrayBuffer(4 * 1024 * 1024 + 10);
  const shards = splitShards(data);
  assert.deepEqual(shards.map((s) => s.byteLength), [4 * 1024 * 1024, 10]);
  assert.equal(splitShards(new ArrayBuffer(0)).length, 1);
  assert.deepEqual(shardNames(2, 3), ['group2-shard1of3.bin', 'group2-shard2of3.bin', 'group2-shard3of3.bin']);
  assert.throws(() => splitShards(data, 0), /shardBytes must be a positive integer/);
});
