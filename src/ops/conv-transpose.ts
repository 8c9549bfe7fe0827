import { isFloat } from '../core/dtype.js';
import { ArgumentError, check, fmtShape } from '../core/errors.js';
import { checkShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { conv2dBackpropInput } from './conv.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { convAttrs, toPair, windowGeometry } from './kernels/conv-geometry.js';
import type { Conv2DOptions } from './kernels/conv-geometry.js';
import { reshape } from './reshape.js';

const FN = 'conv2dTranspose';

/** Keras' default output length of a transposed convolution (no output padding). */
function defaultLength(fn: string, size: number, k: number, stride: number, dilation: number, padding: unknown, pads: [number, number] | null): number {
  const keff = (k - 1) * dilation + 1;
  if (padding === 'same') return size * stride;
  if (padding === 'valid') return size * stride + Math.max(keff - stride, 0);
  if (pads) return (size - 1) * stride + keff - pads[0] - pads[1];
  throw new ArgumentError(fn, `padding must be 'valid', 'same' or [[top, bottom], [left, right]], received ${JSON.stringify(padding)}`);
}

function explicitPads(padding: unknown, axis: 0 | 1): [number, number] | null {
  if (!Array.isArray(padding) || padding.length !== 2 || !Array.isArray(padding[axis])) return null;
  const p = padding[axis] as unknown[];
  return p.length === 2 && p.every((d) => Number.isInteger(d) && (d as number) >= 0) ? [p[0] as number, p[1] as number] : null;
}

/**
 * Transposed 2-D convolution (the gradient of conv2d with respect to its input) of `x` [N,H,W,Cin] (or [H,W,Cin])
 * with `filter` [kh,kw,Cout,Cin] (TensorFlow.js layout); `outputShape` [N,H',W',Cout] or [H',W',Cout] defaults to
 * Keras' Conv2DTranspose size (H*stride for 'same', H*stride + max(k - stride, 0) for 'valid').
 * @example conv2dTranspose(x, filter, undefined, { strides: 2, padding: 'same' }) // [N, 2H, 2W, Cout]
 */
export function conv2dTranspose(x: TensorLike, filter: TensorLike, outputShape?: readonly number[], options: Conv2DOptions = {}): Tensor {
  const tx = toTensor(FN, 'x', x), tw = toTensor(FN, 'filter', filter);
  check(isFloat(tx.dtype) && isFloat(tw.dtype), FN, () => `x and filter must be float32 or float64, received ${tx.dtype} and ${tw.dtype}`);
  check(tx.rank === 4 || tx.rank === 3, FN, () => `x must have rank 4 (NHWC) or 3 (HWC), received x=${fmtShape(tx.shape)}`);
  check(tw.rank === 4, FN, () => `filter must have rank 4 ([height, width, outChannels, inChannels]), received filter=${fmtShape(tw.shape)}`);
  const x4 = tx.rank === 4 ? tx : reshape(tx, [1, ...tx.shape]);
  const [n, h, w, cin] = x4.shape, [kh, kw, cout] = tw.shape;
  check(tw.shape[3] === cin, FN, () => `input channels differ, received x=${fmtShape(tx.shape)}, filter=${fmtShape(tw.shape)} (filter is [height, width, outChannels, inChannels])`);
  check(typeof options === 'object' && options !== null, FN, () => `options must be an object, received ${typeof options}`);
  let out: number[];
  if (outputShape === undefined) {
    const strides = toPair(FN, 'strides', options.strides ?? 1), dilations = toPair(FN, 'dilations', options.dilations ?? 1);
    const padding = options.padding ?? 'valid';
    out = [n,
      defaultLength(FN, h, kh, strides[0], dilations[0], padding, explicitPads(padding, 0)),
      defaultLength(FN, w, kw, strides[1], dilations[1], padding, explicitPads(padding, 1)), cout];
  } else {
    const s = checkShape(FN, outputShape, 'outputShape');
    check(s.length === 4 || s.length === 3, FN, () => `outputShape must be [N, H, W, Cout] or [H, W, Cout], received ${fmtShape(s)}`);
    out = s.length === 4 ? s : [n, ...s];
    check(out[0] === n && out[3] === cout, FN,
      () => `outputShape must have batch ${n} and ${cout} channels (filter=${fmtShape(tw.shape)}), received ${fmtShape(s)}`);
  }
  check(out[1] >= 1 && out[2] >= 1, FN, () => `the output would be empty: ${fmtShape(out)} for x=${fmtShape(tx.shape)}, filter=${fmtShape(tw.shape)}`);
  const attrs = convAttrs(FN, options, out[1], out[2], kh, kw);
  const g = windowGeometry(FN, out, kh, kw, attrs);
  check(g.outH === h && g.outW === w, FN,
    () => `outputShape ${fmtShape(out)} does not match x=${fmtShape(tx.shape)}: a conv2d with these options maps it to spatial size ${g.outH}x${g.outW}, not ${h}x${w}`);
  const [pt, pb, pl, pr] = attrs.pads;
  const y = conv2dBackpropInput(x4, tw, out, { strides: attrs.strides, dilations: attrs.dilations, padding: [[pt, pb], [pl, pr]] });
  return tx.rank === 4 ? y : reshape(y, out.slice(1));
}
