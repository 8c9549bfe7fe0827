import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tanh } from '../../ops/activations.js';
import { stack } from '../../ops/concat.js';
import { tensor } from '../../ops/convert.js';
import { zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { SimpleRNN, SimpleRNNCell, simpleRnnCell } from './simple-rnn.js';

test('SimpleRNN passes testLayer: last output, sequences with states, backwards without bias', () => {
  testLayer({ make: (e) => new SimpleRNN({ units: 3, ...e }), inputShape: [2, 4, 2], expectedOutputShape: [2, 3],
    weightNames: ['kernel', 'recurrent_kernel', 'bias'] });
  testLayer({ make: (e) => new SimpleRNN({ units: 2, returnSequences: true, returnState: true, activation: 'relu', ...e }),
    inputShape: [1, 3, 2], expectedOutputShape: [[1, 3, 2], [1, 2]] });
  testLayer({ make: (e) => new SimpleRNN({ units: 2, goBackwards: true, useBias: false, ...e }), inputShape: [2, 3, 1],
    expectedOutputShape: [2, 2], weightNames: ['kernel', 'recurrent_kernel'] });
});

test('SimpleRNN computes h_t = tanh(x_t W + h_{t-1} U + b) step by step', () => {
  const w = tensor([[0.5, -1]]), u = tensor([[0.1, 0.2], [0.3, -0.4]]), b = tensor([0.1, 0]);
  const rnn = new SimpleRNN({ units: 2, returnSequences: true, weights: [w, u, b] });
  const x = tensor([[[1], [2], [-1]]]);
  const ys = rnn.apply(x) as Tensor;
  let h = zeros([1, 2]);
  const expected: Tensor[] = [];
  for (const v of [1, 2, -1]) {
    h = simpleRnnCell(tensor([[v]]), h, w, u, b, tanh);
    expected.push(h);
  }
  expectClose(ys, stack(expected, 1));
});

test('SimpleRNN config flattens the cell options as TensorFlow.js', () => {
  const c = new SimpleRNN({ units: 4, returnSequences: true }).getConfig();
  assert.equal(c.units, 4);
  assert.equal(c.activation, 'tanh');
  assert.deepEqual(c.kernelInitializer, { className: 'GlorotNormal', config: { seed: null } });
  assert.deepEqual(c.recurrentInitializer, { className: 'Orthogonal', config: { gain: 1, seed: null } });
  assert.deepEqual([c.returnSequences, c.returnState, c.goBackwards, c.stateful, c.unroll], [true, false, false, false, false]);
  assert.equal(c.cell, undefined);
  assert.equal(new SimpleRNNCell({ units: 2 }).stateSize[0], 2);
});

test('SimpleRNN rejects bad arguments', () => {
  assert.throws(() => new SimpleRNN({ units: 0 }), /units must be a positive integer, received number 0/);
  assert.throws(() => new SimpleRNN({ units: 2, dropout: 1 }), /dropout must be a number in \[0, 1\), received number 1/);
  assert.throws(() => new SimpleRNN({ units: 2, recurrentConstraint: 'nonNeg' as never }), /recurrentConstraint is not supported/);
  assert.throws(() => new SimpleRNN({ units: 2, returnSequences: 'yes' as never }), /returnSequences must be a boolean, received 'yes'/);
  assert.throws(() => new SimpleRNN({ units: 2, name: 'r' }).apply(zeros([2, 3])), /r: input 0 must have rank 3/);
});
