import { check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import type { Tensor } from '../core/tensor.js';
import type { TensorLike } from './convert.js';
import { LAYOUT_NHWC, checkDyShape, convGeometry, convInputs, windowAttrs } from './conv-checks.js';
import { forEachWindow, windowGeometry } from './kernels/conv-geometry.js';
import type { Conv2DOptions, ConvAttrs } from './kernels/conv-geometry.js';

// Each input channel c is convolved with its own `multiplier` filters; output channel c*multiplier + m
// (TensorFlow's order). Direct loops: per output pixel and in-bounds tap, a contiguous run over channels.

/** Attributes of DepthwiseConv2DBackpropInput: the window attributes and the NHWC shape of the input. */
export interface DepthwiseConv2DBackpropInputAttrs extends ConvAttrs {
  readonly inputShape: readonly number[];
}

/** Attributes of DepthwiseConv2DBackpropFilter: the window attributes and the [kh, kw, Cin, multiplier] shape. */
export interface DepthwiseConv2DBackpropFilterAttrs extends ConvAttrs {
  readonly filterShape: readonly number[];
}

const API = 'depthwiseConv2d';
const LAYOUT_F = '[height, width, inChannels, multiplier]';

function outInfo(x: TensorInfo, f: TensorInfo, attrs: ConvAttrs): TensorInfo {
  const g = convGeometry(API, x, f, LAYOUT_F, attrs);
  return { shape: [g.batch, g.outH, g.outW, f.shape[2] * f.shape[3]], dtype: x.dtype };
}

/** y[n, oh, ow, c*M + m] = sum over (ki, kj) of xpad[n, oh*sh + ki*dh, ow*sw + kj*dw, c] * filter[ki, kj, c, m]. */
const DepthwiseConv2D = op<ConvAttrs>({
  name: 'DepthwiseConv2D', api: API,
  infer: ([x, f], attrs) => outInfo(x, f, attrs),
  kernel: ({ inputs: [x, f], outputs: [y], attrs }) => {
    const [kh, kw, C, M] = f.shape, CM = C * M;
    const X = x.data, F = f.data, Y = y.data;
    forEachWindow(windowGeometry(API, x.shape, kh, kw, attrs), (o, pix, taps, count) => {
      const yo = o * CM;
      for (let t = 0; t < count; t++) {
        const xo = pix[t] * C, fo = taps[t] * CM;
        for (let c = 0; c < C; c++) {
          const xv = X[xo + c];
          for (let m = 0, i = c * M; m < M; m++, i++) Y[yo + i] += xv * F[fo + i];
        }
      }
    });
  },
  grad: ({ dys: [dy], inputs: [x, f], attrs }) => [
    x.requiresGrad ? backpropInput(dy, f, x.shape, attrs) : null,
    f.requiresGrad ? backpropFilter(x, dy, f.shape, attrs) : null,
  ],
});

/** dx: the adjoint of DepthwiseConv2D in x. */
const DepthwiseConv2DBackpropInput = op<DepthwiseConv2DBackpropInputAttrs>({
  name: 'DepthwiseConv2DBackpropInput', api: API,
  infer: ([dy, f], attrs) => {
    check(attrs.inputShape.length === 4, API, () => `inputShape must have rank 4 (${LAYOUT_NHWC}), received ${fmtShape(attrs.inputShape)}`);
    checkDyShape(API, dy, outInfo({ shape: attrs.inputShape, dtype: f.dtype }, f, attrs));
    return { shape: attrs.inputShape, dtype: f.dtype };
  },
  kernel: ({ inputs: [dy, f], outputs: [dx], attrs }) => {
    const [kh, kw, C, M] = f.shape, CM = C * M;
    const DY = dy.data, F = f.data, DX = dx.data;
    forEachWindow(windowGeometry(API, dx.shape, kh, kw, attrs), (o, pix, taps, count) => {
      const yo = o * CM;
      for (let t = 0; t < count; t++) {
        const xo = pix[t] * C, fo = taps[t] * CM;
        for (let c = 0; c < C; c++) {
          let s = 0;
          for (let m = 0, i = c * M; m < M; m++, i++) s += DY[yo + i] * F[fo + i];
          DX[xo + c] += s;
        }
      }
    });
  },
  grad: ({ dys: [g], inputs: [dy, f], attrs }) => [
    dy.requiresGrad ? run(DepthwiseConv2D, [g, f], windowAttrs(attrs)) : null,
    f.requiresGrad ? backpropFilter(g, dy, f.shape, attrs) : null,
  ],
});

/** dfilter: the adjoint of DepthwiseConv2D in the filter. */
const DepthwiseConv2DBackpropFilter = op<DepthwiseConv2DBackpropFilterAttrs>({
  name: 'DepthwiseConv2DBackpropFilter', api: API,
  infer: ([x, dy], attrs) => {
    check(attrs.filterShape.length === 4, API, () => `filterShape must have rank 4 (${LAYOUT_F}), received ${fmtShape(attrs.filterShape)}`);
    checkDyShape(API, dy, outInfo(x, { shape: attrs.filterShape, dtype: x.dtype }, attrs));
    return { shape: attrs.filterShape, dtype: x.dtype };
  },
  kernel: ({ inputs: [x, dy], outputs: [df], attrs }) => {
    const [kh, kw, C, M] = df.shape, CM = C * M;
    const X = x.data, DY = dy.data, DF = df.data;
    forEachWindow(windowGeometry(API, x.shape, kh, kw, attrs), (o, pix, taps, count) => {
      const yo = o * CM;
      for (let t = 0; t < count; t++) {
        const xo = pix[t] * C, fo = taps[t] * CM;
        for (let c = 0; c < C; c++) {
          const xv = X[xo + c];
          for (let m = 0, i = c * M; m < M; m++, i++) DF[fo + i] += xv * DY[yo + i];
        }
      }
    });
  },
  grad: ({ dys: [g], inputs: [x, dy], attrs }) => [
    x.requiresGrad ? backpropInput(dy, g, x.shape, attrs) : null,
    dy.requiresGrad ? run(DepthwiseConv2D, [x, g], windowAttrs(attrs)) : null,
  ],
});

function backpropInput(dy: Tensor, f: Tensor, inputShape: readonly number[], attrs: ConvAttrs): Tensor {
  return run(DepthwiseConv2DBackpropInput, [dy, f], { ...windowAttrs(attrs), inputShape: [...inputShape] });
}

function backpropFilter(x: Tensor, dy: Tensor, filterShape: readonly number[], attrs: ConvAttrs): Tensor {
  return run(DepthwiseConv2DBackpropFilter, [x, dy], { ...windowAttrs(attrs), filterShape: [...filterShape] });
}

/**
 * Depthwise 2-D convolution of NHWC `x` [N,H,W,C] with `filter` [kh,kw,C,multiplier]: every channel is convolved
 * with its own filters, giving C*multiplier output channels ordered c*multiplier + m, as TensorFlow.
 * @example depthwiseConv2d(images, filter, { strides: 2, padding: 'same' }) // [N, ceil(H/2), ceil(W/2), C*mult]
 */
export function depthwiseConv2d(x: TensorLike, filter: TensorLike, options: Conv2DOptions = {}): Tensor {
  const c = convInputs(API, x, filter, options, LAYOUT_F);
  return run(DepthwiseConv2D, [c.x, c.filter], c.attrs);
}
