import { ArgumentError } from '../core/errors.js';
import { op, run } from '../core/op.js';
import { sizeOf, stridesOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { copyStrided } from './kernels/strided.js';
import { sum } from './reduce-sum.js';
import { reshape } from './reshape.js';

const Tile = op<{ reps: readonly number[] }>({
  name: 'Tile', api: 'tile',
  infer: ([x], { reps }) => ({ shape: x.shape.map((d, i) => d * reps[i]), dtype: x.dtype }),
  kernel: ({ inputs: [x], outputs: [y], attrs: { reps } }) => {
    const rank = x.shape.length, xs = stridesOf(x.shape), ys = stridesOf(y.shape);
    // One strided copy of x per tile; the tile's offset steps through the grid of repetitions.
    const blocks = sizeOf(reps), idx = new Array<number>(rank).fill(0);
    for (let b = 0; b < blocks; b++) {
      let offset = 0;
      for (let i = 0; i < rank; i++) offset += idx[i] * x.shape[i] * ys[i];
      copyStrided(x.data, 0, xs, y.data, offset, ys, x.shape);
      for (let i = rank - 1; i >= 0; i--) {
        if (++idx[i] < reps[i]) break;
        idx[i] = 0;
      }
    }
  },
  // Output axis i of size reps[i]*d[i] splits row-major into [reps[i], d[i]]: summing the reps axes undoes the tiling.
  grad: ({ dys: [dy], inputs: [x], attrs: { reps } }) => {
    const split = x.shape.flatMap((d, i) => [reps[i], d]);
    return [sum(reshape(dy, split), reps.map((_, i) => 2 * i))];
  },
});

/**
 * Repeats `x` `reps[i]` times along axis i (NumPy semantics: shorter `reps` apply to the trailing axes, longer
 * `reps` add leading axes).
 * @example tile(tensor([1, 2]), [2]) // [1, 2, 1, 2]
 */
export function tile(x: TensorLike, reps: readonly number[]): Tensor {
  let t = toTensor('tile', 'x', x);
  if (!Array.isArray(reps) || !reps.every((r) => Number.isInteger(r) && r >= 0)) {
    throw new ArgumentError('tile', `reps must be an array of non-negative integers, received ${JSON.stringify(reps)}`);
  }
  const rank = Math.max(t.rank, reps.length);
  const full = [...new Array<number>(rank - reps.length).fill(1), ...reps];
  if (t.rank < rank) t = reshape(t, [...new Array<number>(rank - t.rank).fill(1), ...t.shape]);
  if (full.every((r) => r === 1)) return t;
  return run(Tile, [t], { reps: full });
}
