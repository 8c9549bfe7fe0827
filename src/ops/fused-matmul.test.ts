import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grads } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { elu, leakyRelu, relu, relu6, sigmoid, tanh } from './activations.js';
import { add } from './arithmetic.js';
import { tensor } from './convert.js';
import { randomNormal } from './creation.js';
import { fused, fusedMatMul, isPrimitiveActivation } from './fused-matmul.js';
import type { FusedActivation } from './fused-matmul.js';
import { matmul } from './matmul.js';
import { sum } from './reduce-sum.js';

const f64 = (shape: number[]): Tensor => randomNormal(shape, 0, 1, 'float64');

/** The same computation from separate ops. */
function composed(a: Tensor, b: Tensor, bias: Tensor | undefined, activation: FusedActivation, ta = false, tb = false): Tensor {
  let z = matmul(a, b, ta, tb);
  if (bias) z = add(z, bias);
  const acts: Record<string, (x: Tensor) => Tensor> = { linear: (x) => x, relu, relu6, elu, sigmoid, tanh, leakyrelu: (x) => leakyRelu(x, 0.2) };
  return acts[activation](z);
}

test('fused.matMul computes activation(a @ b + bias) like separate ops', () => {
  expectClose(fused.matMul({ a: tensor([[1, 2]]), b: tensor([[1], [-1]]), bias: tensor([3]), activation: 'relu' }), [[2]]);
  setSeed(1);
  for (const activation of ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'tanh', 'leakyrelu'] as const) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const a = randomNormal(ta ? [5, 3] : [3, 5]), b = randomNormal(tb ? [4, 5] : [5, 4]), bias = randomNormal([4]);
      // Float32 on the reference backend: the same products, the same roundings, so the same bits.
      assert.deepEqual(fusedMatMul({ a, b, bias, activation, transposeA: ta, transposeB: tb }).dataSync(),
        composed(a, b, bias, activation, ta, tb).dataSync(), `${activation} ta=${ta} tb=${tb}`);
    }
  }
});

test('fused.matMul gradients match finite differences (float64) for every primitive activation', () => {
  setSeed(2);
  for (const activation of ['linear', 'relu', 'sigmoid', 'tanh'] as const) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const a = f64(ta ? [4, 3] : [3, 4]), b = f64(tb ? [5, 4] : [4, 5]), bias = f64([5]);
      checkGrads((x, y, c) => fusedMatMul({ a: x, b: y, bias: c, activation, transposeA: ta, transposeB: tb }), [a, b, bias]);
      checkGrads((x, y) => fusedMatMul({ a: x, b: y, activation, transposeA: ta, transposeB: tb }), [a, b]);
    }
  }
});

test('fused.matMul gradients through the composed paths: rank 3, broadcast bias, other activations', () => {
  setSeed(3);
  checkGrads((x, w, c) => fusedMatMul({ a: x, b: w, bias: c, activation: 'tanh' }), [f64([2, 3, 4]), f64([4, 5]), f64([5])]);
  checkGrads((x, w, c) => fusedMatMul({ a: x, b: w, bias: c, activation: 'sigmoid' }), [f64([2, 3, 4]), f64([2, 4, 5]), f64([3, 1])]);
  checkGrads((x, w, c) => fusedMatMul({ a: x, b: w, bias: c, activation: 'elu' }), [f64([3, 4]), f64([4, 2]), f64([2])]);
  checkGrads((x, w, p) => fusedMatMul({ a: x, b: w, activation: 'prelu', preluActivationWeights: p }), [f64([3, 4]), f64([4, 2]), f64([2])]);
});

test('fused.matMul differentiates twice (the gradient rule uses public ops)', () => {
  setSeed(4);
  const a = f64([3, 4]), b = f64([4, 2]), bias = f64([2]);
  for (const activation of ['sigmoid', 'tanh'] as const) {
    // The gradient of sum(act(x w + c)) with respect to x, checked against its own finite differences.
    checkGrads((x, y, c) => grads((p, q, r) => sum(fusedMatMul({ a: p, b: q, bias: r, activation })))(x, y, c)[0], [a, b, bias]);
  }
});

test('isPrimitiveActivation names the activations applied inside the primitive', () => {
  assert.deepEqual(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid', 'tanh'].filter(isPrimitiveActivation),
    ['linear', 'relu', 'sigmoid', 'tanh']);
});

test('fused.matMul checks its arguments', () => {
  const a = tensor([[1, 2]]), b = tensor([[1], [2]]);
  assert.throws(() => fusedMatMul({ a, b: tensor([[1, 2, 3]]) }), /fused\.matMul: expected 2-D float operands with equal inner dimensions, received a=\[1,2\]/);
  assert.throws(() => fusedMatMul({ a, b, bias: tensor([1, 2, 3]) }), /fused\.matMul: bias \[3\] cannot be broadcast to the product's shape \[1,1\]/);
  assert.throws(() => fusedMatMul({ a, b, activation: 'swish' as FusedActivation }), /fused\.matMul: activation must be one of linear, relu/);
  assert.throws(() => fusedMatMul({ a, b, activation: 'prelu' }), /fused\.matMul: activation 'prelu' needs preluActivationWeights/);
  assert.throws(() => fusedMatMul({ a: tensor([[1, 2]], undefined, 'int32'), b }), /fused\.matMul: operands must be float32 or float64, received int32/);
  assert.throws(() => fusedMatMul(undefined as never), /fused\.matMul: expected an arguments object/);
});
