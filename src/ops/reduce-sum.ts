import { check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import { normalizeAxes, reducedShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { forEachReduced } from './kernels/reduce.js';
import { broadcastTo, reshape } from './reshape.js';

/** Attributes of reductions: sorted non-negative axes and whether reduced dimensions stay as size 1. */
export interface ReduceAttrs {
  readonly axes: readonly number[];
  readonly keepDims: boolean;
}

/** The cotangent of a reduction's output, reshaped to keep the reduced axes (size 1) so it broadcasts against x. */
export function expandReduced(dy: Tensor, xShape: readonly number[], attrs: ReduceAttrs): Tensor {
  return reshape(dy, reducedShape(xShape, attrs.axes, true));
}

const Sum = op<ReduceAttrs>({
  name: 'Sum', api: 'sum',
  infer: ([x], { axes, keepDims }) => ({
    shape: reducedShape(x.shape, axes, keepDims),
    dtype: x.dtype === 'bool' ? 'int32' : x.dtype,
  }),
  kernel: ({ inputs: [x], outputs: [y], attrs }) => {
    const a = x.data, o = y.data;
    forEachReduced(x, attrs.axes, (i, j) => { o[j] += a[i]; });
  },
  grad: ({ dys: [dy], inputs: [x], attrs }) => [broadcastTo(expandReduced(dy, x.shape, attrs), x.shape)],
});

/**
 * Sum over `axis` (a number, a list, or all axes when omitted); `keepDims` keeps reduced axes as size 1.
 * @example sum(tensor([[1, 2], [3, 4]]), 0) // [4, 6]
 */
export function sum(x: TensorLike, axis?: number | readonly number[], keepDims = false): Tensor {
  const t = toTensor('sum', 'x', x);
  return run(Sum, [t], { axes: normalizeAxes('sum', axis, t.rank), keepDims });
}

/**
 * Sums `x` down to `shape`, undoing a broadcast (the reduction autograd applies to every binary op's gradient).
 * @example sumTo(ones([2, 3]), [1, 3]) // [[2, 2, 2]]
 */
export function sumTo(x: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const lead = x.rank - shape.length;
  check(lead >= 0, 'sumTo', () => `cannot sum ${fmtShape(x.shape)} down to the larger rank of ${fmtShape(shape)}`);
  const axes: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    if (i < lead) axes.push(i);
    else if (shape[i - lead] === 1 && x.shape[i] !== 1) axes.push(i);
    else check(shape[i - lead] === x.shape[i], 'sumTo', () => `cannot sum ${fmtShape(x.shape)} down to ${fmtShape(shape)}`);
  }
  return reshape(sum(x, axes, false), shape);
}
