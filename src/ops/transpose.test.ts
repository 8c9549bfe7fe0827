import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { tensor } from './convert.js';
import { arange, randomNormal, zeros } from './creation.js';
import { mul } from './arithmetic.js';
import { reshape } from './reshape.js';
import { permute, transpose } from './transpose.js';

const rn = (shape: number[]) => randomNormal(shape, 0, 1, 'float64');

test('transpose reverses the axes by default', () => {
  expectClose(transpose(tensor([[1, 2, 3], [4, 5, 6]])), [[1, 4], [2, 5], [3, 6]]);
  const x = reshape(arange(24), [2, 3, 4]);
  const y = transpose(x);
  assert.deepEqual(y.shape, [4, 3, 2]);
  assert.equal((y.arraySync() as number[][][])[3][2][1], 23);
});

test('permute moves axes like PyTorch and accepts negative axes', () => {
  const x = reshape(arange(24), [2, 3, 4]);
  const y = permute(x, [2, 0, 1]);
  assert.deepEqual(y.shape, [4, 2, 3]);
  // y[k, i, j] = x[i, j, k] = 12i + 4j + k
  assert.equal((y.arraySync() as number[][][])[3][1][2], 12 + 8 + 3);
  assert.deepEqual(permute(x, [-1, 0, 1]).dataSync(), y.dataSync());
});

test('transpose keeps dtype, handles scalars, size 0 and size 1, and identity perms return the input', () => {
  const i = tensor([[1, 2]], undefined, 'int32');
  assert.equal(transpose(i).dtype, 'int32');
  assert.deepEqual(transpose(tensor(5)).shape, []);
  assert.deepEqual(transpose(zeros([0, 3])).shape, [3, 0]);
  assert.deepEqual(transpose(zeros([1, 1, 4]), [2, 1, 0]).shape, [4, 1, 1]);
  const x = zeros([2, 3]);
  assert.equal(transpose(x, [0, 1]), x);
});

test('transpose gradients (float64)', () => {
  setSeed(1);
  checkGrads((a) => transpose(a), [rn([2, 3])]);
  checkGrads((a) => transpose(a, [1, 2, 0]), [rn([2, 3, 4])]);
  checkGrads((a) => permute(mul(a, a), [-2, -1, 0]), [rn([3, 1, 2])]);
});

test('transpose rejects bad perms naming the function', () => {
  const x = zeros([2, 3]);
  assert.throws(() => transpose(x, [0]), /transpose: perm must be a permutation of the 2 axes of x \[2,3\], received \[0\]/);
  assert.throws(() => transpose(x, [0, 0]), /transpose: perm must not repeat an axis, received \[0,0\]/);
  assert.throws(() => transpose(x, [0, 2]), /transpose: .*received \[0,2\]/);
  assert.throws(() => permute(x, [1.5, 0]), /permute: .*received/);
  assert.throws(() => permute(x, undefined as unknown as number[]), /permute: perm is required/);
});
