// Argument and shape checks shared by the conv2d and depthwiseConv2d primitives and their public functions:
// both take NHWC x and a [kh, kw, inChannels, ...] filter and differ only in how filters map to output channels.
import { isFloat, upcast } from '../core/dtype.js';
import { check, fmtShape } from '../core/errors.js';
import type { TensorInfo } from '../core/op.js';
import { shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { cast } from './cast.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { checkRank, convAttrs, windowGeometry } from './kernels/conv-geometry.js';
import type { Conv2DOptions, ConvAttrs, WindowGeometry } from './kernels/conv-geometry.js';

/** The layout named in rank errors about a convolution's input. */
export const LAYOUT_NHWC = 'NHWC [batch, height, width, channels]';

/**
 * The window attributes alone, dropping what a backprop primitive adds (inputShape, filterShape).
 * @example run(Conv2D, [x, w], windowAttrs(backpropAttrs))
 */
export function windowAttrs({ strides, dilations, pads }: ConvAttrs): ConvAttrs {
  return { strides, dilations, pads };
}

/**
 * Converts both operands to tensors of one float dtype (the wider of the two), naming `fn` and the arguments.
 * @example const [tx, tw] = floatPair('conv2d', ['x', 'filter'], x, filter)
 */
export function floatPair(fn: string, names: readonly [string, string], a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const ta = toTensor(fn, names[0], a), tb = toTensor(fn, names[1], b);
  check(isFloat(ta.dtype) && isFloat(tb.dtype), fn, () => `${names[0]} and ${names[1]} must be float32 or float64, received ${ta.dtype} and ${tb.dtype}`);
  const dtype = upcast(ta.dtype, tb.dtype);
  return [cast(ta, dtype), cast(tb, dtype)];
}

/**
 * Checks that the NHWC input's channels equal the filter's input channels (dimension 2).
 * @example checkChannels('conv2d', [1, 5, 5, 3], [3, 3, 3, 8])
 */
export function checkChannels(fn: string, xShape: readonly number[], fShape: readonly number[]): void {
  check(xShape[3] === fShape[2], fn, () => `input channels differ, received x=${fmtShape(xShape)}, filter=${fmtShape(fShape)}`);
}

/**
 * Checks that `dy` has the convolution's output shape.
 * @example checkDyShape('conv2dBackpropInput', dy, { shape: [1, 3, 3, 8], dtype: 'float32' })
 */
export function checkDyShape(fn: string, dy: TensorInfo, expected: TensorInfo): void {
  check(shapesEqual(dy.shape, expected.shape), fn, () => `dy must have the convolution's output shape ${fmtShape(expected.shape)}, received dy=${fmtShape(dy.shape)}`);
}

/**
 * A primitive's shape rule: checks ranks, channels and a shared float dtype, and returns the window geometry.
 * @example const g = convGeometry('conv2d', x, w, '[height, width, inChannels, outChannels]', attrs)
 */
export function convGeometry(fn: string, x: TensorInfo, w: TensorInfo, filterLayout: string, attrs: ConvAttrs): WindowGeometry {
  checkRank(fn, 'x', x.shape, 4, LAYOUT_NHWC);
  checkRank(fn, 'filter', w.shape, 4, filterLayout);
  checkChannels(fn, x.shape, w.shape);
  check(isFloat(x.dtype) && x.dtype === w.dtype, fn, () => `operands must share a float dtype, received ${x.dtype} and ${w.dtype}`);
  return windowGeometry(fn, x.shape, w.shape[0], w.shape[1], attrs);
}

/**
 * A public convolution's arguments checked and resolved: x and filter in one float dtype, and the window
 * attributes, after checking ranks, channels and that the window fits the padded input.
 * @example const { x: tx, filter: tw, attrs } = convInputs('conv2d', x, filter, options, '[height, width, inChannels, outChannels]')
 */
export function convInputs(
  fn: string, x: TensorLike, filter: TensorLike, options: Conv2DOptions, filterLayout: string,
): { x: Tensor; filter: Tensor; attrs: ConvAttrs } {
  const [tx, tw] = floatPair(fn, ['x', 'filter'], x, filter);
  checkRank(fn, 'x', tx.shape, 4, LAYOUT_NHWC);
  checkRank(fn, 'filter', tw.shape, 4, filterLayout);
  checkChannels(fn, tx.shape, tw.shape);
  const attrs = convAttrs(fn, options, tx.shape[1], tx.shape[2], tw.shape[0], tw.shape[1]);
  windowGeometry(fn, tx.shape, tw.shape[0], tw.shape[1], attrs);
  return { x: tx, filter: tw, attrs };
}
