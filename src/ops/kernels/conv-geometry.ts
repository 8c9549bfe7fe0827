// Padding and output-size rules shared by convolution and pooling (TensorFlow semantics), and the resolved
// geometry their kernels loop over. Public functions resolve 'same'/'valid' to explicit pads once, so every
// primitive carries plain numbers a native backend can read directly.
import { ArgumentError, check, describe, fmtShape } from '../../core/errors.js';

/** Explicit zero padding of the two spatial dimensions: [[top, bottom], [left, right]]. */
export type ExplicitPadding2D = readonly [readonly [number, number], readonly [number, number]];

/** 'valid' (no padding), 'same' (TensorFlow's SAME: output = ceil(input / stride)) or explicit pads. */
export type Padding2D = 'valid' | 'same' | ExplicitPadding2D;

/** A size per spatial dimension, or one number for both. */
export type Pair = number | readonly [number, number];

/** Window options of conv2d, depthwiseConv2d, conv2dTranspose and the backprop functions. */
export interface Conv2DOptions {
  /** Step of the window per spatial dimension (default 1). */
  strides?: Pair;
  /** 'valid' (default), 'same' (TensorFlow's SAME, extra pad bottom/right) or [[top, bottom], [left, right]]. */
  padding?: Padding2D;
  /** Spacing between filter taps (default 1). */
  dilations?: Pair;
}

/** Resolved window attributes carried by every convolution primitive. */
export interface ConvAttrs {
  /** [strideH, strideW], each >= 1. */
  readonly strides: readonly [number, number];
  /** [dilationH, dilationW], each >= 1. */
  readonly dilations: readonly [number, number];
  /** Zero padding [top, bottom, left, right], each >= 0. */
  readonly pads: readonly [number, number, number, number];
}

/** Everything a 2-D windowed kernel loops over, for an NHWC input and a kh x kw window. */
export interface WindowGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly kh: number;
  readonly kw: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilH: number;
  readonly dilW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly outH: number;
  readonly outW: number;
}

/**
 * Validates a per-dimension size (stride, dilation, pool size) and returns it as a pair.
 * @example toPair('conv2d', 'strides', 2) // [2, 2]
 */
export function toPair(fn: string, arg: string, v: unknown, min = 1): [number, number] {
  const ok = (d: unknown): d is number => Number.isInteger(d) && (d as number) >= min;
  if (ok(v)) return [v, v];
  if (Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1])) return [v[0], v[1]];
  throw new ArgumentError(fn, `${arg} must be an integer >= ${min} or a pair of them, received ${describe(v)}${Array.isArray(v) ? ` ${JSON.stringify(v)}` : ''}`);
}

/**
 * TensorFlow's SAME padding of one dimension: [before, after], the odd element going after.
 * @example samePads(5, 3, 2, 1) // [1, 1]
 */
export function samePads(size: number, k: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + (k - 1) * dilation + 1 - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/**
 * The output length of a window sweep over `size` padded by `pads` (floor division, as TensorFlow and PyTorch).
 * @example outputSize(7, 3, 2, 1, 1, 1) // 4
 */
export function outputSize(size: number, k: number, stride: number, dilation: number, padBefore: number, padAfter: number): number {
  return Math.floor((size + padBefore + padAfter - (k - 1) * dilation - 1) / stride) + 1;
}

/**
 * Resolves a padding argument to [top, bottom, left, right] for an input of spatial size inH x inW.
 * @example resolvePads('conv2d', 'same', 5, 5, 3, 3, [1, 1], [1, 1]) // [1, 1, 1, 1]
 */
export function resolvePads(
  fn: string, padding: unknown, inH: number, inW: number, kh: number, kw: number,
  strides: readonly [number, number], dilations: readonly [number, number],
): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    const [t, b] = samePads(inH, kh, strides[0], dilations[0]);
    const [l, r] = samePads(inW, kw, strides[1], dilations[1]);
    return [t, b, l, r];
  }
  const isPads = (p: unknown): p is [number, number] =>
    Array.isArray(p) && p.length === 2 && p.every((d) => Number.isInteger(d) && d >= 0);
  if (Array.isArray(padding) && padding.length === 2 && isPads(padding[0]) && isPads(padding[1])) {
    return [padding[0][0], padding[0][1], padding[1][0], padding[1][1]];
  }
  throw new ArgumentError(fn, `padding must be 'valid', 'same' or [[top, bottom], [left, right]] of non-negative integers, received ${describe(padding)}${Array.isArray(padding) ? ` ${JSON.stringify(padding)}` : ''}`);
}

/**
 * The geometry of a kh x kw window sweep over an NHWC input; throws naming `fn` when the (dilated) window does
 * not fit in the padded input.
 * @example windowGeometry('conv2d', [1, 5, 5, 3], 3, 3, attrs).outH
 */
export function windowGeometry(fn: string, xShape: readonly number[], kh: number, kw: number, attrs: ConvAttrs): WindowGeometry {
  const [batch, inH, inW, inC] = xShape;
  const [strideH, strideW] = attrs.strides;
  const [dilH, dilW] = attrs.dilations;
  const [padTop, padBottom, padLeft, padRight] = attrs.pads;
  const outH = outputSize(inH, kh, strideH, dilH, padTop, padBottom);
  const outW = outputSize(inW, kw, strideW, dilW, padLeft, padRight);
  check(outH >= 1 && outW >= 1, fn, () => {
    const eh = (kh - 1) * dilH + 1, ew = (kw - 1) * dilW + 1;
    return `the ${eh}x${ew} ${dilH > 1 || dilW > 1 ? 'dilated ' : ''}window is larger than the padded input ${inH + padTop + padBottom}x${inW + padLeft + padRight}, received input ${fmtShape(xShape)}, pads [${attrs.pads.join(',')}]`;
  });
  return { batch, inH, inW, inC, kh, kw, strideH, strideW, dilH, dilW, padTop, padLeft, outH, outW };
}

/**
 * Validates conv options and resolves them to primitive attributes for an input of spatial size h x w and a
 * kh x kw filter.
 * @example convAttrs('conv2d', { padding: 'same' }, 5, 5, 3, 3) // { strides: [1,1], dilations: [1,1], pads: [1,1,1,1] }
 */
export function convAttrs(fn: string, options: Conv2DOptions, h: number, w: number, kh: number, kw: number): ConvAttrs {
  check(typeof options === 'object' && options !== null, fn, () => `options must be an object, received ${describe(options)}`);
  const strides = toPair(fn, 'strides', options.strides ?? 1);
  const dilations = toPair(fn, 'dilations', options.dilations ?? 1);
  return { strides, dilations, pads: resolvePads(fn, options.padding ?? 'valid', h, w, kh, kw, strides, dilations) };
}

/**
 * Checks that `shape` has `rank` dimensions, naming the function, the argument and its expected layout.
 * @example checkRank('conv2d', 'x', x.shape, 4, 'NHWC')
 */
export function checkRank(fn: string, arg: string, shape: readonly number[], rank: number, layout: string): void {
  check(shape.length === rank, fn, () => `${arg} must have rank ${rank} (${layout}), received ${arg}=${fmtShape(shape)}`);
}

/**
 * Calls `visit(outPixel, inPixels, taps, count)` for every output pixel of a window sweep, in row-major order.
 * `inPixels[0..count)` are the flat indices (n*inH + ih)*inW + iw of the window's in-bounds input pixels and
 * `taps` their window positions ki*kw + kj, both in row-major window order (so a strict `>` scan finds the
 * first maximum). The two arrays are reused from call to call.
 * @example forEachWindow(g, (o, pix, taps, count) => { ... })
 */
export function forEachWindow(
  g: WindowGeometry,
  visit: (outPixel: number, inPixels: Int32Array, taps: Int32Array, count: number) => void,
): void {
  const { batch, inH, inW, kh, kw, strideH, strideW, dilH, dilW, padTop, padLeft, outH, outW } = g;
  const inPixels = new Int32Array(kh * kw), taps = new Int32Array(kh * kw);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, o++) {
        let count = 0;
        for (let ki = 0; ki < kh; ki++) {
          const ih = oh * strideH - padTop + ki * dilH;
          if (ih < 0 || ih >= inH) continue;
          for (let kj = 0; kj < kw; kj++) {
            const iw = ow * strideW - padLeft + kj * dilW;
            if (iw < 0 || iw >= inW) continue;
            inPixels[count] = (n * inH + ih) * inW + iw;
            taps[count++] = ki * kw + kj;
          }
        }
        visit(o, inPixels, taps, count);
      }
    }
  }
}
