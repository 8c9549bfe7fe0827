import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../../core/random.js';
import type { Tensor } from '../../core/tensor.js';
import { add, mul } from '../../ops/arithmetic.js';
import { concat } from '../../ops/concat.js';
import { randomNormal, zeros } from '../../ops/creation.js';
import { tensor } from '../../ops/convert.js';
import { reverse } from '../../ops/slice.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { getMask } from '../layer-utils.js';
import { sequential } from '../sequential.js';
import { Bidirectional } from './bidirectional.js';
import { Dense } from './dense.js';
import { Embedding } from './embedding.js';
import { GRU } from './gru.js';
import { LSTM } from './lstm.js';
import { SimpleRNN } from './simple-rnn.js';

test('Bidirectional passes testLayer for each merge mode, with states and sequences', () => {
  testLayer({ make: (e) => new Bidirectional({ layer: new SimpleRNN({ units: 2, ...e }), ...e }), inputShape: [2, 3, 2], expectedOutputShape: [2, 4] });
  testLayer({ make: (e) => new Bidirectional({ layer: new GRU({ units: 2, returnSequences: true, ...e }), mergeMode: 'sum', ...e }),
    inputShape: [1, 3, 2], expectedOutputShape: [1, 3, 2] });
  testLayer({ make: (e) => new Bidirectional({ layer: new LSTM({ units: 1, returnState: true, ...e }), mergeMode: 'ave', ...e }),
    inputShape: [2, 2, 1], expectedOutputShape: [[2, 1], [2, 1], [2, 1], [2, 1], [2, 1]] });
  testLayer({ make: (e) => new Bidirectional({ layer: new SimpleRNN({ units: 2, returnSequences: true, ...e }), mergeMode: null, ...e }),
    inputShape: [1, 2, 2], expectedOutputShape: [[1, 2, 2], [1, 2, 2]] });
});

test('Bidirectional merges a forward pass and a re-reversed backward pass', () => {
  setSeed(0);
  const x = randomNormal([2, 3, 2]);
  for (const mode of ['concat', 'sum', 'mul', 'ave', null] as const) {
    const bi = new Bidirectional({ layer: new GRU({ units: 2, returnSequences: true }), mergeMode: mode });
    const out = bi.apply(x) as Tensor | Tensor[];
    const f = bi.forwardLayer.apply(x) as Tensor, b = reverse(bi.backwardLayer.apply(x) as Tensor, 1);
    const expected = mode === 'concat' ? concat([f, b], -1) : mode === 'sum' ? add(f, b) : mode === 'mul' ? mul(f, b)
      : mode === 'ave' ? mul(add(f, b), 0.5) : null;
    if (expected) expectClose(out as Tensor, expected);
    else { expectClose((out as Tensor[])[0], f); expectClose((out as Tensor[])[1], b); }
  }
});

test('Bidirectional weights: forward then backward, named after the wrapped layer', () => {
  const bi = new Bidirectional({ layer: new LSTM({ units: 2, name: 'enc' }) });
  bi.apply(zeros([1, 2, 3]));
  assert.deepEqual(bi.weights.map((w) => w.name), ['forward_enc/kernel', 'forward_enc/recurrent_kernel', 'forward_enc/bias',
    'backward_enc/kernel', 'backward_enc/recurrent_kernel', 'backward_enc/bias']);
  assert.equal(bi.backwardLayer.goBackwards, true);
  const c = bi.getConfig();
  assert.equal(c.mergeMode, 'concat');
  assert.equal((c.layer as { config: { name: string } }).config.name, 'enc');
  bi.trainable = false;
  assert.equal(bi.trainableWeights.length, 0);
  assert.equal(bi.forwardLayer.trainable, false);
});

test('Bidirectional masks, initial states and symbolic shapes', () => {
  const emb = new Embedding({ inputDim: 4, outputDim: 2, maskZero: true });
  const e = emb.apply(tensor([[1, 2, 0]], undefined, 'int32')) as Tensor;
  const bi = new Bidirectional({ layer: new SimpleRNN({ units: 2, returnSequences: true }) });
  assert.deepEqual(getMask(bi.apply(e) as Tensor)!.arraySync(), [[true, true, false]]);
  const withStates = new Bidirectional({ layer: new SimpleRNN({ units: 2 }) });
  const x = zeros([1, 3, 2]);
  const y0 = withStates.apply(x) as Tensor;
  const y1 = withStates.apply(x, { initialState: [zeros([1, 2]), zeros([1, 2])] }) as Tensor;
  expectClose(y1, y0);
  assert.throws(() => withStates.apply([x, zeros([1, 2])]), /initial states must be the forward layer's followed by the backward layer's/);
  const sym = new Bidirectional({ layer: new LSTM({ units: 3, returnState: true }) }).apply(input({ shape: [5, 2] }));
  assert.deepEqual((sym as { shape: unknown }[]).map((s) => s.shape), [[null, 6], [null, 3], [null, 3], [null, 3], [null, 3]]);
});

test('Bidirectional takes the wrapped layer\'s inputShape, so it can start a Sequential model', () => {
  const m = sequential({ layers: [new Bidirectional({ layer: new GRU({ units: 2, inputShape: [4, 3] }) }), new Dense({ units: 1 })] });
  assert.deepEqual(m.outputs[0].shape, [null, 1]);
  assert.deepEqual(m.layers[0].getConfig().batchInputShape, [null, 4, 3]);
});

test('Bidirectional rejects non-recurrent layers and unknown merge modes', () => {
  assert.throws(() => new Bidirectional({ layer: new Dense({ units: 1 }) }), /layer must be a recurrent layer/);
  assert.throws(() => new Bidirectional({ layer: new GRU({ units: 1 }), mergeMode: 'max' as never }), /mergeMode must be one of 'concat', 'sum', 'mul', 'ave' or null, received 'max'/);
});
