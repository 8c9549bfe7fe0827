// testLayer: the checks every layer must pass (shapes, weight names, config round trip, gradients, training mode).
import assert from 'node:assert/strict';
import { gradients } from '../core/autograd.js';
import type { DType } from '../core/dtype.js';
import { allocArray, isFloat } from '../core/dtype.js';
import { withGradMode } from '../core/grad-mode.js';
import { Random, setSeed } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { add, mul } from '../ops/arithmetic.js';
import { sum } from '../ops/reduce-sum.js';
import { input } from '../nn/input-layer.js';
import type { Layer } from '../nn/layer.js';
import { deserialize } from '../nn/registry.js';
import { LayersModel } from '../nn/model.js';
import { convertPythonicToTs, convertTsToPythonic } from '../nn/serialization.js';
import type { ConfigDict } from '../nn/serialization.js';
import { SymbolicTensor, toList } from '../nn/symbolic.js';
import { expectClose } from './expect-close.js';
import { GRADCHECK_TOLERANCE } from './tolerance.js';

/** What `testLayer` checks and with which inputs. */
export interface TestLayerOptions {
  /** Creates a fresh layer; `extra` holds the dtype to use ({dtype: 'float64'} for gradient checks). */
  make: (extra: { dtype?: DType }) => Layer;
  /** Concrete input shape(s), batch dimension included; a list of shapes for multi-input layers. */
  inputShape: number[] | number[][];
  /** Generates an input (default: standard normal in the requested dtype); e.g. integer ids for Embedding. */
  makeInput?: (shape: number[], dtype: DType, rng: Random) => Tensor;
  /** Expected output shape(s) of the eager call. */
  expectedOutputShape?: number[] | number[][];
  /** Expected weight names without the layer prefix, in `weights` order (e.g. ['kernel', 'bias']). */
  weightNames?: string[];
  /** Check gradients with respect to the inputs (default true; false for integer inputs). */
  gradInputs?: boolean;
  /** Skip the gradient check (e.g. for layers whose output is piecewise constant). */
  skipGrads?: boolean;
  /** Run the gradient check in training mode (deterministic layers only). */
  gradTraining?: boolean;
  /** Extra checks of training-mode behavior: called with a fresh built layer and float32 inputs. */
  trainingBehavior?: (layer: Layer, inputs: Tensor[]) => void;
  /** Seed of everything random (default 0). */
  seed?: number;
}

function isShapeList(s: number[] | number[][]): s is number[][] {
  return s.length > 0 && Array.isArray(s[0]);
}

function normalInput(shape: number[], dtype: DType, rng: Random): Tensor {
  const data = allocArray(dtype, shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return Tensor.fromStorage(data, shape, dtype);
}

function callLayer(layer: Layer, xs: Tensor[], training = false): Tensor[] {
  return toList(layer.apply(xs.length === 1 ? xs[0] : xs, { training }));
}

function dot(a: Tensor, b: Tensor): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.storage[i] * b.storage[i];
  return s;
}

/**
 * Finite-difference check (float64) of a built layer's gradients with respect to its float inputs (when
 * `gradInputs`) and its trainable weights, along random directions; weights are perturbed in place and restored.
 * @example checkLayerGrads(layer, [x])
 */
export function checkLayerGrads(layer: Layer, xs: Tensor[], opts: { gradInputs?: boolean; training?: boolean; seed?: number } = {}): void {
  const rng = new Random(opts.seed ?? 1);
  const eps = 1e-6, { rtol, atol } = GRADCHECK_TOLERANCE;
  const diffInputs = (opts.gradInputs ?? true) ? xs.filter((x) => isFloat(x.dtype)) : [];
  const leaves = xs.map((x) => (diffInputs.includes(x) ? x.detach().requiresGrad_() : x));
  const weights = layer.trainableWeights;
  const ys = withGradMode(true, () => callLayer(layer, leaves, opts.training));
  const vs = ys.map((y) => normalInput([...y.shape], y.dtype, rng));
  const objective = vs.reduce<Tensor | null>((acc, v, i) => {
    const term = sum(mul(v, ys[i]));
    return acc ? add(acc, term) : term;
  }, null)!;
  const targets = [...leaves.filter((_, i) => diffInputs.includes(xs[i])), ...weights.map((w) => w.value)];
  assert.ok(targets.length > 0, 'checkLayerGrads: nothing to differentiate');
  const analytic = objective.requiresGrad ? gradients(objective, targets) : targets.map((t) => Tensor.fromStorage(allocArray(t.dtype, t.size), t.shape, t.dtype));
  for (let k = 0; k < 2; k++) {
    const dirs = targets.map((t) => normalInput([...t.shape], t.dtype, rng));
    const original = weights.map((w) => w.value.storage.slice());
    const evalAt = (h: number): number => {
      let j = 0;
      const shifted = xs.map((x) => {
        if (!diffInputs.includes(x)) return x;
        const d = dirs[j++];
        const data = allocArray(x.dtype, x.size);
        for (let i = 0; i < data.length; i++) data[i] = x.storage[i] + h * d.storage[i];
        return Tensor.fromStorage(data, x.shape, x.dtype);
      });
      weights.forEach((w, wi) => {
        const d = dirs[j++], base = original[wi], data = allocArray(w.dtype, w.value.size);
        for (let i = 0; i < data.length; i++) data[i] = base[i] + h * d.storage[i];
        w.assign(Tensor.fromStorage(data, w.shape, w.dtype));
      });
      const out = withGradMode(false, () => callLayer(layer, shifted, opts.training));
      return out.reduce((s, y, i) => s + dot(vs[i], y), 0);
    };
    const numeric = (evalAt(eps) - evalAt(-eps)) / (2 * eps);
    weights.forEach((w, wi) => w.assign(Tensor.fromStorage(original[wi], w.shape, w.dtype)));
    const exact = analytic.reduce((s, g, i) => s + dot(g, dirs[i]), 0);
    assert.ok(Math.abs(numeric - exact) <= atol + rtol * Math.max(Math.abs(numeric), Math.abs(exact)),
      `checkLayerGrads(${layer.name}): analytic directional derivative ${exact} differs from finite difference ${numeric}`);
  }
}

/**
 * Runs the standard checks on a layer: eager output shape equals `computeOutputShape` (and the symbolic shape,
 * batch unknown), weight names, config round trip through JSON and model.json's snake_case (same outputs with
 * the same weights, inside a functional model too), float64 gradients with respect to inputs and weights, and
 * an optional training-mode check. Throws an AssertionError describing the first failure.
 * @example testLayer({make: (e) => layers.dense({units: 3, ...e}), inputShape: [2, 4], weightNames: ['kernel', 'bias']})
 */
export function testLayer(opts: TestLayerOptions): void {
  const seed = opts.seed ?? 0;
  setSeed(seed);
  const rng = new Random(seed);
  const shapes = isShapeList(opts.inputShape) ? opts.inputShape : [opts.inputShape];
  const gen = opts.makeInput ?? normalInput;
  const xs = shapes.map((s) => gen(s, 'float32', rng));

  // Shapes: eager, computeOutputShape, symbolic.
  const layer = opts.make({});
  const ys = callLayer(layer, xs);
  const computed = layer.computeOutputShape(xs.length === 1 ? xs[0].shape : xs.map((x) => x.shape));
  const computedList = (computed.length > 0 && Array.isArray(computed[0]) ? computed : [computed]) as (number | null)[][];
  assert.deepEqual(ys.map((y) => [...y.shape]), computedList.map((s) => [...s]), 'eager output shape vs computeOutputShape');
  if (opts.expectedOutputShape) {
    const exp = isShapeList(opts.expectedOutputShape) ? opts.expectedOutputShape : [opts.expectedOutputShape];
    assert.deepEqual(ys.map((y) => [...y.shape]), exp, 'output shape');
  }
  if (opts.weightNames) assert.deepEqual(layer.weights.map((w) => w.name), opts.weightNames.map((n) => `${layer.name}/${n}`), 'weight names');

  // Config round trip (JSON and snake_case), same outputs with the same weights, eager and in a model.
  const config = JSON.parse(JSON.stringify(layer.getConfig())) as ConfigDict;
  assert.deepEqual(convertPythonicToTs(convertTsToPythonic(config)), config, 'config survives the snake_case conversion');
  const rebuilt = deserialize<Layer>('layer', { className: layer.getClassName(), config });
  assert.equal(rebuilt.getClassName(), layer.getClassName());
  callLayer(rebuilt, xs);
  rebuilt.setWeights(layer.getWeights());
  assert.deepEqual(rebuilt.getConfig(), config, 'getConfig of the rebuilt layer');
  const again = callLayer(rebuilt, xs);
  again.forEach((y, i) => expectClose(y, ys[i]));
  const symbolic = shapes.map((s, i) => input({ batchShape: [null, ...s.slice(1)], dtype: xs[i].dtype }));
  const twin = deserialize<Layer>('layer', { className: layer.getClassName(), config: { ...config, name: `${layer.name}_twin` } });
  const outs = toList(twin.apply(symbolic.length === 1 ? symbolic[0] : symbolic)) as SymbolicTensor[];
  assert.deepEqual(outs.map((o) => [...o.shape]), computedList.map((s) => [null, ...s.slice(1)]), 'symbolic output shape');
  twin.setWeights(layer.getWeights());
  const m = new LayersModel({ inputs: symbolic, outputs: outs });
  toList(m.predict(xs.length === 1 ? xs[0] : xs)).forEach((y, i) => expectClose(y, ys[i]));

  // Gradients in float64.
  if (!opts.skipGrads) {
    setSeed(seed);
    const layer64 = opts.make({ dtype: 'float64' });
    const rng64 = new Random(seed + 1);
    const xs64 = shapes.map((s) => gen(s, 'float64', rng64));
    callLayer(layer64, xs64);
    layer64.weights.forEach((w) => assert.equal(w.dtype, 'float64', `weight ${w.name} of a float64 layer`));
    checkLayerGrads(layer64, xs64, { gradInputs: opts.gradInputs, training: opts.gradTraining, seed });
  }

  if (opts.trainingBehavior) {
    setSeed(seed);
    const fresh = opts.make({});
    callLayer(fresh, xs);
    opts.trainingBehavior(fresh, xs);
  }
}
