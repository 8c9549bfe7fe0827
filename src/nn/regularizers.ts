// Weight and activity regularizers: penalties added to the training loss.
import { ArgumentError, check, describe } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { add, mul } from '../ops/arithmetic.js';
import { sum } from '../ops/reduce-sum.js';
import { abs, square } from '../ops/unary-math.js';
import { classNameOf, deserialize, lookupClass, registerClass } from './registry.js';
import type { RegistryKind } from './registry.js';
import { isSerializedObject, toCamelCase } from './serialization.js';
import type { ConfigDict, SerializedObject } from './serialization.js';

/**
 * Base class of regularizers: `apply(x)` returns a scalar penalty, differentiable with respect to `x`.
 * @example class Center extends Regularizer { apply(x) { return square(mean(x)); } }
 */
export abstract class Regularizer {
  /** Registry this class family belongs to. */
  static readonly registryKind: RegistryKind = 'regularizer';
  /** The scalar penalty of `x`. */
  abstract apply(x: Tensor): Tensor;
  /** The constructor arguments, as JSON. */
  getConfig(): ConfigDict { return {}; }
  /** The registered class name. */
  getClassName(): string { return classNameOf(this.constructor); }
  /** `{className, config}`, the form layer configs embed. */
  serialize(): SerializedObject { return { className: this.getClassName(), config: this.getConfig() }; }
}

/** Arguments of `L1L2`. */
export interface L1L2Args { l1?: number; l2?: number }

/**
 * l1 * sum(|x|) + l2 * sum(x^2); both factors default to 0.01 as in TensorFlow.js.
 * @example regularizers.l1l2({l1: 0.001, l2: 0.01}).apply(w)
 */
export class L1L2 extends Regularizer {
  static readonly className: string = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor(args: L1L2Args = {}) {
    super();
    check(args === null || typeof args === 'object', 'regularizers.l1l2', () => `expected {l1, l2}, received ${describe(args)}`);
    this.l1 = args?.l1 ?? 0.01;
    this.l2 = args?.l2 ?? 0.01;
    for (const [k, v] of [['l1', this.l1], ['l2', this.l2]] as const) {
      check(typeof v === 'number' && Number.isFinite(v) && v >= 0, 'regularizers.l1l2', () => `${k} must be a finite number >= 0, received ${describe(v)}`);
    }
  }
  apply(x: Tensor): Tensor {
    let penalty: Tensor | null = null;
    if (this.l1 !== 0) penalty = mul(sum(abs(x)), this.l1);
    if (this.l2 !== 0) {
      const p2 = mul(sum(square(x)), this.l2);
      penalty = penalty ? add(penalty, p2) : p2;
    }
    return penalty ?? mul(sum(x), 0);
  }
  override getConfig(): ConfigDict { return { l1: this.l1, l2: this.l2 }; }
  /** Builds from `{l1, l2}`; also reads Keras' separate L1 and L2 classes' configs. */
  static fromConfig(_cls: unknown, config: ConfigDict): L1L2 {
    return new L1L2({ l1: typeof config.l1 === 'number' ? config.l1 : 0, l2: typeof config.l2 === 'number' ? config.l2 : 0 });
  }
}
registerClass(L1L2);
// Keras 2 writes l1() and l2() as classes of their own: {class_name: 'L2', config: {l2: 0.01}}.
registerClass(L1L2, 'regularizer', 'L1');
registerClass(L1L2, 'regularizer', 'L2');

/**
 * Regularizer factories with TensorFlow.js names.
 * @example layers.dense({units: 8, kernelRegularizer: regularizers.l2({l2: 1e-4})})
 */
export const regularizers = Object.freeze({
  l1: (args: { l1?: number } = {}) => new L1L2({ l1: args?.l1 ?? 0.01, l2: 0 }),
  l2: (args: { l2?: number } = {}) => new L1L2({ l1: 0, l2: args?.l2 ?? 0.01 }),
  l1l2: (args: L1L2Args = {}) => new L1L2(args),
});

/** What layer configs accept as a regularizer: 'l1l2' (and 'l1', 'l2'), an instance, or `{className, config}`. */
export type RegularizerIdentifier = string | Regularizer | SerializedObject;

const NAMES: Record<string, () => Regularizer> = { l1: () => regularizers.l1(), l2: () => regularizers.l2(), l1l2: () => regularizers.l1l2() };

/**
 * Resolves a regularizer identifier; null and undefined mean none.
 * @example getRegularizer('l2') // L1L2 {l1: 0, l2: 0.01}
 */
export function getRegularizer(identifier: RegularizerIdentifier | null | undefined, fn = 'getRegularizer'): Regularizer | null {
  if (identifier === null || identifier === undefined) return null;
  if (identifier instanceof Regularizer) return identifier;
  if (typeof identifier === 'string') {
    const make = NAMES[toCamelCase(identifier).toLowerCase()];
    if (make) return make();
    check(lookupClass('regularizer', identifier) !== undefined, fn,
      () => `unknown regularizer '${identifier}', expected one of ${Object.keys(NAMES).join(', ')} or a registered class`);
    return deserialize<Regularizer>('regularizer', { className: identifier, config: {} });
  }
  if (isSerializedObject(identifier)) return deserialize<Regularizer>('regularizer', identifier);
  throw new ArgumentError(fn, `expected a regularizer name, instance or {className, config}, received ${describe(identifier)}`);
}

/**
 * `{className, config}` of a regularizer, or null.
 * @example serializeRegularizer(regularizers.l2()) // {className: 'L1L2', config: {l1: 0, l2: 0.01}}
 */
export function serializeRegularizer(r: Regularizer | null): SerializedObject | null {
  return r ? r.serialize() : null;
}
