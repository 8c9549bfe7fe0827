// relu's gradient as one primitive, shared by relu and by the fused dense product (not a public op), and the
// shape rule of activation-gradient primitives.
import { check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import { shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';

/**
 * The shape rule of an activation's gradient primitive (x, dy) -> dx: dy must have x's shape.
 * @example const HardSigmoidGrad = op({ name: 'HardSigmoidGrad', api: 'hardSigmoid', infer: gradInfo('hardSigmoid'), ... })
 */
export function gradInfo(api: string): (inputs: readonly TensorInfo[]) => TensorInfo {
  return ([x, dy]) => {
    check(shapesEqual(x.shape, dy.shape), api, () => `the gradient must have the input's shape ${fmtShape(x.shape)}, received ${fmtShape(dy.shape)}`);
    return dy;
  };
}

/**
 * x > 0 ? dy : 0: relu's gradient as one primitive, the same values as where(greater(x, 0), dy, 0) in one pass
 * instead of a comparison, a bool mask and a select (it runs once per relu per training step).
 */
const ReluGrad = op({
  name: 'ReluGrad', api: 'relu',
  writesAll: true,
  infer: gradInfo('relu'),
  kernel: ({ inputs: [x, dy], outputs: [y] }) => {
    const a = x.data, d = dy.data, o = y.data;
    for (let i = 0; i < o.length; i++) o[i] = a[i] > 0 ? d[i] : 0;
  },
  // Linear in dy; x only selects (no gradient flows to it, as through greater).
  grad: ({ dys: [g], inputs: [x] }) => [null, reluGrad(x, g)],
});

/**
 * x > 0 ? dy : 0 (the gradient of relu at x for the cotangent dy).
 * @example reluGrad(tensor([-1, 2]), tensor([5, 5])) // [0, 5]
 */
export function reluGrad(x: Tensor, dy: Tensor): Tensor {
  return run(ReluGrad, [x, dy], {});
}
