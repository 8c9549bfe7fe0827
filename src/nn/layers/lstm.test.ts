import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { LSTM, LSTMCell } from './lstm.js';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
const hard = (v: number): number => Math.min(1, Math.max(0, 0.2 * v + 0.5));

test('LSTM passes testLayer: last output, sequences with both states, backwards with sigmoid gates', () => {
  testLayer({ make: (e) => new LSTM({ units: 2, ...e }), inputShape: [2, 3, 2], expectedOutputShape: [2, 2],
    weightNames: ['kernel', 'recurrent_kernel', 'bias'] });
  testLayer({ make: (e) => new LSTM({ units: 2, returnSequences: true, returnState: true, ...e }), inputShape: [1, 3, 1],
    expectedOutputShape: [[1, 3, 2], [1, 2], [1, 2]] });
  testLayer({ make: (e) => new LSTM({ units: 1, goBackwards: true, recurrentActivation: 'sigmoid', useBias: false, ...e }),
    inputShape: [2, 2, 2], expectedOutputShape: [2, 1], weightNames: ['kernel', 'recurrent_kernel'] });
});

test('LSTM with dropout passes testLayer; dropout changes training outputs only', () => {
  testLayer({ make: (e) => new LSTM({ units: 2, dropout: 0.4, recurrentDropout: 0.4, ...e }), inputShape: [3, 3, 2],
    trainingBehavior: (layer, [x]) => {
      const inference = layer.apply(x) as Tensor;
      expectClose(layer.apply(x) as Tensor, inference);
      assert.notDeepEqual([...(layer.apply(x, { training: true }) as Tensor).dataSync()], [...inference.dataSync()]);
    } });
});

test('LSTM follows the gate order i, f, c, o and TensorFlow.js hardSigmoid gates by default', () => {
  // One unit, one feature: kernel [1, 4], recurrent kernel [1, 4], bias [4].
  const k = [0.5, -0.3, 0.8, 0.2], u = [0.1, 0.4, -0.6, 0.3], b = [0.1, 0.2, -0.1, 0];
  for (const [act, gate] of [['hardSigmoid', hard], ['sigmoid', sigmoid]] as const) {
    const lstm = new LSTM({ units: 1, recurrentActivation: act, returnState: true, weights: [tensor([k]), tensor([u]), tensor(b)] });
    const xs = [1, -2, 0.5];
    const [y, hT, cT] = lstm.apply(tensor([xs.map((v) => [v])])) as Tensor[];
    let h = 0, c = 0;
    for (const x of xs) {
      const z = k.map((kk, i) => kk * x + u[i] * h + b[i]);
      c = gate(z[1]) * c + gate(z[0]) * Math.tanh(z[2]);
      h = gate(z[3]) * Math.tanh(c);
    }
    expectClose(y, [[h]]);
    expectClose(hT, [[h]]);
    expectClose(cT, [[c]]);
  }
});

test('LSTM unitForgetBias initializes the forget gate bias to ones (default off, as TensorFlow.js)', () => {
  const on = new LSTM({ units: 2, unitForgetBias: true });
  on.apply(zeros([1, 1, 3]));
  assert.deepEqual([...on.getWeights()[2].dataSync()], [0, 0, 1, 1, 0, 0, 0, 0]);
  const off = new LSTM({ units: 2 });
  off.apply(zeros([1, 1, 3]));
  assert.deepEqual([...off.getWeights()[2].dataSync()], new Array<number>(8).fill(0));
  const c = off.getConfig();
  assert.equal(c.unitForgetBias, false);
  assert.equal(c.recurrentActivation, 'hardSigmoid');
  assert.equal(c.implementation, 2);
});

test('LSTMCell has two states and rejects bad arguments', () => {
  assert.deepEqual(new LSTMCell({ units: 3 }).stateSize, [3, 3]);
  assert.throws(() => new LSTM({ units: 2, recurrentActivation: 'nope' }), /unknown activation 'nope'/);
  assert.throws(() => new LSTM({ units: 1.5 }), /units must be a positive integer, received number 1.5/);
});
