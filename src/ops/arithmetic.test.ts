import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grad, grads } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { maximum, minimum, mul, pow, squaredDifference } from './arithmetic.js';
import { tensor } from './convert.js';
import { randomNormal, randomUniform, zeros } from './creation.js';
import { sum } from './reduce-sum.js';

const f64 = (shape: number[]): Tensor => randomNormal(shape, 0, 1, 'float64');
const positive = (shape: number[]): Tensor => randomUniform(shape, 0.3, 2.5, 'float64');
const t64 = (v: number[]): Tensor => tensor(v, undefined, 'float64');

// Shape pairs covering equal shapes, scalars, and broadcasting on either side.
const SHAPES: [number[], number[]][] = [[[3, 4], [3, 4]], [[3, 4], [4]], [[3, 1], [1, 5]], [[], [2, 3]], [[2, 1, 3], [4, 1]]];

test('pow: gradients in both operands, with broadcasting', () => {
  setSeed(1);
  for (const [sa, sb] of SHAPES) checkGrads(pow, [positive(sa), f64(sb)]);
});

test('maximum, minimum, squaredDifference: gradients with broadcasting', () => {
  setSeed(2);
  for (const [sa, sb] of SHAPES) {
    checkGrads(maximum, [f64(sa), f64(sb)]);
    checkGrads(minimum, [f64(sa), f64(sb)]);
    checkGrads(squaredDifference, [f64(sa), f64(sb)]);
  }
});

test('second derivatives of pow, maximum and squaredDifference match finite differences', () => {
  setSeed(3);
  checkGrads((a, b) => grads((x, y) => sum(pow(x, y)))(a, b)[0], [positive([4]), f64([4])]);
  checkGrads((a, b) => grads((x, y) => sum(pow(x, y)))(a, b)[1], [positive([4]), f64([4])]);
  checkGrads((a, b) => grads((x, y) => sum(mul(maximum(x, y), x)))(a, b)[0], [f64([4]), f64([4])]);
  checkGrads((a, b) => grads((x, y) => sum(squaredDifference(x, y)))(a, b)[0], [f64([3, 2]), f64([2])]);
});

test('grad(grad(...)) of mul and pow equals the closed form', () => {
  const x = t64([-1.5, 0.5, 2]);
  // d2/dx2 x*x*x = 6x
  expectClose(grad((z) => sum(grad((w) => sum(mul(mul(w, w), w)))(z)))(x), [-9, 3, 12]);
  // d2/dx2 x^3 = 6x
  expectClose(grad((z) => sum(grad((w) => sum(pow(w, 3)))(z)))(x), [-9, 3, 12]);
  // d2/db2 a^b = a^b log(a)^2
  const a = t64([0.5, 2, 3]), b = t64([1.5, -1, 0.5]);
  const d2 = grad((z) => sum(grad((w) => sum(pow(a, w)))(z)))(b);
  expectClose(d2, [0, 1, 2].map((i) => a.storage[i] ** b.storage[i] * Math.log(a.storage[i]) ** 2));
});

test('pow: PyTorch conventions at zero and negative bases', () => {
  expectClose(pow(t64([0, 0, 2, -2, -8]), t64([0, 2, 0, 3, 1 / 3])), [1, 0, 1, -8, NaN]);
  const [da, db] = grads((x, y) => sum(pow(x, y)))(t64([0, 0, -2, 3]), t64([0, 2, 2, 2]));
  // d/da is 0 where b == 0 even at a == 0; d/db is 0 where a <= 0.
  expectClose(da, [0, 0, -4, 6]);
  expectClose(db, [0, 0, 0, 9 * Math.log(3)]);
});

test('pow: integer operands stay int32, numbers adopt the tensor dtype', () => {
  const i = tensor([2, 3], undefined, 'int32');
  assert.equal(pow(i, 2).dtype, 'int32');
  assert.deepEqual(Array.from(pow(i, 2).dataSync()), [4, 9]);
  assert.equal(pow(i, 0.5).dtype, 'float32');
  assert.equal(pow(t64([2]), 2).dtype, 'float64');
});

test('maximum, minimum: values, NaN propagation, and ties send the gradient to a', () => {
  expectClose(maximum(tensor([1, 5, NaN]), tensor([3, 2, 0])), [3, 5, NaN]);
  expectClose(minimum(tensor([1, 5, 0]), tensor([3, 2, NaN])), [1, 2, NaN]);
  const [ga, gb] = grads((x, y) => sum(maximum(x, y)))(t64([1, 2, 3]), t64([2, 2, 2]));
  expectClose(ga, [0, 1, 1]);
  expectClose(gb, [1, 0, 0]);
  const [ha, hb] = grads((x, y) => sum(minimum(x, y)))(t64([1, 2, 3]), t64([2, 2, 2]));
  expectClose(ha, [1, 1, 0]);
  expectClose(hb, [0, 0, 1]);
  // Broadcast b receives the sum over the broadcast axis.
  const [, gs] = grads((x, y) => sum(maximum(x, y)))(t64([1, 0, 3]), t64([2]));
  expectClose(gs, [2]);
});

test('squaredDifference: values', () => {
  expectClose(squaredDifference(tensor([1, 4]), tensor([3, 1])), [4, 9]);
  expectClose(squaredDifference(tensor([[1], [2]]), 1), [[0], [1]]);
});

test('binary ops: edge shapes (size 0, scalar, size 1)', () => {
  for (const f of [pow, maximum, minimum, squaredDifference]) {
    assert.deepEqual(f(zeros([0, 3]), zeros([3])).shape, [0, 3]);
    assert.deepEqual(f(zeros([2, 0]), zeros([1])).shape, [2, 0]);
    assert.deepEqual(f(tensor(2), tensor(3)).shape, []);
    assert.deepEqual(f(tensor([2]), tensor([[3]])).shape, [1, 1]);
  }
  expectClose(pow(2, 10), 1024);
});

test('binary ops: incompatible shapes name the function and both shapes', () => {
  assert.throws(() => pow(zeros([2, 3]), zeros([4])), /^ArgumentError: pow: shapes cannot be broadcast together, received \[2,3\] and \[4\]$/);
  assert.throws(() => maximum(zeros([2]), zeros([3])), /maximum: shapes cannot be broadcast together, received \[2\] and \[3\]/);
  assert.throws(() => minimum(zeros([2]), zeros([3])), /minimum: shapes cannot be broadcast/);
  assert.throws(() => squaredDifference(zeros([2]), zeros([3])), /^ArgumentError: squaredDifference: shapes cannot be broadcast together, received \[2\] and \[3\]$/);
});
