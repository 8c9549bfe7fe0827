import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grad, grads } from '../core/autograd.js';
import { Random, setSeed } from '../core/random.js';
import { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { mul } from './arithmetic.js';
import { cast } from './cast.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { resolvePads, toPair } from './kernels/conv-geometry.js';
import type { Padding2D } from './kernels/conv-geometry.js';
import { avgPool2d, maxPool2d } from './pool.js';
import type { Pool2DOptions } from './pool.js';
import { sum } from './reduce-sum.js';

/** Distinct values 0.1 apart in random order: no ties, and finite differences never flip a maximum. */
function distinct(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = (i - n / 2) * 0.1;
  return Tensor.fromStorage(new Random(seed).shuffle(v), shape, 'float64');
}

/** Direct loops over the real elements of each window. */
function naive(kind: 'max' | 'avg', x: Tensor, options: Pool2DOptions): Tensor {
  const [n, h, w, C] = x.shape;
  const [ph, pw] = toPair('t', 'p', options.poolSize ?? 2), [sh, sw] = toPair('t', 's', options.strides ?? options.poolSize ?? 2);
  const [pt, pb, pl, pr] = resolvePads('t', options.padding ?? 'valid', h, w, ph, pw, [sh, sw], [1, 1]);
  const oh = Math.floor((h + pt + pb - ph) / sh) + 1, ow = Math.floor((w + pl + pr - pw) / sw) + 1;
  const out = new Float64Array(n * oh * ow * C);
  for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let c = 0; c < C; c++) {
    let acc = kind === 'max' ? -Infinity : 0, cnt = 0;
    for (let ki = 0; ki < ph; ki++) for (let kj = 0; kj < pw; kj++) {
      const ih = i * sh - pt + ki, iw = j * sw - pl + kj;
      if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
      const v = x.storage[((b * h + ih) * w + iw) * C + c];
      acc = kind === 'max' ? Math.max(acc, v) : acc + v;
      cnt++;
    }
    out[((b * oh + i) * ow + j) * C + c] = kind === 'max' ? acc : acc / cnt;
  }
  return Tensor.fromStorage(out, [n, oh, ow, C], 'float64');
}

const CASES: { x: number[]; options: Pool2DOptions }[] = [
  { x: [2, 4, 6, 3], options: {} },
  { x: [1, 5, 7, 2], options: { poolSize: 3, strides: 2, padding: 'same' } },
  { x: [1, 5, 5, 2], options: { poolSize: [2, 3], strides: 1, padding: 'same' } },
  { x: [1, 6, 5, 1], options: { poolSize: 3, strides: [2, 1], padding: [[1, 2], [0, 1]] as Padding2D } },
  { x: [1, 3, 3, 2], options: { poolSize: 1 } },
  { x: [1, 5, 5, 2], options: { poolSize: 2, padding: 'valid' } },
];

test('maxPool2d and avgPool2d match direct loops (TensorFlow padding and averaging)', () => {
  CASES.forEach((c, i) => {
    const x = distinct(c.x, i);
    for (const kind of ['max', 'avg'] as const) {
      const f = kind === 'max' ? maxPool2d : avgPool2d;
      expectClose(f(x, c.options), naive(kind, x, c.options));
      expectClose(f(cast(x, 'float32'), c.options), naive(kind, x, c.options), { rtol: 1e-6, atol: 1e-6 });
    }
  });
  const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
  expectClose(maxPool2d(x, { padding: 'same' }), [[[[5], [6]], [[8], [9]]]]);
  // 'same' averages only real elements: the corner window holds 9 alone.
  expectClose(avgPool2d(x, { padding: 'same' }), [[[[3], [4.5]], [[7.5], [9]]]]);
});

test('maxPool2d sends the gradient to the first maximum of each window', () => {
  const x = tensor([1, 1, 1, 1], [1, 2, 2, 1], 'float64');
  const dx = grad((t) => sum(maxPool2d(t)))(x);
  expectClose(dx, [[[[1], [0]], [[0], [0]]]]);
  // Overlapping windows accumulate at a shared maximum.
  const y = grad((t) => sum(maxPool2d(t, { poolSize: 2, strides: 1 })))(tensor([0, 0, 0, 0, 9, 0, 0, 0, 0], [1, 3, 3, 1], 'float64'));
  expectClose(y, [[[[0], [0], [0]], [[0], [4], [0]], [[0], [0], [0]]]]);
});

test('pool gradients (first and second order)', () => {
  setSeed(1);
  CASES.forEach((c, i) => {
    checkGrads((x) => maxPool2d(x, c.options), [distinct(c.x, 10 + i)]);
    checkGrads((x) => avgPool2d(x, c.options), [randomNormal(c.x, 0, 1, 'float64')]);
  });
  const options: Pool2DOptions = { poolSize: 3, strides: 2, padding: 'same' };
  // Hessian-vector products through MaxPool2DGrad / MaxPool2DGradGrad and AvgPool2DGrad.
  const maxLoss = (x: Tensor, w: Tensor): Tensor => { const y = mul(maxPool2d(x, options), w); return sum(mul(y, y)); };
  checkGrads((x, w) => grads(maxLoss)(x, w)[0], [distinct([1, 5, 7, 2], 3), randomNormal([1, 3, 4, 2], 0, 1, 'float64')]);
  const avgLoss = (x: Tensor): Tensor => { const y = avgPool2d(x, options); return sum(mul(y, y)); };
  checkGrads((x) => grad(avgLoss)(x), [randomNormal([1, 5, 7, 2], 0, 1, 'float64')]);
});

test('pool edge shapes and errors', () => {
  assert.deepEqual(maxPool2d(zeros([0, 4, 4, 3])).shape, [0, 2, 2, 3]);
  assert.deepEqual(avgPool2d(zeros([2, 5, 5, 0]), { padding: 'same' }).shape, [2, 3, 3, 0]);
  assert.throws(() => maxPool2d(zeros([4, 4, 3])), /^ArgumentError: maxPool2d: x must have rank 4 \(NHWC \[batch, height, width, channels\]\), received x=\[4,4,3\]$/);
  assert.throws(() => avgPool2d(zeros([1, 4, 4, 3]), { padding: 'SAME' as 'same' }), /avgPool2d: padding must be 'valid', 'same' or/);
  assert.throws(() => maxPool2d(zeros([1, 4, 4, 3]), { poolSize: 2, padding: [[2, 0], [0, 0]] }), /maxPool2d: padding must be smaller than the pool size, received pads \[2,0,0,0\] for poolSize \[2,2\]/);
  assert.throws(() => maxPool2d(zeros([1, 1, 4, 3]), { poolSize: 2 }), /maxPool2d: the 2x2 window is larger than the padded input 1x4/);
  assert.throws(() => avgPool2d(zeros([1, 4, 4, 3], 'int32')), /avgPool2d: x must be float32 or float64, received int32/);
  assert.throws(() => maxPool2d(zeros([1, 4, 4, 3]), { poolSize: 0 }), /maxPool2d: poolSize must be an integer >= 1 or a pair of them, received number 0/);
});
