import { ArgumentError, check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { Buf, TensorInfo } from '../core/op.js';
import { checkShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import type { TensorLike } from './convert.js';
import {
  LAYOUT_NHWC, checkChannels, checkDyShape, convGeometry, convInputs, floatPair, windowAttrs,
} from './conv-checks.js';
import { checkRank, convAttrs, outputSize, samePads, windowGeometry } from './kernels/conv-geometry.js';
import type { Conv2DOptions, ConvAttrs, WindowGeometry } from './kernels/conv-geometry.js';
import { gemm } from './kernels/gemm.js';
import type { FloatArray } from './kernels/gemm.js';
import { bandRows, col2im, im2col } from './kernels/im2col.js';
import { reshape } from './reshape.js';

export type { Conv2DOptions, ConvAttrs, ExplicitPadding2D, Padding2D } from './kernels/conv-geometry.js';

/** Attributes of Conv2DBackpropInput: the window attributes and the NHWC shape of the input being rebuilt. */
export interface Conv2DBackpropInputAttrs extends ConvAttrs {
  readonly inputShape: readonly number[];
}

/** Attributes of Conv2DBackpropFilter: the window attributes and the [kh, kw, Cin, Cout] filter shape. */
export interface Conv2DBackpropFilterAttrs extends ConvAttrs {
  readonly filterShape: readonly number[];
}

const LAYOUT_F = '[height, width, inChannels, outChannels]';

function newLike(a: FloatArray, size: number): FloatArray {
  return a instanceof Float32Array ? new Float32Array(size) : new Float64Array(size);
}

/** A 1x1 window with unit strides and no padding: the input is already the column matrix. */
function pointwise(g: WindowGeometry): boolean {
  return g.kh === 1 && g.kw === 1 && g.strideH === 1 && g.strideW === 1 && g.outH === g.inH && g.outW === g.inW;
}

/** Shape rule shared by the three primitives: the conv output shape, after checking ranks, channels and dtypes. */
function convOutInfo(api: string, x: TensorInfo, w: TensorInfo, attrs: ConvAttrs): TensorInfo {
  const g = convGeometry(api, x, w, LAYOUT_F, attrs);
  return { shape: [g.batch, g.outH, g.outW, w.shape[3]], dtype: x.dtype };
}

/** Runs `body(n, oh0, oh1)` over bands of output rows of every image. */
function forEachBand(g: WindowGeometry, body: (n: number, oh0: number, oh1: number) => void): void {
  const band = bandRows(g);
  for (let n = 0; n < g.batch; n++) for (let oh0 = 0; oh0 < g.outH; oh0 += band) body(n, oh0, Math.min(g.outH, oh0 + band));
}

function geometryOf(x: Buf | TensorInfo, w: readonly number[], attrs: ConvAttrs): WindowGeometry {
  return windowGeometry('conv2d', x.shape, w[0], w[1], attrs);
}

/** y[n, oh, ow, co] = sum over (ki, kj, ci) of xpad[n, oh*sh + ki*dh, ow*sw + kj*dw, ci] * filter[ki, kj, ci, co]. */
const Conv2D = op<ConvAttrs>({
  name: 'Conv2D', api: 'conv2d',
  // Every band's product overwrites its rows of y (beta 0), so reused storage needs no zeroing.
  writesAll: true,
  infer: ([x, w], attrs) => convOutInfo('conv2d', x, w, attrs),
  kernel: ({ inputs: [x, w], outputs: [y], attrs }) => {
    const g = geometryOf(x, w.shape, attrs), cout = w.shape[3], K = g.kh * g.kw * g.inC;
    const X = x.data as FloatArray, W = w.data as FloatArray, Y = y.data as FloatArray;
    if (pointwise(g)) { gemm(g.batch * g.inH * g.inW, cout, K, X, 0, K, false, W, 0, cout, false, Y, 0, cout, 0); return; }
    const col = newLike(X, bandRows(g) * g.outW * K);
    forEachBand(g, (n, oh0, oh1) => {
      im2col(X, n * g.inH * g.inW * g.inC, g, oh0, oh1, col);
      gemm((oh1 - oh0) * g.outW, cout, K, col, 0, K, false, W, 0, cout, false, Y, (n * g.outH + oh0) * g.outW * cout, cout, 0);
    });
  },
  // An input without a gradient (the images of a first layer) skips its backprop.
  grad: ({ dys: [dy], inputs: [x, w], attrs }) => [
    x.requiresGrad ? backpropInput(dy, w, x.shape, attrs) : null,
    w.requiresGrad ? backpropFilter(x, dy, w.shape, attrs) : null,
  ],
});

/** dx = the adjoint of Conv2D in x: each dy pixel times the filter, scattered back over its receptive field. */
const Conv2DBackpropInput = op<Conv2DBackpropInputAttrs>({
  name: 'Conv2DBackpropInput', api: 'conv2dBackpropInput',
  // The kernels zero dx themselves (per image natively, while it is in cache) before scattering into it.
  writesAll: true,
  infer: ([dy, w], attrs) => {
    const api = 'conv2dBackpropInput';
    check(attrs.inputShape.length === 4, api, () => `inputShape must have rank 4 (${LAYOUT_NHWC}), received ${fmtShape(attrs.inputShape)}`);
    checkDyShape(api, dy, convOutInfo(api, { shape: attrs.inputShape, dtype: w.dtype }, w, attrs));
    check(dy.dtype === w.dtype, api, () => `operands must share a float dtype, received ${dy.dtype} and ${w.dtype}`);
    return { shape: attrs.inputShape, dtype: dy.dtype };
  },
  kernel: ({ inputs: [dy, w], outputs: [dx], attrs }) => {
    const g = geometryOf(dx, w.shape, attrs), cout = w.shape[3], K = g.kh * g.kw * g.inC;
    const DY = dy.data as FloatArray, W = w.data as FloatArray, DX = dx.data as FloatArray;
    if (pointwise(g)) { gemm(g.batch * g.inH * g.inW, K, cout, DY, 0, cout, false, W, 0, cout, true, DX, 0, K, 0); return; }
    const dcol = newLike(DX, bandRows(g) * g.outW * K);
    DX.fill(0);
    forEachBand(g, (n, oh0, oh1) => {
      gemm((oh1 - oh0) * g.outW, K, cout, DY, (n * g.outH + oh0) * g.outW * cout, cout, false, W, 0, cout, true, dcol, 0, K, 0);
      col2im(dcol, g, oh0, oh1, DX, n * g.inH * g.inW * g.inC);
    });
  },
  // Linear in both inputs: its adjoint in dy is the forward convolution, in the filter the filter backprop.
  grad: ({ dys: [g], inputs: [dy, w], attrs }) => [
    dy.requiresGrad ? runConv(g, w, attrs) : null,
    w.requiresGrad ? backpropFilter(g, dy, w.shape, attrs) : null,
  ],
});

/** dfilter = the adjoint of Conv2D in the filter: sum over images of im2col(x)^T dy. */
const Conv2DBackpropFilter = op<Conv2DBackpropFilterAttrs>({
  name: 'Conv2DBackpropFilter', api: 'conv2dBackpropFilter',
  infer: ([x, dy], attrs) => {
    const api = 'conv2dBackpropFilter';
    check(attrs.filterShape.length === 4, api, () => `filterShape must have rank 4 (${LAYOUT_F}), received ${fmtShape(attrs.filterShape)}`);
    checkDyShape(api, dy, convOutInfo(api, x, { shape: attrs.filterShape, dtype: x.dtype }, attrs));
    check(dy.dtype === x.dtype, api, () => `operands must share a float dtype, received ${x.dtype} and ${dy.dtype}`);
    return { shape: attrs.filterShape, dtype: x.dtype };
  },
  kernel: ({ inputs: [x, dy], outputs: [dw], attrs }) => {
    const g = geometryOf(x, dw.shape, attrs), cout = dw.shape[3], K = g.kh * g.kw * g.inC;
    const X = x.data as FloatArray, DY = dy.data as FloatArray, DW = dw.data as FloatArray;
    if (pointwise(g)) { gemm(K, cout, g.batch * g.inH * g.inW, X, 0, K, true, DY, 0, cout, false, DW, 0, cout, 0); return; }
    const col = newLike(X, bandRows(g) * g.outW * K);
    let first = true;
    forEachBand(g, (n, oh0, oh1) => {
      im2col(X, n * g.inH * g.inW * g.inC, g, oh0, oh1, col);
      gemm(K, cout, (oh1 - oh0) * g.outW, col, 0, K, true, DY, (n * g.outH + oh0) * g.outW * cout, cout, false, DW, 0, cout, first ? 0 : 1);
      first = false;
    });
  },
  grad: ({ dys: [g], inputs: [x, dy], attrs }) => [
    x.requiresGrad ? backpropInput(dy, g, x.shape, attrs) : null,
    dy.requiresGrad ? runConv(x, g, attrs) : null,
  ],
});

function runConv(x: Tensor, w: Tensor, attrs: ConvAttrs): Tensor {
  return run(Conv2D, [x, w], windowAttrs(attrs));
}

function backpropInput(dy: Tensor, w: Tensor, inputShape: readonly number[], attrs: ConvAttrs): Tensor {
  return run(Conv2DBackpropInput, [dy, w], { ...windowAttrs(attrs), inputShape: [...inputShape] });
}

function backpropFilter(x: Tensor, dy: Tensor, filterShape: readonly number[], attrs: ConvAttrs): Tensor {
  return run(Conv2DBackpropFilter, [x, dy], { ...windowAttrs(attrs), filterShape: [...filterShape] });
}

/**
 * 2-D convolution (cross-correlation, as TensorFlow) of NHWC `x` [N,H,W,Cin] with `filter` [kh,kw,Cin,Cout].
 * @example conv2d(images, kernel, { strides: 2, padding: 'same' }) // [N, ceil(H/2), ceil(W/2), Cout]
 */
export function conv2d(x: TensorLike, filter: TensorLike, options: Conv2DOptions = {}): Tensor {
  const c = convInputs('conv2d', x, filter, options, LAYOUT_F);
  return run(Conv2D, [c.x, c.filter], c.attrs);
}

/**
 * The gradient of `conv2d` with respect to its input: `dy` [N,outH,outW,Cout] spread back through `filter` onto
 * an input of `inputShape` [N,H,W,Cin] (padding 'same' is resolved against inputShape).
 * @example conv2dBackpropInput(dy, filter, [1, 5, 5, 3], { strides: 2, padding: 'same' })
 */
export function conv2dBackpropInput(dy: TensorLike, filter: TensorLike, inputShape: readonly number[], options: Conv2DOptions = {}): Tensor {
  const fn = 'conv2dBackpropInput';
  const [tdy, tw] = floatPair(fn, ['dy', 'filter'], dy, filter);
  const shape = checkShape(fn, inputShape, 'inputShape');
  checkRank(fn, 'inputShape', shape, 4, LAYOUT_NHWC);
  checkRank(fn, 'filter', tw.shape, 4, LAYOUT_F);
  checkChannels(fn, shape, tw.shape);
  const attrs = convAttrs(fn, options, shape[1], shape[2], tw.shape[0], tw.shape[1]);
  const g = windowGeometry(fn, shape, tw.shape[0], tw.shape[1], attrs);
  checkDyShape(fn, tdy, { shape: [g.batch, g.outH, g.outW, tw.shape[3]], dtype: tdy.dtype });
  return backpropInput(tdy, tw, shape, attrs);
}

/**
 * The gradient of `conv2d` with respect to its filter: x [N,H,W,Cin] and dy [N,outH,outW,Cout] give a filter
 * gradient of `filterShape` [kh,kw,Cin,Cout].
 * @example conv2dBackpropFilter(x, dy, [3, 3, 3, 8], { padding: 'same' })
 */
export function conv2dBackpropFilter(x: TensorLike, dy: TensorLike, filterShape: readonly number[], options: Conv2DOptions = {}): Tensor {
  const fn = 'conv2dBackpropFilter';
  const [tx, tdy] = floatPair(fn, ['x', 'dy'], x, dy);
  const shape = checkShape(fn, filterShape, 'filterShape');
  checkRank(fn, 'x', tx.shape, 4, LAYOUT_NHWC);
  checkRank(fn, 'filterShape', shape, 4, LAYOUT_F);
  checkChannels(fn, tx.shape, shape);
  const attrs = convAttrs(fn, options, tx.shape[1], tx.shape[2], shape[0], shape[1]);
  const g = windowGeometry(fn, tx.shape, shape[0], shape[1], attrs);
  checkDyShape(fn, tdy, { shape: [g.batch, g.outH, g.outW, shape[3]], dtype: tdy.dtype });
  return backpropFilter(tx, tdy, shape, attrs);
}

/** Options of `conv1d`. */
export interface Conv1DOptions {
  /** Step of the window (default 1). */
  stride?: number;
  /** 'valid' (default), 'same', 'causal' (all padding on the left, as Keras) or [left, right]. */
  padding?: 'valid' | 'same' | 'causal' | readonly [number, number];
  /** Spacing between filter taps (default 1). */
  dilation?: number;
}

/**
 * 1-D convolution of `x` [N,W,Cin] with `filter` [k,Cin,Cout]: a conv2d over a height-1 view.
 * @example conv1d(sequence, kernel, { padding: 'causal', dilation: 2 }) // [N, W, Cout]
 */
export function conv1d(x: TensorLike, filter: TensorLike, options: Conv1DOptions = {}): Tensor {
  const fn = 'conv1d';
  const [tx, tw] = floatPair(fn, ['x', 'filter'], x, filter);
  checkRank(fn, 'x', tx.shape, 3, '[batch, width, channels]');
  checkRank(fn, 'filter', tw.shape, 3, '[width, inChannels, outChannels]');
  check(tx.shape[2] === tw.shape[1], fn, () => `input channels differ, received x=${fmtShape(tx.shape)}, filter=${fmtShape(tw.shape)}`);
  check(typeof options === 'object' && options !== null, fn, () => `options must be an object, received ${typeof options}`);
  const stride = options.stride ?? 1, dilation = options.dilation ?? 1, padding = options.padding ?? 'valid';
  check(Number.isInteger(stride) && stride >= 1, fn, () => `stride must be an integer >= 1, received ${String(stride)}`);
  check(Number.isInteger(dilation) && dilation >= 1, fn, () => `dilation must be an integer >= 1, received ${String(dilation)}`);
  const k = tw.shape[0], width = tx.shape[1];
  let pads: [number, number];
  if (padding === 'valid') pads = [0, 0];
  else if (padding === 'same') pads = samePads(width, k, stride, dilation);
  else if (padding === 'causal') pads = [(k - 1) * dilation, 0];
  else if (Array.isArray(padding) && padding.length === 2 && padding.every((p) => Number.isInteger(p) && p >= 0)) pads = [padding[0], padding[1]];
  else throw new ArgumentError(fn, `padding must be 'valid', 'same', 'causal' or [left, right] of non-negative integers, received ${JSON.stringify(padding)}`);
  check(outputSize(width, k, stride, dilation, pads[0], pads[1]) >= 1, fn,
    () => `the ${(k - 1) * dilation + 1}-wide ${dilation > 1 ? 'dilated ' : ''}filter is larger than the padded input ${width + pads[0] + pads[1]}, received x=${fmtShape(tx.shape)}, filter=${fmtShape(tw.shape)}`);
  const [n, w, c] = tx.shape;
  const y = conv2d(reshape(tx, [n, 1, w, c]), reshape(tw, [1, ...tw.shape]), {
    strides: [1, stride], dilations: [1, dilation], padding: [[0, 0], pads],
  });
  return reshape(y, [n, y.shape[2], y.shape[3]]);
}
