import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../../core/random.js';
import { tensor } from '../../ops/convert.js';
import { ones, zeros } from '../../ops/creation.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { regularizers } from '../regularizers.js';
import { SymbolicTensor } from '../symbolic.js';
import { Dense } from './dense.js';
import { layers } from './index.js';

test('Dense passes testLayer on 2-D and 3-D inputs, with and without bias', () => {
  testLayer({ make: (e) => layers.dense({ units: 3, activation: 'tanh', ...e }), inputShape: [4, 5], expectedOutputShape: [4, 3], weightNames: ['kernel', 'bias'] });
  testLayer({ make: (e) => layers.dense({ units: 2, useBias: false, ...e }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 2], weightNames: ['kernel'] });
});

test('Dense computes x @ kernel + bias, then the activation', () => {
  const d = layers.dense({ units: 2, activation: 'relu', weights: [tensor([[1, -1], [2, -2]]), tensor([0.5, 0.5])] });
  const y = d.apply(tensor([[1, 1], [-1, 0]]));
  expectClose(y as never, [[3.5, 0], [0, 1.5]]);
  assert.equal(d.countParams(), 6);
});

test('Dense defaults follow TensorFlow.js: glorotNormal kernel, zero bias, linear', () => {
  const c = layers.dense({ units: 4 }).getConfig();
  assert.deepEqual(c.kernelInitializer, { className: 'GlorotNormal', config: { seed: null } });
  assert.deepEqual(c.biasInitializer, { className: 'Zeros', config: {} });
  assert.equal(c.activation, 'linear');
  assert.equal(c.useBias, true);
  assert.equal(c.trainable, true);
});

test('Dense names count per class and are unique', () => {
  const a = new Dense({ units: 1 }), b = new Dense({ units: 1 });
  assert.match(a.name, /^dense_\d+$/);
  assert.notEqual(a.name, b.name);
  assert.equal(Number(b.name.split('_')[1]), Number(a.name.split('_')[1]) + 1);
});

test('Dense inputDim, inputShape and batchInputShape give the batch input shape', () => {
  assert.deepEqual(layers.dense({ units: 1, inputDim: 3 }).batchInputShape, [null, 3]);
  assert.deepEqual(layers.dense({ units: 1, inputShape: [3], batchSize: 8 }).batchInputShape, [8, 3]);
  assert.deepEqual(layers.dense({ units: 1, batchInputShape: [null, 5] }).getConfig().batchInputShape, [null, 5]);
});

test('Dense symbolic output keeps the unknown batch dimension', () => {
  const y = layers.dense({ units: 7 }).apply(input({ shape: [3, 4] }));
  assert.ok(y instanceof SymbolicTensor);
  assert.deepEqual(y.shape, [null, 3, 7]);
});

test('Dense regularizers add penalties: kernel/bias on weights, activity on outputs divided by the batch', () => {
  setSeed(0);
  const d = layers.dense({
    units: 2, kernelInitializer: 'ones', biasInitializer: 'ones',
    kernelRegularizer: regularizers.l2({ l2: 0.5 }), biasRegularizer: 'l1', activityRegularizer: regularizers.l1({ l1: 0.1 }),
  });
  d.apply(zeros([4, 3]));
  const [k, b, act] = d.calculateLosses();
  expectClose(k, 0.5 * 6);
  expectClose(b, 0.01 * 2);
  // Outputs are all 1 (bias): l1 = 0.1 * 8, divided by the batch of 4.
  expectClose(act, 0.1 * 8 / 4);
  d.apply(ones([2, 3]));
  assert.equal(d.calculateLosses().length, 3, 'activity penalties are replaced at each call, not accumulated');
});

test('Dense rejects bad arguments and incompatible inputs with messages naming the layer', () => {
  assert.throws(() => layers.dense({ units: 0 }), /units must be a positive integer, received number 0/);
  assert.throws(() => layers.dense({ units: 2, activation: 'nope' }), /unknown activation 'nope', expected one of .*relu/);
  assert.throws(() => layers.dense({ units: 2, kernelInitializer: 'nope' }), /unknown initializer 'nope'/);
  const d = layers.dense({ units: 2, name: 'd' });
  d.apply(zeros([1, 4]));
  assert.throws(() => d.apply(zeros([1, 5])), /d: input 0 must have size 4 at axis -1, received shape \[1,5\]/);
  assert.throws(() => layers.dense({ units: 2, name: 'e' }).apply(zeros([4])), /e: input 0 must have rank >= 2/);
  assert.throws(() => layers.dense({ units: 2, kernelConstraint: 'maxNorm' as never }), /kernelConstraint is not supported/);
});

test('setWeights checks count and shapes; getWeights returns copies', () => {
  const d = layers.dense({ units: 2, name: 'dw' });
  d.apply(zeros([1, 3]));
  assert.throws(() => d.setWeights([zeros([3, 2])]), /expected 2 tensors \(dw\/kernel, dw\/bias\)/);
  assert.throws(() => d.setWeights([zeros([2, 2]), zeros([2])]), /weight dw\/kernel has shape \[3,2\]/);
  const [k] = d.getWeights();
  d.setWeights([ones([3, 2]), zeros([2])]);
  assert.notDeepEqual(Array.from(k.dataSync()), Array.from(d.getWeights()[0].dataSync()));
});
