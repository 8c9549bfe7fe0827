import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../ops/convert.js';
import { add, mul, div, sub } from '../ops/arithmetic.js';
import { sum } from '../ops/reduce-sum.js';
import { backward, grad, grads, gradients, valueAndGrad } from './autograd.js';
import { noGrad } from './grad-mode.js';
import { expectClose } from '../testing/expect-close.js';
import '../ops/methods.js';

const f64 = (v: number[] | number[][]) => tensor(v, undefined, 'float64');

test('backward accumulates into .grad of leaves across calls', () => {
  const x = f64([1, 2, 3]).requiresGrad_();
  const y = sum(mul(x, x));
  y.backward();
  expectClose(x.grad!, [2, 4, 6]);
  sum(mul(x, 3)).backward();
  expectClose(x.grad!, [5, 7, 9]);
});

test('a tensor used twice receives the sum of both paths', () => {
  const x = f64([3]).requiresGrad_();
  const y = add(mul(x, x), mul(x, 2)); // x^2 + 2x -> 2x + 2
  y.backward();
  expectClose(x.grad!, [8]);
});

test('broadcasting is undone in gradients', () => {
  const a = f64([[1, 2, 3], [4, 5, 6]]).requiresGrad_();
  const b = f64([10, 20, 30]).requiresGrad_();
  const c = f64([[2]]).requiresGrad_();
  sum(mul(add(a, b), c)).backward();
  expectClose(b.grad!, [4, 4, 4]);
  expectClose(c.grad!, [[141]]); // sum(a + b) = 21 + 2 * 60
  expectClose(a.grad!, [[2, 2, 2], [2, 2, 2]]);
});

test('backward needs a one-element output or an explicit dy of the same shape', () => {
  const x = f64([1, 2]).requiresGrad_();
  assert.throws(() => mul(x, 2).backward(), /backward: an implicit gradient needs a one-element output, received shape \[2\]/);
  assert.throws(() => mul(x, 2).backward(f64([1])), /backward: dy must have the output's shape \[2\], received \[1\]/);
  mul(x, 2).backward(f64([1, 10]));
  expectClose(x.grad!, [2, 20]);
  assert.throws(() => f64([1]).backward(), /backward: the tensor does not require a gradient/);
});

test('noGrad stops recording', () => {
  const x = f64([1]).requiresGrad_();
  const y = noGrad(() => mul(x, 2));
  assert.equal(y.requiresGrad, false);
});

test('retainGrad keeps an intermediate gradient', () => {
  const x = f64([2]).requiresGrad_();
  const h = mul(x, x).retainGrad();
  sum(mul(h, 3)).backward();
  expectClose(h.grad!, [3]);
  expectClose(x.grad!, [12]);
});

test('grad, grads and valueAndGrad return gradients without touching .grad', () => {
  const f = (x: import('./tensor.js').Tensor) => sum(mul(mul(x, x), x));
  const x = f64([1, 2]);
  expectClose(grad(f)(x), [3, 12]);
  assert.equal(x.grad, null);
  const { value, grad: g } = valueAndGrad(f)(x);
  expectClose(value, 9);
  expectClose(g, [3, 12]);
  const [da, db] = grads((a, b) => sum(div(a, b)))(f64([1, 2]), f64([4, 8]));
  expectClose(da, [0.25, 0.125]);
  expectClose(db, [-1 / 16, -2 / 64]);
});

test('gradients of gradients: d2/dx2 of x^3 is 6x, d3/dx3 is 6', () => {
  const cube = (x: import('./tensor.js').Tensor) => sum(mul(mul(x, x), x));
  const d2 = grad((x) => sum(grad(cube)(x)));
  expectClose(d2(f64([2, -1])), [12, -6]);
  const d3 = grad((x) => sum(grad((y) => sum(grad(cube)(y)))(x)));
  expectClose(d3(f64([5])), [6]);
});

test('gradients returns zeros for inputs the output does not depend on', () => {
  const a = f64([1]).requiresGrad_();
  const b = f64([1, 2]).requiresGrad_();
  const [ga, gb] = gradients(sum(sub(a, 1)), [a, b]);
  expectClose(ga, [1]);
  expectClose(gb, [0, 0]);
});

test('deep graphs do not overflow the stack', () => {
  const x = f64([1]).requiresGrad_();
  let y = x;
  for (let i = 0; i < 20000; i++) y = add(y, 1);
  backward(sum(y));
  expectClose(x.grad!, [1]);
});
