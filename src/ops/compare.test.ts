import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grads } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { mul } from './arithmetic.js';
import { equal, greater, greaterEqual, less, lessEqual, notEqual, where } from './compare.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { sum } from './reduce-sum.js';

const f64 = (shape: number[]): Tensor => randomNormal(shape, 0, 1, 'float64');
const COMPARE = [equal, notEqual, less, lessEqual, greater, greaterEqual];

test('comparisons: values, broadcasting and bool output', () => {
  const a = tensor([[1, 2, 3], [3, 2, 1]]), b = tensor([2, 2, 2]);
  const expected = [
    [[false, true, false], [false, true, false]],
    [[true, false, true], [true, false, true]],
    [[true, false, false], [false, false, true]],
    [[true, true, false], [false, true, true]],
    [[false, false, true], [true, false, false]],
    [[false, true, true], [true, true, false]],
  ];
  COMPARE.forEach((f, i) => {
    const y = f(a, b);
    assert.equal(y.dtype, 'bool', f.name);
    assert.deepEqual(y.arraySync(), expected[i], f.name);
  });
  assert.deepEqual(less(tensor([[1], [3]]), tensor([2, 4])).arraySync(), [[true, true], [false, true]]);
});

test('comparisons: NaN compares unequal to everything, numbers adopt the tensor dtype', () => {
  const x = tensor([NaN, 1]);
  assert.deepEqual(equal(x, x).arraySync(), [false, true]);
  assert.deepEqual(notEqual(x, x).arraySync(), [true, false]);
  assert.deepEqual(greaterEqual(x, 1).arraySync(), [false, true]);
  // 0.1 rounds like the float32 tensor does, so the comparison is exact.
  assert.deepEqual(equal(tensor([0.1]), 0.1).arraySync(), [true]);
  assert.deepEqual(equal(tensor([1, 2], undefined, 'int32'), tensor([1, 2.5])).arraySync(), [true, false]);
});

test('comparisons: not differentiable, edge shapes, shape errors', () => {
  const x = f64([3]).requiresGrad_();
  assert.equal(greater(x, 0).requiresGrad, false);
  for (const f of COMPARE) {
    assert.deepEqual(f(zeros([0, 2]), zeros([2])).shape, [0, 2]);
    assert.deepEqual(f(1, 2).shape, []);
    assert.deepEqual(f(tensor([1]), tensor([[1]])).shape, [1, 1]);
    assert.throws(() => f(zeros([2]), zeros([3])), new RegExp(`^ArgumentError: ${f.name}: shapes cannot be broadcast together, received \\[2\\] and \\[3\\]$`));
  }
});

test('where: values with broadcasting of all three operands', () => {
  const c = tensor([[true], [false]]);
  expectClose(where(c, tensor([1, 2, 3]), tensor([[10], [20]])), [[1, 2, 3], [20, 20, 20]]);
  expectClose(where(tensor([true, false]), 1, 0), [1, 0]);
  expectClose(where(true, tensor([[1, 2]]), tensor([3, 4])), [[1, 2]]);
  assert.equal(where(tensor([true]), tensor([1], undefined, 'float64'), 0).dtype, 'float64');
  assert.equal(where(tensor([true]), tensor([1], undefined, 'int32'), tensor([2.5])).dtype, 'float32');
  // Rank 3 broadcast through the general path.
  const c3 = tensor([[[true, false]], [[false, true]]]);
  expectClose(where(c3, tensor([[1, 2], [3, 4], [5, 6]]), -1),
    [[[1, -1], [3, -1], [5, -1]], [[-1, 2], [-1, 4], [-1, 6]]]);
});

test('where: gradients flow to a and b only, with broadcasting', () => {
  setSeed(1);
  const c = tensor([[true, false, true], [false, false, true]]);
  checkGrads((a, b) => where(c, a, b), [f64([2, 3]), f64([2, 3])]);
  checkGrads((a, b) => where(c, a, b), [f64([3]), f64([2, 1])]);
  checkGrads((a, b) => where(c, a, b), [f64([]), f64([1, 3])]);
  const [ga, gb] = grads((a, b) => sum(where(c, a, b)))(f64([3]), f64([2, 1]));
  expectClose(ga, [1, 0, 2]);
  expectClose(gb, [[1], [2]]);
  // Second derivative through where: d2/da2 sum(where(c, a*a, b)) = 2 where c.
  checkGrads((a, b) => grads((x, y) => sum(where(c, mul(x, x), y)))(a, b)[0], [f64([2, 3]), f64([2, 3])]);
});

test('where: edge shapes and errors', () => {
  assert.deepEqual(where(zeros([0], 'bool'), zeros([0]), zeros([0])).shape, [0]);
  assert.deepEqual(where(zeros([2, 1], 'bool'), zeros([0]), 1).shape, [2, 0]);
  expectClose(where(tensor(false), 1, 2), 2);
  assert.throws(() => where(zeros([2, 3], 'bool'), zeros([4]), zeros([3])),
    /^ArgumentError: where: shapes cannot be broadcast together, received condition \[2,3\], a \[4\], b \[3\]$/);
  assert.throws(() => where(zeros([2], 'bool'), zeros([2]), zeros([3])), /condition \[2\], a \[2\], b \[3\]/);
  assert.throws(() => where(tensor([1, 0]), 1, 2), /^ArgumentError: where: condition must be a bool tensor, received dtype float32$/);
  assert.throws(() => where(tensor([true]), 'x' as unknown as number, 2), /^ArgumentError: where: /);
});
