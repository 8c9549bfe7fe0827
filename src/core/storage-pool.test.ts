import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, mul } from '../ops/arithmetic.js';
import { relu } from '../ops/activations.js';
import { tensor } from '../ops/convert.js';
import { randomNormal } from '../ops/creation.js';
import { matmul } from '../ops/matmul.js';
import { conv2d, conv2dBackpropInput } from '../ops/conv.js';
import { maxPool2d } from '../ops/pool.js';
import { sum } from '../ops/reduce-sum.js';
import { gradients } from './autograd.js';
import { forEachBackend } from '../testing/for-each-backend.js';
import { noGrad, withGradMode } from './grad-mode.js';
import { setSeed } from './random.js';
import { withInternal, withRecycling, withStep } from './storage-pool.js';
import type { Tensor } from './tensor.js';

const SIZE = 997; // a length no other test of this file allocates, so the pool's contents are known

test('storage a recycling scope does not return is reused, zeroed; returned storage is not', () => {
  const x = tensor(new Float32Array(SIZE).fill(1));
  const seen: { dead?: Float32Array } = {};
  const [kept] = withRecycling(() => {
    seen.dead = add(x, 1).storage as Float32Array;
    return [mul(x, 3)];
  }, (r) => r);
  const next = mul(x, 0);
  assert.equal(next.storage, seen.dead, 'the dead output storage serves the next allocation of its size');
  assert.ok(next.storage.every((v) => v === 0));
  assert.ok(kept.storage.every((v) => v === 3), 'the returned tensor keeps its values');
  assert.notEqual(add(x, 0).storage, kept.storage);
});

test('internal storage: reused at once without gradients, at the end of the step with them', () => {
  const x = tensor(new Float32Array(SIZE + 1).fill(2));
  const inner = (): { out: Tensor; tmp: () => Float32Array } => {
    let tmp: Float32Array | null = null;
    const out = withInternal(() => {
      const t = mul(x, 2);
      tmp = t.storage as Float32Array;
      return add(t, 1);
    }, (r) => [r]);
    return { out, tmp: () => tmp! };
  };
  const a = noGrad(inner);
  assert.equal(add(x, 0).storage, a.tmp(), 'without gradients the internal storage is free at once');
  assert.ok(a.out.storage.every((v) => v === 5));

  const w = tensor(new Float32Array(SIZE + 1).fill(1)).requiresGrad_();
  withGradMode(true, () => {
    let tmp: Float32Array | null = null;
    withStep(() => {
      const y = withInternal(() => {
        const t = mul(w, x);
        tmp = t.storage as Float32Array;
        return relu(t);
      }, (r) => [r]);
      assert.notEqual(add(x, 0).storage, tmp, 'during the step the graph still holds the internal storage');
      return y;
    });
    assert.equal(add(x, 0).storage, tmp, 'after the step it is free');
    // Outside a step, with gradients on, nothing is given back.
    const b = inner();
    assert.notEqual(add(x, 0).storage, b.tmp());
  });
});

forEachBackend('ops that write every output element are right on reused storage holding old values', () => {
  setSeed(4);
  {
    const a = randomNormal([64, 50]), b = randomNormal([50]), w = randomNormal([50, 50]);
    const expected = [add(a, b), relu(a), mul(a, -1), matmul(a, w)].map((t) => Array.from(t.storage));
    // Give back storage of every size used below, filled with garbage.
    withRecycling(() => {
      for (const t of [add(a, b), relu(a), mul(a, -1), matmul(a, w), add(a, b), relu(a)]) t.storage.fill(NaN);
      return [];
    }, () => []);
    const actual = [add(a, b), relu(a), mul(a, -1), matmul(a, w)].map((t) => Array.from(t.storage));
    assert.deepEqual(actual, expected);
  }
  {
    // Convolution, its input gradient, max pooling and its gradient (kernels that zero their own output).
    const x = randomNormal([3, 9, 9, 4]), f = randomNormal([3, 3, 4, 5]), dyConv = randomNormal([3, 9, 9, 5]);
    const dyPool = randomNormal([3, 4, 4, 4]);
    const xg = x.detach().requiresGrad_();
    const run = (): Tensor[] => [
      conv2d(x, f, { padding: 'same' }), conv2dBackpropInput(dyConv, f, [3, 9, 9, 4], { padding: 'same' }),
      maxPool2d(x, { poolSize: 2, strides: 2 }),
      ...gradients(sum(mul(maxPool2d(xg, { poolSize: 2, strides: 2 }), dyPool)), [xg]),
    ];
    const expected = run().map((t) => Array.from(t.storage));
    withRecycling(() => {
      for (let i = 0; i < 2; i++) for (const t of run()) t.storage.fill(NaN);
      return [];
    }, () => []);
    assert.deepEqual(run().map((t) => Array.from(t.storage)), expected);
  }
});
