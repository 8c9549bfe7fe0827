import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from './convert.js';
import { zeros } from './creation.js';
import { logicalAnd, logicalNot, logicalOr, logicalXor } from './logical.js';

const T = true, F = false;

test('logical ops: truth tables with broadcasting', () => {
  const a = tensor([[T], [F]]), b = tensor([T, F]);
  assert.deepEqual(logicalAnd(a, b).arraySync(), [[T, F], [F, F]]);
  assert.deepEqual(logicalOr(a, b).arraySync(), [[T, T], [T, F]]);
  assert.deepEqual(logicalXor(a, b).arraySync(), [[F, T], [T, F]]);
  assert.deepEqual(logicalNot(b).arraySync(), [F, T]);
  assert.equal(logicalAnd(a, b).dtype, 'bool');
  assert.equal(logicalNot(b).dtype, 'bool');
  assert.deepEqual(logicalOr([F, F], true).arraySync(), [T, T]);
});

test('logical ops: edge shapes', () => {
  for (const f of [logicalAnd, logicalOr, logicalXor]) {
    assert.deepEqual(f(zeros([0, 2], 'bool'), zeros([2], 'bool')).shape, [0, 2]);
    assert.deepEqual(f(true, false).shape, []);
    assert.deepEqual(f(tensor([T]), tensor([[F]])).shape, [1, 1]);
  }
  assert.deepEqual(logicalNot(zeros([0], 'bool')).shape, [0]);
  assert.equal(logicalNot(true).item(), 0);
});

test('logical ops: non-bool input and incompatible shapes are ArgumentErrors', () => {
  assert.throws(() => logicalAnd(tensor([1, 0]), tensor([T, F])),
    /^ArgumentError: logicalAnd: expected bool tensors, received a of dtype float32 and b of dtype bool$/);
  assert.throws(() => logicalOr(tensor([T]), tensor([1], undefined, 'int32')), /logicalOr: expected bool tensors, received a of dtype bool and b of dtype int32/);
  assert.throws(() => logicalXor(1, 0), /logicalXor: expected bool tensors/);
  assert.throws(() => logicalNot(tensor([1.5])), /^ArgumentError: logicalNot: expected a bool tensor, received dtype float32$/);
  assert.throws(() => logicalAnd(zeros([2], 'bool'), zeros([3], 'bool')), /^ArgumentError: logicalAnd: shapes cannot be broadcast together, received \[2\] and \[3\]$/);
});
