import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grad, gradients } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { mul } from './arithmetic.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { argmax, argmin, logSumExp, max, mean, min, norm, prod, variance } from './reduce.js';
import { sum } from './reduce-sum.js';

const rn = (shape: number[]) => randomNormal(shape, 0, 1, 'float64');
const f64 = (v: number[] | number[][]) => tensor(v, undefined, 'float64');
const i32 = (v: number[] | number[][]) => tensor(v, undefined, 'int32');
const gradOf = (f: (x: Tensor) => Tensor, x: Tensor): Tensor => {
  const leaf = x.detach().requiresGrad_();
  return gradients(sum(f(leaf)), [leaf])[0];
};
const m = () => tensor([[1, 5, 2], [7, 0, 7]]);

test('mean over axes, keepDims, negative axes; int32 and bool average in float32', () => {
  expectClose(mean(m()), 22 / 6);
  expectClose(mean(m(), 1), [8 / 3, 14 / 3]);
  expectClose(mean(m(), -2, true), [[4, 2.5, 4.5]]);
  expectClose(mean(m(), [0, 1], true), [[22 / 6]]);
  const i = mean(i32([1, 2]));
  assert.equal(i.dtype, 'float32');
  expectClose(i, 1.5);
  expectClose(mean(tensor([true, false, true, true])), 0.75);
  assert.equal(mean(f64([1])).dtype, 'float64');
  expectClose(mean(tensor(4)), 4);
});

test('reductions over an empty axis: sum 0, prod 1, mean NaN, logSumExp -Infinity, norms 0', () => {
  const e = zeros([2, 0]);
  expectClose(sum(e, 1), [0, 0]);
  expectClose(prod(e, 1), [1, 1]);
  expectClose(mean(e, 1), [NaN, NaN]);
  expectClose(mean(zeros([0])), NaN);
  expectClose(variance(e, 1), [NaN, NaN]);
  expectClose(logSumExp(e, -1), [-Infinity, -Infinity]);
  expectClose(norm(e, 'euclidean', 1), [0, 0]);
  expectClose(norm(e, 1, 1), [0, 0]);
  expectClose(norm(e, Infinity, 1), [0, 0]);
  expectClose(norm(e, Infinity, [0, 1]), 0);
  assert.deepEqual(max(e, 0).shape, [0]); // no group is empty: nothing to reduce
});

test('max and min (NaN propagates) throw over an empty axis', () => {
  expectClose(max(m()), 7);
  expectClose(max(m(), -1), [5, 7]);
  expectClose(min(m(), 0, true), [[1, 0, 2]]);
  expectClose(max(tensor([1, NaN, 3])), NaN);
  expectClose(min(tensor([NaN, 1])), NaN);
  const i = max(i32([[-5, -3]]), 1);
  assert.equal(i.dtype, 'int32');
  assert.deepEqual([...i.dataSync()], [-3]);
  expectClose(max(tensor(3)), 3);
  assert.throws(() => max(zeros([2, 0]), 1), /max: cannot reduce an empty axis \(max has no identity\), received x \[2,0\] with axes \[1\]/);
  assert.throws(() => min(zeros([0])), /min: cannot reduce an empty axis/);
  assert.throws(() => max(m(), 2), /max: axis must be an integer in \[-2, 1\], received 2/);
  assert.throws(() => min(m(), [1, -1]), /min: axes must not repeat, received \[1,-1\]/);
});

test('max/min gradients split the cotangent equally among ties', () => {
  expectClose(gradOf((x) => max(x, 1), f64([[1, 5, 2], [7, 0, 7]])), [[0, 1, 0], [0.5, 0, 0.5]]);
  expectClose(gradOf((x) => min(x), f64([2, 1, 1, 1])), [0, 1 / 3, 1 / 3, 1 / 3]);
  setSeed(20);
  checkGrads((x) => max(x, 1), [rn([3, 4])]);
  checkGrads((x) => max(x, [-1, 0], true), [rn([2, 3, 4])]);
  checkGrads((x) => min(mul(x, x), -2), [rn([4, 3])]);
  checkGrads((x) => min(x), [rn([5])]);
});

test('prod, with exact gradients when zeros are present', () => {
  expectClose(prod(tensor([[1, 2], [3, 4]]), 1), [2, 12]);
  expectClose(prod(tensor([[1, 2], [3, 4]]), -2, true), [[3, 8]]);
  expectClose(prod(tensor([[1, 2], [3, 4]])), 24);
  const b = prod(tensor([true, true]));
  assert.equal(b.dtype, 'int32');
  expectClose(gradOf((x) => prod(x), f64([2, 0, 3])), [0, 6, 0]);
  expectClose(gradOf((x) => prod(x), f64([0, 0, 3])), [0, 0, 0]);
  expectClose(gradOf((x) => prod(x, 1), f64([[2, 3, 4], [0, 5, 1]])), [[12, 8, 6], [5, 0, 0]]);
  setSeed(21);
  checkGrads((x) => prod(x, 1), [rn([3, 5])]);
  checkGrads((x) => prod(x, [0, 2], true), [rn([2, 3, 3])]);
  checkGrads((x) => prod(x), [f64([1.5, 0, -2, 0.5, 3, 0.7, 1.1])]);
  checkGrads((x) => prod(x, -1), [f64([[0, 2, 0], [1, 0, 3]])]);
});

test('prod is twice differentiable at zeros', () => {
  // d/dx (d/dx prod) with f = prod([a, b, c]): the Hessian-vector product with ones is [b+c, a+c, a+b].
  const x = f64([2, 0, 3]).requiresGrad_();
  const [g] = gradients(prod(x), [x], undefined, { createGraph: true });
  const [h] = gradients(sum(g), [x]);
  expectClose(h, [3, 5, 2]);
});

test('argmax and argmin: int32, first occurrence, flattened when axis is omitted', () => {
  const a = argmax(m(), 1);
  assert.equal(a.dtype, 'int32');
  assert.deepEqual([...a.dataSync()], [1, 0]);
  assert.deepEqual([...argmax(m()).dataSync()], [3]);
  assert.deepEqual(argmax(m()).shape, []);
  assert.deepEqual([...argmin(m(), -2).dataSync()], [0, 1, 0]);
  assert.deepEqual([...argmin(tensor([3, 1, 1])).dataSync()], [1]);
  assert.deepEqual([...argmax(tensor([1, NaN, 5, NaN])).dataSync()], [1]);
  assert.deepEqual([...argmax(tensor(5)).dataSync()], [0]);
  assert.deepEqual(argmax(zeros([0, 3]), 1).shape, [0]);
  assert.throws(() => argmax(zeros([2, 0]), 1), /argmax: cannot take the argmax of an empty axis, received x \[2,0\] with axis 1/);
  assert.throws(() => argmin(zeros([0])), /argmin: cannot take the argmin of an empty axis/);
  assert.throws(() => argmax(m(), -3), /argmax: axis must be an integer in \[-2, 1\], received -3/);
});

test('variance is the population variance', () => {
  expectClose(variance(tensor([1, 2, 3, 4])), 1.25);
  expectClose(variance(f64([[1, 3], [5, 9]]), 0, true), [[4, 9]]);
  expectClose(variance(f64([[1, 3], [5, 9]]), -1), [1, 4]);
  expectClose(variance(i32([1, 3])), 1);
  setSeed(22);
  checkGrads((x) => variance(x, 1), [rn([3, 4])]);
  checkGrads((x) => variance(x, [0, -1], true), [rn([2, 3, 4])]);
  checkGrads((x) => variance(x), [rn([5])]);
  assert.throws(() => variance(m(), 5), /variance: axis must be an integer/);
});

test('logSumExp is stable for large, -Infinity and +Infinity inputs', () => {
  expectClose(logSumExp(tensor([1000, 1000])), 1000 + Math.log(2));
  expectClose(logSumExp(f64([[-1000, -1000], [0, Math.log(3)]]), 1), [-1000 + Math.log(2), Math.log(4)]);
  expectClose(logSumExp(tensor([-Infinity, -Infinity])), -Infinity);
  expectClose(logSumExp(tensor([-Infinity, 0])), 0);
  expectClose(logSumExp(tensor([Infinity, 1])), Infinity);
  expectClose(logSumExp(tensor([NaN, 1])), NaN);
  expectClose(logSumExp(f64([[1, 2]]), -1, true), [[Math.log(Math.E + Math.E ** 2)]]);
  setSeed(23);
  checkGrads((x) => logSumExp(x, 1), [rn([3, 4])]);
  checkGrads((x) => logSumExp(mul(x, 3), [-1, 0], true), [rn([2, 3, 2])]);
  checkGrads((x) => logSumExp(x), [rn([4])]);
});

test('logSumExp and prod are twice differentiable', () => {
  setSeed(24);
  // grad(f) records its own backward pass when its input already requires a gradient (grad of grad).
  checkGrads((x) => {
    const g = grad((t) => logSumExp(t))(x);
    return mul(g, g);
  }, [rn([4])]);
  checkGrads((x) => grad((t) => prod(t))(x), [f64([2, 0, 3, -1])]);
});

test('norm: vector norms over one axis or all elements, matrix norms over a pair of axes', () => {
  const v = tensor([[1, -2], [3, 4]]);
  expectClose(norm(tensor([3, 4])), 5);
  expectClose(norm(v), Math.sqrt(30));
  expectClose(norm(v, 'fro'), Math.sqrt(30));
  expectClose(norm(v, 2, 1), [Math.sqrt(5), 5]);
  expectClose(norm(v, 1, 1), [3, 7]);
  expectClose(norm(v, 1, -2, true), [[4, 6]]);
  expectClose(norm(v, Infinity, 1), [2, 4]);
  expectClose(norm(v, Infinity), 4);
  expectClose(norm(v, 1), 10);
  expectClose(norm(v, 1, [0, 1]), 6); // max column sum
  expectClose(norm(v, Infinity, [0, 1]), 7); // max row sum
  expectClose(norm(v, 1, [1, 0]), 7); // rows and columns swapped
  expectClose(norm(v, 'fro', [-2, -1], true), [[Math.sqrt(30)]]);
  assert.equal(norm(i32([3, 4])).dtype, 'float32');
});

test('norm gradients, with 0 (not NaN) at the origin for the euclidean norm', () => {
  expectClose(gradOf((x) => norm(x), f64([0, 0])), [0, 0]);
  expectClose(gradOf((x) => norm(x, 2, 1), f64([[0, 0], [3, 4]])), [[0, 0], [0.6, 0.8]]);
  setSeed(25);
  checkGrads((x) => norm(x), [rn([3, 4])]);
  checkGrads((x) => norm(x, 2, -1, true), [rn([3, 4])]);
  checkGrads((x) => norm(x, 1, 0), [rn([3, 4])]);
  checkGrads((x) => norm(x, Infinity, 1), [rn([3, 4])]);
  checkGrads((x) => norm(x, 1, [0, 1]), [rn([3, 4])]);
  checkGrads((x) => norm(x, Infinity, [1, 2], true), [rn([2, 3, 4])]);
});

test('norm rejects bad ord and axis', () => {
  assert.throws(() => norm(m(), 3), /norm: ord must be 'euclidean', 'fro', 1, 2 or Infinity, received number 3/);
  assert.throws(() => norm(m(), 2, [0, 1]), /norm: the spectral norm \(ord 2 over two axes\) is not supported, received axis \[0,1\]/);
  assert.throws(() => norm(m(), 1, [0, 1, 0]), /norm: axis must be a number, a pair of axes or undefined, received \[0,1,0\]/);
  assert.throws(() => norm(m(), 1, [0, -2]), /norm: axes must not repeat/);
  assert.throws(() => norm(m(), 1, 2), /norm: axis must be an integer in \[-2, 1\], received 2/);
});
