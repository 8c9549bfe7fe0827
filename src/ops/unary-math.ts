// Elementwise unary math.
//
// Dtype policy (as PyTorch):
// - ops whose result is an integer for integer input (square, abs, sign, floor, ceil, round, clip) keep int32;
//   they reject bool, which has no arithmetic;
// - every other op (sqrt, rsqrt, exp, expm1, log, log1p, reciprocal, sin, cos, erf) computes int32 and bool input
//   in float32, as torch.exp does on integer tensors.
// Gradients use public ops only, so they can be differentiated again.
import { isFloat } from '../core/dtype.js';
import { check } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import type { Tensor } from '../core/tensor.js';
import { add, div, mul, neg } from './arithmetic.js';
import { cast } from './cast.js';
import { greaterEqual, lessEqual, where } from './compare.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { zerosLike } from './creation.js';
import { sameInfo } from './infer.js';
import { unaryKernel } from './kernels/elementwise.js';
import { erf as erfScalar, roundHalfEven } from './kernels/special.js';
import { logicalAnd } from './logical.js';

/**
 * Converts an argument of a float-valued op to a tensor, computing int32 and bool input in float32 (internal helper
 * shared by the unary math and activation functions).
 * @example floatTensor('exp', tensor([1, 2], undefined, 'int32')).dtype // 'float32'
 */
export function floatTensor(fn: string, x: TensorLike): Tensor {
  const t = toTensor(fn, 'x', x);
  return isFloat(t.dtype) ? t : cast(t, 'float32');
}

/** Shape rule of ops closed over integers: same shape and dtype, bool rejected. */
function numericInfo(api: string) {
  return ([x]: readonly TensorInfo[]): TensorInfo => {
    check(x.dtype !== 'bool', api, () => 'expected a numeric tensor (float32, float64 or int32), received dtype bool');
    return x;
  };
}

/** The gradient of piecewise-constant ops: zero everywhere (as PyTorch reports for floor, round, sign). */
const zeroGrad = ({ dys: [dy] }: { dys: readonly Tensor[] }): Tensor[] => [zerosLike(dy)];

const Square = op({
  name: 'Square', api: 'square', infer: numericInfo('square'),
  writesAll: true,
  kernel: unaryKernel((x) => x * x),
  grad: ({ dys: [dy], inputs: [x] }) => [mul(dy, mul(x, 2))],
});

const Sqrt = op({
  name: 'Sqrt', api: 'sqrt', infer: sameInfo('sqrt', true),
  kernel: unaryKernel(Math.sqrt),
  grad: ({ dys: [dy], outputs: [y] }) => [div(dy, mul(y, 2))],
});

const Rsqrt = op({
  name: 'Rsqrt', api: 'rsqrt', infer: sameInfo('rsqrt', true),
  kernel: unaryKernel((x) => 1 / Math.sqrt(x)),
  // d/dx x^{-1/2} = -x^{-3/2} / 2 = -y^3 / 2
  grad: ({ dys: [dy], outputs: [y] }) => [mul(dy, mul(mul(y, mul(y, y)), -0.5))],
});

const Exp = op({
  name: 'Exp', api: 'exp', infer: sameInfo('exp', true),
  writesAll: true,
  kernel: unaryKernel(Math.exp),
  grad: ({ dys: [dy], outputs: [y] }) => [mul(dy, y)],
});

const Expm1 = op({
  name: 'Expm1', api: 'expm1', infer: sameInfo('expm1', true),
  kernel: unaryKernel(Math.expm1),
  grad: ({ dys: [dy], outputs: [y] }) => [mul(dy, add(y, 1))],
});

const Log = op({
  name: 'Log', api: 'log', infer: sameInfo('log', true),
  kernel: unaryKernel(Math.log),
  grad: ({ dys: [dy], inputs: [x] }) => [div(dy, x)],
});

const Log1p = op({
  name: 'Log1p', api: 'log1p', infer: sameInfo('log1p', true),
  kernel: unaryKernel(Math.log1p),
  grad: ({ dys: [dy], inputs: [x] }) => [div(dy, add(x, 1))],
});

const Abs = op({
  name: 'Abs', api: 'abs', infer: numericInfo('abs'),
  kernel: unaryKernel(Math.abs),
  grad: ({ dys: [dy], inputs: [x] }) => [mul(dy, sign(x))],
});

const Sign = op({
  name: 'Sign', api: 'sign', infer: numericInfo('sign'),
  // Zero (with its sign) and NaN map to themselves.
  kernel: unaryKernel((x) => (x > 0 ? 1 : x < 0 ? -1 : x)),
  grad: zeroGrad,
});

const Floor = op({
  name: 'Floor', api: 'floor', infer: numericInfo('floor'),
  kernel: unaryKernel(Math.floor),
  grad: zeroGrad,
});

const Ceil = op({
  name: 'Ceil', api: 'ceil', infer: numericInfo('ceil'),
  kernel: unaryKernel(Math.ceil),
  grad: zeroGrad,
});

const Round = op({
  name: 'Round', api: 'round', infer: numericInfo('round'),
  kernel: unaryKernel(roundHalfEven),
  grad: zeroGrad,
});

const Reciprocal = op({
  name: 'Reciprocal', api: 'reciprocal', infer: sameInfo('reciprocal', true),
  kernel: unaryKernel((x) => 1 / x),
  grad: ({ dys: [dy], outputs: [y] }) => [neg(mul(dy, mul(y, y)))],
});

const Sin = op({
  name: 'Sin', api: 'sin', infer: sameInfo('sin', true),
  kernel: unaryKernel(Math.sin),
  grad: ({ dys: [dy], inputs: [x] }) => [mul(dy, cos(x))],
});

const Cos = op({
  name: 'Cos', api: 'cos', infer: sameInfo('cos', true),
  kernel: unaryKernel(Math.cos),
  grad: ({ dys: [dy], inputs: [x] }) => [neg(mul(dy, sin(x)))],
});

const TWO_OVER_SQRT_PI = 1.1283791670955126;

const Erf = op({
  name: 'Erf', api: 'erf', infer: sameInfo('erf', true),
  kernel: unaryKernel(erfScalar),
  grad: ({ dys: [dy], inputs: [x] }) => [mul(dy, mul(exp(neg(mul(x, x))), TWO_OVER_SQRT_PI))],
});

interface ClipAttrs { readonly min: number; readonly max: number }

const Clip = op<ClipAttrs>({
  name: 'Clip', api: 'clip', infer: numericInfo('clip'),
  // Math.max/min propagate NaN, as torch.clamp does.
  kernel: unaryKernel((x, { min, max }: ClipAttrs) => Math.min(Math.max(x, min), max)),
  grad: ({ dys: [dy], inputs: [x], attrs: { min, max } }) =>
    [where(logicalAnd(greaterEqual(x, min), lessEqual(x, max)), dy, 0)],
});

/**
 * Elementwise x * x.
 * @example square(tensor([-2, 3])) // [4, 9]
 */
export function square(x: TensorLike): Tensor {
  return run(Square, [toTensor('square', 'x', x)], {});
}

/**
 * Elementwise square root (NaN for negative input).
 * @example sqrt(tensor([4, 9])) // [2, 3]
 */
export function sqrt(x: TensorLike): Tensor {
  return run(Sqrt, [floatTensor('sqrt', x)], {});
}

/**
 * Elementwise 1 / sqrt(x).
 * @example rsqrt(tensor([4, 16])) // [0.5, 0.25]
 */
export function rsqrt(x: TensorLike): Tensor {
  return run(Rsqrt, [floatTensor('rsqrt', x)], {});
}

/**
 * Elementwise e^x.
 * @example exp(tensor([0, 1])) // [1, 2.7182817]
 */
export function exp(x: TensorLike): Tensor {
  return run(Exp, [floatTensor('exp', x)], {});
}

/**
 * Elementwise e^x - 1, accurate for small x.
 * @example expm1(tensor([1e-10])) // [1e-10]
 */
export function expm1(x: TensorLike): Tensor {
  return run(Expm1, [floatTensor('expm1', x)], {});
}

/**
 * Elementwise natural logarithm (-Infinity at 0, NaN for negative input).
 * @example log(tensor([1, Math.E])) // [0, 1]
 */
export function log(x: TensorLike): Tensor {
  return run(Log, [floatTensor('log', x)], {});
}

/**
 * Elementwise log(1 + x), accurate for small x.
 * @example log1p(tensor([1e-10])) // [1e-10]
 */
export function log1p(x: TensorLike): Tensor {
  return run(Log1p, [floatTensor('log1p', x)], {});
}

/**
 * Elementwise |x| (its gradient at 0 is 0, as in PyTorch).
 * @example abs(tensor([-2, 3])) // [2, 3]
 */
export function abs(x: TensorLike): Tensor {
  return run(Abs, [toTensor('abs', 'x', x)], {});
}

/**
 * Elementwise sign: -1, 0 or 1 (NaN stays NaN); its gradient is zero.
 * @example sign(tensor([-2, 0, 3])) // [-1, 0, 1]
 */
export function sign(x: TensorLike): Tensor {
  return run(Sign, [toTensor('sign', 'x', x)], {});
}

/**
 * Elementwise largest integer <= x; its gradient is zero.
 * @example floor(tensor([1.5, -1.5])) // [1, -2]
 */
export function floor(x: TensorLike): Tensor {
  return run(Floor, [toTensor('floor', 'x', x)], {});
}

/**
 * Elementwise smallest integer >= x; its gradient is zero.
 * @example ceil(tensor([1.5, -1.5])) // [2, -1]
 */
export function ceil(x: TensorLike): Tensor {
  return run(Ceil, [toTensor('ceil', 'x', x)], {});
}

/**
 * Elementwise rounding to the nearest integer, halves to even (as PyTorch and TensorFlow); its gradient is zero.
 * @example round(tensor([0.5, 1.5, 2.5, -0.5])) // [0, 2, 2, -0]
 */
export function round(x: TensorLike): Tensor {
  return run(Round, [toTensor('round', 'x', x)], {});
}

/**
 * Elementwise 1 / x.
 * @example reciprocal(tensor([2, 4])) // [0.5, 0.25]
 */
export function reciprocal(x: TensorLike): Tensor {
  return run(Reciprocal, [floatTensor('reciprocal', x)], {});
}

/**
 * Elementwise sine (radians).
 * @example sin(tensor([0, Math.PI / 2])) // [0, 1]
 */
export function sin(x: TensorLike): Tensor {
  return run(Sin, [floatTensor('sin', x)], {});
}

/**
 * Elementwise cosine (radians).
 * @example cos(tensor([0, Math.PI])) // [1, -1]
 */
export function cos(x: TensorLike): Tensor {
  return run(Cos, [floatTensor('cos', x)], {});
}

/**
 * Elementwise Gauss error function.
 * @example erf(tensor([0, 1])) // [0, 0.8427008]
 */
export function erf(x: TensorLike): Tensor {
  return run(Erf, [floatTensor('erf', x)], {});
}

/**
 * Limits every element to [min, max]; the gradient passes where min <= x <= max and is zero elsewhere.
 * int32 input stays int32 unless a bound is fractional (then it is computed in float32).
 * @example clip(tensor([-2, 0.5, 3]), 0, 1) // [0, 0.5, 1]
 */
export function clip(x: TensorLike, min: number, max: number): Tensor {
  check(typeof min === 'number' && !Number.isNaN(min) && typeof max === 'number' && !Number.isNaN(max), 'clip',
    () => `min and max must be numbers, received ${String(min)} and ${String(max)}`);
  check(min <= max, 'clip', () => `min must not exceed max, received min ${min} > max ${max}`);
  let t = toTensor('clip', 'x', x);
  const integral = (v: number): boolean => Number.isInteger(v) || !Number.isFinite(v);
  if (t.dtype === 'int32' && !(integral(min) && integral(max))) t = cast(t, 'float32');
  return run(Clip, [t], { min, max });
}

/**
 * Alias of `clip` (the TensorFlow.js name).
 * @example clipByValue(tensor([-2, 3]), -1, 1) // [-1, 1]
 */
export const clipByValue = clip;
