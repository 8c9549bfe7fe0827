// Activation functions. Dtype policy (see unary-math.ts): relu and relu6 keep int32 input and reject bool; every
// other activation computes int32 and bool input in float32. Gradients use public ops, so they differentiate again.
import { check, describe } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import type { Tensor } from '../core/tensor.js';
import { add, div, mul, sub } from './arithmetic.js';
import { greater, less, where } from './compare.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { zerosLike } from './creation.js';
import { sameInfo } from './infer.js';
import { unaryKernel } from './kernels/elementwise.js';
import { gradInfo, reluGrad } from './relu-grad.js';
import { GELU_TANH_CUBIC, GELU_TANH_SCALE, geluErf, geluTanh, sigmoid as sigmoidScalar, softplus as softplusScalar } from './kernels/special.js';
import { logicalAnd } from './logical.js';
import { abs, erf, exp, floatTensor, square } from './unary-math.js';

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const INV_SQRT_2PI = 0.3989422804014327;

function checkNumber(fn: string, arg: string, v: unknown): number {
  check(typeof v === 'number' && Number.isFinite(v), fn, () => `${arg} must be a finite number, received ${describe(v)}`);
  return v as number;
}

function numericInfo(api: string) {
  return ([x]: readonly TensorInfo[]): TensorInfo => {
    check(x.dtype !== 'bool', api, () => 'expected a numeric tensor (float32, float64 or int32), received dtype bool');
    return x;
  };
}

const Relu = op({
  name: 'Relu', api: 'relu', infer: numericInfo('relu'),
  writesAll: true,
  kernel: unaryKernel((x) => (x < 0 ? 0 : x)), // NaN passes through, as in PyTorch
  grad: ({ dys: [dy], inputs: [x] }) => [reluGrad(x, dy)],
});

// hardSigmoid was the composite clip(add(mul(x, 0.2), 0.5), 0, 1): three ops forward and five backward at every
// gate of every LSTM step. These primitives give the same bits in one pass each: in float32 each step of the
// composite rounds, and its constant 0.2 is a float32 tensor.

const F32_POINT_2 = Math.fround(0.2);
/** clip's bounds: NaN fails both tests and passes through. */
const clip01 = (u: number): number => (u < 0 ? 0 : u > 1 ? 1 : u);

// One loop per dtype, so each stays monomorphic: u = 0.2 x + 0.5 is rounded as the composite rounds it (in float32
// after each step).
const HardSigmoid = op({
  name: 'HardSigmoid', api: 'hardSigmoid', infer: sameInfo('hardSigmoid', true),
  writesAll: true,
  kernel: ({ inputs: [x], outputs: [y] }) => {
    const a = x.data, o = y.data, fround = Math.fround;
    if (a instanceof Float32Array) for (let i = 0; i < o.length; i++) o[i] = clip01(fround(fround(a[i] * F32_POINT_2) + 0.5));
    else for (let i = 0; i < o.length; i++) o[i] = clip01(a[i] * 0.2 + 0.5);
  },
  grad: ({ dys: [dy], inputs: [x] }) => [hardSigmoidGrad(x, dy)],
});

/** 0.2 dy where 0 <= 0.2 x + 0.5 <= 1 (clip passes its bounds), else 0. */
const HardSigmoidGrad = op({
  name: 'HardSigmoidGrad', api: 'hardSigmoid',
  writesAll: true,
  infer: gradInfo('hardSigmoid'),
  kernel: ({ inputs: [x, dy], outputs: [y] }) => {
    const a = x.data, d = dy.data, o = y.data, fround = Math.fround;
    if (a instanceof Float32Array) {
      for (let i = 0; i < o.length; i++) {
        const u = fround(fround(a[i] * F32_POINT_2) + 0.5);
        o[i] = u >= 0 && u <= 1 ? d[i] * F32_POINT_2 : 0;
      }
    } else {
      for (let i = 0; i < o.length; i++) {
        const u = a[i] * 0.2 + 0.5;
        o[i] = u >= 0 && u <= 1 ? d[i] * 0.2 : 0;
      }
    }
  },
  // Linear in dy; x only selects.
  grad: ({ dys: [g], inputs: [x] }) => [null, hardSigmoidGrad(x, g)],
});

function hardSigmoidGrad(x: Tensor, dy: Tensor): Tensor {
  return run(HardSigmoidGrad, [x, dy], {});
}

const Relu6 = op({
  name: 'Relu6', api: 'relu6', infer: numericInfo('relu6'),
  kernel: unaryKernel((x) => (x < 0 ? 0 : x > 6 ? 6 : x)),
  grad: ({ dys: [dy], inputs: [x] }) => [where(logicalAnd(greater(x, 0), less(x, 6)), dy, 0)],
});

const LeakyRelu = op<{ alpha: number }>({
  name: 'LeakyRelu', api: 'leakyRelu', infer: sameInfo('leakyRelu', true),
  kernel: unaryKernel((x, { alpha }: { alpha: number }) => (x > 0 ? x : alpha * x)),
  grad: ({ dys: [dy], inputs: [x], attrs: { alpha } }) => [where(greater(x, 0), dy, mul(dy, alpha))],
});

interface EluAttrs { readonly alpha: number; readonly scale: number }

/** scale * (x > 0 ? x : alpha (e^x - 1)): ELU with scale 1, SELU with its fixed constants. */
const Elu = op<EluAttrs>({
  name: 'Elu', api: 'elu', infer: sameInfo('elu', true),
  kernel: unaryKernel((x, { alpha, scale }: EluAttrs) => (x > 0 ? scale * x : scale * alpha * Math.expm1(x))),
  // On the negative side dy/dx = scale alpha e^x = y + scale alpha.
  grad: ({ dys: [dy], inputs: [x], outputs: [y], attrs: { alpha, scale } }) =>
    [where(greater(x, 0), scale === 1 ? dy : mul(dy, scale), mul(dy, add(y, scale * alpha)))],
});

const Gelu = op<{ approximate: boolean }>({
  name: 'Gelu', api: 'gelu', infer: sameInfo('gelu', true),
  kernel: unaryKernel((x, { approximate }: { approximate: boolean }) => (approximate ? geluTanh(x) : geluErf(x))),
  grad: ({ dys: [dy], inputs: [x], attrs: { approximate } }) => {
    const x2 = square(x);
    if (!approximate) {
      // Phi(x) + x phi(x)
      const cdf = mul(add(erf(mul(x, Math.SQRT1_2)), 1), 0.5);
      const pdf = mul(exp(mul(x2, -0.5)), INV_SQRT_2PI);
      return [mul(dy, add(cdf, mul(x, pdf)))];
    }
    // 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3 k x^2), t = tanh(c (x + k x^3))
    const t = tanh(mul(mul(add(mul(x2, GELU_TANH_CUBIC), 1), x), GELU_TANH_SCALE));
    const outer = mul(add(t, 1), 0.5);
    const inner = mul(mul(mul(x, sub(1, square(t))), 0.5 * GELU_TANH_SCALE), add(mul(x2, 3 * GELU_TANH_CUBIC), 1));
    return [mul(dy, add(outer, inner))];
  },
});

const Sigmoid = op({
  name: 'Sigmoid', api: 'sigmoid', infer: sameInfo('sigmoid', true),
  writesAll: true,
  kernel: unaryKernel(sigmoidScalar),
  grad: ({ dys: [dy], outputs: [y] }) => [mul(dy, mul(y, sub(1, y)))],
});

const Tanh = op({
  name: 'Tanh', api: 'tanh', infer: sameInfo('tanh', true),
  writesAll: true,
  kernel: unaryKernel(Math.tanh),
  grad: ({ dys: [dy], outputs: [y] }) => [mul(dy, sub(1, square(y)))],
});

const Softplus = op({
  name: 'Softplus', api: 'softplus', infer: sameInfo('softplus', true),
  kernel: unaryKernel(softplusScalar),
  grad: ({ dys: [dy], inputs: [x] }) => [mul(dy, sigmoid(x))],
});

const Softsign = op({
  name: 'Softsign', api: 'softsign', infer: sameInfo('softsign', true),
  kernel: unaryKernel((x) => x / (1 + Math.abs(x))),
  grad: ({ dys: [dy], inputs: [x] }) => [div(dy, square(add(abs(x), 1)))],
});

const Step = op<{ alpha: number }>({
  name: 'Step', api: 'step', infer: sameInfo('step', true),
  kernel: unaryKernel((x, { alpha }: { alpha: number }) => (Number.isNaN(x) ? x : x > 0 ? 1 : alpha)),
  // Zero everywhere (not undefined): the perceptron rule trains through step by this convention.
  grad: ({ dys: [dy] }) => [zerosLike(dy)],
});

/**
 * Rectified linear unit max(x, 0) (gradient 0 at 0; NaN passes through).
 * @example relu(tensor([-1, 2])) // [0, 2]
 */
export function relu(x: TensorLike): Tensor {
  return run(Relu, [toTensor('relu', 'x', x)], {});
}

/**
 * min(max(x, 0), 6).
 * @example relu6(tensor([-1, 3, 8])) // [0, 3, 6]
 */
export function relu6(x: TensorLike): Tensor {
  return run(Relu6, [toTensor('relu6', 'x', x)], {});
}

/**
 * x where x > 0, alpha * x elsewhere (alpha 0.2 by default, as TensorFlow.js).
 * @example leakyRelu(tensor([-1, 2]), 0.1) // [-0.1, 2]
 */
export function leakyRelu(x: TensorLike, alpha = 0.2): Tensor {
  checkNumber('leakyRelu', 'alpha', alpha);
  return run(LeakyRelu, [floatTensor('leakyRelu', x)], { alpha });
}

/**
 * Exponential linear unit: x where x > 0, alpha (e^x - 1) elsewhere.
 * @example elu(tensor([-1, 2])) // [-0.6321, 2]
 */
export function elu(x: TensorLike, alpha = 1): Tensor {
  checkNumber('elu', 'alpha', alpha);
  return run(Elu, [floatTensor('elu', x)], { alpha, scale: 1 });
}

/**
 * Scaled ELU with the self-normalizing constants (alpha 1.6733, scale 1.0507).
 * @example selu(tensor([-1, 2])) // [-1.1113, 2.1014]
 */
export function selu(x: TensorLike): Tensor {
  return run(Elu, [floatTensor('selu', x)], { alpha: SELU_ALPHA, scale: SELU_SCALE });
}

/**
 * Gaussian error linear unit x * Phi(x) with the exact normal CDF, or its tanh approximation when `approximate`.
 * @example gelu(tensor([-1, 1])) // [-0.1587, 0.8413]
 */
export function gelu(x: TensorLike, approximate = false): Tensor {
  check(typeof approximate === 'boolean', 'gelu', () => `approximate must be a boolean, received ${describe(approximate)}`);
  return run(Gelu, [floatTensor('gelu', x)], { approximate });
}

/**
 * The logistic function 1 / (1 + e^-x), stable for large |x|.
 * @example sigmoid(tensor([0])) // [0.5]
 */
export function sigmoid(x: TensorLike): Tensor {
  return run(Sigmoid, [floatTensor('sigmoid', x)], {});
}

/**
 * clip(0.2 x + 0.5, 0, 1), as TensorFlow.js and Keras define it (PyTorch's hardsigmoid uses x / 6 instead).
 * @example hardSigmoid(tensor([-3, 0, 1])) // [0, 0.5, 0.7]
 */
export function hardSigmoid(x: TensorLike): Tensor {
  return run(HardSigmoid, [floatTensor('hardSigmoid', x)], {});
}

/**
 * Hyperbolic tangent.
 * @example tanh(tensor([0, 100])) // [0, 1]
 */
export function tanh(x: TensorLike): Tensor {
  return run(Tanh, [floatTensor('tanh', x)], {});
}

/**
 * log(1 + e^x), computed without overflow.
 * @example softplus(tensor([0, 1000])) // [0.6931, 1000]
 */
export function softplus(x: TensorLike): Tensor {
  return run(Softplus, [floatTensor('softplus', x)], {});
}

/**
 * x / (1 + |x|).
 * @example softsign(tensor([-1, 3])) // [-0.5, 0.75]
 */
export function softsign(x: TensorLike): Tensor {
  return run(Softsign, [floatTensor('softsign', x)], {});
}

/**
 * x * sigmoid(beta * x) (SiLU when beta is 1).
 * @example swish(tensor([0, 1])) // [0, 0.7311]
 */
export function swish(x: TensorLike, beta = 1): Tensor {
  checkNumber('swish', 'beta', beta);
  const t = floatTensor('swish', x);
  return mul(t, sigmoid(beta === 1 ? t : mul(t, beta)));
}

/**
 * x * tanh(softplus(x)).
 * @example mish(tensor([0, 1])) // [0, 0.8651]
 */
export function mish(x: TensorLike): Tensor {
  const t = floatTensor('mish', x);
  return mul(t, tanh(softplus(t)));
}

/**
 * Heaviside step: 1 where x > 0, alpha elsewhere (NaN stays NaN). Its gradient is zero everywhere.
 * @example step(tensor([-1, 0, 2])) // [0, 0, 1]
 */
export function step(x: TensorLike, alpha = 0): Tensor {
  checkNumber('step', 'alpha', alpha);
  return run(Step, [floatTensor('step', x)], { alpha });
}
