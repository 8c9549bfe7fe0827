import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grad, grads } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { add, mul } from './arithmetic.js';
import { cast } from './cast.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { matmul } from './matmul.js';
import { sum } from './reduce-sum.js';
import { reshape } from './reshape.js';

const f64 = (shape: number[]): Tensor => randomNormal(shape, 0, 1, 'float64');

/** Plain triple loop over 2-D float64 tensors, transposes applied by index. */
function reference(a: Tensor, b: Tensor, ta = false, tb = false): number[][] {
  const [ar, ac] = a.shape, [br, bc] = b.shape;
  const m = ta ? ac : ar, k = ta ? ar : ac, n = tb ? br : bc;
  const out: number[][] = [];
  for (let i = 0; i < m; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.storage[ta ? p * ac + i : i * ac + p] * b.storage[tb ? j * bc + p : p * bc + j];
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

test('matmul multiplies matrices', () => {
  expectClose(matmul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])), [[19, 22], [43, 50]]);
  expectClose(matmul(tensor([[1, 2, 3]]), tensor([[1], [1], [1]])), [[6]]);
});

test('matmul honours every transpose flag combination (float32 and float64)', () => {
  setSeed(1);
  for (const dtype of ['float32', 'float64'] as const) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const a = randomNormal(ta ? [7, 5] : [5, 7], 0, 1, 'float64'), b = randomNormal(tb ? [6, 7] : [7, 6], 0, 1, 'float64');
        const y = matmul(cast(a, dtype), cast(b, dtype), ta, tb);
        assert.equal(y.dtype, dtype);
        expectClose(y, reference(a, b, ta, tb), dtype === 'float32' ? { rtol: 1e-5, atol: 1e-5 } : {});
      }
    }
  }
});

test('matmul broadcasts batch dimensions', () => {
  setSeed(2);
  const a = f64([2, 1, 3, 4]), b = f64([5, 4, 2]);
  const y = matmul(a, b);
  assert.deepEqual(y.shape, [2, 5, 3, 2]);
  const as = a.arraySync() as number[][][][], bs = b.arraySync() as number[][][], ys = y.arraySync() as number[][][][];
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 5; j++) {
      expectClose(tensor(ys[i][j], undefined, 'float64'), reference(tensor(as[i][0], undefined, 'float64'), tensor(bs[j], undefined, 'float64')));
    }
  }
  // A shared 2-D right operand folds the batch into one product; a batched right operand loops per batch.
  const x = f64([3, 4, 5]), w = f64([5, 2]);
  const xs = x.arraySync() as number[][][];
  const yb = matmul(x, w).arraySync() as number[][][];
  const w3 = add(reshape(w, [1, 5, 2]), zeros([3, 5, 2], 'float64'));
  const yt = matmul(x, w3).arraySync() as number[][][];
  for (let i = 0; i < 3; i++) {
    expectClose(tensor(yb[i], undefined, 'float64'), reference(tensor(xs[i], undefined, 'float64'), w));
    expectClose(tensor(yt[i], undefined, 'float64'), yb[i]);
  }
});

test('matmul accepts 1-D operands like NumPy', () => {
  const m = tensor([[1, 2], [3, 4], [5, 6]]);
  const y1 = matmul(tensor([1, 1, 1]), m);
  assert.deepEqual(y1.shape, [2]);
  expectClose(y1, [9, 12]);
  const y2 = matmul(m, tensor([1, -1]));
  assert.deepEqual(y2.shape, [3]);
  expectClose(y2, [-1, -1, -1]);
  const y3 = matmul(tensor([1, 2, 3]), tensor([4, 5, 6]));
  assert.deepEqual(y3.shape, []);
  assert.equal(y3.item(), 32);
  const y4 = matmul(tensor([1, 2]), tensor([[[1, 0], [0, 1]], [[2, 0], [0, 2]]]));
  assert.deepEqual(y4.shape, [2, 2]);
  expectClose(y4, [[1, 2], [2, 4]]);
  // A transpose flag on a vector changes nothing.
  expectClose(matmul(m, tensor([1, -1]), false, true), [-1, -1, -1]);
  expectClose(matmul(m, tensor([1, 1, 1]), true, true), [9, 12]);
});

test('matmul edge shapes: K = 0 gives zeros, M or N = 1, empty batch', () => {
  const y = matmul(zeros([3, 0]), zeros([0, 4]));
  assert.deepEqual(y.shape, [3, 4]);
  expectClose(y, zeros([3, 4]));
  setSeed(3);
  const a = f64([1, 9]), b = f64([9, 1]);
  expectClose(matmul(a, b), reference(a, b));
  expectClose(matmul(b, a), reference(b, a));
  assert.deepEqual(matmul(zeros([0, 2, 3]), zeros([3, 4])).shape, [0, 2, 4]);
  assert.deepEqual(matmul(zeros([2, 0, 3]), zeros([2, 3, 4])).shape, [2, 0, 4]);
  const mixed = matmul(tensor([[1, 2]]), tensor([[3], [4]], undefined, 'float64'));
  assert.equal(mixed.dtype, 'float64');
});

test('matmul rejects bad arguments with clear messages', () => {
  assert.throws(() => matmul(zeros([2, 3]), zeros([4, 5])), /^ArgumentError: matmul: inner dimensions differ, received a=\[2,3\], b=\[4,5\]$/);
  assert.throws(() => matmul(zeros([2, 3]), zeros([2, 5]), false, true), /matmul: inner dimensions differ, received a=\[2,3\], b=\[2,5\] \(transposeB=true\)/);
  assert.throws(() => matmul(zeros([2, 2, 3]), zeros([3, 3, 4])), /matmul: batch dimensions cannot be broadcast, received a=\[2,2,3\], b=\[3,3,4\]/);
  assert.throws(() => matmul(tensor(2), zeros([2])), /matmul: operands must have rank >= 1, received a=\[\], b=\[2\]/);
  assert.throws(() => matmul(tensor([[1]], undefined, 'int32'), zeros([1, 1])), /matmul: operands must be float32 or float64, received int32 and float32/);
});

test('matmul gradients for every transpose combination', () => {
  setSeed(4);
  for (const ta of [false, true]) {
    for (const tb of [false, true]) {
      checkGrads((a, b) => matmul(a, b, ta, tb), [f64(ta ? [4, 3] : [3, 4]), f64(tb ? [5, 4] : [4, 5])]);
    }
  }
});

test('matmul gradients with broadcast batches and 1-D operands', () => {
  setSeed(5);
  checkGrads((a, b) => matmul(a, b), [f64([2, 1, 3, 4]), f64([5, 4, 2])]);
  checkGrads((a, b) => matmul(a, b, true, true), [f64([3, 4, 2]), f64([1, 5, 4])]);
  checkGrads((a, b) => matmul(a, b), [f64([2, 3, 4]), f64([4, 2])]);
  checkGrads((a, b) => matmul(a, b), [f64([4]), f64([2, 4, 3])]);
  checkGrads((a, b) => matmul(a, b), [f64([3, 4]), f64([4])]);
  checkGrads((a, b) => matmul(a, b), [f64([4]), f64([4])]);
});

test('matmul second derivatives through grad(grad(...))', () => {
  setSeed(6);
  // f(x) = sum((x x)^2) is quartic, so its Hessian-vector products are checked by finite differences of grad f.
  const f = (x: Tensor): Tensor => { const y = matmul(x, x); return sum(mul(y, y)); };
  checkGrads((x) => grad(f)(x), [f64([3, 3])]);
  // For f(x) = sum(A x B) the gradient is constant, so grad of sum(grad f) is zero.
  const A = f64([2, 3]), B = f64([4, 2]);
  const g = (x: Tensor): Tensor => sum(matmul(matmul(A, x), B));
  expectClose(grad((x) => sum(grad(g)(x)))(f64([3, 4])), zeros([3, 4], 'float64'));
  // Transposed products are differentiable twice too.
  const h = (a: Tensor, b: Tensor): Tensor => {
    const [da] = grads((p, q) => { const y = matmul(p, q, true, true); return sum(mul(y, y)); })(a, b);
    return da;
  };
  checkGrads(h, [f64([3, 2]), f64([4, 3])]);
});
