import { op, run } from '../core/op.js';
import type { Tensor } from '../core/tensor.js';
import { toTensors2, toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { broadcastInfo, sameInfo } from './infer.js';
import { binaryKernel, unaryKernel } from './kernels/elementwise.js';

const Add = op({
  name: 'Add', api: 'add',
  infer: broadcastInfo('add'),
  kernel: binaryKernel((a, b) => a + b),
  grad: ({ dys: [dy] }) => [dy, dy],
});

const Sub = op({
  name: 'Sub', api: 'sub',
  infer: broadcastInfo('sub'),
  kernel: binaryKernel((a, b) => a - b),
  grad: ({ dys: [dy] }) => [dy, neg(dy)],
});

const Mul = op({
  name: 'Mul', api: 'mul',
  infer: broadcastInfo('mul'),
  kernel: binaryKernel((a, b) => a * b),
  grad: ({ dys: [dy], inputs: [a, b] }) => [mul(dy, b), mul(dy, a)],
});

const Div = op({
  name: 'Div', api: 'div',
  infer: broadcastInfo('div'),
  kernel: binaryKernel((a, b) => a / b),
  grad: ({ dys: [dy], inputs: [a, b] }) => [div(dy, b), neg(div(mul(dy, a), mul(b, b)))],
});

const Neg = op({
  name: 'Neg', api: 'neg',
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
