import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backward } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { mul } from './arithmetic.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { gather, oneHot, scatterAdd } from './gather.js';

const rn = (shape: number[]) => randomNormal(shape, 0, 1, 'float64');
const i32 = (v: number[] | number[][] | number) => tensor(v, undefined, 'int32');

test('gather picks rows, or slices along any axis, with the indices shape inserted', () => {
  const x = tensor([[1, 2], [3, 4], [5, 6]]);
  expectClose(gather(x, [2, 0]), [[5, 6], [1, 2]]);
  expectClose(gather(x, i32([[1], [1]]), 0), [[[3, 4]], [[3, 4]]]);
  expectClose(gather(x, [1, 1, 0], -1), [[2, 2, 1], [4, 4, 3], [6, 6, 5]]);
  expectClose(gather(x, 1), [3, 4]);
  assert.deepEqual(gather(x, i32([]), 0).shape, [0, 2]);
  assert.deepEqual(gather(zeros([0, 3]), [2, 0], 1).shape, [0, 2]);
  assert.equal(gather(i32([4, 5]), [1]).dtype, 'int32');
});

test('gather gradients scatter-add the cotangent, duplicates accumulating (float64)', () => {
  setSeed(11);
  const idx = i32([[2, 0], [2, 2]]);
  checkGrads((a) => gather(a, idx, 1), [rn([2, 3, 2])]);
  checkGrads((a) => gather(mul(a, a), i32([0, 0, 1])), [rn([2, 3])]);
  const x = tensor([1, 2, 3], undefined, 'float64').requiresGrad_();
  backward(gather(x, [0, 0, 2]), tensor([1, 2, 3], undefined, 'float64'));
  expectClose(x.grad!, [3, 0, 3]);
});

test('gather rejects bad indices', () => {
  const x = tensor([[1, 2], [3, 4]]);
  assert.throws(() => gather(x, [2]), (e: Error) => e instanceof RangeError && /gather: indices\[0\] = 2 is out of range \[0, 2\)/.test(e.message));
  assert.throws(() => gather(x, [0, -1]), /gather: indices\[1\] = -1 is out of range/);
  assert.throws(() => gather(x, tensor([0])), /gather: indices must be an int32 tensor, received dtype float32/);
  assert.throws(() => gather(x, [0], 2), /gather: axis must be an integer in \[-2, 1\], received 2/);
  assert.throws(() => gather(tensor(1), [0]), /gather: x must have at least one axis/);
  assert.throws(() => gather(x, [0.5]), /gather: indices must be integers, received 0.5 at flat position 0/);
  assert.throws(() => gather(x, [[0], [1, 0]]), /gather: indices: nested arrays must be rectangular/);
  assert.throws(() => gather(x, 'a' as unknown as number[]), /gather: indices: values must be/);
});

test('scatterAdd adds rows at indices, accumulating duplicates (index_add)', () => {
  expectClose(scatterAdd(zeros([3]), [0, 0, 2], tensor([1, 2, 3])), [3, 0, 3]);
  expectClose(scatterAdd(tensor([[1, 1, 1], [1, 1, 1]]), [2, 2], tensor([[1, 2], [3, 4]]), 1), [[1, 1, 4], [1, 1, 8]]);
  expectClose(scatterAdd(tensor([1, 2]), i32([]), zeros([0])), [1, 2]);
  setSeed(12);
  const idx = i32([1, 0, 1]);
  checkGrads((t, u) => scatterAdd(mul(t, t), idx, u, -2), [rn([2, 2, 3]), rn([2, 3, 3])]);
});

test('scatterAdd rejects mismatched shapes and out-of-range indices', () => {
  assert.throws(() => scatterAdd(zeros([3, 2]), [0], zeros([1, 3])),
    /scatterAdd: updates must have shape \[1,2\] \(target with axis 0 sized like indices\), received \[1,3\]/);
  assert.throws(() => scatterAdd(zeros([3]), i32([[0]]), zeros([1])), /scatterAdd: indices must be 1-D, received shape \[1,1\]/);
  assert.throws(() => scatterAdd(zeros([3]), [3], zeros([1])), (e: Error) => e instanceof RangeError && /scatterAdd: indices\[0\] = 3/.test(e.message));
});

test('oneHot encodes indices on a new last axis', () => {
  expectClose(oneHot([0, 2], 3), [[1, 0, 0], [0, 0, 1]]);
  expectClose(oneHot(i32([[1], [-1]]), 2, 5, -1), [[[-1, 5]], [[-1, -1]]]);
  const h = oneHot(i32(1), 3, 1, 0, 'int32');
  assert.equal(h.dtype, 'int32');
  assert.deepEqual([...h.dataSync()], [0, 1, 0]);
  assert.deepEqual(oneHot(i32([]), 4).shape, [0, 4]);
  assert.deepEqual(oneHot([1], 0).shape, [1, 0]);
  assert.throws(() => oneHot([1], -1), /oneHot: depth must be a non-negative integer, received -1/);
  assert.throws(() => oneHot([1], 2, 1, 0, 'complex' as 'float32'), /oneHot: dtype must be one of/);
});
