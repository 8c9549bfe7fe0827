import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../ops/convert.js';
import { zeros } from '../ops/creation.js';
import '../ops/methods.js';

test('tensor() infers shape and dtype from nested arrays', () => {
  const t = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(t.shape, [2, 3]);
  assert.equal(t.dtype, 'float32');
  assert.equal(t.rank, 2);
  assert.equal(t.size, 6);
  assert.deepEqual(t.arraySync(), [[1, 2, 3], [4, 5, 6]]);
  assert.equal(tensor([true, false]).dtype, 'bool');
  assert.deepEqual(tensor([true, false]).arraySync(), [true, false]);
  assert.equal(tensor(3).rank, 0);
  assert.equal(tensor(3).item(), 3);
});

test('tensor() accepts typed arrays with a shape and copies them', () => {
  const src = new Float64Array([1, 2, 3, 4, 5, 6]);
  const t = tensor(src, [3, 2]);
  assert.equal(t.dtype, 'float64');
  src[0] = 99;
  assert.equal(t.dataSync()[0], 1);
  assert.deepEqual(tensor(new Int32Array([1, 2])).dtype, 'int32');
});

test('tensor() rejects ragged arrays, bad values and shape mismatches naming the function', () => {
  assert.throws(() => tensor([[1, 2], [3]]), /tensor: nested arrays must be rectangular: expected length 2 at index \[1\]/);
  assert.throws(() => tensor([1, 2, 3], [2, 2]), /tensor: shape \[2,2\] needs 4 values, received 3/);
  assert.throws(() => tensor(['a' as unknown as number]), /tensor: values must be numbers or booleans/);
  assert.throws(() => tensor([1], undefined, 'float16' as never), /tensor: dtype must be one of/);
});

test('dataSync returns a copy; data() and array() resolve to the values', async () => {
  const t = tensor([1, 2]);
  const d = t.dataSync();
  d[0] = 5;
  assert.equal(t.dataSync()[0], 1);
  assert.deepEqual(Array.from(await t.data()), [1, 2]);
  assert.deepEqual(await t.array(), [1, 2]);
});

test('toString renders values, shape and dtype, eliding large tensors', () => {
  assert.equal(String(tensor([1, 2], undefined, 'int32')), 'tensor([1, 2], shape=[2], dtype=int32)');
  const big = zeros([100, 100]).toString();
  assert.match(big, /\.\.\./);
  assert.match(big, /shape=\[100,100\]/);
  assert.ok(big.length < 2000);
  assert.match(String(tensor([[1.5, 2]])), /\[\[1\.5, {2}2\.\]\]/);
});

test('item() requires exactly one element', () => {
  assert.throws(() => tensor([1, 2]).item(), /item: expected a tensor with one element, received shape \[2\]/);
});

test('requiresGrad_ only for floating tensors; detach cuts the graph', () => {
  assert.throws(() => tensor([1], undefined, 'int32').requiresGrad_(), /only floating-point/);
  const x = tensor([2]).requiresGrad_();
  const y = x.mul(3);
  assert.equal(y.requiresGrad, true);
  assert.equal(y.isLeaf, false);
  const d = y.detach();
  assert.equal(d.requiresGrad, false);
  assert.equal(d.isLeaf, true);
});
