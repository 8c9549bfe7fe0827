import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../../core/random.js';
import type { Tensor } from '../../core/tensor.js';
import { unstack, stack } from '../../ops/concat.js';
import { randomNormal, zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { getMask } from '../layer-utils.js';
import { regularizers } from '../regularizers.js';
import { tensor } from '../../ops/convert.js';
import { Conv2D } from './conv2d.js';
import { Dense } from './dense.js';
import { Embedding } from './embedding.js';
import { TimeDistributed } from './time-distributed.js';

test('TimeDistributed passes testLayer around Dense and Conv2D', () => {
  testLayer({ make: (e) => new TimeDistributed({ layer: new Dense({ units: 3, ...e }), ...e }), inputShape: [2, 4, 2],
    expectedOutputShape: [2, 4, 3] });
  testLayer({ make: (e) => new TimeDistributed({ layer: new Conv2D({ filters: 2, kernelSize: 2, ...e }), ...e }), inputShape: [1, 2, 3, 3, 1],
    expectedOutputShape: [1, 2, 2, 2, 2] });
});

test('TimeDistributed applies the same layer to every step', () => {
  setSeed(0);
  const dense = new Dense({ units: 2 });
  const td = new TimeDistributed({ layer: dense });
  const x = randomNormal([3, 4, 5]);
  const y = td.apply(x) as Tensor;
  expectClose(y, stack(unstack(x, 1).map((s) => dense.apply(s) as Tensor), 1));
  assert.deepEqual(td.weights.map((w) => w.name), [`${dense.name}/kernel`, `${dense.name}/bias`]);
  assert.deepEqual(td.computeOutputShape([null, null, 5]), [null, null, 2]);
});

test('TimeDistributed config holds the layer; weights, freezing, penalties and masks go through', () => {
  const td = new TimeDistributed({ layer: new Dense({ units: 2, kernelInitializer: 'ones', kernelRegularizer: regularizers.l1({ l1: 1 }) }) });
  td.apply(zeros([1, 2, 3]));
  const c = td.getConfig();
  assert.equal((c.layer as { className: string }).className, 'Dense');
  expectClose(td.calculateLosses()[0], 6);
  td.trainable = false;
  assert.equal(td.trainableWeights.length, 0);
  assert.equal(td.layer.trainable, false);
  const emb = new Embedding({ inputDim: 3, outputDim: 2, maskZero: true });
  const out = new TimeDistributed({ layer: new Dense({ units: 1 }) }).apply(emb.apply(tensor([[1, 0]], undefined, 'int32'))) as Tensor;
  assert.deepEqual(getMask(out)!.arraySync(), [[true, false]]);
});

test('TimeDistributed rejects inputs without a time axis and non-layers', () => {
  assert.throws(() => new TimeDistributed({ layer: new Dense({ units: 1 }), name: 'td' }).apply(zeros([2, 3])), /td: input 0 must have rank >= 3/);
  assert.throws(() => new TimeDistributed({ layer: 3 as never }), /layer must be a Layer or \{className, config\}, received number 3/);
});
