import { ArgumentError, check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import { normalizeAxes, stridesOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { gatherView } from './kernels/strided.js';
import { pad } from './pad.js';

const Slice = op<{ begin: readonly number[]; size: readonly number[] }>({
  name: 'Slice', api: 'slice',
  infer: ([x], { size }) => ({ shape: size, dtype: x.dtype }),
  kernel: ({ inputs: [x], outputs: [y], attrs: { begin } }) => {
    const xs = stridesOf(x.shape);
    let offset = 0;
    begin.forEach((b, i) => { offset += b * xs[i]; });
    gatherView(x.data, offset, xs, y.data, y.shape);
  },
  // The gradient of cutting a window is putting the cotangent back in place, zeros elsewhere.
  grad: ({ dys: [dy], inputs: [x], attrs: { begin, size } }) =>
    [pad(dy, begin.map((b, i): [number, number] => [b, x.shape[i] - b - size[i]]))],
});

function listArg(fn: string, arg: string, v: unknown): number[] {
  const list = typeof v === 'number' ? [v] : v;
  if (!Array.isArray(list) || !list.every((d) => Number.isInteger(d))) {
    throw new ArgumentError(fn, `${arg} must be an integer or an array of integers, received ${JSON.stringify(v)}`);
  }
  return list as number[];
}

/**
 * The window of `x` starting at `begin` with `size` elements per axis (TensorFlow.js semantics: a size of -1
 * runs to the end; `begin` and `size` shorter than the rank cover the leading axes, the rest is taken whole).
 * @example slice(tensor([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, -1]) // [[2, 3], [5, 6]]
 */
export function slice(x: TensorLike, begin: number | readonly number[], size?: number | readonly number[]): Tensor {
  const t = toTensor('slice', 'x', x);
  const b = listArg('slice', 'begin', begin);
  const s = size === undefined ? [] : listArg('slice', 'size', size);
  check(b.length <= t.rank && s.length <= t.rank, 'slice',
    () => `begin and size may have at most rank ${t.rank} entries for x ${fmtShape(t.shape)}, received begin [${b.join(',')}] and size [${s.join(',')}]`);
  const fullBegin = t.shape.map((_, i) => b[i] ?? 0);
  const fullSize = t.shape.map((d, i) => {
    const si = s[i] ?? -1;
    return si === -1 ? d - fullBegin[i] : si;
  });
  t.shape.forEach((d, i) => {
    check(fullBegin[i] >= 0 && fullBegin[i] <= d && fullSize[i] >= 0 && fullBegin[i] + fullSize[i] <= d, 'slice',
      () => `the window begin [${fullBegin.join(',')}] size [${fullSize.join(',')}] must lie inside x ${fmtShape(t.shape)}, received axis ${i} from ${fullBegin[i]} with size ${s[i] ?? -1}`);
  });
  if (fullSize.every((d, i) => d === t.shape[i])) return t;
  return run(Slice, [t], { begin: fullBegin, size: fullSize });
}

const Reverse = op<{ axes: readonly number[] }>({
  name: 'Reverse', api: 'reverse',
  infer: ([x]) => x,
  kernel: ({ inputs: [x], outputs: [y], attrs: { axes } }) => {
    const xs = stridesOf(x.shape);
    let offset = 0;
    // Reversed axes are read from their last element with a negative stride.
    const ss = xs.map((st, i) => {
      if (!axes.includes(i)) return st;
      offset += (x.shape[i] - 1) * st;
      return -st;
    });
    gatherView(x.data, offset, ss, y.data, y.shape);
  },
  grad: ({ dys: [dy], attrs: { axes } }) => [reverse(dy, axes)],
});

/**
 * Reverses the order of elements along `axis` (a number, a list, or every axis when omitted).
 * @example reverse(tensor([[1, 2], [3, 4]]), -1) // [[2, 1], [4, 3]]
 */
export function reverse(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = toTensor('reverse', 'x', x);
  const axes = normalizeAxes('reverse', axis, t.rank).filter((a) => t.shape[a] > 1);
  if (axes.length === 0) return t;
  return run(Reverse, [t], { axes });
}
