import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../../core/random.js';
import type { Tensor } from '../../core/tensor.js';
import { gradients } from '../../core/autograd.js';
import { add } from '../../ops/arithmetic.js';
import { slice, reverse } from '../../ops/slice.js';
import { tensor } from '../../ops/convert.js';
import { ones, randomNormal, zeros } from '../../ops/creation.js';
import { sum } from '../../ops/reduce-sum.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { getMask } from '../layer-utils.js';
import { LayersModel } from '../model.js';
import { regularizers } from '../regularizers.js';
import { sequential } from '../sequential.js';
import { Embedding } from './embedding.js';
import { GRU } from './gru.js';
import { LSTM, LSTMCell } from './lstm.js';
import { RNN, rnnLoop } from './rnn-base.js';
import { SimpleRNN, SimpleRNNCell } from './simple-rnn.js';

test('RNN with an explicit cell passes testLayer and serializes the cell', () => {
  testLayer({ make: (e) => new RNN({ cell: new LSTMCell({ units: 2, ...e }), returnSequences: true, ...e }), inputShape: [2, 3, 2],
    expectedOutputShape: [2, 3, 2] });
  const r = new RNN({ cell: new SimpleRNNCell({ units: 3 }) });
  const c = r.getConfig();
  assert.equal((c.cell as { className: string }).className, 'SimpleRNNCell');
  assert.equal(((c.cell as { config: { units: number } }).config).units, 3);
  assert.throws(() => new RNN({ cell: {} as never }), /cell must be an RNNCell/);
  assert.throws(() => new RNN({ cell: [new SimpleRNNCell({ units: 1 })] as never }), /StackedRNNCells\) is not supported/);
});

test('rnnLoop: masked steps keep the states and repeat the previous output; goBackwards reverses', () => {
  const step = (x: Tensor, [h]: Tensor[]): [Tensor, Tensor[]] => { const y = add(x, h); return [y, [y]]; };
  const x = tensor([[[1], [2], [4]]]);
  const mask = tensor([[true, false, true]], undefined, 'bool');
  const r = rnnLoop(step, x, [zeros([1, 1])], { mask, returnSequences: true });
  expectClose(r.outputs!, [[[1], [1], [5]]]);
  const z = rnnLoop(step, x, [zeros([1, 1])], { mask, returnSequences: true, zeroOutputForMask: true });
  expectClose(z.outputs!, [[[1], [0], [5]]]);
  const back = rnnLoop(step, x, [zeros([1, 1])], { goBackwards: true, returnSequences: true });
  expectClose(back.outputs!, [[[4], [6], [7]]]);
  assert.throws(() => rnnLoop(step, zeros([1, 0, 1]), [zeros([1, 1])]), /at least one step/);
  assert.throws(() => rnnLoop(step, x, [zeros([1, 1])], { mask: ones([1, 2]) }), /mask must have shape \[batch, steps\] = \[1,3\], received \[1,2\]/);
});

test('recurrent layers honor Embedding masks: trailing padding gives the result of the unpadded sequence', () => {
  for (const make of [() => new SimpleRNN({ units: 2 }), () => new LSTM({ units: 2 }), () => new GRU({ units: 2 })]) {
    setSeed(3);
    const emb = new Embedding({ inputDim: 5, outputDim: 3, maskZero: true });
    const rnn = make();
    const padded = rnn.apply(emb.apply(tensor([[1, 2, 0, 0]], undefined, 'int32'))) as Tensor;
    const short = rnn.apply(emb.apply(tensor([[1, 2]], undefined, 'int32'))) as Tensor;
    expectClose(padded, short);
  }
});

test('returnSequences passes the mask on; returnState gives null state masks', () => {
  const emb = new Embedding({ inputDim: 4, outputDim: 2, maskZero: true });
  const e = emb.apply(tensor([[1, 0, 2]], undefined, 'int32')) as Tensor;
  const seq = new LSTM({ units: 2, returnSequences: true, returnState: true }).apply(e) as Tensor[];
  assert.deepEqual(getMask(seq[0])!.arraySync(), [[true, false, true]]);
  assert.equal(getMask(seq[1]), null);
  assert.equal(getMask(new GRU({ units: 2 }).apply(e) as Tensor), null);
});

test('goBackwards reads the sequence last step first', () => {
  setSeed(1);
  const fwd = new GRU({ units: 2 }), bwd = new GRU({ units: 2, goBackwards: true });
  const x = randomNormal([2, 3, 2]);
  fwd.apply(x);
  bwd.apply(x);
  bwd.setWeights(fwd.getWeights());
  expectClose(bwd.apply(x) as Tensor, fwd.apply(reverse(x, 1)) as Tensor);
});

test('initial states: as extra inputs, as initialState, and in a functional model', () => {
  setSeed(2);
  const lstm = new LSTM({ units: 2, returnState: true });
  const x = randomNormal([1, 3, 2]);
  const [, h, c] = lstm.apply(slice(x, [0, 0, 0], [1, 2, 2])) as Tensor[];
  const rest = lstm.apply([slice(x, [0, 2, 0], [1, 1, 2]), h, c]) as Tensor[];
  const whole = lstm.apply(x) as Tensor[];
  expectClose(rest[0], whole[0], { rtol: 1e-5, atol: 1e-6 });
  const viaKwarg = lstm.apply(slice(x, [0, 2, 0], [1, 1, 2]), { initialState: [h, c] }) as Tensor[];
  expectClose(viaKwarg[0], whole[0], { rtol: 1e-5, atol: 1e-6 });
  assert.throws(() => lstm.apply(x, { initialState: [h] }), /expected 2 initial state\(s\), received 1/);
  assert.throws(() => lstm.apply(x, { initialState: [h, zeros([1, 3])] }), /initial state 1 must have shape \[1,2\], received \[1,3\]/);

  const xi = input({ shape: [3, 2] }), hi = input({ shape: [2] }), ci = input({ shape: [2] });
  const gru = new SimpleRNN({ units: 2 });
  const y = gru.apply(xi, { initialState: hi });
  const m = new LayersModel({ inputs: [xi, hi, ci], outputs: [y as never, ci] });
  const out = m.predict([x, h, c]) as Tensor[];
  expectClose(out[0], gru.apply([x, h]) as Tensor);
});

test('stateful RNNs carry their final states to the next batch until resetStates', () => {
  setSeed(4);
  const x = randomNormal([2, 4, 3]);
  const whole = new SimpleRNN({ units: 2 });
  const ref = whole.apply(x) as Tensor;
  const s = new SimpleRNN({ units: 2, stateful: true, batchInputShape: [2, 2, 3] });
  s.apply(slice(x, [0, 0, 0], [2, 2, 3]));
  s.setWeights(whole.getWeights());
  s.resetStates();
  s.apply(slice(x, [0, 0, 0], [2, 2, 3]));
  expectClose(s.apply(slice(x, [0, 2, 0], [2, 2, 3])) as Tensor, ref, { rtol: 1e-5, atol: 1e-6 });
  s.resetStates();
  assert.deepEqual([...s.states![0].dataSync()], [0, 0, 0, 0]);
  s.resetStates([ones([2, 2])]);
  assert.deepEqual([...s.states![0].dataSync()], [1, 1, 1, 1]);
  assert.throws(() => s.apply(zeros([3, 2, 3])), /built for batch size 2, received a batch of 3/);
  assert.throws(() => s.resetStates([ones([1, 2])]), /expected 1 state\(s\) of shapes \[2,2\]/);
  assert.throws(() => new SimpleRNN({ units: 2, stateful: true }).apply(input({ shape: [2, 3] })), /stateful RNN needs a fixed batch size/);
  assert.throws(() => new SimpleRNN({ units: 2 }).resetStates(), /not stateful/);
});

test('dropout and recurrentDropout act in training only, with one mask per sequence', () => {
  setSeed(5);
  const lstm = new LSTM({ units: 3, dropout: 0.5, recurrentDropout: 0.5 });
  const x = randomNormal([4, 3, 2]);
  const a = lstm.apply(x) as Tensor, b = lstm.apply(x) as Tensor;
  expectClose(a, b);
  const t = lstm.apply(x, { training: true }) as Tensor;
  assert.notDeepEqual([...t.dataSync()], [...a.dataSync()]);
  const g = gradients(sum(lstm.apply(x, { training: true }) as Tensor), lstm.trainableWeights.map((w) => w.value));
  assert.equal(g.length, 3);
  assert.ok(g.every((gi) => gi.dataSync().some((v) => v !== 0)));
});

test('trainable, regularizers and weights go through the cell', () => {
  const r = new GRU({ units: 2, kernelRegularizer: regularizers.l2({ l2: 1 }), kernelInitializer: 'ones' });
  r.apply(zeros([1, 2, 3]));
  assert.equal(r.trainableWeights.length, 3);
  expectClose(r.calculateLosses()[0], 18);
  r.trainable = false;
  assert.equal(r.trainableWeights.length, 0);
  assert.equal(r.nonTrainableWeights.length, 3);
  assert.equal(r.cell.trainable, false);
  assert.equal(r.countParams(), 3 * 6 + 2 * 6 + 6);
});

test('stacked recurrent layers train in a Sequential model', () => {
  setSeed(6);
  const m = sequential({ layers: [
    new LSTM({ units: 3, returnSequences: true, inputShape: [4, 2] }),
    new GRU({ units: 2 }),
  ] });
  assert.deepEqual(m.outputs[0].shape, [null, 2]);
  const y = m.predict(randomNormal([3, 4, 2])) as Tensor;
  assert.deepEqual(y.shape, [3, 2]);
});
