import { ArgumentError, check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import { stridesOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { gatherView } from './kernels/strided.js';

const Transpose = op<{ perm: readonly number[] }>({
  name: 'Transpose', api: 'transpose',
  infer: ([x], { perm }) => ({ shape: perm.map((p) => x.shape[p]), dtype: x.dtype }),
  kernel: ({ inputs: [x], outputs: [y], attrs: { perm } }) => {
    const xs = stridesOf(x.shape);
    gatherView(x.data, 0, perm.map((p) => xs[p]), y.data, y.shape);
  },
  grad: ({ dys: [dy], attrs: { perm } }) => [transpose(dy, inversePerm(perm))],
});

/** The permutation undoing `perm`. */
function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => { inv[p] = i; });
  return inv;
}

function checkPerm(fn: string, perm: unknown, shape: readonly number[]): number[] {
  const rank = shape.length;
  if (!Array.isArray(perm) || perm.length !== rank || !perm.every((p) => Number.isInteger(p) && p >= -rank && p < rank)) {
    throw new ArgumentError(fn, `perm must be a permutation of the ${rank} axes of x ${fmtShape(shape)}, received ${JSON.stringify(perm)}`);
  }
  const resolved = (perm as number[]).map((p) => (p < 0 ? p + rank : p));
  check(new Set(resolved).size === rank, fn,
    () => `perm must not repeat an axis, received ${JSON.stringify(perm)} for x ${fmtShape(shape)}`);
  return resolved;
}

function permuteWith(fn: string, x: TensorLike, perm: readonly number[] | undefined): Tensor {
  const t = toTensor(fn, 'x', x);
  const p = perm === undefined ? Array.from({ length: t.rank }, (_, i) => t.rank - 1 - i) : checkPerm(fn, perm, t.shape);
  if (p.every((a, i) => a === i)) return t;
  return run(Transpose, [t], { perm: p });
}

/**
 * Permutes the axes of `x`: output axis i is input axis `perm[i]` (default: reverse the axes; negative axes allowed).
 * @example transpose(tensor([[1, 2, 3], [4, 5, 6]])) // [[1, 4], [2, 5], [3, 6]]
 */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  return permuteWith('transpose', x, perm);
}

/**
 * Permutes the axes of `x` like PyTorch's `permute`: `transpose` with a required `perm`.
 * @example permute(zeros([2, 3, 4]), [2, 0, 1]).shape // [4, 2, 3]
 */
export function permute(x: TensorLike, perm: readonly number[]): Tensor {
  if (perm === undefined) throw new ArgumentError('permute', 'perm is required, received undefined');
  return permuteWith('permute', x, perm);
}
