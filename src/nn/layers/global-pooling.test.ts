import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { getMask } from '../layer-utils.js';
import { GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D } from './global-pooling.js';

test('global pooling layers pass testLayer', () => {
  testLayer({ make: (e) => new GlobalAveragePooling1D({ ...e }), inputShape: [2, 4, 3], expectedOutputShape: [2, 3], weightNames: [] });
  testLayer({ make: (e) => new GlobalMaxPooling1D({ ...e }), inputShape: [2, 4, 3], expectedOutputShape: [2, 3] });
  testLayer({ make: (e) => new GlobalAveragePooling2D({ ...e }), inputShape: [2, 3, 2, 3], expectedOutputShape: [2, 3] });
  testLayer({ make: (e) => new GlobalMaxPooling2D({ ...e }), inputShape: [1, 2, 3, 2], expectedOutputShape: [1, 2] });
});

test('global pooling values, and the masked mean of GlobalAveragePooling1D', () => {
  const x = tensor([[[1, 4], [3, -2], [8, 0]]]);
  expectClose(new GlobalAveragePooling1D().apply(x) as Tensor, [[4, 2 / 3]]);
  expectClose(new GlobalMaxPooling1D().apply(x) as Tensor, [[8, 4]]);
  const masked = new GlobalAveragePooling1D().apply(x, { mask: tensor([[true, true, false]], undefined, 'bool') }) as Tensor;
  expectClose(masked, [[2, 1]]);
  assert.equal(getMask(masked), null, 'the mask is consumed');
  const img = tensor([[[[1], [2]], [[3], [6]]]]);
  expectClose(new GlobalAveragePooling2D().apply(img) as Tensor, [[3]]);
  expectClose(new GlobalMaxPooling2D().apply(img) as Tensor, [[6]]);
});

test('global pooling configs and errors', () => {
  assert.equal(new GlobalMaxPooling2D().getConfig().dataFormat, 'channelsLast');
  assert.equal(new GlobalMaxPooling1D().getConfig().dataFormat, undefined);
  assert.deepEqual(new GlobalAveragePooling2D().computeOutputShape([null, null, null, 5]), [null, 5]);
  assert.throws(() => new GlobalAveragePooling2D({ dataFormat: 'channelsFirst' }), /channelsFirst' is not supported/);
  assert.throws(() => new GlobalMaxPooling1D({ name: 'g' }).apply(zeros([2, 3])), /g: input 0 must have rank 3/);
});
