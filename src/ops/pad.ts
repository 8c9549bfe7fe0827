import { ArgumentError, check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import { stridesOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { copyStrided } from './kernels/strided.js';
import { slice } from './slice.js';

const Pad = op<{ paddings: readonly (readonly [number, number])[]; value: number }>({
  name: 'Pad', api: 'pad',
  infer: ([x], { paddings }) => ({ shape: x.shape.map((d, i) => paddings[i][0] + d + paddings[i][1]), dtype: x.dtype }),
  kernel: ({ inputs: [x], outputs: [y], attrs: { paddings, value } }) => {
    if (value !== 0) y.data.fill(value);
    const ys = stridesOf(y.shape);
    let offset = 0;
    paddings.forEach(([before], i) => { offset += before * ys[i]; });
    copyStrided(x.data, 0, stridesOf(x.shape), y.data, offset, ys, x.shape);
  },
  grad: ({ dys: [dy], inputs: [x], attrs: { paddings } }) => [slice(dy, paddings.map(([before]) => before), x.shape)],
});

/**
 * Pads `x` with `constantValue`: `paddings[i] = [before, after]` elements are added on each side of axis i.
 * @example pad(tensor([1, 2]), [[1, 2]]) // [0, 1, 2, 0, 0]
 */
export function pad(x: TensorLike, paddings: readonly (readonly [number, number])[], constantValue = 0): Tensor {
  const t = toTensor('pad', 'x', x);
  const ok = Array.isArray(paddings) && paddings.length === t.rank && paddings.every((p) =>
    Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0));
  if (!ok) {
    throw new ArgumentError('pad',
      `paddings must be ${t.rank} pairs [before, after] of non-negative integers for x ${fmtShape(t.shape)}, received ${JSON.stringify(paddings)}`);
  }
  check(typeof constantValue === 'number', 'pad', () => `constantValue must be a number, received ${typeof constantValue}`);
  if (paddings.every(([a, b]) => a === 0 && b === 0)) return t;
  return run(Pad, [t], { paddings: paddings.map(([a, b]): [number, number] => [a, b]), value: constantValue });
}
