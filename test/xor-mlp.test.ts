// The texts' classic: a perceptron cannot learn XOR, a two-layer network trained by backpropagation can.
// Here the network is written with raw ops and backward(), no layers API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../src/core/random.js';
import { noGrad } from '../src/core/grad-mode.js';
import type { Tensor } from '../src/core/tensor.js';
import { tensor } from '../src/ops/convert.js';
import { randomNormal, zeros } from '../src/ops/creation.js';
import { add, mul, sub } from '../src/ops/arithmetic.js';
import { matmul } from '../src/ops/matmul.js';
import { tanh, sigmoid } from '../src/ops/activations.js';
import { mean } from '../src/ops/reduce.js';
import { square } from '../src/ops/unary-math.js';
import '../src/ops/methods.js';

test('a 2-layer MLP of raw ops learns XOR with backward() and plain gradient descent', () => {
  setSeed(3);
  const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const y = tensor([[0], [1], [1], [0]]);
  const params = [randomNormal([2, 8], 0, 1), zeros([8]), randomNormal([8, 1], 0, 1), zeros([1])];
  params.forEach((p) => p.requiresGrad_());
  const [w1, b1, w2, b2] = params;
  const forward = (): Tensor => sigmoid(add(matmul(tanh(add(matmul(x, w1), b1)), w2), b2));
  let loss = Infinity;
  for (let step = 0; step < 2000; step++) {
    for (const p of params) p.grad = null;
    const l = mean(square(sub(forward(), y)));
    l.backward();
    loss = l.item();
    noGrad(() => {
      for (const p of params) p.storage.set(sub(p, mul(p.grad!, 1.0)).storage);
    });
  }
  const pred = Array.from(forward().dataSync()).map((v) => (v > 0.5 ? 1 : 0));
  assert.deepEqual(pred, [0, 1, 1, 0]);
  assert.ok(loss < 0.01, `final loss ${loss}`);
});
