// activation(a @ b + bias) as one primitive where that pays: dense layers run it at every step, and batch-1
// inference was dominated by dispatching three ops per layer. The public function keeps TensorFlow.js's
// `tf.fused.matMul` semantics for every case and falls back to composing ops where no primitive fits.
import { isFloat, upcast } from '../core/dtype.js';
import { check, describe, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import type { Tensor } from '../core/tensor.js';
import { add, mul, sub } from './arithmetic.js';
import { greater, where } from './compare.js';
import { cast } from './cast.js';
import { toTensor } from './convert.js';
import type { TensorLike } from './convert.js';
import { elu, leakyRelu, relu, relu6, sigmoid, tanh } from './activations.js';
import { reluGrad } from './relu-grad.js';
import { sigmoid as sigmoidScalar } from './kernels/special.js';
import { gemm } from './kernels/gemm.js';
import type { FloatArray } from './kernels/gemm.js';
import { matmul } from './matmul.js';
import { matmulGrads } from './matmul-grad.js';
import { sum } from './reduce-sum.js';
import { reshape } from './reshape.js';
import { square } from './unary-math.js';

/** Activations `fused.matMul` accepts: TensorFlow.js's list, plus tanh. */
export type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'leakyrelu' | 'prelu' | 'sigmoid' | 'tanh';

const ACTIVATIONS: readonly FusedActivation[] = ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid', 'tanh'];

/** The activations the primitive applies itself: those whose derivative follows from the output alone. */
export type PrimitiveActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

/** Attributes of the FusedMatMul primitive: 2-D a [M, K] and b [K, N] (swapped where flagged), bias [N] if any. */
export interface FusedMatMulAttrs {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly activation: PrimitiveActivation;
}

const API = 'fused.matMul';

function fusedInfo([a, b, bias]: readonly TensorInfo[], { transposeA, transposeB }: FusedMatMulAttrs): TensorInfo {
  const m = a.shape[transposeA ? 1 : 0], ka = a.shape[transposeA ? 0 : 1];
  const kb = b.shape[transposeB ? 1 : 0], n = b.shape[transposeB ? 0 : 1];
  check(a.shape.length === 2 && b.shape.length === 2 && ka === kb && a.dtype === b.dtype && isFloat(a.dtype), API,
    () => `expected 2-D float operands with equal inner dimensions, received a=${fmtShape(a.shape)} ${a.dtype}, b=${fmtShape(b.shape)} ${b.dtype}`);
  check(bias === undefined || (bias.shape.length === 1 && bias.shape[0] === n && bias.dtype === a.dtype), API,
    () => `bias must have shape [${n}] and dtype ${a.dtype}, received ${fmtShape(bias!.shape)} ${bias!.dtype}`);
  return { shape: [m, n], dtype: a.dtype };
}

/** The activation on one (already rounded) pre-activation value, as the unfused ops compute it. */
const APPLY: Readonly<Record<PrimitiveActivation, (z: number) => number>> = {
  linear: (z) => z,
  relu: (z) => (z < 0 ? 0 : z), // NaN passes through, as relu's
  sigmoid: sigmoidScalar,
  tanh: Math.tanh,
};

/** dL/dz from dL/dy and y = act(z), written with public ops so it differentiates again. */
function preActivationGrad(activation: PrimitiveActivation, y: Tensor, dy: Tensor): Tensor {
  switch (activation) {
    case 'linear': return dy;
    case 'relu': return reluGrad(y, dy); // y > 0 exactly where z > 0
    case 'sigmoid': return mul(dy, mul(y, sub(1, y)));
    case 'tanh': return mul(dy, sub(1, square(y)));
  }
}

const FusedMatMul = op<FusedMatMulAttrs>({
  name: 'FusedMatMul', api: API,
  writesAll: true,
  infer: fusedInfo,
  kernel: ({ inputs: [a, b, bias], outputs: [c], attrs: { transposeA, transposeB, activation } }) => {
    const [m, n] = c.shape, k = a.shape[transposeA ? 0 : 1];
    const C = c.data as FloatArray;
    gemm(m, n, k, a.data as FloatArray, 0, a.shape[1], transposeA, b.data as FloatArray, 0, b.shape[1], transposeB, C, 0, n, 0);
    const f = APPLY[activation], bv = bias?.data;
    if (!bv && activation === 'linear') return;
    // The sum is stored (rounded to the dtype) before the activation reads it, as with separate add and activation.
    for (let i = 0; i < m; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) {
        C[row + j] = bv ? C[row + j] + bv[j] : C[row + j];
        C[row + j] = f(C[row + j]);
      }
    }
  },
  grad: ({ dys: [dy], inputs: [a, b, bias], outputs: [y], attrs: { transposeA, transposeB, activation } }) => {
    const dz = preActivationGrad(activation, y, dy);
    const [da, db] = matmulGrads(dz, a, b, transposeA, transposeB);
    return bias === undefined ? [da, db] : [da, db, bias.requiresGrad ? sum(dz, 0) : null];
  },
});

/** Arguments of `fused.matMul` (TensorFlow.js names). */
export interface FusedMatMulArgs {
  a: TensorLike;
  b: TensorLike;
  transposeA?: boolean;
  transposeB?: boolean;
  /** Added to the product, broadcast against [..., M, N]. */
  bias?: TensorLike;
  /** Applied last (default 'linear'). */
  activation?: FusedActivation;
  /** The slopes of 'prelu', broadcast against the output. */
  preluActivationWeights?: TensorLike;
  /** The negative slope of 'leakyrelu' (default 0.2, as TensorFlow.js). */
  leakyreluAlpha?: number;
}

function applyActivation(z: Tensor, args: FusedMatMulArgs, activation: FusedActivation, dtype: Tensor['dtype']): Tensor {
  switch (activation) {
    case 'linear': return z;
    case 'relu': return relu(z);
    case 'relu6': return relu6(z);
    case 'elu': return elu(z);
    case 'sigmoid': return sigmoid(z);
    case 'tanh': return tanh(z);
    case 'leakyrelu': return leakyRelu(z, args.leakyreluAlpha ?? 0.2);
    case 'prelu': {
      const w = cast(toTensor(API, 'preluActivationWeights', args.preluActivationWeights, dtype), dtype);
      return where(greater(z, 0), z, mul(z, w));
    }
  }
}

const PRIMITIVE: readonly string[] = ['linear', 'relu', 'sigmoid', 'tanh'] satisfies PrimitiveActivation[];

/**
 * True for the activations `fused.matMul` applies inside its primitive (others run as a separate op after it).
 * @example isPrimitiveActivation('relu') // true; isPrimitiveActivation('elu') // false
 */
export function isPrimitiveActivation(activation: string): activation is PrimitiveActivation {
  return PRIMITIVE.includes(activation);
}

/**
 * activation(op(a) @ op(b) + bias) in one pass where it can (2-D products, or a batch folded into the rows of a
 * shared 2-D b, with a bias over the last axis): the dense layer's computation.
 * @example fused.matMul({a: tensor([[1, 2]]), b: tensor([[1], [-1]]), bias: tensor([3]), activation: 'relu'}) // [[2]]
 */
export function fusedMatMul(args: FusedMatMulArgs): Tensor {
  check(typeof args === 'object' && args !== null, API, () => `expected an arguments object {a, b, ...}, received ${describe(args)}`);
  const { transposeA = false, transposeB = false, activation = 'linear' } = args;
  check(ACTIVATIONS.includes(activation), API, () => `activation must be one of ${ACTIVATIONS.join(', ')}, received ${describe(activation)}`);
  check(activation !== 'prelu' || args.preluActivationWeights !== undefined, API,
    () => "activation 'prelu' needs preluActivationWeights");
  check(typeof transposeA === 'boolean' && typeof transposeB === 'boolean', API,
    () => `transposeA and transposeB must be booleans, received ${describe(transposeA)} and ${describe(transposeB)}`);
  let a = toTensor(API, 'a', args.a), b = toTensor(API, 'b', args.b, a.dtype);
  check(isFloat(a.dtype) && isFloat(b.dtype), API, () => `operands must be float32 or float64, received ${a.dtype} and ${b.dtype}`);
  const dtype = upcast(a.dtype, b.dtype);
  a = cast(a, dtype); b = cast(b, dtype);
  const bias = args.bias === undefined ? undefined : cast(toTensor(API, 'bias', args.bias, dtype), dtype);
  const n = b.rank >= 2 ? b.shape[b.rank - (transposeB ? 2 : 1)] : -1;
  // A batch of plain rows against one 2-D b is one 2-D product with the batch folded into M (reshapes are free).
  const foldable = a.rank >= 2 && b.rank === 2 && (a.rank === 2 || !transposeA);
  const vectorBias = bias === undefined || (bias.rank === 1 && bias.shape[0] === n);
  if (foldable && vectorBias) {
    const k = a.shape[a.rank - 1];
    const a2 = a.rank === 2 ? a : reshape(a, [-1, k]);
    const primitive = isPrimitiveActivation(activation) ? activation : 'linear';
    const inputs = bias === undefined ? [a2, b] : [a2, b, bias];
    let y = run(FusedMatMul, inputs, { transposeA, transposeB, activation: primitive });
    if (a.rank > 2) y = reshape(y, [...a.shape.slice(0, -1), n]);
    return primitive === activation ? y : applyActivation(y, args, activation, dtype);
  }
  let z = matmul(a, b, transposeA, transposeB);
  if (bias !== undefined) {
    const out = z.shape, lead = out.length - bias.rank;
    check(lead >= 0 && bias.shape.every((d, i) => d === 1 || d === out[lead + i]), API,
      () => `bias ${fmtShape(bias.shape)} cannot be broadcast to the product's shape ${fmtShape(out)}`);
    z = add(z, bias);
  }
  return applyActivation(z, args, activation, dtype);
}

/**
 * Fused ops, as TensorFlow.js's `tf.fused` namespace.
 * @example fused.matMul({a: x, b: w, bias: b, activation: 'relu'})
 */
export const fused = { matMul: fusedMatMul } as const;
