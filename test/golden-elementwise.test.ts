// Forward values of the elementwise, comparison, logic, activation and softmax ops against PyTorch
// (test/fixtures/cases/elementwise.py): in float64 with the float64 tolerance, and again in float32.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../src/core/tensor.js';
import { isFloat } from '../src/core/dtype.js';
import { maximum, minimum, pow, squaredDifference } from '../src/ops/arithmetic.js';
import { equal, greater, greaterEqual, less, lessEqual, notEqual, where } from '../src/ops/compare.js';
import { logicalAnd, logicalNot, logicalOr, logicalXor } from '../src/ops/logical.js';
import {
  abs, ceil, clip, cos, erf, exp, expm1, floor, log, log1p, reciprocal, round, rsqrt, sign, sin, sqrt, square,
} from '../src/ops/unary-math.js';
import {
  elu, gelu, hardSigmoid, leakyRelu, mish, relu, relu6, selu, sigmoid, softplus, softsign, step, swish, tanh,
} from '../src/ops/activations.js';
import { logSoftmax, softmax } from '../src/ops/softmax.js';
import { assertGoldenCoverage, expectGoldenClose, float32Inputs, loadGolden } from '../src/testing/golden.js';
import { REFERENCE_TOLERANCE } from '../src/testing/tolerance.js';

type Attrs = Record<string, unknown>;
const num = (a: Attrs, k: string): number | undefined => a[k] as number | undefined;

const OPS: Record<string, (xs: Tensor[], attrs: Attrs) => Tensor> = {
  pow: ([a, b]) => pow(a, b),
  maximum: ([a, b]) => maximum(a, b),
  minimum: ([a, b]) => minimum(a, b),
  squaredDifference: ([a, b]) => squaredDifference(a, b),
  square: ([x]) => square(x),
  sqrt: ([x]) => sqrt(x),
  rsqrt: ([x]) => rsqrt(x),
  exp: ([x]) => exp(x),
  expm1: ([x]) => expm1(x),
  log: ([x]) => log(x),
  log1p: ([x]) => log1p(x),
  abs: ([x]) => abs(x),
  sign: ([x]) => sign(x),
  floor: ([x]) => floor(x),
  ceil: ([x]) => ceil(x),
  round: ([x]) => round(x),
  reciprocal: ([x]) => reciprocal(x),
  sin: ([x]) => sin(x),
  cos: ([x]) => cos(x),
  erf: ([x]) => erf(x),
  clip: ([x], a) => clip(x, num(a, 'min')!, num(a, 'max')!),
  equal: ([a, b]) => equal(a, b),
  notEqual: ([a, b]) => notEqual(a, b),
  less: ([a, b]) => less(a, b),
  lessEqual: ([a, b]) => lessEqual(a, b),
  greater: ([a, b]) => greater(a, b),
  greaterEqual: ([a, b]) => greaterEqual(a, b),
  where: ([c, a, b]) => where(c, a, b),
  logicalAnd: ([a, b]) => logicalAnd(a, b),
  logicalOr: ([a, b]) => logicalOr(a, b),
  logicalXor: ([a, b]) => logicalXor(a, b),
  logicalNot: ([x]) => logicalNot(x),
  relu: ([x]) => relu(x),
  relu6: ([x]) => relu6(x),
  leakyRelu: ([x], a) => leakyRelu(x, num(a, 'alpha')),
  elu: ([x], a) => elu(x, num(a, 'alpha')),
  selu: ([x]) => selu(x),
  gelu: ([x], a) => gelu(x, a.approximate === true),
  sigmoid: ([x]) => sigmoid(x),
  hardSigmoid: ([x]) => hardSigmoid(x),
  tanh: ([x]) => tanh(x),
  softplus: ([x]) => softplus(x),
  softsign: ([x]) => softsign(x),
  swish: ([x], a) => swish(x, num(a, 'beta')),
  mish: ([x]) => mish(x),
  step: ([x], a) => step(x, num(a, 'alpha')),
  softmax: ([x], a) => softmax(x, num(a, 'axis')),
  logSoftmax: ([x], a) => logSoftmax(x, num(a, 'axis')),
};

// Cases whose float64 inputs do not survive rounding to float32 (1e-300 becomes 0, so log gives -Infinity).
const NOT_IN_FLOAT32 = new Set(['log']);

const cases = loadGolden('elementwise');

test('golden elementwise: every op has a case and every case a known op', () => {
  assertGoldenCoverage(cases, OPS);
});

test('golden elementwise: float64 matches PyTorch', () => {
  for (const c of cases) {
    const y = OPS[c.fn](c.inputs, c.attrs);
    const e = c.outputs[0];
    assert.equal(y.dtype, e.dtype, `${c.name}: dtype`);
    expectGoldenClose(c.name, y, e);
  }
});

test('golden elementwise: float32 matches PyTorch within the reference tolerance', () => {
  for (const c of cases) {
    if (NOT_IN_FLOAT32.has(c.name) || !c.inputs.some((x) => x.dtype === 'float64')) continue;
    const y = OPS[c.fn](float32Inputs(c.inputs), c.attrs);
    const e = c.outputs[0];
    assert.equal(y.dtype, isFloat(e.dtype) ? 'float32' : e.dtype, `${c.name}: dtype`);
    expectGoldenClose(`${c.name} (float32)`, y, e, REFERENCE_TOLERANCE);
  }
});
