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
import { conv2d } from './conv.js';
import type { Conv2DOptions } from './conv.js';
import { depthwiseConv2d } from './depthwise-conv.js';
import { resolvePads, toPair } from './kernels/conv-geometry.js';
import { sum } from './reduce-sum.js';

const f64 = (shape: number[]): Tensor => randomNormal(shape, 0, 1, 'float64');

/** Direct loops, output channel c*M + m. */
function naive(x: Tensor, f: Tensor, options: Conv2DOptions = {}): Tensor {
  const [n, h, w, C] = x.shape, [kh, kw, , M] = f.shape;
  const [sh, sw] = toPair('t', 's', options.strides ?? 1), [dh, dw] = toPair('t', 'd', options.dilations ?? 1);
  const [pt, pb, pl, pr] = resolvePads('t', options.padding ?? 'valid', h, w, kh, kw, [sh, sw], [dh, dw]);
  const oh = Math.floor((h + pt + pb - (kh - 1) * dh - 1) / sh) + 1, ow = Math.floor((w + pl + pr - (kw - 1) * dw - 1) / sw) + 1;
  const out = new Float64Array(n * oh * ow * C * M);
  for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let c = 0; c < C; c++) for (let m = 0; m < M; m++) {
    let s = 0;
    for (let ki = 0; ki < kh; ki++) for (let kj = 0; kj < kw; kj++) {
      const ih = i * sh - pt + ki * dh, iw = j * sw - pl + kj * dw;
      if (ih >= 0 && ih < h && iw >= 0 && iw < w) s += x.storage[((b * h + ih) * w + iw) * C + c] * f.storage[((ki * kw + kj) * C + c) * M + m];
    }
    out[(((b * oh + i) * ow + j) * C + c) * M + m] = s;
  }
  return Tensor.fromStorage(out, [n, oh, ow, C * M], 'float64');
}

const CASES: { x: number[]; f: number[]; options: Conv2DOptions }[] = [
  { x: [2, 5, 6, 3], f: [3, 3, 3, 1], options: {} },
  { x: [1, 7, 6, 2], f: [3, 3, 2, 3], options: { strides: 2, padding: 'same' } },
  { x: [1, 6, 6, 2], f: [2, 2, 2, 2], options: { dilations: 2, padding: 'same' } },
  { x: [1, 5, 4, 3], f: [3, 2, 3, 2], options: { padding: [[2, 0], [1, 1]], strides: [1, 2] } },
  { x: [2, 3, 3, 4], f: [1, 1, 4, 2], options: {} },
];

test('depthwiseConv2d matches direct loops (TensorFlow channel order)', () => {
  setSeed(1);
  for (const c of CASES) {
    const x = f64(c.x), f = f64(c.f);
    const expected = naive(x, f, c.options);
    expectClose(depthwiseConv2d(x, f, c.options), expected);
    expectClose(depthwiseConv2d(cast(x, 'float32'), cast(f, 'float32'), c.options), expected, { rtol: 1e-5, atol: 1e-5 });
  }
  // With one input channel, depthwise is an ordinary convolution.
  const x = f64([1, 5, 5, 1]), f = f64([3, 3, 1, 4]);
  expectClose(depthwiseConv2d(x, f, { padding: 'same' }), conv2d(x, f, { padding: 'same' }));
  const y = depthwiseConv2d(tensor([1, 10], [1, 1, 1, 2]), tensor([1, 2, 3, 4], [1, 1, 2, 2]));
  expectClose(y, [[[[1, 2, 30, 40]]]]);
});

test('depthwiseConv2d gradients (first and second order)', () => {
  setSeed(2);
  for (const c of CASES) checkGrads((x, f) => depthwiseConv2d(x, f, c.options), [f64(c.x), f64(c.f)]);
  const options: Conv2DOptions = { strides: 2, padding: 'same' };
  const loss = (x: Tensor, f: Tensor): Tensor => { const y = depthwiseConv2d(x, f, options); return sum(mul(y, y)); };
  checkGrads((x, f) => grads(loss)(x, f)[0], [f64([1, 5, 4, 2]), f64([3, 3, 2, 2])]);
  checkGrads((x, f) => grads(loss)(x, f)[1], [f64([1, 5, 4, 2]), f64([3, 3, 2, 2])]);
});

test('depthwiseConv2d edge shapes and errors', () => {
  assert.deepEqual(depthwiseConv2d(zeros([0, 4, 4, 2]), zeros([3, 3, 2, 2])).shape, [0, 2, 2, 4]);
  assert.throws(() => depthwiseConv2d(zeros([1, 5, 5, 3]), zeros([3, 3, 2, 1])), /^ArgumentError: depthwiseConv2d: input channels differ, received x=\[1,5,5,3\], filter=\[3,3,2,1\]$/);
  assert.throws(() => depthwiseConv2d(zeros([1, 5, 5, 3]), zeros([3, 3, 3])), /depthwiseConv2d: filter must have rank 4 \(\[height, width, inChannels, multiplier\]\)/);
  assert.throws(() => depthwiseConv2d(zeros([1, 5, 5, 3]), zeros([3, 3, 3, 1]), { padding: 'full' as 'same' }), /depthwiseConv2d: padding must be/);
});
