import type { DType } from '../core/dtype.js';
import { isFloat } from '../core/dtype.js';
import { op, run } from '../core/op.js';
import type { Tensor } from '../core/tensor.js';
import { checkDType, toTensor } from './convert.js';
import type { TensorLike } from './convert.js';

const Cast = op<{ dtype: DType }>({
  name: 'Cast', api: 'cast',
  infer: ([x], { dtype }) => ({ shape: x.shape, dtype }),
  kernel: ({ inputs: [x], outputs: [y], attrs: { dtype } }) => {
    const a = x.data, o = y.data;
    if (dtype === 'int32') for (let i = 0; i < a.length; i++) o[i] = Math.trunc(a[i]);
    else if (dtype === 'bool') for (let i = 0; i < a.length; i++) o[i] = a[i] !== 0 ? 1 : 0;
    else o.set(a);
  },
  grad: ({ dys: [dy], inputs: [x] }) => [isFloat(x.dtype) ? cast(dy, x.dtype) : null],
});

const Identity = op({
  name: 'Identity', api: 'clone',
  infer: ([x]) => x,
  kernel: ({ inputs: [x], outputs: [y] }) => { y.data.set(x.data); },
  grad: ({ dys: [dy] }) => [dy],
});

/**
 * Converts `x` to `dtype` (floats truncate toward zero to int32; non-zero becomes true for bool).
 * @example cast(tensor([1.7, -1.7]), 'int32') // [1, -1]
 */
export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = toTensor('cast', 'x', x);
  checkDType('cast', dtype);
  if (t.dtype === dtype) return t;
  return run(Cast, [t], { dtype });
}

/**
 * A copy of `x` with its own storage (differentiable).
 * @example const y = clone(x)
 */
export function clone(x: TensorLike): Tensor {
  return run(Identity, [toTensor('clone', 'x', x)], {});
}
