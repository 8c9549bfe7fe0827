import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grad } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { div, mul } from './arithmetic.js';
import { cast } from './cast.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { sum } from './reduce-sum.js';
import { logSoftmax, softmax } from './softmax.js';
import { exp, log } from './unary-math.js';

const f64 = (shape: number[]): Tensor => randomNormal(shape, 0, 1, 'float64');

/** The textbook formulas, as reference. */
const naiveSoftmax = (x: Tensor, axis: number): Tensor => { const e = exp(x); return div(e, sum(e, axis, true)); };

test('softmax, logSoftmax: match the textbook formula along every axis', () => {
  setSeed(1);
  const x = f64([2, 3, 4]);
  for (const axis of [0, 1, 2, -1, -2, -3]) {
    expectClose(softmax(x, axis), naiveSoftmax(x, axis));
    expectClose(logSoftmax(x, axis), log(naiveSoftmax(x, axis)));
  }
  expectClose(sum(softmax(x, 1), 1), [[1, 1, 1, 1], [1, 1, 1, 1]]);
});

test('softmax, logSoftmax: stable for large inputs', () => {
  const x = tensor([[1000, 1001, 1002], [-1000, -1000, -1000]], undefined, 'float64');
  const p = [Math.exp(-2), Math.exp(-1), 1];
  const z = p[0] + p[1] + p[2];
  expectClose(softmax(x), [p.map((v) => v / z), [1 / 3, 1 / 3, 1 / 3]]);
  expectClose(logSoftmax(x), [[-2 - Math.log(z), -1 - Math.log(z), -Math.log(z)], [-Math.log(3), -Math.log(3), -Math.log(3)]]);
  const y32 = softmax(tensor([[1e4, 0, -1e4]]));
  expectClose(y32, [[1, 0, 0]]);
  expectClose(logSoftmax(tensor([0, -Infinity], undefined, 'float64')), [0, -Infinity]);
  expectClose(softmax(tensor([-Infinity, -Infinity], undefined, 'float64')), [NaN, NaN]);
});

test('softmax, logSoftmax: gradients and second derivatives', () => {
  setSeed(2);
  for (const axis of [0, 1, -1]) {
    checkGrads((x) => softmax(x, axis), [f64([3, 4])]);
    checkGrads((x) => logSoftmax(x, axis), [f64([3, 4])]);
  }
  checkGrads((x) => softmax(x, 1), [f64([2, 3, 2])]);
  const w = f64([3, 4]);
  const dsm = grad((z) => sum(mul(softmax(z), w)));
  const dlsm = grad((z) => sum(mul(logSoftmax(z, 0), w)));
  checkGrads((x) => dsm(x), [f64([3, 4])]);
  checkGrads((x) => dlsm(x), [f64([3, 4])]);
});

test('softmax, logSoftmax: edge shapes', () => {
  expectClose(softmax(tensor(3)), 1);
  expectClose(logSoftmax(tensor(3), 0), 0);
  assert.deepEqual(softmax(tensor(3)).shape, []);
  expectClose(softmax(tensor([[5]])), [[1]]);
  assert.deepEqual(softmax(zeros([0, 3])).shape, [0, 3]);
  assert.deepEqual(logSoftmax(zeros([2, 0]), 1).shape, [2, 0]);
  assert.deepEqual(softmax(zeros([2, 0, 3]), 1).shape, [2, 0, 3]);
  assert.equal(softmax(tensor([1, 2], undefined, 'int32')).dtype, 'float32');
  assert.equal(logSoftmax(tensor([1, 2], undefined, 'float64')).dtype, 'float64');
});

test('softmax, logSoftmax: float32 close to float64', () => {
  setSeed(3);
  const x = randomNormal([4, 7], 0, 3, 'float64');
  expectClose(softmax(cast(x, 'float32')), softmax(x), { rtol: 1e-5, atol: 1e-6 });
  expectClose(logSoftmax(cast(x, 'float32'), 0), logSoftmax(x, 0), { rtol: 1e-5, atol: 1e-5 });
});

test('softmax, logSoftmax: axis out of range is an ArgumentError', () => {
  assert.throws(() => softmax(zeros([2, 3]), 2), /^ArgumentError: softmax: axis must be an integer in \[-2, 1\], received 2$/);
  assert.throws(() => logSoftmax(zeros([2, 3]), -3), /^ArgumentError: logSoftmax: axis must be an integer in \[-2, 1\], received -3$/);
  assert.throws(() => softmax(tensor(1), 1), /softmax: axis must be an integer in \[-1, 0\], received 1/);
  assert.throws(() => softmax(zeros([2]), 0.5), /softmax: axis must be an integer/);
});
