// Inverted dropout: a multiplication by a constant mask, so the gradient flows through the same mask.
import { allocArray, isFloat } from '../core/dtype.js';
import { check, describe, fmtShape } from '../core/errors.js';
import { Random, globalRandom } from '../core/random.js';
import { broadcastShapes, shapesEqual, sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { mul } from './arithmetic.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';

/** Options of `dropout`. */
export interface DropoutOptions {
  /**
   * Shape of the random mask, broadcast against x: a 1 shares one draw along that axis (e.g. [batch, 1, channels]
   * drops whole channels of a sequence). Defaults to x's shape.
   */
  noiseShape?: readonly number[];
  /** Draws the mask from a generator seeded with this value instead of the global one (see `setSeed`). */
  seed?: number;
}

function checkNoiseShape(shape: readonly number[], noiseShape: unknown): number[] {
  check(Array.isArray(noiseShape) && noiseShape.every((d) => Number.isInteger(d) && d >= 0), 'dropout',
    () => `noiseShape must be an array of non-negative integers, received ${JSON.stringify(noiseShape)}`);
  const ns = [...(noiseShape as number[])];
  let ok = ns.length <= shape.length;
  if (ok) {
    try { ok = shapesEqual(broadcastShapes('dropout', shape, ns), shape); } catch { ok = false; }
  }
  check(ok, 'dropout', () => `noiseShape must broadcast to x's shape ${fmtShape(shape)}, received ${fmtShape(ns)}`);
  return ns;
}

/**
 * Zeroes each element of x with probability `rate` and scales the kept ones by 1 / (1 - rate), so the expected
 * value is unchanged (inverted dropout). Rate 0 returns x itself. The mask is a constant: the gradient is the
 * mask times the incoming gradient.
 * @example setSeed(1); dropout(ones([4]), 0.5) // e.g. [2, 0, 2, 2]
 */
export function dropout(x: TensorLike, rate: number, options: DropoutOptions = {}): Tensor {
  const t = toTensor('dropout', 'x', x);
  check(typeof rate === 'number' && rate >= 0 && rate < 1, 'dropout',
    () => `rate must be a number in [0, 1), received ${describe(rate)}`);
  check(options !== null && typeof options === 'object', 'dropout', () => `options must be an object, received ${describe(options)}`);
  const { seed } = options;
  check(seed === undefined || (typeof seed === 'number' && Number.isFinite(seed)), 'dropout',
    () => `seed must be a finite number, received ${describe(seed)}`);
  const maskShape = options.noiseShape === undefined ? [...t.shape] : checkNoiseShape(t.shape, options.noiseShape);
  if (rate === 0) return t;
  const rng = seed === undefined ? globalRandom : new Random(seed);
  const dtype = isFloat(t.dtype) ? t.dtype : 'float32';
  const data = allocArray(dtype, sizeOf(maskShape));
  const scale = 1 / (1 - rate);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform() >= rate ? scale : 0;
  // A fresh leaf that does not require a gradient: mul records x's side only.
  return mul(t, Tensor.fromStorage(data, maskShape, dtype));
}
