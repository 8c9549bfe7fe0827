import { op, run } from '../core/op.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensors2, toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { broadcastInfo, sameInfo } from './infer.js';
import { binaryKernel, unaryKernel } from './kernels/elementwise.js';
import { equal, greater, greaterEqual, lessEqual, where } from './compare.js';
import { log } from './unary-math.js';

const Add = op({
  name: 'Add', api: 'add',
  writesAll: true,
  infer: broadcastInfo('add'),
  kernel: binaryKernel((a, b) => a + b),
  grad: ({ dys: [dy] }) => [dy, dy],
});

const Sub = op({
  name: 'Sub', api: 'sub',
  writesAll: true,
  infer: broadcastInfo('sub'),
  kernel: binaryKernel((a, b) => a - b),
  grad: ({ dys: [dy], inputs: [, b] }) => [dy, b.requiresGrad ? neg(dy) : null],
});

const Mul = op({
  name: 'Mul', api: 'mul',
  writesAll: true,
  infer: broadcastInfo('mul'),
  kernel: binaryKernel((a, b) => a * b),
  // Only the cotangents autograd will use: an operand without a gradient (a constant, data) costs nothing.
  grad: ({ dys: [dy], inputs: [a, b] }) => [a.requiresGrad ? mul(dy, b) : null, b.requiresGrad ? mul(dy, a) : null],
});

const Div = op({
  name: 'Div', api: 'div',
  writesAll: true,
  infer: broadcastInfo('div'),
  kernel: binaryKernel((a, b) => a / b),
  grad: ({ dys: [dy], inputs: [a, b] }) => [
    a.requiresGrad ? div(dy, b) : null,
    b.requiresGrad ? neg(div(mul(dy, a), mul(b, b))) : null,
  ],
});

const Neg = op({
  name: 'Neg', api: 'neg',
  writesAll: true,
  infer: sameInfo('neg'),
  kernel: unaryKernel((x) => -x),
  grad: ({ dys: [dy] }) => [neg(dy)],
});

/**
 * Elementwise a + b, broadcasting by NumPy rules.
 * @example add(tensor([1, 2]), 10) // [11, 12]
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return run(Add, toTensors2('add', a, b), {});
}

/**
 * Elementwise a - b, broadcasting.
 * @example sub(tensor([3, 4]), tensor([1, 1])) // [2, 3]
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return run(Sub, toTensors2('sub', a, b), {});
}

/**
 * Elementwise a * b, broadcasting.
 * @example mul(tensor([[1], [2]]), tensor([3, 4])) // [[3, 4], [6, 8]]
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return run(Mul, toTensors2('mul', a, b), {});
}

/**
 * Elementwise a / b, broadcasting (integer tensors divide exactly, then truncate on storage).
 * @example div(tensor([1, 3]), 2) // [0.5, 1.5]
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return run(Div, toTensors2('div', a, b), {});
}

/**
 * Elementwise -x.
 * @example neg(tensor([1, -2])) // [-1, 2]
 */
export function neg(x: TensorLike): Tensor {
  return run(Neg, [toTensor('neg', 'x', x)], {});
}

const Pow = op({
  name: 'Pow', api: 'pow',
  infer: broadcastInfo('pow'),
  kernel: binaryKernel((a, b) => Math.pow(a, b)),
  // As PyTorch: d/da is 0 where b == 0 (even at a == 0); d/db = y log(a) where a > 0 and 0 elsewhere (where the
  // real-valued power is not differentiable in b). Unneeded halves are skipped: x.pow(2) never builds log(x).
  grad: ({ dys: [dy], inputs: [a, b], outputs: [y] }) => {
    const da = a.requiresGrad ? where(equal(b, 0), 0, mul(dy, mul(b, pow(a, sub(b, 1))))) : null;
    let db: Tensor | null = null;
    if (b.requiresGrad) {
      const positive = greater(a, 0);
      // log of a safe operand, so masked-out elements carry no NaN into higher derivatives either.
      db = where(positive, mul(dy, mul(y, log(where(positive, a, 1)))), 0);
    }
    return [da, db];
  },
});

const Maximum = op({
  name: 'Maximum', api: 'maximum',
  infer: broadcastInfo('maximum'),
  kernel: binaryKernel((a, b) => Math.max(a, b)),
  // Ties send the whole gradient to a (as TensorFlow; PyTorch splits it in halves).
  grad: ({ dys: [dy], inputs: [a, b] }) => {
    const toA = greaterEqual(a, b);
    return [where(toA, dy, 0), where(toA, 0, dy)];
  },
});

const Minimum = op({
  name: 'Minimum', api: 'minimum',
  infer: broadcastInfo('minimum'),
  kernel: binaryKernel((a, b) => Math.min(a, b)),
  // Ties send the whole gradient to a (as TensorFlow; PyTorch splits it in halves).
  grad: ({ dys: [dy], inputs: [a, b] }) => {
    const toA = lessEqual(a, b);
    return [where(toA, dy, 0), where(toA, 0, dy)];
  },
});

/**
 * Elementwise a ** b, broadcasting (NaN for a negative base with a fractional exponent). Differentiable in both;
 * the gradient in b is a^b log(a) where a > 0 and 0 elsewhere.
 * @example pow(tensor([2, 3]), 2) // [4, 9]
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return run(Pow, toTensors2('pow', a, b), {});
}

/**
 * Elementwise larger of a and b, broadcasting (NaN propagates). On ties the gradient goes to a.
 * @example maximum(tensor([1, 5]), tensor([3, 2])) // [3, 5]
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return run(Maximum, toTensors2('maximum', a, b), {});
}

/**
 * Elementwise smaller of a and b, broadcasting (NaN propagates). On ties the gradient goes to a.
 * @example minimum(tensor([1, 5]), tensor([3, 2])) // [1, 2]
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return run(Minimum, toTensors2('minimum', a, b), {});
}

/**
 * Elementwise (a - b)^2, broadcasting.
 * @example squaredDifference(tensor([1, 4]), tensor([3, 1])) // [4, 9]
 */
export function squaredDifference(a: TensorLike, b: TensorLike): Tensor {
  const [ta, tb] = toTensors2('squaredDifference', a, b);
  broadcastShapes('squaredDifference', ta.shape, tb.shape);
  const d = sub(ta, tb);
  return mul(d, d);
}
