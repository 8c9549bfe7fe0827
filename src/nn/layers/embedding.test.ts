import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DType } from '../../core/dtype.js';
import type { Random } from '../../core/random.js';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { testLayer } from '../../testing/test-layer.js';
import { Layer } from '../layer.js';
import type { CallArgs } from '../layer.js';
import { getMask } from '../layer-utils.js';
import { sequential } from '../sequential.js';
import { layers } from './index.js';

const ids = (shape: number[], _dtype: DType, rng: Random): Tensor =>
  tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.int(5)), shape, 'int32');

test('Embedding passes testLayer (gradients with respect to the table only)', () => {
  testLayer({ make: (e) => layers.embedding({ inputDim: 5, outputDim: 3, ...e }), inputShape: [2, 4], makeInput: ids,
    expectedOutputShape: [2, 4, 3], weightNames: ['embeddings'], gradInputs: false });
  testLayer({ make: (e) => layers.embedding({ inputDim: 5, outputDim: 2, inputLength: 3, ...e }), inputShape: [2, 3], makeInput: ids,
    expectedOutputShape: [2, 3, 2], gradInputs: false });
});

test('Embedding looks rows up, casting float ids, and starts a Sequential model without inputShape', () => {
  const e = layers.embedding({ inputDim: 3, outputDim: 2, weights: [tensor([[0, 0], [1, 1], [2, 2]])] });
  assert.deepEqual((e.apply(tensor([[2, 1]])) as Tensor).arraySync(), [[[2, 2], [1, 1]]]);
  const m = sequential({ layers: [layers.embedding({ inputDim: 10, outputDim: 4 })] });
  assert.deepEqual(m.outputs[0].shape, [null, null, 4]);
  assert.deepEqual(layers.embedding({ inputDim: 2, outputDim: 2, inputLength: 7 }).batchInputShape, [null, 7]);
});

/** Records the mask its call receives, as recurrent layers will use it. */
class MaskSpy extends Layer {
  static readonly className: string = 'MaskSpy';
  seen: Tensor | null | undefined = undefined;
  constructor() { super({}); this.supportsMasking = true; }
  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor | Tensor[] {
    this.seen = kwargs.mask as Tensor | null | undefined;
    return inputs;
  }
}

test('Embedding with maskZero attaches a mask that flows through masking layers to the next ones', () => {
  const spy = new MaskSpy();
  const m = sequential({ layers: [layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true, inputLength: 3 }), layers.dense({ units: 2 }), spy] });
  const y = m.predict(tensor([[1, 0, 2], [0, 0, 3]])) as Tensor;
  assert.deepEqual(spy.seen!.arraySync(), [[true, false, true], [false, false, true]]);
  assert.deepEqual(getMask(y)!.arraySync(), [[true, false, true], [false, false, true]]);
  const noMask = layers.embedding({ inputDim: 5, outputDim: 2 });
  assert.equal(getMask(noMask.apply(tensor([[0, 1]])) as Tensor), null);
});

test('a layer that does not support masking drops the mask', () => {
  const e = layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true });
  const f = layers.flatten().apply(e.apply(tensor([[1, 0]])) as Tensor) as Tensor;
  assert.equal(getMask(f), null);
});

test('Embedding validates its dimensions', () => {
  assert.throws(() => layers.embedding({ inputDim: 0, outputDim: 2 }), /inputDim must be an integer >= 1, received number 0/);
  assert.throws(() => layers.embedding({ inputDim: 2, outputDim: 2.5 }), /outputDim must be an integer >= 1/);
  assert.throws(() => layers.embedding({ inputDim: 3, outputDim: 2 }).apply(tensor([[3]])), /out of range/);
});
