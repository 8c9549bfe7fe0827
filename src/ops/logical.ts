// Elementwise boolean logic: bool tensors in, bool tensors out (other dtypes are rejected, as in TensorFlow).
import { check } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { binaryKernel, unaryKernel } from './kernels/elementwise.js';

function boolBinaryInfo(api: string) {
  return ([a, b]: readonly TensorInfo[]): TensorInfo => {
    check(a.dtype === 'bool' && b.dtype === 'bool', api,
      () => `expected bool tensors, received a of dtype ${a.dtype} and b of dtype ${b.dtype}`);
    return { shape: broadcastShapes(api, a.shape, b.shape), dtype: 'bool' };
  };
}

const LogicalAnd = op({
  name: 'LogicalAnd', api: 'logicalAnd',
  infer: boolBinaryInfo('logicalAnd'),
  kernel: binaryKernel((a, b) => a & b),
});

const LogicalOr = op({
  name: 'LogicalOr', api: 'logicalOr',
  infer: boolBinaryInfo('logicalOr'),
  kernel: binaryKernel((a, b) => a | b),
});

const LogicalXor = op({
  name: 'LogicalXor', api: 'logicalXor',
  infer: boolBinaryInfo('logicalXor'),
  kernel: binaryKernel((a, b) => a ^ b),
});

const LogicalNot = op({
  name: 'LogicalNot', api: 'logicalNot',
  infer: ([x]) => {
    check(x.dtype === 'bool', 'logicalNot', () => `expected a bool tensor, received dtype ${x.dtype}`);
    return x;
  },
  kernel: unaryKernel((x) => 1 - x),
});

function operands(api: string, a: TensorLike, b: TensorLike): Tensor[] {
  return [toTensor(api, 'a', a), toTensor(api, 'b', b)];
}

/**
 * Elementwise a AND b of bool tensors, broadcasting.
 * @example logicalAnd(tensor([true, true]), tensor([true, false])) // [true, false]
 */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return run(LogicalAnd, operands('logicalAnd', a, b), {});
}

/**
 * Elementwise a OR b of bool tensors, broadcasting.
 * @example logicalOr(tensor([false, true]), false) // [false, true]
 */
export function logicalOr(a: TensorLike, b: TensorLike): Tensor {
  return run(LogicalOr, operands('logicalOr', a, b), {});
}

/**
 * Elementwise a XOR b of bool tensors, broadcasting.
 * @example logicalXor(tensor([true, true]), tensor([true, false])) // [false, true]
 */
export function logicalXor(a: TensorLike, b: TensorLike): Tensor {
  return run(LogicalXor, operands('logicalXor', a, b), {});
}

/**
 * Elementwise NOT of a bool tensor.
 * @example logicalNot(tensor([true, false])) // [false, true]
 */
export function logicalNot(x: TensorLike): Tensor {
  return run(LogicalNot, [toTensor('logicalNot', 'x', x)], {});
}
