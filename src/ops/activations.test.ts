import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grad, gradients } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import {
  elu, gelu, hardSigmoid, leakyRelu, mish, relu, relu6, selu, sigmoid, softplus, softsign, step, swish, tanh,
} from './activations.js';
import { add, mul } from './arithmetic.js';
import { cast } from './cast.js';
import { greater, where } from './compare.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { sum } from './reduce-sum.js';
import { clip } from './unary-math.js';

const t64 = (v: number[]): Tensor => tensor(v, undefined, 'float64');

const ACTIVATIONS: [string, (x: Tensor) => Tensor][] = [
  ['relu', relu], ['relu6', (x) => relu6(x)], ['leakyRelu', (x) => leakyRelu(x)], ['leakyRelu 0.1', (x) => leakyRelu(x, 0.1)],
  ['elu', (x) => elu(x)], ['elu 0.5', (x) => elu(x, 0.5)], ['selu', selu], ['gelu', (x) => gelu(x)],
  ['gelu tanh', (x) => gelu(x, true)], ['sigmoid', sigmoid], ['hardSigmoid', hardSigmoid], ['tanh', tanh],
  ['softplus', softplus], ['softsign', softsign], ['swish', (x) => swish(x)], ['swish 1.5', (x) => swish(x, 1.5)],
  ['mish', mish],
];

/** Normal inputs with standard deviation 2, so both sides of every kink (0, +-2.5, 6) are exercised. */
function spread(n: number): Tensor {
  return randomNormal([n], 0, 2, 'float64');
}

test('activations: gradients match finite differences', () => {
  setSeed(1);
  for (const [name, f] of ACTIVATIONS) assert.doesNotThrow(() => checkGrads(f, [spread(12)]), name);
  // relu6 around its upper kink.
  checkGrads(relu6, [t64([5.5, 6.5, 3, -1])]);
});

test('activations: second derivatives match finite differences', () => {
  setSeed(2);
  for (const [name, f] of ACTIVATIONS) {
    const df = grad((z) => sum(f(z)));
    assert.doesNotThrow(() => checkGrads((x) => df(x), [spread(8)]), name);
  }
});

test('grad(grad(tanh)), grad(grad(sigmoid)) and grad(grad(gelu)) equal their closed forms', () => {
  const v = [-2, -0.3, 0.7, 3];
  const x = t64(v);
  const second = (f: (z: Tensor) => Tensor): Tensor => grad((z) => sum(grad((w) => sum(f(w)))(z)))(x);
  expectClose(second(tanh), v.map((a) => { const t = Math.tanh(a); return -2 * t * (1 - t * t); }));
  expectClose(second(sigmoid), v.map((a) => { const s = 1 / (1 + Math.exp(-a)); return s * (1 - s) * (1 - 2 * s); }));
  // gelu'' = phi(x) (2 - x^2)
  expectClose(second((w) => gelu(w)), v.map((a) => Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI) * (2 - a * a)));
});

test('activations: values at reference points', () => {
  expectClose(relu(t64([-1, 0, 2])), [0, 0, 2]);
  expectClose(relu6(t64([-1, 3, 8])), [0, 3, 6]);
  expectClose(leakyRelu(t64([-1, 2])), [-0.2, 2]);
  expectClose(elu(t64([-1, 2]), 2), [2 * Math.expm1(-1), 2]);
  expectClose(selu(t64([-1, 2])), [1.0507009873554805 * 1.6732632423543772 * Math.expm1(-1), 2 * 1.0507009873554805]);
  expectClose(gelu(t64([0, 1])), [0, 0.8413447460685429]);
  expectClose(gelu(t64([1]), true), [0.8411919906082768]);
  expectClose(hardSigmoid(t64([-3, -2.5, 0, 1, 2.5, 3])), [0, 0, 0.5, 0.7, 1, 1]);
  expectClose(softsign(t64([-1, 3])), [-0.5, 0.75]);
  expectClose(swish(t64([1]), 2), [1 / (1 + Math.exp(-2))]);
  expectClose(mish(t64([1])), [Math.tanh(Math.log1p(Math.E))]);
});

test('sigmoid, softplus, tanh, gelu: stable at extreme inputs', () => {
  const x = t64([-1000, -40, 40, 1000]);
  expectClose(sigmoid(x), [0, 1 / (1 + Math.exp(40)), 1 / (1 + Math.exp(-40)), 1]);
  expectClose(softplus(x), [0, Math.exp(-40), 40, 1000]);
  expectClose(tanh(x), [-1, -1, 1, 1]);
  expectClose(gelu(x), [-0, -0, 40, 1000]);
  const g = grad((z) => sum(softplus(z)))(x);
  expectClose(g, [0, Math.exp(-40), 1, 1]);
  assert.ok(Number.isFinite(sigmoid(tensor([-100])).item()));
});

test('step: Heaviside with alpha below zero, zero gradient everywhere, NaN kept', () => {
  expectClose(step(t64([-1, 0, 2])), [0, 0, 1]);
  expectClose(step(t64([-1, 0, 2]), 0.5), [0.5, 0.5, 1]);
  assert.ok(Number.isNaN(step(tensor([NaN])).item()));
  const x = t64([-1, 0, 2]).requiresGrad_();
  const y = step(x);
  assert.equal(y.requiresGrad, true);
  expectClose(grad((z) => sum(step(z)))(x), [0, 0, 0]);
});

test('relu: gradient 0 at 0, NaN passes, kinks of relu6 and leakyRelu', () => {
  expectClose(grad((z) => sum(relu(z)))(t64([-1, 0, 2])), [0, 0, 1]);
  expectClose(grad((z) => sum(relu6(z)))(t64([-1, 0, 3, 6, 7])), [0, 0, 1, 0, 0]);
  expectClose(grad((z) => sum(leakyRelu(z, 0.1)))(t64([-1, 0, 2])), [0.1, 0.1, 1]);
  expectClose(grad((z) => sum(hardSigmoid(z)))(t64([-3, -2.5, 0, 2.5, 3])), [0, 0.2, 0.2, 0.2, 0]);
  assert.ok(Number.isNaN(relu(tensor([NaN])).item()));
});

test('activations: dtype policy', () => {
  const i = tensor([-2, 0, 7], undefined, 'int32');
  assert.equal(relu(i).dtype, 'int32');
  assert.deepEqual(Array.from(relu6(i).dataSync()), [0, 0, 6]);
  for (const [name, f] of ACTIVATIONS.filter(([n]) => n !== 'relu' && n !== 'relu6')) {
    assert.equal(f(i).dtype, 'float32', name);
  }
  expectClose(sigmoid(i), [1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-7))]);
  expectClose(step(tensor([true, false])), [1, 0]);
  assert.throws(() => relu(tensor([true])), /^ArgumentError: relu: expected a numeric tensor \(float32, float64 or int32\), received dtype bool$/);
  assert.throws(() => relu6(tensor([true])), /relu6: expected a numeric tensor/);
  assert.equal(sigmoid(t64([0])).dtype, 'float64');
});

test('activations: edge shapes (size 0, scalar, size 1) and float32', () => {
  setSeed(3);
  for (const [name, f] of ACTIVATIONS) {
    assert.deepEqual(f(zeros([0])).shape, [0], name);
    assert.deepEqual(f(zeros([3, 0])).shape, [3, 0], name);
    assert.deepEqual(f(tensor(0.5)).shape, [], name);
    assert.deepEqual(f(tensor([[0.5]])).shape, [1, 1], name);
    const x = spread(40);
    assert.doesNotThrow(() => expectClose(f(cast(x, 'float32')), f(x), { rtol: 1e-5, atol: 1e-6 }), name);
  }
});

test('activations: invalid options are ArgumentErrors', () => {
  assert.throws(() => leakyRelu(tensor([1]), NaN), /^ArgumentError: leakyRelu: alpha must be a finite number, received number NaN$/);
  assert.throws(() => elu(tensor([1]), '1' as unknown as number), /^ArgumentError: elu: alpha must be a finite number, received '1'$/);
  assert.throws(() => swish(tensor([1]), Infinity), /swish: beta must be a finite number/);
  assert.throws(() => step(tensor([1]), null as unknown as number), /step: alpha must be a finite number, received null/);
  assert.throws(() => gelu(tensor([1]), 'tanh' as unknown as boolean), /^ArgumentError: gelu: approximate must be a boolean, received 'tanh'$/);
  assert.throws(() => sigmoid('a' as unknown as number), /^ArgumentError: sigmoid: /);
});

test('relu and hardSigmoid gradients, and hardSigmoid, give the bits of their composite definitions', () => {
  setSeed(9);
  const special = [0, -0, 2.5, -2.5, 2.4999999, -2.5000001, 1e-30, Infinity, -Infinity, NaN];
  for (const dtype of ['float32', 'float64'] as const) {
    const x = tensor([...special, ...randomNormal([500], 0, 3, 'float64').storage], undefined, dtype).requiresGrad_();
    const dy = tensor([1, 2, NaN, -0, 3, 4, 5, 6, NaN, 7, ...randomNormal([500], 0, 1, 'float64').storage], undefined, dtype);
    const composite = (z: Tensor): Tensor => clip(add(mul(z, 0.2), 0.5), 0, 1);
    const same = (a: Tensor, b: Tensor, what: string): void => assert.deepEqual(Array.from(a.storage), Array.from(b.storage), `${what} ${dtype}`);
    same(hardSigmoid(x), composite(x), 'hardSigmoid');
    same(gradients(hardSigmoid(x), [x], dy)[0], gradients(composite(x), [x], dy)[0], 'hardSigmoid gradient');
    same(gradients(relu(x), [x], dy)[0], where(greater(x, 0), dy, 0), 'relu gradient');
  }
  // Second derivatives flow through the gradient primitives (linear in dy) as through the composites.
  const z = t64([-3, 0.3, 1, 2.5]).requiresGrad_(), g = t64([0.5, -1, 2, 3]).requiresGrad_();
  const second = (f: (v: Tensor) => Tensor): number[][] => {
    const [gz] = gradients(f(z), [z], g, { createGraph: true });
    return gradients(sum(mul(gz, gz)), [z, g]).map((t) => Array.from(t.storage));
  };
  assert.deepEqual(second(hardSigmoid), second((v) => clip(add(mul(v, 0.2), 0.5), 0, 1)));
  assert.deepEqual(second(relu), [[0, 0, 0, 0], [0, -2, 4, 6]]);
});
