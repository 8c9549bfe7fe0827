import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../../core/random.js';
import type { Tensor } from '../../core/tensor.js';
import { split } from '../../ops/concat.js';
import { tensor } from '../../ops/convert.js';
import { ones, randomNormal, zeros } from '../../ops/creation.js';
import { reshape } from '../../ops/reshape.js';
import { slice } from '../../ops/slice.js';
import { transpose } from '../../ops/transpose.js';
import { expectClose } from '../../testing/expect-close.js';
import { loadGolden } from '../../testing/golden.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { getMask } from '../layer-utils.js';
import { LayersModel } from '../model.js';
import { Embedding } from './embedding.js';
import { MultiHeadAttention } from './multi-head-attention.js';

const NAMES = ['query/kernel', 'query/bias', 'key/kernel', 'key/bias', 'value/kernel', 'value/bias', 'attention_output/kernel', 'attention_output/bias'];

test('MultiHeadAttention passes testLayer: self, cross with key, valueDim and outputShape, no bias', () => {
  testLayer({ make: (e) => new MultiHeadAttention({ numHeads: 2, keyDim: 2, ...e }), inputShape: [[2, 3, 4], [2, 3, 4]],
    expectedOutputShape: [2, 3, 4], weightNames: NAMES });
  testLayer({ make: (e) => new MultiHeadAttention({ numHeads: 1, keyDim: 3, valueDim: 2, outputShape: 5, ...e }),
    inputShape: [[1, 2, 3], [1, 4, 2], [1, 4, 3]], expectedOutputShape: [1, 2, 5] });
  testLayer({ make: (e) => new MultiHeadAttention({ numHeads: 2, keyDim: 1, useBias: false, dropout: 0.5, ...e }), inputShape: [[1, 2, 2], [1, 2, 2]],
    weightNames: ['query/kernel', 'key/kernel', 'value/kernel', 'attention_output/kernel'],
    trainingBehavior: (layer, xs) => {
      const inference = layer.apply(xs) as Tensor;
      assert.notDeepEqual([...(layer.apply(xs, { training: true }) as Tensor).dataSync()], [...inference.dataSync()]);
    } });
});

test('MultiHeadAttention matches torch.nn.MultiheadAttention (golden), with masks and attention scores', () => {
  for (const c of loadGolden('attention')) {
    const [q, k, v, wIn, bIn, wOut, bOut, mask] = c.inputs;
    const heads = c.attrs.numHeads as number, e = q.shape[2], d = e / heads;
    const layer = new MultiHeadAttention({ numHeads: heads, keyDim: d, dtype: 'float64' });
    const [wq, wk, wv] = split(wIn, 3, 0), [bq, bk, bv] = split(bIn, 3, 0);
    const kernel = (w: Tensor): Tensor => reshape(transpose(w), [e, heads, d]);
    const bias = (b: Tensor): Tensor => reshape(b, [heads, d]);
    layer.apply([q, v, k]);
    layer.setWeights([kernel(wq), bias(bq), kernel(wk), bias(bk), kernel(wv), bias(bv), reshape(transpose(wOut), [heads, d, e]), bOut]);
    const [out, scores] = layer.apply([q, v, k], { attentionMask: mask ?? null, useCausalMask: c.attrs.causal === true,
      returnAttentionScores: true }) as Tensor[];
    expectClose(out, c.outputs[0], { rtol: 1e-9, atol: 1e-12 });
    expectClose(scores, c.outputs[1], { rtol: 1e-9, atol: 1e-12 });
  }
});

test('MultiHeadAttention honors query and value masks from Embedding(maskZero), and passes the query mask on', () => {
  setSeed(1);
  const emb = new Embedding({ inputDim: 5, outputDim: 4, maskZero: true });
  const x = emb.apply(tensor([[1, 2, 0]], undefined, 'int32')) as Tensor;
  const mha = new MultiHeadAttention({ numHeads: 2, keyDim: 2 });
  const [y, scores] = mha.apply([x, x], { returnAttentionScores: true }) as Tensor[];
  const s = scores.arraySync() as number[][][][];
  for (const head of s[0]) for (const row of head.slice(0, 2)) assert.ok(row[2] < 1e-6, 'the padded key gets no attention');
  assert.deepEqual(getMask(y)!.arraySync(), [[true, true, false]]);
  // The same as attending over the first two steps only.
  const short = emb.apply(tensor([[1, 2]], undefined, 'int32')) as Tensor;
  expectClose(slice(y, [0, 0, 0], [1, 2, 4]), mha.apply([short, short]) as Tensor);
});

test('MultiHeadAttention in a functional model with an attention mask input and scores output', () => {
  setSeed(2);
  const q = input({ shape: [3, 4] }), v = input({ shape: [2, 4] }), m = input({ shape: [3, 2] });
  const mha = new MultiHeadAttention({ numHeads: 2, keyDim: 3 });
  const outs = mha.apply([q, v], { attentionMask: m, returnAttentionScores: true }) as unknown as { shape: unknown }[];
  assert.deepEqual(outs.map((o) => o.shape), [[null, 3, 4], [null, 2, 3, 2]]);
  const model = new LayersModel({ inputs: [q, v, m], outputs: outs as never });
  const xq = randomNormal([2, 3, 4]), xv = randomNormal([2, 2, 4]), xm = tensor([[[1, 0], [1, 1], [0, 1]], [[1, 1], [1, 1], [1, 1]]]);
  const [y, sc] = model.predict([xq, xv, xm]) as Tensor[];
  expectClose(y, (mha.apply([xq, xv], { attentionMask: xm }) as Tensor));
  assert.ok((sc.arraySync() as number[][][][])[0][0][0][1] < 1e-6);
});

test('MultiHeadAttention dropout acts on the attention probabilities in training only', () => {
  setSeed(3);
  const mha = new MultiHeadAttention({ numHeads: 1, keyDim: 2, dropout: 0.5, seed: 9 });
  const x = randomNormal([2, 4, 3]);
  const a = mha.apply([x, x]) as Tensor;
  expectClose(mha.apply([x, x]) as Tensor, a);
  const [, probs] = mha.apply([x, x], { training: true, returnAttentionScores: true }) as Tensor[];
  assert.ok(probs.dataSync().every((p) => p >= 0 && p <= 1), 'returned scores are the probabilities before dropout');
  assert.notDeepEqual([...(mha.apply([x, x], { training: true }) as Tensor).dataSync()], [...a.dataSync()]);
});

test('MultiHeadAttention config and errors', () => {
  const c = new MultiHeadAttention({ numHeads: 2, keyDim: 3 }).getConfig();
  assert.deepEqual([c.numHeads, c.keyDim, c.valueDim, c.dropout, c.useBias, c.outputShape, c.attentionAxes], [2, 3, 3, 0, true, null, null]);
  assert.deepEqual(c.kernelInitializer, { className: 'GlorotUniform', config: { seed: null } });
  assert.throws(() => new MultiHeadAttention({ numHeads: 0, keyDim: 2 }), /numHeads must be a positive integer, received number 0/);
  assert.throws(() => new MultiHeadAttention({ numHeads: 1, keyDim: 2, attentionAxes: [2] }), /only attention over axis 1/);
  assert.throws(() => new MultiHeadAttention({ numHeads: 1, keyDim: 2, outputShape: [2, 3] }), /outputShape must be a positive integer or \[n\]/);
  const mha = new MultiHeadAttention({ numHeads: 1, keyDim: 2, name: 'att' });
  assert.throws(() => mha.apply(zeros([1, 2, 3])), /att: expected inputs \[query, value\]/);
  assert.throws(() => mha.apply([zeros([1, 2, 3]), zeros([1, 2, 3])], { attentionMask: ones([1, 3, 2]) }), /attentionMask must have shape \[batch, 2, 2\], received \[1,3,2\]/);
  assert.throws(() => new MultiHeadAttention({ numHeads: 1, keyDim: 2, name: 'a2' }).apply([zeros([2, 3]), zeros([2, 3])]), /a2: query must have rank 3/);
});
