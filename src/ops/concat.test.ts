import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { add, mul } from './arithmetic.js';
import { concat, split, stack, unstack } from './concat.js';
import { tensor } from './convert.js';
import { arange, randomNormal, zeros } from './creation.js';
import { reshape } from './reshape.js';

const rn = (shape: number[]) => randomNormal(shape, 0, 1, 'float64');

test('concat joins along an existing axis', () => {
  expectClose(concat([tensor([[1, 2]]), tensor([[3, 4]])]), [[1, 2], [3, 4]]);
  expectClose(concat([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])], -1), [[1, 3, 4], [2, 5, 6]]);
  expectClose(concat([[1, 2], [3], [4, 5]]), [1, 2, 3, 4, 5]);
  const x = tensor([1]);
  assert.equal(concat([x]), x);
});

test('concat handles size-0 parts, mixed dtypes upcast, and int32', () => {
  expectClose(concat([zeros([2, 0]), tensor([[1], [2]]), zeros([2, 0])], 1), [[1], [2]]);
  assert.deepEqual(concat([zeros([0, 3]), zeros([0, 3])]).shape, [0, 3]);
  const c = concat([tensor([1], undefined, 'int32'), tensor([2.5], undefined, 'float64')]);
  assert.equal(c.dtype, 'float64');
  assert.deepEqual([...c.dataSync()], [1, 2.5]);
  assert.equal(concat([tensor([1], undefined, 'int32'), tensor([2], undefined, 'int32')]).dtype, 'int32');
});

test('concat gradients are slices (float64)', () => {
  setSeed(7);
  checkGrads((a, b, c) => concat([a, mul(b, b), c], 1), [rn([2, 1, 3]), rn([2, 4, 3]), rn([2, 2, 3])]);
  checkGrads((a, b) => concat([a, b], -1), [rn([3, 2]), rn([3, 1])]);
});

test('concat rejects bad inputs naming the tensor at fault', () => {
  assert.throws(() => concat([zeros([2, 3]), zeros([3, 3])], 1),
    /concat: every tensor must match tensors\[0\] \[2,3\] except on axis 1, received tensors\[1\] \[3,3\]/);
  assert.throws(() => concat([zeros([2]), zeros([2, 1])]), /concat: .*received tensors\[1\] \[2,1\]/);
  assert.throws(() => concat([]), /concat: tensors must be a non-empty array of tensors, received an empty array/);
  assert.throws(() => concat([tensor(1), tensor(2)]), /concat: cannot concatenate scalars/);
  assert.throws(() => concat([zeros([2])], 1), /concat: axis must be an integer in \[-1, 0\], received 1/);
});

test('stack joins along a new axis', () => {
  expectClose(stack([tensor([1, 2]), tensor([3, 4])]), [[1, 2], [3, 4]]);
  expectClose(stack([tensor([1, 2]), tensor([3, 4])], 1), [[1, 3], [2, 4]]);
  expectClose(stack([tensor([1, 2]), tensor([3, 4])], -1), [[1, 3], [2, 4]]);
  expectClose(stack([tensor(1), tensor(2)]), [1, 2]);
  assert.deepEqual(stack([zeros([0, 2])], 1).shape, [0, 1, 2]);
  setSeed(8);
  checkGrads((a, b) => stack([a, mul(a, b)], -2), [rn([2, 3]), rn([2, 3])]);
  assert.throws(() => stack([zeros([2]), zeros([3])]), /stack: every tensor must have the shape of tensors\[0\] \[2\], received tensors\[1\] \[3\]/);
  assert.throws(() => stack([zeros([2])], 2), /stack: axis must be an integer in \[-2, 1\], received 2/);
});

test('split into equal parts or listed sizes with one -1', () => {
  const x = reshape(arange(12), [2, 6]);
  const parts = split(x, 3, 1);
  assert.deepEqual(parts.map((p) => p.shape), [[2, 2], [2, 2], [2, 2]]);
  expectClose(parts[1], [[2, 3], [8, 9]]);
  const sized = split(arange(6), [1, -1, 2]);
  assert.deepEqual(sized.map((p) => p.shape), [[1], [3], [2]]);
  expectClose(sized[1], [1, 2, 3]);
  assert.deepEqual(split(arange(3), [3, 0]).map((p) => p.shape), [[3], [0]]);
  assert.deepEqual(split(zeros([0, 2]), 2, 1).map((p) => p.shape), [[0, 1], [0, 1]]);
});

test('split gradients reach every part (float64)', () => {
  setSeed(9);
  checkGrads((a) => {
    const [p, q, r] = split(a, [2, -1, 1], -1);
    return concat([mul(p, p), q, add(r, r)], 1);
  }, [rn([2, 5])]);
  checkGrads((a) => split(a, 2)[1], [rn([4, 2])]);
});

test('split rejects sizes that do not fit', () => {
  assert.throws(() => split(arange(5), 2), /split: numOrSizeSplits must be a positive integer dividing axis 0 of size 5, received 2/);
  assert.throws(() => split(arange(5), [2, 2]), /split: sizes \[2,2\] must add up to axis 0 of size 5 in \[5\], received a total of 4/);
  assert.throws(() => split(arange(5), [-1, -1]), /split: .*at most one -1, received \[-1,-1\]/);
  assert.throws(() => split(arange(5), [4, 3, -1]), /split: .*received a total of 7/);
  assert.throws(() => split(tensor(1), 1), /split: cannot split a scalar/);
});

test('unstack splits into slices without the axis', () => {
  const parts = unstack(tensor([[1, 2], [3, 4], [5, 6]]), 1);
  assert.equal(parts.length, 2);
  expectClose(parts[0], [1, 3, 5]);
  expectClose(unstack(tensor([[1, 2], [3, 4]]))[1], [3, 4]);
  assert.deepEqual(unstack(tensor([1, 2])).map((p) => p.shape), [[], []]);
  assert.deepEqual(unstack(zeros([0, 3])), []);
  setSeed(10);
  checkGrads((a) => {
    const [u, v] = unstack(a, -1);
    return mul(u, v);
  }, [rn([3, 2])]);
  assert.throws(() => unstack(tensor(1)), /unstack: cannot unstack a scalar/);
  assert.throws(() => unstack(zeros([2]), 1), /unstack: axis must be an integer/);
});
