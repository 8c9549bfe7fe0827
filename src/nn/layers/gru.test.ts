import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { GRU, GRUCell } from './gru.js';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

test('GRU passes testLayer: reset before (TensorFlow.js) and after (Keras), sequences, backwards', () => {
  testLayer({ make: (e) => new GRU({ units: 2, ...e }), inputShape: [2, 3, 2], expectedOutputShape: [2, 2],
    weightNames: ['kernel', 'recurrent_kernel', 'bias'] });
  testLayer({ make: (e) => new GRU({ units: 2, resetAfter: true, recurrentActivation: 'sigmoid', returnSequences: true, returnState: true, ...e }),
    inputShape: [1, 3, 2], expectedOutputShape: [[1, 3, 2], [1, 2]] });
  testLayer({ make: (e) => new GRU({ units: 1, goBackwards: true, useBias: false, ...e }), inputShape: [2, 2, 1], expectedOutputShape: [2, 1] });
});

test('GRU follows the gate order z, r, h in both reset conventions', () => {
  const k = [0.5, -0.3, 0.8], u = [0.1, 0.4, -0.6], b = [0.1, 0.2, -0.1], rb = [0.05, -0.1, 0.3];
  const xs = [1, -2, 0.5];
  for (const resetAfter of [false, true]) {
    const bias = resetAfter ? tensor([b, rb]) : tensor(b);
    const gru = new GRU({ units: 1, recurrentActivation: 'sigmoid', resetAfter, weights: [tensor([k]), tensor([u]), bias] });
    const y = gru.apply(tensor([xs.map((v) => [v])])) as Tensor;
    let h = 0;
    for (const x of xs) {
      const rbz = resetAfter ? rb : [0, 0, 0];
      const z = sigmoid(k[0] * x + b[0] + u[0] * h + rbz[0]);
      const r = sigmoid(k[1] * x + b[1] + u[1] * h + rbz[1]);
      const hh = Math.tanh(k[2] * x + b[2] + (resetAfter ? r * (u[2] * h + rb[2]) : u[2] * (r * h)));
      h = z * h + (1 - z) * hh;
    }
    expectClose(y, [[h]]);
  }
});

test('GRU bias shapes, config and defaults', () => {
  const after = new GRU({ units: 3, resetAfter: true });
  after.apply(zeros([1, 2, 4]));
  assert.deepEqual(after.weights.map((w) => w.shape), [[4, 9], [3, 9], [2, 9]]);
  assert.equal(after.getConfig().resetAfter, true);
  const c = new GRU({ units: 2 }).getConfig();
  assert.deepEqual([c.resetAfter, c.recurrentActivation, c.activation], [false, 'hardSigmoid', 'tanh']);
  assert.deepEqual(new GRUCell({ units: 5 }).stateSize, [5]);
});
