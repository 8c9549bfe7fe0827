// Activation functions by name, as layer configs refer to them ('relu', 'softmax', ...).
import { ArgumentError, describe } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { exp } from '../ops/unary-math.js';
import {
  elu, gelu, hardSigmoid, leakyRelu, mish, relu, relu6, selu, sigmoid, softplus, softsign, step, swish, tanh,
} from '../ops/activations.js';
import { isPrimitiveActivation } from '../ops/fused-matmul.js';
import type { PrimitiveActivation } from '../ops/fused-matmul.js';
import { logSoftmax, softmax } from '../ops/softmax.js';
import { toCamelCase } from './serialization.js';

/** An elementwise (or last-axis, for softmax) function of a tensor. */
export type ActivationFn = (x: Tensor) => Tensor;

/** A resolved activation: its serialized name and the function. */
export interface Activation {
  /** The name written to configs, camelCase as TensorFlow.js ('hardSigmoid'; model.json gets 'hard_sigmoid'). */
  readonly name: string;
  readonly apply: ActivationFn;
}

const ACTIVATIONS = new Map<string, ActivationFn>([
  ['linear', (x) => x],
  ['relu', relu],
  ['relu6', relu6],
  ['elu', (x) => elu(x)],
  ['selu', selu],
  ['sigmoid', sigmoid],
  ['hardSigmoid', hardSigmoid],
  ['tanh', tanh],
  ['softmax', (x) => softmax(x, -1)],
  ['logSoftmax', (x) => logSoftmax(x, -1)],
  ['softplus', softplus],
  ['softsign', softsign],
  ['swish', (x) => swish(x)],
  ['silu', (x) => swish(x)],
  ['gelu', (x) => gelu(x)],
  ['geluNew', (x) => gelu(x, true)],
  ['mish', mish],
  ['leakyRelu', (x) => leakyRelu(x)],
  ['exponential', exp],
  ['step', (x) => step(x)],
]);

// The activations defined here: library code that keeps no reference to its input (layers may then reuse the
// storage of what they pass to it; see withInternal).
const BUILT_IN = new Set<ActivationFn>(ACTIVATIONS.values());

// The built-in functions by name, kept apart from later registrations (which may reuse a built-in name).
const ORIGINAL: ReadonlyMap<string, ActivationFn> = new Map(ACTIVATIONS);

/**
 * The activation's name when `fused.matMul` applies it inside the product (tensorgrad's own linear, relu, sigmoid
 * or tanh), else null.
 * @example fusableActivation(getActivation('relu')) // 'relu'
 */
export function fusableActivation(activation: Activation): PrimitiveActivation | null {
  const name = activation.name;
  return isPrimitiveActivation(name) && isOriginal(activation, name) ? name : null;
}

/**
 * True when `activation` is tensorgrad's own activation called `name` (not a registration reusing the name).
 * @example isOriginal(getActivation('tanh'), 'tanh') // true
 */
export function isOriginal(activation: Activation, name: string): boolean {
  return activation.name === name && ORIGINAL.get(name) === activation.apply;
}

/**
 * True when `fn` is one of tensorgrad's own activations (not one added by registerActivation).
 * @example isBuiltInActivation(getActivation('relu').apply) // true
 */
export function isBuiltInActivation(fn: ActivationFn): boolean {
  return BUILT_IN.has(fn);
}

/**
 * Adds a named activation usable in layer configs (`activation: 'myAct'`) and kept through save/load.
 * @example registerActivation('cube', (x) => x.mul(x).mul(x)); layers.dense({units: 2, activation: 'cube'})
 */
export function registerActivation(name: string, fn: ActivationFn): void {
  if (typeof name !== 'string' || name.length === 0) throw new ArgumentError('registerActivation', `name must be a non-empty string, received ${describe(name)}`);
  if (typeof fn !== 'function') throw new ArgumentError('registerActivation', `fn must be a function, received ${describe(fn)}`);
  ACTIVATIONS.set(toCamelCase(name), fn);
}

/**
 * The names `getActivation` accepts (snake_case spellings such as 'hard_sigmoid' are accepted too).
 * @example activationNames().includes('relu') // true
 */
export function activationNames(): string[] {
  return [...ACTIVATIONS.keys()];
}

/**
 * Resolves an activation name (null or undefined mean 'linear'); unknown names throw listing the valid ones.
 * @example getActivation('relu').apply(tensor([-1, 2])) // [0, 2]
 */
export function getActivation(identifier: string | null | undefined, fn = 'getActivation'): Activation {
  if (identifier === null || identifier === undefined) return { name: 'linear', apply: ACTIVATIONS.get('linear')! };
  if (typeof identifier !== 'string') {
    throw new ArgumentError(fn, `activation must be a name such as 'relu', received ${describe(identifier)}`);
  }
  const name = toCamelCase(identifier);
  const apply = ACTIVATIONS.get(name);
  if (!apply) {
    throw new ArgumentError(fn, `unknown activation '${identifier}', expected one of ${activationNames().join(', ')}`);
  }
  return { name, apply };
}
