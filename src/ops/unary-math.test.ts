import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grad } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { cast } from './cast.js';
import { tensor } from './convert.js';
import { randomNormal, randomUniform, zeros } from './creation.js';
import { sum } from './reduce-sum.js';
import {
  abs, ceil, clip, clipByValue, cos, erf, exp, expm1, floor, log, log1p, reciprocal, round, rsqrt, sign, sin, sqrt,
  square,
} from './unary-math.js';

const f64 = (shape: number[]): Tensor => randomNormal(shape, 0, 1, 'float64');
const positive = (shape: number[]): Tensor => randomUniform(shape, 0.2, 3, 'float64');

const UNARY: [string, (x: Tensor) => Tensor, (shape: number[]) => Tensor][] = [
  ['square', square, f64], ['sqrt', sqrt, positive], ['rsqrt', rsqrt, positive], ['exp', exp, f64],
  ['expm1', expm1, f64], ['log', log, positive], ['log1p', log1p, positive], ['abs', abs, f64],
  ['reciprocal', reciprocal, positive], ['sin', sin, f64], ['cos', cos, f64], ['erf', erf, f64],
  ['clip', (x) => clip(x, -0.5, 0.7), f64],
];

test('unary math: gradients match finite differences', () => {
  setSeed(1);
  for (const [name, f, gen] of UNARY) {
    assert.doesNotThrow(() => checkGrads(f, [gen([3, 4])]), name);
  }
});

test('unary math: second derivatives match finite differences (gradients are differentiable)', () => {
  setSeed(2);
  for (const [name, f, gen] of UNARY) {
    const df = grad((z) => sum(f(z)));
    assert.doesNotThrow(() => checkGrads((x) => df(x), [gen([5])]), name);
  }
});

test('unary math: grad(grad(exp)), grad(grad(sin)) and grad(grad(log)) equal their closed forms', () => {
  const x = tensor([-1, 0.5, 2], undefined, 'float64');
  const second = (f: (z: Tensor) => Tensor): Tensor => grad((z) => sum(grad((w) => sum(f(w)))(z)))(x);
  expectClose(second(exp), [-1, 0.5, 2].map(Math.exp));
  expectClose(second(sin), [-1, 0.5, 2].map((v) => -Math.sin(v)));
  const xp = tensor([0.5, 1, 2], undefined, 'float64');
  expectClose(grad((z) => sum(grad((w) => sum(log(w)))(z)))(xp), [-4, -1, -0.25]);
});

test('unary math: piecewise-constant ops have zero gradients', () => {
  const x = tensor([-1.5, 0.3, 2.5], undefined, 'float64');
  for (const f of [sign, floor, ceil, round]) expectClose(grad((z) => sum(f(z)))(x), [0, 0, 0]);
});

test('unary math: abs gradient is sign (0 at 0), clip gradient passes on the closed interval', () => {
  expectClose(grad((z) => sum(abs(z)))(tensor([-2, 0, 3], undefined, 'float64')), [-1, 0, 1]);
  expectClose(grad((z) => sum(clip(z, -1, 1)))(tensor([-2, -1, 0, 1, 2], undefined, 'float64')), [0, 1, 1, 1, 0]);
});

test('round: halves to even, like PyTorch and TensorFlow', () => {
  expectClose(round(tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 2.4999, -3.7])), [-2, -2, -0, 0, 2, 2, 4, 2, -4]);
  assert.ok(Object.is(round(tensor([-0.5])).item(), -0));
});

test('sign, floor, ceil: zeros, signed zeros and NaN', () => {
  const x = tensor([-0, 0, NaN, -3.2, 3.2]);
  assert.deepEqual(Array.from(sign(x).dataSync()), [-0, 0, NaN, -1, 1]);
  assert.deepEqual(Array.from(floor(x).dataSync()), [-0, 0, NaN, -4, 3]);
  assert.deepEqual(Array.from(ceil(x).dataSync()), [-0, 0, NaN, -3, 4]);
});

test('unary math: special values', () => {
  assert.deepEqual(Array.from(log(tensor([0, -1, Infinity])).dataSync()), [-Infinity, NaN, Infinity]);
  assert.deepEqual(Array.from(sqrt(tensor([-1, 0, Infinity])).dataSync()), [NaN, 0, Infinity]);
  assert.deepEqual(Array.from(reciprocal(tensor([0, -0])).dataSync()), [Infinity, -Infinity]);
  assert.deepEqual(Array.from(exp(tensor([-Infinity, 1000])).dataSync()), [0, Infinity]);
  expectClose(expm1(tensor([1e-10], undefined, 'float64')), [1.00000000005e-10]);
  expectClose(log1p(tensor([1e-10], undefined, 'float64')), [9.9999999995e-11]);
  assert.ok(Number.isNaN(clip(tensor([NaN]), 0, 1).item()), 'clip propagates NaN');
});

test('dtype policy: integer-closed ops keep int32, float-valued ops compute in float32, bool is rejected', () => {
  const i = tensor([-2, 0, 3], undefined, 'int32');
  for (const f of [square, abs, sign, floor, ceil, round]) assert.equal(f(i).dtype, 'int32');
  assert.deepEqual(Array.from(square(i).dataSync()), [4, 0, 9]);
  assert.equal(clip(i, -1, 1).dtype, 'int32');
  assert.deepEqual(Array.from(clip(i, -1, 1).dataSync()), [-1, 0, 1]);
  assert.equal(clip(i, -0.5, 1).dtype, 'float32');
  assert.equal(clip(i, 0, Infinity).dtype, 'int32');
  for (const f of [sqrt, rsqrt, exp, expm1, log, log1p, reciprocal, sin, cos, erf]) assert.equal(f(i).dtype, 'float32');
  expectClose(exp(i), [Math.exp(-2), 1, Math.exp(3)]);
  expectClose(exp(tensor([true, false])), [Math.E, 1]);
  assert.equal(exp(tensor([1], undefined, 'float64')).dtype, 'float64');
  for (const f of [square, abs, sign, floor, ceil, round]) {
    assert.throws(() => f(tensor([true])), /expected a numeric tensor \(float32, float64 or int32\), received dtype bool/);
  }
  assert.throws(() => clip(tensor([true]), 0, 1), /^ArgumentError: clip: expected a numeric tensor/);
});

test('unary math: edge shapes (size 0, scalar, size 1)', () => {
  for (const [name, f] of UNARY) {
    assert.deepEqual(f(zeros([0])).shape, [0], name);
    assert.deepEqual(f(zeros([2, 0, 3])).shape, [2, 0, 3], name);
    assert.deepEqual(f(tensor(0.5)).shape, [], name);
    assert.deepEqual(f(tensor([[0.5]])).shape, [1, 1], name);
  }
  expectClose(sqrt(4), 2);
  expectClose(square([[3]]), [[9]]);
});

test('clip: validates its bounds, clipByValue is the same function', () => {
  assert.throws(() => clip(tensor([1]), 2, 1), /^ArgumentError: clip: min must not exceed max, received min 2 > max 1$/);
  assert.throws(() => clip(tensor([1]), NaN, 1), /clip: min and max must be numbers, received NaN and 1/);
  assert.equal(clipByValue, clip);
  expectClose(clipByValue(tensor([-2, 3]), -1, 1), [-1, 1]);
});

test('unary math: float32 forward is close to float64', () => {
  setSeed(3);
  for (const [name, f, gen] of UNARY) {
    const x = gen([50]);
    assert.doesNotThrow(() => expectClose(f(cast(x, 'float32')), f(x), { rtol: 1e-5, atol: 1e-6 }), name);
  }
});
