import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { checkGrads } from '../testing/check-grads.js';
import { mul } from './arithmetic.js';
import { tensor } from './convert.js';
import { arange, randomNormal, zeros } from './creation.js';
import { broadcastTo, expandDims, reshape, squeeze } from './reshape.js';

const rn = (shape: number[]) => randomNormal(shape, 0, 1, 'float64');

test('reshape infers -1 and shares storage', () => {
  const x = arange(6);
  const y = reshape(x, [2, -1]);
  assert.deepEqual(y.shape, [2, 3]);
  assert.equal(y.storage, x.storage);
  assert.throws(() => reshape(x, [4, -1]), /reshape: cannot infer -1/);
});

test('expandDims inserts a size-1 axis, zero-copy, negative axes counting from the end', () => {
  const x = tensor([1, 2]);
  assert.deepEqual(expandDims(x).shape, [1, 2]);
  assert.deepEqual(expandDims(x, 1).shape, [2, 1]);
  assert.deepEqual(expandDims(x, -1).shape, [2, 1]);
  assert.deepEqual(expandDims(x, -2).shape, [1, 2]);
  assert.deepEqual(expandDims(tensor(3)).shape, [1]);
  assert.deepEqual(expandDims(zeros([0, 2]), 2).shape, [0, 2, 1]);
  assert.equal(expandDims(x, 1).storage, x.storage);
  assert.throws(() => expandDims(x, 3), /expandDims: axis must be an integer in \[-2, 1\] for x \[2\], received 3/);
  assert.throws(() => expandDims(x, -3), /expandDims: .*received -3/);
});

test('squeeze removes size-1 axes, all of them by default', () => {
  assert.deepEqual(squeeze(zeros([1, 3, 1])).shape, [3]);
  assert.deepEqual(squeeze(zeros([1, 3, 1]), 0).shape, [3, 1]);
  assert.deepEqual(squeeze(zeros([1, 3, 1]), [-1, 0]).shape, [3]);
  assert.deepEqual(squeeze(zeros([1, 1])).shape, []);
  assert.deepEqual(squeeze(zeros([0, 1]), 1).shape, [0]);
  const x = zeros([2, 3]);
  assert.equal(squeeze(x), x);
  const y = zeros([1, 4]);
  assert.equal(squeeze(y).storage, y.storage);
  assert.throws(() => squeeze(zeros([1, 3]), 1), /squeeze: can only squeeze axes of size 1, received axis 1 of size 3 in \[1,3\]/);
  assert.throws(() => squeeze(zeros([1, 3]), 2), /squeeze: axis must be an integer in \[-2, 1\], received 2/);
});

test('expandDims, squeeze and broadcastTo gradients (float64)', () => {
  setSeed(6);
  checkGrads((a) => expandDims(mul(a, a), -1), [rn([2, 3])]);
  checkGrads((a) => squeeze(mul(a, a), [0, 2]), [rn([1, 3, 1])]);
  checkGrads((a) => broadcastTo(mul(a, a), [2, 3, 4]), [rn([3, 1])]);
});
