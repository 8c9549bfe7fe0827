import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backward } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { mul } from './arithmetic.js';
import { tensor } from './convert.js';
import { arange, randomNormal, zeros } from './creation.js';
import { reshape } from './reshape.js';
import { reverse, slice } from './slice.js';

const rn = (shape: number[]) => randomNormal(shape, 0, 1, 'float64');
const m = () => reshape(arange(12), [3, 4]);

test('slice cuts a window; size -1 runs to the end', () => {
  expectClose(slice(tensor([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, -1]), [[2, 3], [5, 6]]);
  expectClose(slice(m(), [1, 2], [2, 1]), [[6], [10]]);
  expectClose(slice(arange(5), 2), [2, 3, 4]);
  expectClose(slice(arange(5), 1, 2), [1, 2]);
});

test('begin and size shorter than the rank cover the leading axes', () => {
  expectClose(slice(m(), [1]), [[4, 5, 6, 7], [8, 9, 10, 11]]);
  expectClose(slice(m(), 1, 1), [[4, 5, 6, 7]]);
  expectClose(slice(m(), [0, 1], [1]), [[1, 2, 3]]);
});

test('slice edge shapes: empty windows, size-0 inputs, scalars, whole tensor returns the input', () => {
  assert.deepEqual(slice(m(), [3, 0], [0, 4]).shape, [0, 4]);
  assert.deepEqual(slice(m(), [1, 4], [2, 0]).shape, [2, 0]);
  assert.deepEqual(slice(zeros([0, 3]), [0, 1], [0, 2]).shape, [0, 2]);
  const s = tensor(3);
  assert.equal(slice(s, []), s);
  const x = m();
  assert.equal(slice(x, [0, 0], [-1, -1]), x);
  assert.equal(slice(tensor([1, 2, 3], undefined, 'int32'), 1).dtype, 'int32');
});

test('slice gradients pad the cotangent back (float64)', () => {
  setSeed(2);
  checkGrads((a) => slice(a, [1, 0, 2], [2, -1, 1]), [rn([3, 2, 4])]);
  checkGrads((a) => slice(mul(a, a), [0, 1]), [rn([2, 3])]);
  const x = tensor([1, 2, 3, 4], undefined, 'float64').requiresGrad_();
  backward(slice(x, 1, 2), tensor([10, 20], undefined, 'float64'));
  expectClose(x.grad!, [0, 10, 20, 0]);
});

test('slice rejects windows outside the tensor and bad arguments', () => {
  assert.throws(() => slice(m(), [2, 0], [2, 1]), /slice: the window .* must lie inside x \[3,4\], received axis 0 from 2 with size 2/);
  assert.throws(() => slice(m(), [-1]), /slice: .*received axis 0 from -1/);
  assert.throws(() => slice(m(), [0, 0, 0]), /slice: begin and size may have at most rank 2 entries .*received begin \[0,0,0\]/);
  assert.throws(() => slice(m(), [0.5]), /slice: begin must be an integer or an array of integers, received \[0.5\]/);
  assert.throws(() => slice(m(), [0], [-2]), /slice: .*received axis 0 from 0 with size -2/);
});

test('reverse flips the listed axes, or all of them', () => {
  expectClose(reverse(tensor([[1, 2], [3, 4]]), -1), [[2, 1], [4, 3]]);
  expectClose(reverse(tensor([[1, 2], [3, 4]]), 0), [[3, 4], [1, 2]]);
  expectClose(reverse(tensor([[1, 2], [3, 4]])), [[4, 3], [2, 1]]);
  expectClose(reverse(reshape(arange(8), [2, 2, 2]), [0, 2]), [[[5, 4], [7, 6]], [[1, 0], [3, 2]]]);
  assert.deepEqual(reverse(zeros([0, 2]), 0).shape, [0, 2]);
  const s = tensor(1);
  assert.equal(reverse(s), s);
});

test('reverse gradients and errors', () => {
  setSeed(3);
  checkGrads((a) => reverse(a, [0, -1]), [rn([3, 2, 4])]);
  checkGrads((a) => reverse(mul(a, a)), [rn([5])]);
  assert.throws(() => reverse(m(), 2), /reverse: axis must be an integer in \[-2, 1\], received 2/);
  assert.throws(() => reverse(m(), [0, -2]), /reverse: axes must not repeat/);
});
