import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor } from '../core/tensor.js';
import { Variable } from '../core/variable.js';
import { tensor } from '../ops/convert.js';
import { mul } from '../ops/arithmetic.js';
import { sum } from '../ops/reduce-sum.js';
import { expectClose } from '../testing/expect-close.js';
import { loadGolden } from '../testing/golden.js';
import type { Optimizer } from './index.js';
import {
  adadelta, adagrad, adam, adamax, adamw, getOptimizer, momentum, nadam, rmsprop, sgd, exponentialDecay,
} from './index.js';

/** Row `t` of a [steps, ...shape] tensor. */
function row(x: Tensor, t: number): Tensor {
  const n = x.size / x.shape[0];
  return Tensor.fromStorage(x.storage.slice(t * n, (t + 1) * n), x.shape.slice(1), x.dtype);
}

// Same gradient sequence through torch.optim and tensorgrad: the whole trajectory must agree in float64.
for (const c of loadGolden('optimizers')) {
  test(`optimizer ${c.name} matches torch.optim`, () => {
    const attrs = c.attrs as { name: string; options: Record<string, unknown> };
    const opt = getOptimizer({ className: attrs.name, config: attrs.options });
    const vars = [];
    for (let i = 0; i < c.inputs.length; i += 2) vars.push(new Variable(tensor(c.inputs[i]), `p${i / 2}`));
    const steps = c.inputs[1].shape[0];
    for (let t = 0; t < steps; t++) {
      opt.applyGradients(vars.map((v, k) => ({ variable: v, grad: row(c.inputs[2 * k + 1], t) })));
      vars.forEach((v, k) => expectClose(v.value, row(c.outputs[k], t), { rtol: 1e-9, atol: 1e-12 }));
    }
    assert.equal(opt.iterations, steps);
  });
}

test('factories take options objects and TensorFlow.js positional arguments', () => {
  assert.deepEqual(adam(0.01, 0.8).getConfig(), { className: 'Adam', config: { learningRate: 0.01, beta1: 0.8, beta2: 0.999, epsilon: 1e-7, amsgrad: false } });
  assert.deepEqual(adam({ learningRate: 0.01, beta1: 0.8 }).getConfig(), adam(0.01, 0.8).getConfig());
  assert.equal(sgd().currentLearningRate(), 0.01);
  assert.equal(rmsprop(0.1, 0.8, 0.5).momentum, 0.5);
  assert.equal(momentum(0.1, 0.9, true).nesterov, true);
  assert.equal(adagrad(0.1, 0.2).initialAccumulatorValue, 0.2);
  assert.equal(adadelta().rho, 0.95);
  assert.equal(adamax().epsilon, 1e-7);
  assert.equal(nadam().beta2, 0.999);
  assert.equal(adamw().weightDecay, 0.004);
  assert.equal(getOptimizer('RMSProp').getClassName(), 'RMSProp');
  assert.equal(getOptimizer('adamw').getClassName(), 'AdamW');
});

test('getConfig round-trips through getOptimizer, schedules included', () => {
  const opts: Optimizer[] = [
    sgd({ learningRate: 0.2, momentum: 0.5, nesterov: true, clipnorm: 1 }),
    rmsprop({ centered: true, clipvalue: 0.5 }),
    adam({ learningRate: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }), amsgrad: true }),
    adamw({ weightDecay: 0.1, globalClipnorm: 2 }),
    adagrad(), adadelta(), adamax(), nadam(),
  ];
  for (const o of opts) {
    const back = getOptimizer(o.getConfig());
    assert.deepEqual(back.getConfig(), o.getConfig());
    assert.equal(back.constructor, o.constructor);
  }
});

test('weights and state save/restore resumes training identically', () => {
  const w0 = [[0.5, -1], [2, 0.25]];
  const grads = [[[1, 2], [3, -4]], [[-1, 0.5], [0.1, 2]], [[0.3, 0.3], [-2, 1]], [[1, 1], [1, 1]]];
  const run = (opt: Optimizer, v: Variable, from: number, to: number): void => {
    for (let t = from; t < to; t++) opt.applyGradients(new Map([[v, tensor(grads[t], undefined, 'float64')]]));
  };
  const a = new Variable(tensor(w0, undefined, 'float64'), 'dense/kernel');
  const ref = adam({ learningRate: 0.1, amsgrad: true });
  run(ref, a, 0, 4);

  const b = new Variable(tensor(w0, undefined, 'float64'), 'dense/kernel');
  const first = adam({ learningRate: 0.1, amsgrad: true });
  run(first, b, 0, 2);
  const saved = first.getWeights();
  assert.deepEqual(saved.map((w) => w.name), ['iter', 'dense/kernel/m', 'dense/kernel/v', 'dense/kernel/vhat']);
  assert.equal(saved[0].tensor.dtype, 'int32');
  assert.equal(saved[0].tensor.item(), 2);
  const second = adam({ learningRate: 0.1, amsgrad: true });
  second.setWeights(saved);
  assert.equal(second.iterations, 2);
  run(second, b, 2, 4);
  expectClose(b.value, a.value);
});

test('applyGradients accepts maps, pairs, tuples, named tensors and records', () => {
  const make = (): Variable => new Variable(tensor([1, 2], undefined, 'float64'), 'w');
  const g = tensor([1, -1], undefined, 'float64');
  const forms: [(v: Variable) => Parameters<Optimizer['applyGradients']>[0], boolean][] = [
    [(v) => new Map([[v, g]]), false],
    [(v) => [{ variable: v, grad: g }], false],
    [(v) => [[g, v]], false],
    [() => [{ name: 'w', tensor: g }], true],
    [() => ({ w: g }), true],
  ];
  for (const [form, byName] of forms) {
    const v = make();
    sgd(0.5).applyGradients(form(v), byName ? [v] : undefined);
    expectClose(v.value, [0.5, 2.5]);
  }
  const v = make();
  sgd(0.5).applyGradients(new Map([[v, null]]));
  expectClose(v.value, [1, 2]);
  assert.throws(() => sgd(0.5).applyGradients({ nope: g }, [v]), /SGD.applyGradients: no variable named 'nope'/);
  assert.throws(() => sgd(0.5).applyGradients(new Map([[v, tensor([1, 2, 3])]])), /must have shape \[2\], received \[3\]/);
});

test('float32 variables are updated in float32 storage', () => {
  const v = new Variable(tensor([1, 2]), 'w32');
  adam(0.1).applyGradients(new Map([[v, tensor([1, -1])]]));
  assert.ok(v.value.storage instanceof Float32Array);
  expectClose(v.value, [0.9, 2.1], { rtol: 1e-6 });
});

test('clipnorm clips each gradient, clipvalue each element', () => {
  const a = new Variable(tensor([0, 0], undefined, 'float64'), 'a');
  const b = new Variable(tensor([0], undefined, 'float64'), 'b');
  sgd({ learningRate: 1, clipnorm: 1 }).applyGradients(new Map([[a, tensor([3, 4], undefined, 'float64')], [b, tensor([0.5], undefined, 'float64')]]));
  expectClose(a.value, [-0.6, -0.8]);
  expectClose(b.value, [-0.5]);
  const c = new Variable(tensor([0, 0, 0], undefined, 'float64'), 'c');
  sgd({ learningRate: 1, clipvalue: 0.5 }).applyGradients(new Map([[c, tensor([3, -4, 0.25], undefined, 'float64')]]));
  expectClose(c.value, [-0.5, 0.5, -0.25]);
  // Input gradients are not modified by clipping.
  const g = tensor([3, 4], undefined, 'float64');
  sgd({ clipnorm: 1 }).applyGradients(new Map([[a, g]]));
  expectClose(g, [3, 4]);
});

test('minimize differentiates f and applies the step', () => {
  const w = new Variable(tensor([3, -2], undefined, 'float64'), 'w');
  const loss = sgd(0.25).minimize(() => sum(mul(w.value, w.value)), [w]);
  assert.equal(loss.item(), 13);
  expectClose(w.value, [1.5, -1]);
  sgd(0.25).minimize(() => sum(mul(w.value, w.value)), true, [w]);
  expectClose(w.value, [0.75, -0.5]);
});

test('options are validated with the optimizer named', () => {
  assert.throws(() => adam({ beta1: 1 }), /Adam: beta1 must be in \[0, 1\), received number 1/);
  assert.throws(() => sgd({ learningRate: -1 }), /SGD: learningRate must be a non-negative number/);
  assert.throws(() => sgd({ clipnorm: 1, clipvalue: 1 }), /only one of clipnorm, globalClipnorm and clipvalue/);
  assert.throws(() => sgd({ momentum: 0, nesterov: true }), /nesterov needs a momentum > 0/);
  assert.throws(() => getOptimizer('lbfgs'), /getOptimizer: expected an optimizer, a name/);
});

test('a learning rate set by a callback replaces a schedule', () => {
  const opt = sgd({ learningRate: exponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 }) });
  const w = new Variable(tensor([0], undefined, 'float64'), 'w');
  for (let i = 0; i < 3; i++) opt.applyGradients(new Map([[w, tensor([1], undefined, 'float64')]]));
  expectClose(w.value, [-1.75]);
  assert.equal(opt.currentLearningRate(), 0.125);
  opt.learningRate = 0.01;
  assert.equal(opt.currentLearningRate(), 0.01);
});
