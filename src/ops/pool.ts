import { isFloat } from '../core/dtype.js';
import { check, describe, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { OpDef, TensorInfo } from '../core/op.js';
import { shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { checkRank, forEachWindow, resolvePads, toPair, windowGeometry } from './kernels/conv-geometry.js';
import type { Pair, Padding2D, WindowGeometry } from './kernels/conv-geometry.js';

// NHWC pooling over windows clipped to the input: padded positions never take part, so a max ignores them
// and an average divides by the number of real elements (TensorFlow's rule, also for 'same').

/**
 * Attributes of every pooling primitive. MaxPool2D/AvgPool2D: x [N,H,W,C] -> [N,outH,outW,C].
 * MaxPool2DGrad (x, dy) -> dx; MaxPool2DGradGrad (x, g) -> [N,outH,outW,C]; AvgPool2DGrad (dy) -> dx.
 */
export interface PoolAttrs {
  /** [poolH, poolW]. */
  readonly poolSize: readonly [number, number];
  /** [strideH, strideW]. */
  readonly strides: readonly [number, number];
  /** Padding [top, bottom, left, right], each smaller than the pool size on its axis. */
  readonly pads: readonly [number, number, number, number];
}

/** Attributes of AvgPool2DGrad: the pooling attributes and the NHWC shape of the input being rebuilt. */
export interface AvgPool2DGradAttrs extends PoolAttrs {
  readonly inputShape: readonly number[];
}

/** Options of `maxPool2d` and `avgPool2d`. */
export interface Pool2DOptions {
  /** Window size (default 2). */
  poolSize?: Pair;
  /** Window step (default: the pool size). */
  strides?: Pair;
  /** 'valid' (default), 'same' (TensorFlow's SAME) or [[top, bottom], [left, right]]. */
  padding?: Padding2D;
}

const LAYOUT_X = 'NHWC [batch, height, width, channels]';

function geometry(api: string, shape: readonly number[], a: PoolAttrs): WindowGeometry {
  return windowGeometry(api, shape, a.poolSize[0], a.poolSize[1], { strides: a.strides, dilations: [1, 1], pads: a.pads });
}

function pool(a: PoolAttrs): PoolAttrs {
  return { poolSize: a.poolSize, strides: a.strides, pads: a.pads };
}

function poolInfo(api: string, x: TensorInfo, a: PoolAttrs): TensorInfo {
  checkRank(api, 'x', x.shape, 4, LAYOUT_X);
  check(isFloat(x.dtype), api, () => `x must be float32 or float64, received ${x.dtype}`);
  const g = geometry(api, x.shape, a);
  return { shape: [g.batch, g.outH, g.outW, g.inC], dtype: x.dtype };
}

function sameShape(api: string, what: string, actual: TensorInfo, expected: TensorInfo): void {
  check(shapesEqual(actual.shape, expected.shape), api, () => `${what} must have shape ${fmtShape(expected.shape)}, received ${fmtShape(actual.shape)}`);
}

/** Calls `visit(outIndex, argIndex)` with, per output element, the index in x of its window's first maximum. */
function forEachArgMax(x: Float32Array | Float64Array | Int32Array | Uint8Array, g: WindowGeometry,
  visit: (out: number, arg: number) => void): void {
  const C = g.inC;
  forEachWindow(g, (o, pix, _taps, count) => {
    for (let c = 0; c < C; c++) {
      let best = -Infinity, arg = pix[0] * C + c;
      for (let t = 0; t < count; t++) {
        const i = pix[t] * C + c;
        if (x[i] > best) { best = x[i]; arg = i; }
      }
      visit(o * C + c, arg);
    }
  });
}

const MaxPool2D: OpDef<PoolAttrs> = op<PoolAttrs>({
  name: 'MaxPool2D', api: 'maxPool2d',
  writesAll: true,
  infer: ([x], a) => poolInfo('maxPool2d', x, a),
  kernel: ({ inputs: [x], outputs: [y], attrs }) => {
    const X = x.data, Y = y.data;
    forEachArgMax(X, geometry('maxPool2d', x.shape, attrs), (o, arg) => { Y[o] = X[arg]; });
  },
  grad: ({ dys: [dy], inputs: [x], attrs }) => [run(MaxPool2DGrad, [x, dy], pool(attrs))],
});

/** Routes each output cotangent to the first maximum of its window (as TensorFlow.js and PyTorch). */
const MaxPool2DGrad: OpDef<PoolAttrs> = op<PoolAttrs>({
  name: 'MaxPool2DGrad', api: 'maxPool2d',
  // The kernels zero dx themselves (per image natively, while it is in cache) before adding into it.
  writesAll: true,
  infer: ([x, dy], a) => {
    sameShape('maxPool2d', 'dy', dy, poolInfo('maxPool2d', x, a));
    return x;
  },
  kernel: ({ inputs: [x, dy], outputs: [dx], attrs }) => {
    const DY = dy.data, DX = dx.data;
    DX.fill(0);
    forEachArgMax(x.data, geometry('maxPool2d', x.shape, attrs), (o, arg) => { DX[arg] += DY[o]; });
  },
  // Piecewise constant in x; linear in dy with the gather below as adjoint.
  grad: ({ dys: [g], inputs: [x], attrs }) => [null, run(MaxPool2DGradGrad, [x, g], pool(attrs))],
});

/** Gathers `g` (shaped like x) at the first maximum of each window: the adjoint of MaxPool2DGrad in dy. */
const MaxPool2DGradGrad: OpDef<PoolAttrs> = op<PoolAttrs>({
  name: 'MaxPool2DGradGrad', api: 'maxPool2d',
  writesAll: true,
  infer: ([x, g], a) => {
    sameShape('maxPool2d', 'the cotangent', g, x);
    return poolInfo('maxPool2d', x, a);
  },
  kernel: ({ inputs: [x, g], outputs: [y], attrs }) => {
    const G = g.data, Y = y.data;
    forEachArgMax(x.data, geometry('maxPool2d', x.shape, attrs), (o, arg) => { Y[o] = G[arg]; });
  },
  grad: ({ dys: [h], inputs: [x], attrs }) => [null, run(MaxPool2DGrad, [x, h], pool(attrs))],
});

const AvgPool2D: OpDef<PoolAttrs> = op<PoolAttrs>({
  name: 'AvgPool2D', api: 'avgPool2d',
  infer: ([x], a) => poolInfo('avgPool2d', x, a),
  kernel: ({ inputs: [x], outputs: [y], attrs }) => {
    const X = x.data, Y = y.data, C = x.shape[3];
    forEachWindow(geometry('avgPool2d', x.shape, attrs), (o, pix, _taps, count) => {
      const yo = o * C;
      for (let t = 0; t < count; t++) {
        const xo = pix[t] * C;
        for (let c = 0; c < C; c++) Y[yo + c] += X[xo + c];
      }
      const inv = 1 / count;
      for (let c = 0; c < C; c++) Y[yo + c] *= inv;
    });
  },
  grad: ({ dys: [dy], inputs: [x], attrs }) => [run(AvgPool2DGrad, [dy], { ...pool(attrs), inputShape: x.shape })],
});

/** Spreads each output cotangent evenly over the real elements of its window. */
const AvgPool2DGrad: OpDef<AvgPool2DGradAttrs> = op<AvgPool2DGradAttrs>({
  name: 'AvgPool2DGrad', api: 'avgPool2d',
  infer: ([dy], a) => {
    sameShape('avgPool2d', 'dy', dy, poolInfo('avgPool2d', { shape: a.inputShape, dtype: dy.dtype }, a));
    return { shape: a.inputShape, dtype: dy.dtype };
  },
  kernel: ({ inputs: [dy], outputs: [dx], attrs }) => {
    const DY = dy.data, DX = dx.data, C = dx.shape[3];
    forEachWindow(geometry('avgPool2d', dx.shape, attrs), (o, pix, _taps, count) => {
      const yo = o * C, inv = 1 / count;
      for (let t = 0; t < count; t++) {
        const xo = pix[t] * C;
        for (let c = 0; c < C; c++) DX[xo + c] += DY[yo + c] * inv;
      }
    });
  },
  // Linear in dy; its adjoint is the average pool itself.
  grad: ({ dys: [g], attrs }) => [run(AvgPool2D, [g], pool(attrs))],
});

function poolAttrs(fn: string, x: Tensor, options: Pool2DOptions): PoolAttrs {
  check(typeof options === 'object' && options !== null, fn, () => `options must be an object, received ${describe(options)}`);
  checkRank(fn, 'x', x.shape, 4, LAYOUT_X);
  check(isFloat(x.dtype), fn, () => `x must be float32 or float64, received ${x.dtype}`);
  const poolSize = toPair(fn, 'poolSize', options.poolSize ?? 2);
  const strides = toPair(fn, 'strides', options.strides ?? poolSize);
  const pads = resolvePads(fn, options.padding ?? 'valid', x.shape[1], x.shape[2], poolSize[0], poolSize[1], strides, [1, 1]);
  // A window made only of padding would have no maximum and nothing to average.
  check(pads[0] < poolSize[0] && pads[1] < poolSize[0] && pads[2] < poolSize[1] && pads[3] < poolSize[1], fn,
    () => `padding must be smaller than the pool size, received pads [${pads.join(',')}] for poolSize [${poolSize.join(',')}]`);
  const attrs = { poolSize, strides, pads };
  geometry(fn, x.shape, attrs);
  return attrs;
}

/**
 * Max pooling of NHWC `x` over poolSize windows (padded positions never win); the gradient goes to the first
 * maximum of each window.
 * @example maxPool2d(images, { poolSize: 2 }) // [N, H/2, W/2, C]
 */
export function maxPool2d(x: TensorLike, options: Pool2DOptions = {}): Tensor {
  const t = toTensor('maxPool2d', 'x', x);
  return run(MaxPool2D, [t], poolAttrs('maxPool2d', t, options));
}

/**
 * Average pooling of NHWC `x` over poolSize windows, dividing by the number of real (non-padded) elements.
 * @example avgPool2d(images, { poolSize: 3, strides: 1, padding: 'same' }) // [N, H, W, C]
 */
export function avgPool2d(x: TensorLike, options: Pool2DOptions = {}): Tensor {
  const t = toTensor('avgPool2d', 'x', x);
  return run(AvgPool2D, [t], poolAttrs('avgPool2d', t, options));
}
