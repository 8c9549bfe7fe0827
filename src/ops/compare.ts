// Elementwise comparisons (bool results, not differentiable) and `where`, the differentiable select.
import { upcast } from '../core/dtype.js';
import { ArgumentError, check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor, toTensors2 } from './convert.js';
import type { TensorLike } from './convert.js';
import { broadcastInfo } from './infer.js';
import { binaryKernel, broadcastStrides } from './kernels/elementwise.js';

const Equal = op({
  name: 'Equal', api: 'equal',
  infer: broadcastInfo('equal', 'bool'),
  kernel: binaryKernel((a, b) => (a === b ? 1 : 0)),
});

const NotEqual = op({
  name: 'NotEqual', api: 'notEqual',
  infer: broadcastInfo('notEqual', 'bool'),
  kernel: binaryKernel((a, b) => (a !== b ? 1 : 0)),
});

const Less = op({
  name: 'Less', api: 'less',
  infer: broadcastInfo('less', 'bool'),
  kernel: binaryKernel((a, b) => (a < b ? 1 : 0)),
});

const LessEqual = op({
  name: 'LessEqual', api: 'lessEqual',
  infer: broadcastInfo('lessEqual', 'bool'),
  kernel: binaryKernel((a, b) => (a <= b ? 1 : 0)),
});

const Greater = op({
  name: 'Greater', api: 'greater',
  infer: broadcastInfo('greater', 'bool'),
  kernel: binaryKernel((a, b) => (a > b ? 1 : 0)),
});

const GreaterEqual = op({
  name: 'GreaterEqual', api: 'greaterEqual',
  infer: broadcastInfo('greaterEqual', 'bool'),
  kernel: binaryKernel((a, b) => (a >= b ? 1 : 0)),
});

/**
 * Elementwise a == b as a bool tensor, broadcasting (NaN equals nothing).
 * @example equal(tensor([1, 2]), 2) // [false, true]
 */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return run(Equal, toTensors2('equal', a, b), {});
}

/**
 * Elementwise a != b as a bool tensor, broadcasting.
 * @example notEqual(tensor([1, 2]), 2) // [true, false]
 */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  return run(NotEqual, toTensors2('notEqual', a, b), {});
}

/**
 * Elementwise a < b as a bool tensor, broadcasting.
 * @example less(tensor([1, 2, 3]), 2) // [true, false, false]
 */
export function less(a: TensorLike, b: TensorLike): Tensor {
  return run(Less, toTensors2('less', a, b), {});
}

/**
 * Elementwise a <= b as a bool tensor, broadcasting.
 * @example lessEqual(tensor([1, 2, 3]), 2) // [true, true, false]
 */
export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return run(LessEqual, toTensors2('lessEqual', a, b), {});
}

/**
 * Elementwise a > b as a bool tensor, broadcasting.
 * @example greater(tensor([1, 2, 3]), 2) // [false, false, true]
 */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return run(Greater, toTensors2('greater', a, b), {});
}

/**
 * Elementwise a >= b as a bool tensor, broadcasting.
 * @example greaterEqual(tensor([1, 2, 3]), 2) // [false, true, true]
 */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  return run(GreaterEqual, toTensors2('greaterEqual', a, b), {});
}

function whereInfo([c, a, b]: readonly TensorInfo[]): TensorInfo {
  check(c.dtype === 'bool', 'where', () => `condition must be a bool tensor, received dtype ${c.dtype}`);
  let shape: number[];
  try {
    shape = broadcastShapes('where', broadcastShapes('where', c.shape, a.shape), b.shape);
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    throw new ArgumentError('where', `shapes cannot be broadcast together, received condition ${fmtShape(c.shape)}, a ${fmtShape(a.shape)}, b ${fmtShape(b.shape)}`);
  }
  return { shape, dtype: upcast(a.dtype, b.dtype) };
}

const Where = op({
  name: 'Where', api: 'where',
  writesAll: true,
  infer: whereInfo,
  kernel: ({ inputs: [c, a, b], outputs: [y] }) => {
    const cd = c.data, ad = a.data, bd = b.data, o = y.data, n = o.length;
    if (cd.length === n && ad.length === n && bd.length === n) {
      for (let i = 0; i < n; i++) o[i] = cd[i] ? ad[i] : bd[i];
      return;
    }
    // General broadcast: an odometer over the output carrying one offset per input.
    const shape = y.shape, rank = shape.length;
    const sc = broadcastStrides(c.shape, shape), sa = broadcastStrides(a.shape, shape), sb = broadcastStrides(b.shape, shape);
    const idx = new Array<number>(rank).fill(0);
    let ic = 0, ia = 0, ib = 0;
    for (let i = 0; i < n; i++) {
      o[i] = cd[ic] ? ad[ia] : bd[ib];
      for (let d = rank - 1; d >= 0; d--) {
        idx[d]++;
        ic += sc[d]; ia += sa[d]; ib += sb[d];
        if (idx[d] < shape[d]) break;
        ic -= sc[d] * shape[d]; ia -= sa[d] * shape[d]; ib -= sb[d] * shape[d];
        idx[d] = 0;
      }
    }
  },
  grad: ({ dys: [dy], inputs: [c, a, b] }) => [null, a.requiresGrad ? where(c, dy, 0) : null, b.requiresGrad ? where(c, 0, dy) : null],
});

/**
 * Picks a where `condition` is true and b elsewhere, broadcasting all three (differentiable in a and b).
 * A plain number adopts the other operand's dtype.
 * @example where(tensor([true, false]), tensor([1, 2]), 0) // [1, 0]
 */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const c = toTensor('where', 'condition', condition);
  const [ta, tb] = toTensors2('where', a, b);
  return run(Where, [c, ta, tb], {});
}
