import { test } from 'node:test';
import assert from 'node:assert/strict';
import { op, run } from '../core/op.js';
import { tensor } from '../ops/convert.js';
import { mul } from '../ops/arithmetic.js';
import { randomNormal } from '../ops/creation.js';
import { sameInfo } from '../ops/infer.js';
import { unaryKernel } from '../ops/kernels/elementwise.js';
import { setSeed } from '../core/random.js';
import { checkGrads } from './check-grads.js';
import type { Tensor } from '../core/tensor.js';

// x^3 with a deliberately wrong gradient (2x instead of 3x^2): the checker must catch it.
const WrongCube = op({
  name: 'WrongCube', api: 'wrongCube',
  infer: sameInfo('wrongCube'),
  kernel: unaryKernel((x) => x * x * x),
  grad: ({ dys: [dy], inputs: [x] }) => [mul(dy, mul(x, 2))],
});
const RightCube = op({
  name: 'RightCube', api: 'rightCube',
  infer: sameInfo('rightCube'),
  kernel: unaryKernel((x) => x * x * x),
  grad: ({ dys: [dy], inputs: [x] }) => [mul(dy, mul(mul(x, x), 3))],
});

test('checkGrads accepts a correct gradient', () => {
  setSeed(1);
  checkGrads((x: Tensor) => run(RightCube, [x], {}), [randomNormal([3, 4], 0, 1, 'float64')]);
});

test('checkGrads rejects a wrong gradient', () => {
  setSeed(1);
  assert.throws(() => checkGrads((x: Tensor) => run(WrongCube, [x], {}), [randomNormal([3, 4], 0, 1, 'float64')]),
    /checkGrads: analytic directional derivative .* differs from finite difference/);
});

test('checkGrads requires float64 inputs', () => {
  assert.throws(() => checkGrads((x: Tensor) => x, [tensor([1])]), /input 0 must be float64/);
});
