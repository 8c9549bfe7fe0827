import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradients } from '../core/autograd.js';
import { tensor } from '../ops/convert.js';
import { expectClose } from '../testing/expect-close.js';
import { L1L2, getRegularizer, regularizers } from './regularizers.js';
import { deserialize } from './registry.js';
import type { Regularizer } from './regularizers.js';

test('l1, l2 and l1l2 penalties and their gradients', () => {
  const w = tensor([1, -2, 3], undefined, 'float64').requiresGrad_();
  expectClose(regularizers.l1({ l1: 0.1 }).apply(w), 0.6);
  expectClose(regularizers.l2({ l2: 0.1 }).apply(w), 1.4);
  const both = regularizers.l1l2({ l1: 0.1, l2: 0.1 }).apply(w);
  expectClose(both, 2.0);
  const [g] = gradients(both, [w]);
  expectClose(g, [0.1 + 0.2, -0.1 - 0.4, 0.1 + 0.6]);
  expectClose(regularizers.l1l2({ l1: 0, l2: 0 }).apply(w), 0);
});

test('defaults and configs follow TensorFlow.js ({className: "L1L2", config: {l1, l2}})', () => {
  assert.deepEqual(regularizers.l2().serialize(), { className: 'L1L2', config: { l1: 0, l2: 0.01 } });
  assert.deepEqual(regularizers.l1().serialize(), { className: 'L1L2', config: { l1: 0.01, l2: 0 } });
  assert.deepEqual(new L1L2().getConfig(), { l1: 0.01, l2: 0.01 });
  const back = deserialize<Regularizer>('regularizer', { className: 'L1L2', config: { l1: 0.5, l2: 0.25 } });
  assert.deepEqual(back.getConfig(), { l1: 0.5, l2: 0.25 });
  // Keras 2 writes l2() as class L2.
  assert.deepEqual(deserialize<Regularizer>('regularizer', { className: 'L2', config: { l2: 0.3 } }).getConfig(), { l1: 0, l2: 0.3 });
});

test('getRegularizer resolves names, instances and configs', () => {
  assert.equal(getRegularizer(null), null);
  assert.deepEqual(getRegularizer('l1l2')!.getConfig(), { l1: 0.01, l2: 0.01 });
  assert.deepEqual(getRegularizer('l2')!.getConfig(), { l1: 0, l2: 0.01 });
  const r = regularizers.l1();
  assert.equal(getRegularizer(r), r);
  assert.throws(() => getRegularizer('l3'), /unknown regularizer 'l3', expected one of l1, l2, l1l2/);
  assert.throws(() => regularizers.l1l2({ l1: -1 }), /l1 must be a finite number >= 0, received number -1/);
});
