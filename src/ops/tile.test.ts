import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { mul } from './arithmetic.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { tile } from './tile.js';

const rn = (shape: number[]) => randomNormal(shape, 0, 1, 'float64');

test('tile repeats along each axis', () => {
  expectClose(tile(tensor([1, 2]), [2]), [1, 2, 1, 2]);
  expectClose(tile(tensor([[1, 2], [3, 4]]), [2, 3]), [
    [1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4], [1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4]]);
  assert.equal(tile(tensor([1], undefined, 'int32'), [3]).dtype, 'int32');
});

test('tile follows NumPy for reps of another length, and edge shapes', () => {
  expectClose(tile(tensor([1, 2]), [2, 1]), [[1, 2], [1, 2]]);
  expectClose(tile(tensor([[1, 2]]), [2]), [[1, 2, 1, 2]]);
  expectClose(tile(tensor(7), [3]), [7, 7, 7]);
  assert.deepEqual(tile(tensor([1, 2]), [0]).shape, [0]);
  assert.deepEqual(tile(zeros([0, 2]), [3, 2]).shape, [0, 4]);
  const x = tensor([1, 2]);
  assert.equal(tile(x, [1]), x);
});

test('tile gradients sum over the repetitions (float64)', () => {
  setSeed(5);
  checkGrads((a) => tile(a, [2, 1, 3]), [rn([2, 3, 1])]);
  checkGrads((a) => tile(mul(a, a), [3, 2]), [rn([2])]);
});

test('tile rejects bad reps', () => {
  assert.throws(() => tile(tensor([1]), [-1]), /tile: reps must be an array of non-negative integers, received \[-1\]/);
  assert.throws(() => tile(tensor([1]), 2 as unknown as number[]), /tile: reps must be .*received 2/);
});
