import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grads } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { mul } from './arithmetic.js';
import { cast } from './cast.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { conv1d, conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv.js';
import type { Conv2DOptions } from './conv.js';
import { resolvePads, toPair } from './kernels/conv-geometry.js';
import { sum } from './reduce-sum.js';

const f64 = (shape: number[]): Tensor => randomNormal(shape, 0, 1, 'float64');

/** Direct seven-loop convolution, independent of im2col and gemm. */
function naiveConv2d(x: Tensor, w: Tensor, options: Conv2DOptions = {}): Tensor {
  const [n, h, wd, cin] = x.shape, [kh, kw, , cout] = w.shape;
  const [sh, sw] = toPair('t', 's', options.strides ?? 1), [dh, dw] = toPair('t', 'd', options.dilations ?? 1);
  const [pt, pb, pl, pr] = resolvePads('t', options.padding ?? 'valid', h, wd, kh, kw, [sh, sw], [dh, dw]);
  const oh = Math.floor((h + pt + pb - (kh - 1) * dh - 1) / sh) + 1, ow = Math.floor((wd + pl + pr - (kw - 1) * dw - 1) / sw) + 1;
  const out = new Float64Array(n * oh * ow * cout);
  const X = x.storage, W = w.storage;
  for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let co = 0; co < cout; co++) {
    let s = 0;
    for (let ki = 0; ki < kh; ki++) for (let kj = 0; kj < kw; kj++) {
      const ih = i * sh - pt + ki * dh, iw = j * sw - pl + kj * dw;
      if (ih < 0 || ih >= h || iw < 0 || iw >= wd) continue;
      for (let ci = 0; ci < cin; ci++) s += X[((b * h + ih) * wd + iw) * cin + ci] * W[((ki * kw + kj) * cin + ci) * cout + co];
    }
    out[((b * oh + i) * ow + j) * cout + co] = s;
  }
  return Tensor.fromStorage(out, [n, oh, ow, cout], 'float64');
}

const CASES: { name: string; x: number[]; w: number[]; options: Conv2DOptions }[] = [
  { name: 'valid 3x3', x: [2, 5, 6, 3], w: [3, 3, 3, 4], options: {} },
  { name: 'stride 2 same', x: [1, 7, 6, 2], w: [3, 3, 2, 3], options: { strides: 2, padding: 'same' } },
  { name: 'even kernel same', x: [1, 6, 5, 2], w: [2, 4, 2, 2], options: { padding: 'same', strides: [1, 2] } },
  { name: 'dilation 2', x: [1, 7, 7, 2], w: [3, 2, 2, 3], options: { dilations: 2, padding: 'same' } },
  { name: 'explicit pads', x: [2, 4, 5, 3], w: [3, 3, 3, 2], options: { padding: [[1, 2], [0, 3]], strides: [2, 1] } },
  { name: 'pointwise', x: [2, 3, 4, 5], w: [1, 1, 5, 3], options: {} },
  { name: '1x1 stride 2', x: [1, 5, 5, 2], w: [1, 1, 2, 3], options: { strides: 2 } },
  { name: 'kernel = input', x: [1, 3, 3, 2], w: [3, 3, 2, 1], options: {} },
];

test('conv2d matches a direct convolution on every geometry (float64 and float32)', () => {
  setSeed(1);
  for (const c of CASES) {
    const x = f64(c.x), w = f64(c.w);
    const expected = naiveConv2d(x, w, c.options);
    expectClose(conv2d(x, w, c.options), expected);
    expectClose(conv2d(cast(x, 'float32'), cast(w, 'float32'), c.options), expected, { rtol: 1e-5, atol: 1e-5 });
  }
});

test('conv2d computes a known small case and TensorFlow output sizes', () => {
  const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
  const w = tensor([1, 0, 0, -1], [2, 2, 1, 1]);
  expectClose(conv2d(x, w), [[[[-4], [-4]], [[-4], [-4]]]]);
  // SAME pads the odd element at the bottom/right: the last row and column see a zero.
  expectClose(conv2d(x, w, { padding: 'same' }), [[[[-4], [-4], [3]], [[-4], [-4], [6]], [[7], [8], [9]]]]);
  assert.deepEqual(conv2d(zeros([1, 7, 8, 1]), zeros([3, 3, 1, 2]), { strides: 3, padding: 'same' }).shape, [1, 3, 3, 2]);
  assert.deepEqual(conv2d(zeros([1, 7, 8, 1]), zeros([3, 3, 1, 2]), { strides: 3 }).shape, [1, 2, 2, 2]);
});

test('conv2d splits large images into bands of output rows', () => {
  setSeed(2);
  // 64 x 64 outputs of 3x3x32 taps make a 1.2M-element column matrix: a band of 56 rows and one of 8.
  const x = f64([1, 64, 64, 32]), w = f64([3, 3, 32, 2]);
  const options: Conv2DOptions = { padding: 'same' };
  expectClose(conv2d(x, w, options), naiveConv2d(x, w, options), { rtol: 1e-9, atol: 1e-9 });
  const dy = f64([1, 64, 64, 2]);
  const [dx, dw] = grads((a, b) => sum(mul(conv2d(a, b, options), dy)))(x, w);
  expectClose(conv2dBackpropInput(dy, w, x.shape, options), dx);
  expectClose(conv2dBackpropFilter(x, dy, w.shape, options), dw);
});

test('conv2d edge shapes: empty batch, zero channels', () => {
  assert.deepEqual(conv2d(zeros([0, 5, 5, 3]), zeros([3, 3, 3, 4])).shape, [0, 3, 3, 4]);
  expectClose(conv2d(zeros([1, 3, 3, 0]), zeros([2, 2, 0, 2])), zeros([1, 2, 2, 2]));
  const dw = conv2dBackpropFilter(zeros([0, 5, 5, 3]), zeros([0, 3, 3, 4]), [3, 3, 3, 4]);
  expectClose(dw, zeros([3, 3, 3, 4]));
});

test('conv2d gradients with respect to input and filter', () => {
  setSeed(3);
  for (const c of CASES) {
    checkGrads((x, w) => conv2d(x, w, c.options), [f64(c.x), f64(c.w)]);
  }
});

test('conv2d backprop primitives have gradients of their own (second order)', () => {
  setSeed(4);
  const options: Conv2DOptions = { strides: 2, padding: 'same', dilations: 1 };
  const xShape = [1, 5, 6, 2], wShape = [3, 3, 2, 3];
  checkGrads((dy, w) => conv2dBackpropInput(dy, w, xShape, options), [f64([1, 3, 3, 3]), f64(wShape)]);
  checkGrads((x, dy) => conv2dBackpropFilter(x, dy, wShape, options), [f64(xShape), f64([1, 3, 3, 3])]);
  // Hessian-vector products of a loss quadratic in the convolution.
  const loss = (x: Tensor, w: Tensor): Tensor => { const y = conv2d(x, w, options); return sum(mul(y, y)); };
  checkGrads((x, w) => grads(loss)(x, w)[0], [f64(xShape), f64(wShape)]);
  checkGrads((x, w) => grads(loss)(x, w)[1], [f64(xShape), f64(wShape)]);
});

test('conv1d is a convolution along the width', () => {
  const x = tensor([1, 2, 3, 4, 5], [1, 5, 1]);
  const w = tensor([1, 10], [2, 1, 1]);
  expectClose(conv1d(x, w), [[[21], [32], [43], [54]]]);
  expectClose(conv1d(x, w, { padding: 'causal' }), [[[10], [21], [32], [43], [54]]]);
  expectClose(conv1d(x, w, { padding: 'same', stride: 2 }), [[[21], [43], [5]]]);
  expectClose(conv1d(x, w, { dilation: 2, padding: [1, 0] }), [[[20], [31], [42], [53]]]);
  setSeed(5);
  checkGrads((a, b) => conv1d(a, b, { stride: 2, padding: 'same', dilation: 1 }), [f64([2, 7, 3]), f64([3, 3, 2])]);
  checkGrads((a, b) => conv1d(a, b, { padding: 'causal', dilation: 2 }), [f64([1, 6, 2]), f64([2, 2, 3])]);
});

test('conv functions reject bad arguments with clear messages', () => {
  assert.throws(() => conv2d(zeros([1, 5, 5, 3]), zeros([3, 3, 4, 8])), /^ArgumentError: conv2d: input channels differ, received x=\[1,5,5,3\], filter=\[3,3,4,8\]$/);
  assert.throws(() => conv2d(zeros([5, 5, 3]), zeros([3, 3, 3, 8])), /conv2d: x must have rank 4 \(NHWC \[batch, height, width, channels\]\), received x=\[5,5,3\]/);
  assert.throws(() => conv2d(zeros([1, 5, 5, 3]), zeros([3, 3, 3])), /conv2d: filter must have rank 4/);
  assert.throws(() => conv2d(zeros([1, 5, 5, 3]), zeros([3, 3, 3, 1]), { padding: 'SAME' as 'same' }), /conv2d: padding must be 'valid', 'same' or \[\[top, bottom\], \[left, right\]\].*received 'SAME'/);
  assert.throws(() => conv2d(zeros([1, 5, 5, 3]), zeros([3, 3, 3, 1]), { strides: 0 }), /conv2d: strides must be an integer >= 1 or a pair of them, received number 0/);
  assert.throws(() => conv2d(zeros([1, 2, 5, 3]), zeros([3, 3, 3, 1])), /conv2d: the 3x3 window is larger than the padded input 2x5/);
  assert.throws(() => conv2d(zeros([1, 5, 5, 3], 'int32'), zeros([3, 3, 3, 1])), /conv2d: x and filter must be float32 or float64, received int32 and float32/);
  assert.throws(() => conv2dBackpropInput(zeros([1, 2, 2, 1]), zeros([3, 3, 3, 1]), [1, 5, 5, 3]), /conv2dBackpropInput: dy must have the convolution's output shape \[1,3,3,1\], received dy=\[1,2,2,1\]/);
  assert.throws(() => conv1d(zeros([1, 5, 2]), zeros([3, 3, 1])), /conv1d: input channels differ, received x=\[1,5,2\], filter=\[3,3,1\]/);
  assert.throws(() => conv1d(zeros([1, 2, 2]), zeros([3, 2, 1])), /conv1d: the 3-wide filter is larger than the padded input 2/);
  assert.throws(() => conv1d(zeros([1, 5, 2]), zeros([3, 2, 1]), { padding: 'full' as 'same' }), /conv1d: padding must be 'valid', 'same', 'causal' or \[left, right\]/);
});
