import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { mul } from '../ops/arithmetic.js';
import { tensor } from '../ops/convert.js';
import { ones, randomNormal, zeros } from '../ops/creation.js';
import { expectClose } from '../testing/expect-close.js';
import { input } from './input-layer.js';
import { Layer } from './layer.js';
import type { CallArgs, LayerArgs } from './layer.js';
import { layers } from './layers/index.js';
import { LayersModel } from './model.js';
import { modelFromConfig } from './model-config.js';
import { registerLayer } from './registry.js';
import type { ConfigDict } from './serialization.js';
import { model, sequential } from './sequential.js';
import type { ShapeOrShapes, SymbolicTensor } from './symbolic.js';
import type { Variable } from '../core/variable.js';

const sym = (y: unknown): SymbolicTensor => y as SymbolicTensor;

function twoTower(): { m: LayersModel; shared: Layer } {
  const a = input({ shape: [3], name: 'a' }), b = input({ shape: [3], name: 'b' });
  const shared = layers.dense({ units: 4, activation: 'tanh', name: 'shared' });
  const ha = sym(shared.apply(a)), hb = sym(shared.apply(b));
  const merged = sym(layers.concatenate({ name: 'cat' }).apply([ha, hb]));
  const out1 = sym(layers.dense({ units: 1, name: 'score' }).apply(merged));
  const out2 = sym(layers.dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(sym(layers.add({ name: 'sum' }).apply([ha, hb]))));
  return { m: model({ inputs: [a, b], outputs: [out1, out2], name: 'towers' }), shared };
}

test('a functional model with two inputs, two outputs and a shared layer', () => {
  setSeed(0);
  const { m, shared } = twoTower();
  assert.deepEqual(m.inputNames, ['a', 'b']);
  assert.deepEqual(m.outputNames, ['score', 'cls']);
  assert.deepEqual(m.layers.map((l) => l.name), ['a', 'b', 'shared', 'cat', 'sum', 'score', 'cls']);
  assert.equal(shared.weights.length, 2, 'the shared layer has one set of weights');
  assert.equal(m.countParams(), 16 + 9 + 10);
  const xa = randomNormal([5, 3]), xb = randomNormal([5, 3]);
  const [s, c] = m.predict([xa, xb]) as Tensor[];
  assert.deepEqual(s.shape, [5, 1]);
  assert.deepEqual(c.shape, [5, 2]);
  // Same as running the layers by hand.
  const ha = shared.apply(xa) as Tensor, hb = shared.apply(xb) as Tensor;
  expectClose(s, m.getLayer('score').apply(m.getLayer('cat').apply([ha, hb]) as Tensor) as Tensor, { rtol: 1e-5 });
  assert.equal(m.getLayer(2), shared);
});

test('predict runs in batches and gives the same result as one pass', () => {
  setSeed(1);
  const m = sequential({ layers: [layers.dense({ units: 3, inputShape: [2], activation: 'relu' }), layers.dense({ units: 1 })] });
  const x = randomNormal([70, 2]);
  const whole = m.predict(x, { batchSize: 100 }) as Tensor;
  const batched = m.predict(x, { batchSize: 8 }) as Tensor;
  expectClose(batched, whole);
  assert.equal(whole.requiresGrad, false, 'predict records no gradients');
  expectClose(m.predictOnBatch(x) as Tensor, whole);
  assert.throws(() => m.predict(zeros([2, 3])), /predict: input 0 \(dense_\d+_input\) must have shape \[null,2\], received \[2,3\]/);
  assert.throws(() => m.predict([x, x]), /predict: expected 1 input tensor\(s\)/);
  assert.throws(() => m.predict(x, { batchSize: 0 }), /batchSize must be a positive integer/);
});

test('models nest: a model applied as a layer shares its weights', () => {
  setSeed(2);
  const inner = sequential({ layers: [layers.dense({ units: 2, inputShape: [3], name: 'inner_dense' })], name: 'inner' });
  const x = input({ shape: [3] });
  const y = sym(layers.dense({ units: 1, name: 'head' }).apply(sym(inner.apply(x))));
  const outer = model({ inputs: x, outputs: y, name: 'outer' });
  assert.deepEqual(outer.layers.map((l) => l.name), [x.sourceLayer.name, 'inner', 'head']);
  assert.equal(outer.weights.length, 4);
  const data = randomNormal([4, 3]);
  expectClose(outer.predict(data) as Tensor, outer.getLayer('head').apply(inner.predict(data) as Tensor) as Tensor);
  // Round trip through model.json: the nested model is referred to by its node 1, as TensorFlow.js writes it.
  const json = outer.toJSON(null, false) as ConfigDict;
  const headEntry = ((json.config as ConfigDict).layers as ConfigDict[]).find((l) => l.name === 'head')!;
  assert.deepEqual(headEntry.inbound_nodes, [[['inner', 1, 0, {}]]]);
  const copy = modelFromConfig(json);
  copy.setWeights(outer.getWeights());
  expectClose(copy.predict(data) as Tensor, outer.predict(data) as Tensor);
});

test('a layer shared at different depths (A(B(A(x)))) survives a config round trip', () => {
  setSeed(3);
  const x = input({ shape: [2] });
  const A = layers.dense({ units: 2, name: 'A' }), B = layers.dense({ units: 2, name: 'B' });
  const y = sym(A.apply(sym(B.apply(sym(A.apply(x))))));
  const m = model({ inputs: x, outputs: y });
  const copy = LayersModel.fromConfig(LayersModel, JSON.parse(JSON.stringify(m.getConfig())) as ConfigDict);
  copy.setWeights(m.getWeights());
  const data = randomNormal([3, 2]);
  expectClose(copy.predict(data) as Tensor, m.predict(data) as Tensor);
});

test('summary prints the Keras/TensorFlow.js table and can be captured', () => {
  setSeed(4);
  const m = sequential({ name: 'mlp', layers: [layers.dense({ units: 8, inputShape: [4], name: 'hidden' }), layers.batchNormalization({ name: 'bn' }), layers.dense({ units: 1, name: 'out' })] });
  const lines: string[] = [];
  m.summary(undefined, undefined, (l) => lines.push(l));
  assert.deepEqual(lines, [
    'Model: "mlp"',
    '_'.repeat(65),
    'Layer (type)                 Output shape              Param #',
    '='.repeat(65),
    'hidden (Dense)               [null,8]                  40',
    '_'.repeat(65),
    'bn (BatchNormalization)      [null,8]                  32',
    '_'.repeat(65),
    'out (Dense)                  [null,1]                  9',
    '='.repeat(65),
    'Total params: 81',
    'Trainable params: 65',
    'Non-trainable params: 16',
    '_'.repeat(65),
  ]);
  const { m: f } = twoTower();
  const flines: string[] = [];
  f.summary(undefined, undefined, (l) => flines.push(l));
  assert.equal(flines[2], 'Layer (type)                    Output shape         Param #     Receives inputs');
  assert.ok(flines.includes('shared (Dense)                  [null,4]             16          a[0][0]'));
  assert.ok(flines.includes('                                                                 b[0][0]'));
  assert.ok(flines.includes('sum (Add)                       [null,4]             0           shared[0][0]'));
  assert.ok(flines.includes('                                                                 shared[1][0]'));
});

test('trainable = false freezes a layer, or a whole model', () => {
  setSeed(5);
  const m = sequential({ layers: [layers.dense({ units: 3, inputShape: [2], name: 'f1' }), layers.dense({ units: 1, name: 'f2' })] });
  const f1 = m.getLayer('f1');
  f1.trainable = false;
  assert.deepEqual(m.trainableWeights.map((w) => w.name), ['f2/kernel', 'f2/bias']);
  assert.deepEqual(m.nonTrainableWeights.map((w) => w.name), ['f1/kernel', 'f1/bias']);
  assert.ok(f1.weights.every((w: Variable) => !w.trainable && !w.value.requiresGrad), 'frozen weights do not require gradients');
  assert.equal(f1.getConfig().trainable, false);
  const lines: string[] = [];
  m.summary(undefined, undefined, (l) => lines.push(l));
  assert.ok(lines.includes('Trainable params: 4') && lines.includes('Non-trainable params: 9'));
  m.trainable = false;
  assert.equal(m.trainableWeights.length, 0);
  assert.equal(m.nonTrainableWeights.length, 4);
  m.trainable = true;
  assert.equal(m.trainableWeights.length, 4);
});

test('callForTraining records gradients and regularizationLosses gives the penalties of the pass', () => {
  setSeed(6);
  const m = sequential({ layers: [layers.dense({ units: 2, inputShape: [3], kernelRegularizer: 'l2', activityRegularizer: 'l1' })] });
  const [y] = m.callForTraining([ones([4, 3])], true);
  assert.ok(y.requiresGrad);
  const losses = m.regularizationLosses();
  assert.equal(losses.length, 2);
  assert.ok(losses.every((l) => l.size === 1 && l.requiresGrad));
  m.callForTraining([ones([2, 3])], false);
  assert.equal(m.regularizationLosses().length, 2, 'the activity penalty of the previous pass is replaced');
});

/** A user layer: multiplies by a learned per-feature scale. */
class Scale extends Layer {
  static readonly className: string = 'Scale';
  readonly initialValue: number;
  scale: Variable | null = null;
  constructor(args: LayerArgs & { initialValue?: number } = {}) {
    super(args);
    this.initialValue = args.initialValue ?? 1;
  }
  override build(inputShape: ShapeOrShapes): void {
    const s = inputShape as (number | null)[];
    this.scale = this.addWeight('scale', [s[s.length - 1] as number], { className: 'Constant', config: { value: this.initialValue } });
    this.built = true;
  }
  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return mul(inputs as Tensor, this.scale!.value);
  }
  override getConfig(): ConfigDict {
    return { initialValue: this.initialValue, ...super.getConfig() };
  }
}
registerLayer(Scale);

test('a custom layer registered with registerLayer is rebuilt from config', () => {
  const x = input({ shape: [2] });
  const y = sym(new Scale({ initialValue: 3, name: 'scale' }).apply(x));
  const m = model({ inputs: x, outputs: y });
  const copy = modelFromConfig(m.toJSON() as string);
  assert.ok(copy.getLayer('scale') instanceof Scale);
  assert.equal((copy.getLayer('scale') as Scale).initialValue, 3);
  expectClose(copy.predict(tensor([[1, 2]])) as Tensor, [[3, 6]]);
  const tfjsOrder = new Scale({ name: 's2' });
  const w = tfjsOrder.addWeight('w', [2], 'float64', 'ones', null, false);
  assert.equal(w.dtype, 'float64');
  assert.equal(w.trainable, false);
});

test('model construction errors name the problem', () => {
  const x = input({ shape: [2] }), other = input({ shape: [2] });
  const y = sym(layers.add().apply([x, other]));
  assert.throws(() => model({ inputs: x, outputs: y }), /graph disconnected: cannot obtain the value of input_\d+/);
  const h = sym(layers.dense({ units: 2 }).apply(x));
  assert.throws(() => model({ inputs: h, outputs: h }), /input 0 must come from input\(\)/);
  const d1 = sym(layers.dense({ units: 1, name: 'same' }).apply(x)), d2 = sym(layers.dense({ units: 1, name: 'same' }).apply(x));
  assert.throws(() => model({ inputs: x, outputs: [d1, d2] }), /layer names must be unique within a model, 'same'/);
  const m = model({ inputs: x, outputs: d1 });
  assert.throws(() => m.getLayer('nope'), /no layer named 'nope'; layers: input_\d+, same/);
  assert.throws(() => input({} as never), /an input needs a shape/);
  assert.throws(() => layers.dense({ units: 1 }).apply([x, zeros([1, 2])] as never), /inputs must be all tensors or all symbolic tensors/);
});

test('modelFromConfig reads model.json (modelTopology, model_config) and reports unknown classes', () => {
  const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
  const topology = m.toJSON(null, false) as ConfigDict;
  assert.equal(topology.class_name, 'Sequential');
  assert.equal(topology.backend, 'tensor_flow.js');
  assert.ok(modelFromConfig({ modelTopology: topology, weightsManifest: [] }) instanceof LayersModel);
  assert.ok(modelFromConfig({ model_config: topology, training_config: null }) instanceof LayersModel);
  assert.throws(() => modelFromConfig({ class_name: 'Sequential', config: { layers: [{ class_name: 'Fancy', config: {} }] } }),
    /unknown layer class 'Fancy'; register custom classes with registerLayer/);
  assert.throws(() => modelFromConfig('{nope'), /the string is not valid JSON/);
});

test('modelFromConfig also takes the bare getConfig() of a functional or Sequential model', () => {
  setSeed(7);
  const { m } = twoTower();
  const copy = modelFromConfig(m.getConfig());
  assert.deepEqual(copy.outputNames, m.outputNames);
  const s = sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
  assert.equal(modelFromConfig(s.getConfig()).getClassName(), 'Sequential');
});

test('compile / fit / evaluate / trainOnBatch delegate to the training loop; frozen weights stay put', async () => {
  setSeed(8);
  const m = sequential({ layers: [
    layers.dense({ units: 4, inputShape: [2], activation: 'tanh', name: 'frozen' }),
    layers.batchNormalization({ name: 'bn' }),
    layers.dense({ units: 1, name: 'head' }),
  ] });
  m.getLayer('frozen').trainable = false;
  m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  assert.ok(m.compiled);
  const x = randomNormal([16, 2]), y = randomNormal([16, 1]);
  const frozenBefore = m.getLayer('frozen').getWeights().map((t) => Array.from(t.dataSync()));
  const movingBefore = Array.from(m.getLayer('bn').getWeights()[2].dataSync());
  const lossBefore = (m.evaluate(x, y) as Tensor).item();
  const history = await m.fit(x, y, { epochs: 5, batchSize: 8, verbose: 0 });
  assert.equal(history.history.loss.length, 5);
  assert.ok((m.evaluate(x, y) as Tensor).item() < lossBefore, 'training lowers the loss');
  assert.deepEqual(m.getLayer('frozen').getWeights().map((t) => Array.from(t.dataSync())), frozenBefore);
  assert.notDeepEqual(Array.from(m.getLayer('bn').getWeights()[2].dataSync()), movingBefore, 'moving mean updated in training');
  const l = await m.trainOnBatch(x, y);
  assert.equal(typeof l, 'number');
});

test('addLoss: functions are persistent penalties, tensors count for the current pass', () => {
  class Penalized extends Layer {
    static readonly className: string = 'Penalized';
    override call(inputs: Tensor | Tensor[], _k: CallArgs): Tensor {
      this.addLoss(mul(ones([]), 2));
      return inputs as Tensor;
    }
  }
  const p = new Penalized();
  p.addLoss(() => mul(ones([]), 3));
  p.apply(ones([1, 2]));
  p.apply(ones([1, 2]));
  assert.deepEqual(p.calculateLosses().map((t) => t.item()), [3, 2]);
  assert.throws(() => p.addLoss(ones([2])), /expected a scalar tensor or a function/);
});

test('customObjects given to modelFromConfig reach the layers of the model', () => {
  class Unregistered extends Layer { static readonly className: string = 'Unregistered'; }
  const x = input({ shape: [2] });
  const m = model({ inputs: x, outputs: sym(new Unregistered({ name: 'u' }).apply(x)) });
  const json = m.toJSON() as string;
  assert.throws(() => modelFromConfig(json), /unknown layer class 'Unregistered'/);
  assert.ok(modelFromConfig(json, { Unregistered }).getLayer('u') instanceof Unregistered);
});
