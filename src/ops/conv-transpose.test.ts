import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grads } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { mul } from './arithmetic.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { conv2d } from './conv.js';
import type { Conv2DOptions } from './conv.js';
import { conv2dTranspose } from './conv-transpose.js';
import { sum } from './reduce-sum.js';

const f64 = (shape: number[]): Tensor => randomNormal(shape, 0, 1, 'float64');

/** The definition: the gradient of conv2d (filter [kh,kw,Cout,Cin] read as conv2d's [kh,kw,in,out]) at x. */
function viaGradient(x: Tensor, f: Tensor, outShape: number[], options: Conv2DOptions): Tensor {
  return grads((z) => sum(mul(conv2d(z, f, options), x)))(zeros(outShape, 'float64'))[0];
}

const CASES: { x: number[]; f: number[]; out?: number[]; options: Conv2DOptions; expected: number[] }[] = [
  { x: [2, 3, 3, 2], f: [3, 3, 4, 2], options: { strides: 2, padding: 'same' }, expected: [2, 6, 6, 4] },
  { x: [1, 3, 4, 2], f: [3, 3, 1, 2], options: { strides: 2 }, expected: [1, 7, 9, 1] },
  { x: [1, 3, 3, 1], f: [2, 2, 2, 1], options: { strides: 3 }, expected: [1, 9, 9, 2] },
  { x: [1, 4, 4, 2], f: [4, 4, 3, 2], options: { strides: 2, padding: 'same' }, expected: [1, 8, 8, 3] },
  { x: [1, 3, 3, 2], f: [3, 2, 2, 2], options: { padding: [[1, 0], [1, 0]], strides: [2, 1] }, expected: [1, 6, 3, 2] },
  { x: [1, 4, 4, 1], f: [3, 3, 2, 1], options: { dilations: 2 }, expected: [1, 8, 8, 2] },
  // An explicit output shape picks one of the sizes a strided conv maps to the same length.
  { x: [1, 3, 3, 2], f: [3, 3, 2, 2], out: [1, 6, 5, 2], options: { strides: 2, padding: 'same' }, expected: [1, 6, 5, 2] },
];

test('conv2dTranspose is the gradient of conv2d with respect to its input', () => {
  setSeed(1);
  for (const c of CASES) {
    const x = f64(c.x), f = f64(c.f);
    const y = conv2dTranspose(x, f, c.out, c.options);
    assert.deepEqual(y.shape, c.expected);
    expectClose(y, viaGradient(x, f, c.expected, c.options));
  }
});

test('conv2dTranspose spreads each pixel over a stride-spaced block', () => {
  const x = tensor([1, 2, 3, 4], [1, 2, 2, 1]);
  const f = tensor([1, 1, 1, 1], [2, 2, 1, 1]);
  expectClose(conv2dTranspose(x, f, undefined, { strides: 2 }), [[[[1], [1], [2], [2]], [[1], [1], [2], [2]], [[3], [3], [4], [4]], [[3], [3], [4], [4]]]]);
  const y3 = conv2dTranspose(tensor([1, 2, 3, 4], [2, 2, 1]), f, [4, 4, 1], { strides: 2 });
  assert.deepEqual(y3.shape, [4, 4, 1]);
});

test('conv2dTranspose gradients', () => {
  setSeed(2);
  for (const c of CASES) checkGrads((x, f) => conv2dTranspose(x, f, c.out, c.options), [f64(c.x), f64(c.f)]);
  const loss = (x: Tensor, f: Tensor): Tensor => { const y = conv2dTranspose(x, f, undefined, { strides: 2, padding: 'same' }); return sum(mul(y, y)); };
  checkGrads((x, f) => grads(loss)(x, f)[1], [f64([1, 2, 3, 2]), f64([3, 3, 2, 2])]);
});

test('conv2dTranspose edge shapes and errors', () => {
  assert.deepEqual(conv2dTranspose(zeros([0, 2, 2, 3]), zeros([3, 3, 4, 3]), undefined, { strides: 2, padding: 'same' }).shape, [0, 4, 4, 4]);
  assert.throws(() => conv2dTranspose(zeros([1, 2, 2, 3]), zeros([3, 3, 3, 4])), /^ArgumentError: conv2dTranspose: input channels differ, received x=\[1,2,2,3\], filter=\[3,3,3,4\] \(filter is \[height, width, outChannels, inChannels\]\)$/);
  assert.throws(() => conv2dTranspose(zeros([1, 3, 3, 2]), zeros([3, 3, 4, 2]), [1, 9, 9, 4], { strides: 2, padding: 'same' }), /conv2dTranspose: outputShape \[1,9,9,4\] does not match x=\[1,3,3,2\]: a conv2d with these options maps it to spatial size 5x5, not 3x3/);
  assert.throws(() => conv2dTranspose(zeros([1, 3, 3, 2]), zeros([3, 3, 4, 2]), [1, 6, 6, 5]), /conv2dTranspose: outputShape must have batch 1 and 4 channels/);
  assert.throws(() => conv2dTranspose(zeros([3, 3]), zeros([3, 3, 4, 2])), /conv2dTranspose: x must have rank 4 \(NHWC\) or 3 \(HWC\), received x=\[3,3\]/);
  assert.throws(() => conv2dTranspose(zeros([1, 3, 3, 2]), zeros([3, 3, 4, 2]), undefined, { padding: 'full' as 'same' }), /conv2dTranspose: padding must be 'valid', 'same' or/);
});
