// Native kernels of 2-D convolution and pooling (NHWC, float32).
import type { Buf } from '../../core/op.js';
import type { ConvAttrs } from '../../ops/kernels/conv-geometry.js';
import type { PoolAttrs } from '../../ops/pool.js';
import { f32, float32Only } from './bind.js';
import type { KernelFactory } from './bind.js';

/** The output length of a window sweep (as conv-geometry.ts's outputSize). */
function outSize(size: number, k: number, stride: number, dilation: number, before: number, after: number): number {
  return Math.floor((size + before + after - (k - 1) * dilation - 1) / stride) + 1;
}

/**
 * The addon's geometry array for an NHWC input shape and a kh x kw window.
 * @example geometry([1, 5, 5, 3], 3, 3, [1, 1], [1, 1], [1, 1, 1, 1]) // [1, 5, 5, 3, 3, 3, 1, 1, 1, 1, 1, 1, 5, 5]
 */
export function geometry(xShape: readonly number[], kh: number, kw: number, strides: readonly number[],
  dilations: readonly number[], pads: readonly number[]): number[] {
  const [batch, inH, inW, inC] = xShape;
  const outH = outSize(inH, kh, strides[0], dilations[0], pads[0], pads[1]);
  const outW = outSize(inW, kw, strides[1], dilations[1], pads[2], pads[3]);
  return [batch, inH, inW, inC, kh, kw, strides[0], strides[1], dilations[0], dilations[1], pads[0], pads[2], outH, outW];
}

function convGeometry(x: readonly number[], w: readonly number[], a: ConvAttrs): number[] {
  return geometry(x, w[0], w[1], a.strides, a.dilations, a.pads);
}

/** Conv2D (x, w) -> y; Conv2DBackpropInput (dy, w) -> dx; Conv2DBackpropFilter (x, dy) -> dw. */
function convKernel(kind: 0 | 1 | 2): KernelFactory {
  return (addon, reference) => float32Only(reference, ({ inputs: [p, q], outputs: [out], attrs }) => {
    const a = attrs as ConvAttrs;
    const x: Buf = kind === 1 ? out : p;
    const w: readonly number[] = kind === 2 ? out.shape : q.shape;
    addon.conv2d(kind, convGeometry(x.shape, w, a), w[3], f32(p), f32(q), f32(out));
    return true;
  });
}

function poolGeometry(xShape: readonly number[], a: PoolAttrs): number[] {
  return geometry(xShape, a.poolSize[0], a.poolSize[1], a.strides, [1, 1], a.pads);
}

/**
 * kind 0 MaxPool2D (x), 1 MaxPool2DGrad (x, dy), 2 MaxPool2DGradGrad (x, g), 3 AvgPool2D (x), 4 AvgPool2DGrad (dy).
 */
function poolKernel(kind: 0 | 1 | 2 | 3 | 4): KernelFactory {
  return (addon, reference) => float32Only(reference, ({ inputs, outputs: [out], attrs }) => {
    // The input image is inputs[0] except for AvgPool2DGrad, whose output has the image's shape.
    const image = kind === 4 ? out : inputs[0];
    const q = inputs.length > 1 ? inputs[1] : inputs[0];
    addon.pool2d(kind, poolGeometry(image.shape, attrs as PoolAttrs), f32(inputs[0]), f32(q), f32(out));
    return true;
  });
}

/** Native kernels of this family, by op name. */
export const WINDOW_KERNELS: Readonly<Record<string, KernelFactory>> = {
  Conv2D: convKernel(0),
  Conv2DBackpropInput: convKernel(1),
  Conv2DBackpropFilter: convKernel(2),
  MaxPool2D: poolKernel(0),
  MaxPool2DGrad: poolKernel(1),
  MaxPool2DGradGrad: poolKernel(2),
  AvgPool2D: poolKernel(3),
  AvgPool2DGrad: poolKernel(4),
};
