// Image tensor helpers on typed arrays: flattening, pixel normalization, resizing, channel conversion.
import { allocArray } from '../core/dtype.js';
import { ArgumentError, describe, fmtShape } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { asRowsTensor, rowSize } from './rows.js';

/** Number of channels an image tensor can have: gray, gray + alpha, RGB, RGBA. */
export type Channels = 1 | 2 | 3 | 4;

/**
 * Flattens every image (or sample) to one row: `[n, ...dims]` becomes `[n, product of dims]` (zero-copy).
 * @example flattenImages(x).shape // [10000, 784] for x of shape [10000, 28, 28]
 */
export function flattenImages(x: Tensor): Tensor {
  const t = asRowsTensor('flattenImages', 'x', x);
  return Tensor.fromStorage(t.storage, [t.shape[0], rowSize(t)], t.dtype);
}

/** Options of `normalizeImages`. */
export interface NormalizeOptions {
  /** Pixel values are divided by this first (default 255, mapping bytes to [0, 1]). */
  scale?: number;
  /** Per-channel (last axis) means subtracted after scaling, e.g. [0.485, 0.456, 0.406]. */
  mean?: readonly number[];
  /** Per-channel standard deviations divided by after subtracting `mean`. */
  std?: readonly number[];
}

/**
 * Pixel values as float32 `x / scale` (default 255, giving [0, 1]), then optionally `(v - mean[c]) / std[c]` per channel.
 * @example normalizeImages(loadImage('cat.png')) // float32 in [0, 1]
 */
export function normalizeImages(x: Tensor, options: NormalizeOptions = {}): Tensor {
  const fn = 'normalizeImages';
  if (!(x instanceof Tensor)) throw new ArgumentError(fn, `x must be a tensor, received ${describe(x)}`);
  const scale = options.scale ?? 255;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) throw new ArgumentError(fn, `scale must be a positive number, received ${describe(scale)}`);
  const c = x.rank ? x.shape[x.rank - 1] : 1;
  const perChannel = (arg: string, v: readonly number[] | undefined, fill: number): Float64Array => {
    if (v === undefined) return new Float64Array(c).fill(fill);
    if (!Array.isArray(v) || (v.length !== c && v.length !== 1) || !v.every(Number.isFinite)) {
      throw new ArgumentError(fn, `${arg} must hold 1 or ${c} finite numbers (one per channel of the last axis), received ${describe(v)}`);
    }
    return Float64Array.from({ length: c }, (_, i) => v[v.length === 1 ? 0 : i]);
  };
  const mean = perChannel('mean', options.mean, 0), std = perChannel('std', options.std, 1);
  if (std.some((s) => s === 0)) throw new ArgumentError(fn, 'std must not contain 0');
  const src = x.storage, out = new Float32Array(x.size);
  for (let i = 0; i < src.length; i++) { const k = i % c; out[i] = (src[i] / scale - mean[k]) / std[k]; }
  return Tensor.fromStorage(out, x.shape, 'float32');
}

/**
 * Resizes images of shape `[H, W, C]` or `[N, H, W, C]` to `[height, width]` with bilinear interpolation
 * (half-pixel centres, as PIL and TensorFlow's `resize` do); the dtype is kept (integers are rounded).
 * @example resizeImages(img, [28, 28]).shape // [28, 28, 3]
 */
export function resizeImages(x: Tensor, size: readonly [number, number]): Tensor {
  const fn = 'resizeImages';
  if (!(x instanceof Tensor) || (x.rank !== 3 && x.rank !== 4)) {
    throw new ArgumentError(fn, `x must be a [H, W, C] or [N, H, W, C] tensor, received ${x instanceof Tensor ? `shape ${fmtShape(x.shape)}` : describe(x)}`);
  }
  if (!Array.isArray(size) || size.length !== 2 || !size.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new ArgumentError(fn, `size must be [height, width] with positive integers, received ${describe(size)}`);
  }
  const [n, h, w, c] = x.rank === 4 ? x.shape : [1, ...x.shape];
  const [oh, ow] = size;
  if (h === 0 || w === 0) throw new ArgumentError(fn, `cannot resize an empty image of shape ${fmtShape(x.shape)}`);
  const src = x.storage, out = allocArray(x.dtype, n * oh * ow * c);
  const round = x.dtype === 'int32' || x.dtype === 'bool';
  const coords = (o: number, i: number): [Int32Array, Int32Array, Float64Array] => {
    const lo = new Int32Array(o), hi = new Int32Array(o), frac = new Float64Array(o);
    for (let k = 0; k < o; k++) {
      const p = Math.min(Math.max((k + 0.5) * (i / o) - 0.5, 0), i - 1);
      lo[k] = Math.floor(p); hi[k] = Math.min(lo[k] + 1, i - 1); frac[k] = p - lo[k];
    }
    return [lo, hi, frac];
  };
  const [y0, y1, fy] = coords(oh, h), [x0, x1, fx] = coords(ow, w);
  for (let b = 0; b < n; b++) {
    const base = b * h * w * c;
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const r0 = base + y0[oy] * w * c, r1 = base + y1[oy] * w * c, c0 = x0[ox] * c, c1 = x1[ox] * c;
        const ax = fx[ox], ay = fy[oy];
        for (let ch = 0; ch < c; ch++) {
          const top = src[r0 + c0 + ch] * (1 - ax) + src[r0 + c1 + ch] * ax;
          const bot = src[r1 + c0 + ch] * (1 - ax) + src[r1 + c1 + ch] * ax;
          const v = top * (1 - ay) + bot * ay;
          out[((b * oh + oy) * ow + ox) * c + ch] = round ? Math.round(v) : v;
        }
      }
    }
  }
  return Tensor.fromStorage(out, x.rank === 4 ? [n, oh, ow, c] : [oh, ow, c], x.dtype);
}

/**
 * Converts 8-bit RGBA pixels (as decoders return them) to `channels` channels in `out`: 1 is luminance
 * (ITU-R 601 weights, as PIL's 'L'), 2 is luminance + alpha, 3 drops alpha, 4 copies.
 * @example rgbaToChannels(rgba, 3, new Int32Array(w * h * 3))
 */
export function rgbaToChannels(rgba: ArrayLike<number>, channels: Channels, out: Int32Array | Float32Array): void {
  const n = rgba.length / 4;
  for (let p = 0; p < n; p++) {
    const r = rgba[4 * p], g = rgba[4 * p + 1], b = rgba[4 * p + 2], a = rgba[4 * p + 3];
    if (channels === 1) out[p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else if (channels === 2) { out[2 * p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b); out[2 * p + 1] = a; }
    else if (channels === 3) { out[3 * p] = r; out[3 * p + 1] = g; out[3 * p + 2] = b; }
    else { out[4 * p] = r; out[4 * p + 1] = g; out[4 * p + 2] = b; out[4 * p + 3] = a; }
  }
}
