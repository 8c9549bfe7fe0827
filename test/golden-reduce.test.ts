// Forward values of the reductions against PyTorch (test/fixtures/cases/reduce.py): in float64 with the float64
// tolerance, and again in float32 with the reference tolerance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFloat } from '../src/core/dtype.js';
import type { Tensor } from '../src/core/tensor.js';
import { argmax, argmin, logSumExp, max, mean, min, norm, prod, variance } from '../src/ops/reduce.js';
import type { NormOrd } from '../src/ops/reduce.js';
import { sum } from '../src/ops/reduce-sum.js';
import { assertGoldenCoverage, expectGoldenClose, float32Inputs, loadGolden } from '../src/testing/golden.js';
import { REFERENCE_TOLERANCE } from '../src/testing/tolerance.js';

type Attrs = Record<string, unknown>;
// JSON null stands for "every axis".
const axis = (a: Attrs): number | number[] | undefined => (a.axis ?? undefined) as number | number[] | undefined;
const keep = (a: Attrs): boolean => a.keepDims === true;
const ord = (a: Attrs): NormOrd => (a.ord === 'inf' ? Infinity : a.ord as NormOrd);

const OPS: Record<string, (xs: Tensor[], attrs: Attrs) => Tensor> = {
  sum: ([x], a) => sum(x, axis(a), keep(a)),
  mean: ([x], a) => mean(x, axis(a), keep(a)),
  max: ([x], a) => max(x, axis(a), keep(a)),
  min: ([x], a) => min(x, axis(a), keep(a)),
  prod: ([x], a) => prod(x, axis(a), keep(a)),
  variance: ([x], a) => variance(x, axis(a), keep(a)),
  logSumExp: ([x], a) => logSumExp(x, axis(a), keep(a)),
  argmax: ([x], a) => argmax(x, axis(a) as number | undefined),
  argmin: ([x], a) => argmin(x, axis(a) as number | undefined),
  norm: ([x], a) => norm(x, ord(a), axis(a), keep(a)),
};

const cases = loadGolden('reduce');

test('golden reduce: every op has a case and every case a known op', () => {
  assertGoldenCoverage(cases, OPS);
});

test('golden reduce: float64 matches PyTorch', () => {
  for (const c of cases) {
    const y = OPS[c.fn](c.inputs, c.attrs);
    const e = c.outputs[0];
    assert.equal(y.dtype, e.dtype, `${c.name}: dtype`);
    expectGoldenClose(c.name, y, e);
  }
});

test('golden reduce: float32 matches PyTorch within the reference tolerance', () => {
  for (const c of cases) {
    // argmax/argmin of rounded inputs could pick another index only on near-ties; the inputs have none.
    const y = OPS[c.fn](float32Inputs(c.inputs), c.attrs);
    const e = c.outputs[0];
    assert.equal(y.dtype, isFloat(e.dtype) ? 'float32' : e.dtype, `${c.name}: dtype`);
    expectGoldenClose(`${c.name} (float32)`, y, e, REFERENCE_TOLERANCE);
  }
});
