import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grad } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { tensor } from './convert.js';
import { ones, randomNormal, zeros } from './creation.js';
import { dropout } from './dropout.js';
import { sum } from './reduce-sum.js';

test('dropout: the same seed gives the same mask, another seed another one', () => {
  const x = ones([200]);
  const a = dropout(x, 0.5, { seed: 7 }).dataSync();
  assert.deepEqual(dropout(x, 0.5, { seed: 7 }).dataSync(), a);
  assert.notDeepEqual(dropout(x, 0.5, { seed: 8 }).dataSync(), a);
  setSeed(3);
  const g = dropout(x, 0.5).dataSync();
  setSeed(3);
  assert.deepEqual(dropout(x, 0.5).dataSync(), g);
  assert.notDeepEqual(dropout(x, 0.5).dataSync(), g, 'the global generator advances');
});

test('dropout: inverted scaling keeps the expected mean', () => {
  const rate = 0.3, n = 20000;
  const y = dropout(ones([n], 'float64'), rate, { seed: 1 }).dataSync();
  let total = 0, dropped = 0;
  for (const v of y) {
    total += v;
    if (v === 0) dropped++;
    else assert.ok(Math.abs(v - 1 / (1 - rate)) < 1e-12);
  }
  // Standard deviation of the mean is about 0.0046 and of the dropped fraction 0.0032: 4-sigma bounds.
  assert.ok(Math.abs(total / n - 1) < 0.02, `mean ${total / n}`);
  assert.ok(Math.abs(dropped / n - rate) < 0.013, `dropped ${dropped / n}`);
});

test('dropout: the gradient is the mask divided by 1 - rate', () => {
  setSeed(2);
  const rate = 0.4;
  const x = randomNormal([6, 5], 0, 1, 'float64');
  const y = dropout(x, rate, { seed: 11 });
  const g = grad((z) => sum(dropout(z, rate, { seed: 11 })))(x);
  const expected = Array.from(y.dataSync(), (v) => (v === 0 ? 0 : 1 / (1 - rate)));
  expectClose(g, tensor(Float64Array.from(expected), [6, 5], 'float64'));
  checkGrads((z) => dropout(z, rate, { seed: 5 }), [x]);
});

test('dropout: noiseShape shares one draw along its size-1 axes', () => {
  const y = dropout(ones([4, 5, 3]), 0.5, { noiseShape: [4, 1, 3], seed: 3 }).arraySync() as number[][][];
  for (const plane of y) for (const row of plane) assert.deepEqual(row, plane[0]);
  const flat = y.flat(2);
  assert.ok(flat.includes(0) && flat.includes(2), 'some kept, some dropped');
  assert.deepEqual(dropout(ones([2, 3]), 0.5, { noiseShape: [3], seed: 1 }).shape, [2, 3]);
});

test('dropout: rate 0 returns x, dtypes and edge shapes', () => {
  const x = ones([3]);
  assert.equal(dropout(x, 0), x);
  assert.equal(dropout(ones([3], 'float64'), 0.5, { seed: 1 }).dtype, 'float64');
  assert.equal(dropout(tensor([1, 2], undefined, 'int32'), 0.5, { seed: 1 }).dtype, 'float32');
  assert.deepEqual(dropout(zeros([0, 4]), 0.5).shape, [0, 4]);
  assert.deepEqual(dropout(tensor(2), 0.5, { seed: 1 }).shape, []);
  assert.deepEqual(dropout(tensor([2]), 0.5, { seed: 1 }).shape, [1]);
});

test('dropout: invalid arguments are ArgumentErrors', () => {
  const x = ones([4, 5]);
  assert.throws(() => dropout(x, 1.5), /^ArgumentError: dropout: rate must be a number in \[0, 1\), received number 1.5$/);
  assert.throws(() => dropout(x, 1), /dropout: rate must be a number in \[0, 1\), received number 1/);
  assert.throws(() => dropout(x, -0.1), /received number -0.1/);
  assert.throws(() => dropout(x, NaN), /received number NaN/);
  assert.throws(() => dropout(x, 0.5, { noiseShape: [2, 2] }), /^ArgumentError: dropout: noiseShape must broadcast to x's shape \[4,5\], received \[2,2\]$/);
  assert.throws(() => dropout(x, 0.5, { noiseShape: [1, 4, 5] }), /noiseShape must broadcast to x's shape \[4,5\], received \[1,4,5\]/);
  assert.throws(() => dropout(x, 0.5, { noiseShape: [4, -1] }), /dropout: noiseShape must be an array of non-negative integers, received \[4,-1\]/);
  assert.throws(() => dropout(x, 0.5, { seed: 'a' as unknown as number }), /^ArgumentError: dropout: seed must be a finite number, received 'a'$/);
});
