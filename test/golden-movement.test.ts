// Forward values of the data-movement ops against PyTorch (test/fixtures/cases/movement.py), in float64 and in
// float32. They only move or add values, so both must match exactly up to the float32 rounding of the inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../src/core/tensor.js';
import { cast } from '../src/ops/cast.js';
import { concat, split, stack, unstack } from '../src/ops/concat.js';
import { gather, oneHot, scatterAdd } from '../src/ops/gather.js';
import { pad } from '../src/ops/pad.js';
import { expandDims, squeeze } from '../src/ops/reshape.js';
import { reverse, slice } from '../src/ops/slice.js';
import { tile } from '../src/ops/tile.js';
import { permute, transpose } from '../src/ops/transpose.js';
import type { CloseOptions } from '../src/testing/expect-close.js';
import { assertGoldenCoverage, expectGoldenClose, float32Inputs, loadGolden } from '../src/testing/golden.js';
import { REFERENCE_TOLERANCE } from '../src/testing/tolerance.js';

type Attrs = Record<string, unknown>;
type Axes = number | number[] | undefined;
// JSON null stands for an omitted argument.
const opt = <T>(a: Attrs, k: string): T => (a[k] ?? undefined) as T;

const OPS: Record<string, (xs: Tensor[], attrs: Attrs) => Tensor | Tensor[]> = {
  transpose: ([x], a) => transpose(x, opt<number[] | undefined>(a, 'perm')),
  permute: ([x], a) => permute(x, opt<number[]>(a, 'perm')),
  expandDims: ([x], a) => expandDims(x, opt<number>(a, 'axis')),
  squeeze: ([x], a) => squeeze(x, opt<Axes>(a, 'axis')),
  concat: (xs, a) => concat(xs, opt<number>(a, 'axis')),
  stack: (xs, a) => stack(xs, opt<number>(a, 'axis')),
  split: ([x], a) => split(x, opt<number | number[]>(a, 'sizes'), opt<number>(a, 'axis')),
  unstack: ([x], a) => unstack(x, opt<number>(a, 'axis')),
  slice: ([x], a) => slice(x, opt<number[]>(a, 'begin'), opt<number[]>(a, 'size')),
  reverse: ([x], a) => reverse(x, opt<Axes>(a, 'axis')),
  pad: ([x], a) => pad(x, opt<[number, number][]>(a, 'paddings'), opt<number>(a, 'value')),
  tile: ([x], a) => tile(x, opt<number[]>(a, 'reps')),
  gather: ([x, i], a) => gather(x, i, opt<number>(a, 'axis')),
  scatterAdd: ([t, i, u], a) => scatterAdd(t, i, u, opt<number>(a, 'axis')),
  oneHot: ([i], a) => oneHot(i, opt<number>(a, 'depth')),
};

const cases = loadGolden('movement');
const EXACT: CloseOptions = { rtol: 0, atol: 0 };

function compare(name: string, got: Tensor | Tensor[], expected: Tensor[], dtype?: 'float32', tol: CloseOptions = EXACT): void {
  const ys = Array.isArray(got) ? got : [got];
  assert.equal(ys.length, expected.length, `${name}: number of outputs`);
  ys.forEach((y, k) => {
    if (dtype) assert.equal(y.dtype, dtype, `${name}: dtype`);
    // Movement is exact; in float32 compare with the expected values rounded to float32 the same way.
    expectGoldenClose(`${name} output ${k}`, y, dtype ? cast(expected[k], dtype) : expected[k], tol);
  });
}

test('golden movement: every op has a case and every case a known op', () => {
  assertGoldenCoverage(cases, OPS);
});

test('golden movement: float64 matches PyTorch', () => {
  for (const c of cases) {
    const expected = c.fn === 'oneHot' ? c.outputs.map((o) => cast(o, 'float32')) : c.outputs;
    compare(c.name, OPS[c.fn](c.inputs, c.attrs), expected);
  }
});

test('golden movement: float32 matches PyTorch', () => {
  for (const c of cases) {
    if (c.fn === 'oneHot') continue; // no float input
    const xs = float32Inputs(c.inputs);
    // scatterAdd adds, so its float32 sums round differently from PyTorch's float64 ones.
    const tol = c.fn === 'scatterAdd' ? REFERENCE_TOLERANCE : EXACT;
    compare(`${c.name} (float32)`, OPS[c.fn](xs, c.attrs), c.outputs, 'float32', tol);
  }
});
