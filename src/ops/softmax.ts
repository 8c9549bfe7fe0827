// softmax and logSoftmax along one axis: primitives whose kernels subtract the maximum (no overflow), with
// gradients written in public ops (so they differentiate again).
import type { DataArray } from '../core/dtype.js';
import { op, run } from '../core/op.js';
import type { Buf } from '../core/op.js';
import { normalizeAxis } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { mul, sub } from './arithmetic.js';
import type { TensorLike } from './convert.js';
import { sameInfo } from './infer.js';
import { sum } from './reduce-sum.js';
import { reshape } from './reshape.js';
import { exp, floatTensor } from './unary-math.js';

interface AxisAttrs { readonly axis: number }

/**
 * Visits every 1-D line of `x` along `axis`: `line(data, out, base, n, stride)` reads x[base + k*stride], k < n.
 */
function forEachLine(x: Buf, y: Buf, axis: number, line: (a: DataArray, o: DataArray, base: number, n: number, stride: number) => void): void {
  const shape = x.shape, n = shape[axis];
  let inner = 1;
  for (let d = axis + 1; d < shape.length; d++) inner *= shape[d];
  if (n === 0 || inner === 0) return;
  const outer = x.data.length / (n * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) line(x.data, y.data, o * n * inner + i, n, inner);
  }
}

function lineMax(a: DataArray, base: number, n: number, stride: number): number {
  let m = -Infinity;
  for (let k = 0; k < n; k++) {
    const v = a[base + k * stride];
    if (v > m || Number.isNaN(v)) m = v;
  }
  // An all -Infinity line would give -Inf - -Inf = NaN; shifting by 0 keeps it finite-or-NaN like PyTorch.
  return m === -Infinity ? 0 : m;
}

const Softmax = op<AxisAttrs>({
  name: 'Softmax', api: 'softmax', infer: sameInfo('softmax', true),
  writesAll: true,
  kernel: ({ inputs: [x], outputs: [y], attrs: { axis } }) => {
    forEachLine(x, y, axis, (a, o, base, n, stride) => {
      const m = lineMax(a, base, n, stride);
      let s = 0;
      for (let k = 0; k < n; k++) {
        const e = Math.exp(a[base + k * stride] - m);
        o[base + k * stride] = e;
        s += e;
      }
      for (let k = 0, j = base; k < n; k++, j += stride) o[j] /= s;
    });
  },
  // y (dy - sum(dy y))
  grad: ({ dys: [dy], outputs: [y], attrs: { axis } }) => [mul(y, sub(dy, sum(mul(dy, y), axis, true)))],
});

const LogSoftmax = op<AxisAttrs>({
  name: 'LogSoftmax', api: 'logSoftmax', infer: sameInfo('logSoftmax', true),
  writesAll: true,
  kernel: ({ inputs: [x], outputs: [y], attrs: { axis } }) => {
    forEachLine(x, y, axis, (a, o, base, n, stride) => {
      const m = lineMax(a, base, n, stride);
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(a[base + k * stride] - m);
      const shift = m + Math.log(s);
      for (let k = 0, j = base; k < n; k++, j += stride) o[j] = a[j] - shift;
    });
  },
  // dy - softmax * sum(dy), with softmax = exp(y)
  grad: ({ dys: [dy], outputs: [y], attrs: { axis } }) => [sub(dy, mul(exp(y), sum(dy, axis, true)))],
});

function along(fn: string, x: TensorLike, axis: number, f: (t: Tensor, axis: number) => Tensor): Tensor {
  const t = floatTensor(fn, x);
  // A scalar is a line of one element (as PyTorch allows dim 0 or -1 on 0-d tensors).
  if (t.rank === 0) {
    normalizeAxis(fn, axis, 1);
    return reshape(f(reshape(t, [1]), 0), []);
  }
  return f(t, normalizeAxis(fn, axis, t.rank));
}

/**
 * exp(x) / sum(exp(x)) along `axis` (default the last), computed stably by subtracting the maximum.
 * @example softmax(tensor([1, 2, 3])) // [0.0900, 0.2447, 0.6652]
 */
export function softmax(x: TensorLike, axis = -1): Tensor {
  return along('softmax', x, axis, (t, a) => run(Softmax, [t], { axis: a }));
}

/**
 * log(softmax(x)) along `axis` (default the last), computed as x - max - log(sum(exp(x - max))).
 * @example logSoftmax(tensor([1, 2, 3])) // [-2.4076, -1.4076, -0.4076]
 */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  return along('logSoftmax', x, axis, (t, a) => run(LogSoftmax, [t], { axis: a }));
}
