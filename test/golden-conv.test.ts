import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grads } from '../src/core/autograd.js';
import type { Tensor } from '../src/core/tensor.js';
import { mul } from '../src/ops/arithmetic.js';
import { cast } from '../src/ops/cast.js';
import { conv1d, conv2d } from '../src/ops/conv.js';
import type { Conv1DOptions, Conv2DOptions } from '../src/ops/conv.js';
import { conv2dTranspose } from '../src/ops/conv-transpose.js';
import { depthwiseConv2d } from '../src/ops/depthwise-conv.js';
import { avgPool2d, maxPool2d } from '../src/ops/pool.js';
import type { Pool2DOptions } from '../src/ops/pool.js';
import { sum } from '../src/ops/reduce-sum.js';
import { expectClose } from '../src/testing/expect-close.js';
import { loadGolden } from '../src/testing/golden.js';
import { REFERENCE_TOLERANCE } from '../src/testing/tolerance.js';

const cases = loadGolden('conv');

/** Each fixture's function applied to its inputs with its attributes; returns every output to compare. */
const RUN: Record<string, (inputs: Tensor[], attrs: Record<string, unknown>) => Tensor[]> = {
  conv2d: ([x, f], attrs) => [conv2d(x, f, attrs as Conv2DOptions)],
  conv2dGrads: ([x, f, dy], attrs) => {
    const options = attrs as Conv2DOptions;
    const [dx, df] = grads((a, b) => sum(mul(conv2d(a, b, options), dy)))(x, f);
    return [conv2d(x, f, options), dx, df];
  },
  conv1d: ([x, f], attrs) => [conv1d(x, f, attrs as Conv1DOptions)],
  depthwiseConv2d: ([x, f], attrs) => [depthwiseConv2d(x, f, attrs as Conv2DOptions)],
  conv2dTranspose: ([x, f], attrs) => {
    const { outputShape, ...options } = attrs;
    return [conv2dTranspose(x, f, (outputShape as number[] | null) ?? undefined, options as Conv2DOptions)];
  },
  maxPool2d: ([x], attrs) => [maxPool2d(x, attrs as Pool2DOptions)],
  avgPool2d: ([x], attrs) => [avgPool2d(x, attrs as Pool2DOptions)],
};

test('golden conv fixtures cover every function', () => {
  const fns = new Set(cases.map((c) => c.fn));
  for (const fn of Object.keys(RUN)) assert.ok(fns.has(fn), `no fixture for ${fn}`);
});

for (const c of cases) {
  test(`golden conv: ${c.name}`, () => {
    const run = RUN[c.fn];
    assert.ok(run, `unknown fixture function ${c.fn}`);
    const actual = run(c.inputs, c.attrs);
    actual.forEach((a, i) => expectClose(a, c.outputs[i]));
    // The same case in float32 stays within the external-reference bounds.
    const actual32 = run(c.inputs.map((t) => cast(t, 'float32')), c.attrs);
    actual32.forEach((a, i) => expectClose(a, c.outputs[i], REFERENCE_TOLERANCE));
  });
}
