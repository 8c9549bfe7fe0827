// Weight initializers with Keras semantics and TensorFlow.js names and configs.
import type { DType } from '../core/dtype.js';
import { allocArray } from '../core/dtype.js';
import { ArgumentError, check, describe } from '../core/errors.js';
import { Random, globalRandom } from '../core/random.js';
import { checkShape, sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { classNameOf, deserialize, lookupClass, registerClass } from './registry.js';
import type { RegistryKind } from './registry.js';
import { isSerializedObject, toCamelCase } from './serialization.js';
import type { ConfigDict, SerializedObject } from './serialization.js';
import { orthogonalMatrix } from './orthogonal.js';

/**
 * Base class of initializers: `apply(shape, dtype)` returns a fresh tensor; `getConfig()` is its serialized form.
 * @example class Twos extends Initializer { apply(shape, dtype) { return full(shape, 2, dtype); } }
 */
export abstract class Initializer {
  /** Registry this class family belongs to. */
  static readonly registryKind: RegistryKind = 'initializer';
  /** A new tensor of `shape` and `dtype` (default float32). */
  abstract apply(shape: readonly number[], dtype?: DType): Tensor;
  /** The constructor arguments, as JSON. */
  getConfig(): ConfigDict { return {}; }
  /** The registered class name. */
  getClassName(): string { return classNameOf(this.constructor); }
  /** `{className, config}`, the form layer configs embed. */
  serialize(): SerializedObject { return { className: this.getClassName(), config: this.getConfig() }; }
}

/** The generator of a seeded initializer: its own stream when seeded, else the global one (see `setSeed`). */
function rngFor(seed: number | null | undefined): Random {
  return seed === null || seed === undefined ? globalRandom : new Random(seed);
}

function filled(fn: string, shape: readonly number[], dtype: DType, sample: () => number): Tensor {
  const s = checkShape(fn, shape);
  check(dtype === 'float32' || dtype === 'float64' || dtype === 'int32', fn,
    () => `dtype must be float32, float64 or int32, received ${describe(dtype)}`);
  const data = allocArray(dtype, sizeOf(s));
  for (let i = 0; i < data.length; i++) data[i] = sample();
  return Tensor.fromStorage(data, s, dtype);
}

/** Standard normal samples redrawn until within two standard deviations (Keras' truncated normal). */
function truncated(rng: Random): number {
  let z: number;
  do z = rng.normal(); while (Math.abs(z) > 2);
  return z;
}

/** Fills with zeros. @example initializers.zeros().apply([2]) // [0, 0] */
export class Zeros extends Initializer {
  static readonly className: string = 'Zeros';
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor { return filled('zeros', shape, dtype, () => 0); }
}

/** Fills with ones. @example initializers.ones().apply([2]) // [1, 1] */
export class Ones extends Initializer {
  static readonly className: string = 'Ones';
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor { return filled('ones', shape, dtype, () => 1); }
}

/** Arguments of `Constant`. */
export interface ConstantArgs { value: number }

/** Fills with a constant. @example initializers.constant({value: 0.1}).apply([2]) // [0.1, 0.1] */
export class Constant extends Initializer {
  static readonly className: string = 'Constant';
  readonly value: number;
  constructor(args: ConstantArgs) {
    super();
    check(typeof args?.value === 'number', 'initializers.constant', () => `value must be a number, received ${describe(args?.value)}`);
    this.value = args.value;
  }
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor { return filled('constant', shape, dtype, () => this.value); }
  override getConfig(): ConfigDict { return { value: this.value }; }
}

/** Arguments of `RandomUniform`. */
export interface RandomUniformArgs { minval?: number; maxval?: number; seed?: number | null }

/** Uniform in [minval, maxval), default [-0.05, 0.05). @example initializers.randomUniform({minval: -1, maxval: 1}) */
export class RandomUniform extends Initializer {
  static readonly className: string = 'RandomUniform';
  readonly minval: number; readonly maxval: number; readonly seed: number | null;
  constructor(args: RandomUniformArgs = {}) {
    super();
    this.minval = args.minval ?? -0.05; this.maxval = args.maxval ?? 0.05; this.seed = args.seed ?? null;
    check(this.minval <= this.maxval, 'initializers.randomUniform', () => `minval must not exceed maxval, received ${this.minval} > ${this.maxval}`);
  }
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor {
    const rng = rngFor(this.seed), lo = this.minval, span = this.maxval - this.minval;
    return filled('randomUniform', shape, dtype, () => lo + span * rng.uniform());
  }
  override getConfig(): ConfigDict { return { minval: this.minval, maxval: this.maxval, seed: this.seed }; }
}

/** Arguments of `RandomNormal` and `TruncatedNormal`. */
export interface RandomNormalArgs { mean?: number; stddev?: number; seed?: number | null }

/** Normal with mean 0 and stddev 0.05 by default. @example initializers.randomNormal({stddev: 0.01}) */
export class RandomNormal extends Initializer {
  static readonly className: string = 'RandomNormal';
  readonly mean: number; readonly stddev: number; readonly seed: number | null;
  constructor(args: RandomNormalArgs = {}) {
    super();
    this.mean = args.mean ?? 0; this.stddev = args.stddev ?? 0.05; this.seed = args.seed ?? null;
  }
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor {
    const rng = rngFor(this.seed);
    return filled('randomNormal', shape, dtype, () => this.mean + this.stddev * rng.normal());
  }
  override getConfig(): ConfigDict { return { mean: this.mean, stddev: this.stddev, seed: this.seed }; }
}

/** Normal redrawn beyond two stddevs, mean 0 and stddev 0.05 by default. @example initializers.truncatedNormal({stddev: 0.02}) */
export class TruncatedNormal extends RandomNormal {
  static override readonly className: string = 'TruncatedNormal';
  override apply(shape: readonly number[], dtype: DType = 'float32'): Tensor {
    const rng = rngFor(this.seed);
    return filled('truncatedNormal', shape, dtype, () => this.mean + this.stddev * truncated(rng));
  }
}

/** How VarianceScaling counts fans. */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
/** Distributions of VarianceScaling ('normal' is Keras' legacy name of 'truncatedNormal'). */
export type Distribution = 'normal' | 'truncatedNormal' | 'untruncatedNormal' | 'uniform';
const FAN_MODES: readonly FanMode[] = ['fanIn', 'fanOut', 'fanAvg'];
const DISTRIBUTIONS: readonly Distribution[] = ['normal', 'truncatedNormal', 'untruncatedNormal', 'uniform'];

/** Arguments of `VarianceScaling`. */
export interface VarianceScalingArgs { scale?: number; mode?: FanMode; distribution?: Distribution; seed?: number | null }

/**
 * Fan-in/fan-out of a weight shape as Keras computes them (channels-last convolution kernels multiply by the
 * receptive field).
 * @example computeFans([3, 3, 16, 32]) // [144, 288]
 */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = sizeOf(shape.slice(0, -2));
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

/**
 * Samples with variance scale / fan: truncated normal (stddev corrected by 0.8796 as Keras), untruncated normal,
 * or uniform in [-sqrt(3 scale / fan), sqrt(3 scale / fan)].
 * @example initializers.varianceScaling({scale: 2, mode: 'fanIn', distribution: 'truncatedNormal'})
 */
export class VarianceScaling extends Initializer {
  static readonly className: string = 'VarianceScaling';
  readonly scale: number; readonly mode: FanMode; readonly distribution: Distribution; readonly seed: number | null;
  constructor(args: VarianceScalingArgs = {}) {
    super();
    const fn = 'initializers.varianceScaling';
    this.scale = args.scale ?? 1;
    this.mode = args.mode ?? 'fanIn';
    this.distribution = args.distribution ?? 'truncatedNormal';
    this.seed = args.seed ?? null;
    check(this.scale > 0, fn, () => `scale must be positive, received ${this.scale}`);
    check(FAN_MODES.includes(this.mode), fn, () => `mode must be one of ${FAN_MODES.join(', ')}, received ${describe(this.mode)}`);
    check(DISTRIBUTIONS.includes(this.distribution), fn,
      () => `distribution must be one of ${DISTRIBUTIONS.join(', ')}, received ${describe(this.distribution)}`);
  }
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor {
    const [fanIn, fanOut] = computeFans(shape);
    const fan = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const scale = this.scale / Math.max(1, fan);
    const rng = rngFor(this.seed);
    const name = this.getClassName();
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * scale);
      return filled(name, shape, dtype, () => limit * (2 * rng.uniform() - 1));
    }
    if (this.distribution === 'untruncatedNormal') {
      const stddev = Math.sqrt(scale);
      return filled(name, shape, dtype, () => stddev * rng.normal());
    }
    // The stddev of a standard normal truncated to [-2, 2] is .87962566103423978: divide to keep the variance.
    const stddev = Math.sqrt(scale) / 0.87962566103423978;
    return filled(name, shape, dtype, () => stddev * truncated(rng));
  }
  override getConfig(): ConfigDict {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed };
  }
}

/** Arguments of the named VarianceScaling presets. */
export interface SeedArgs { seed?: number | null }

function preset(className: string, scale: number, mode: FanMode, distribution: Distribution) {
  const C = class extends VarianceScaling {
    static override readonly className: string = className;
    constructor(args: SeedArgs = {}) { super({ scale, mode, distribution, seed: args?.seed ?? null }); }
    override getConfig(): ConfigDict { return { seed: this.seed }; }
  };
  Object.defineProperty(C, 'name', { value: className });
  return C;
}

/** Glorot (Xavier) uniform: limit sqrt(6 / (fanIn + fanOut)). @example initializers.glorotUniform({seed: 1}) */
export const GlorotUniform = preset('GlorotUniform', 1, 'fanAvg', 'uniform');
/** Glorot normal: truncated, stddev sqrt(2 / (fanIn + fanOut)). @example initializers.glorotNormal() */
export const GlorotNormal = preset('GlorotNormal', 1, 'fanAvg', 'truncatedNormal');
/** He normal: truncated, stddev sqrt(2 / fanIn). @example initializers.heNormal() */
export const HeNormal = preset('HeNormal', 2, 'fanIn', 'truncatedNormal');
/** He uniform: limit sqrt(6 / fanIn). @example initializers.heUniform() */
export const HeUniform = preset('HeUniform', 2, 'fanIn', 'uniform');
/** LeCun normal: truncated, stddev sqrt(1 / fanIn). @example initializers.leCunNormal() */
export const LeCunNormal = preset('LeCunNormal', 1, 'fanIn', 'truncatedNormal');
/** LeCun uniform: limit sqrt(3 / fanIn). @example initializers.leCunUniform() */
export const LeCunUniform = preset('LeCunUniform', 1, 'fanIn', 'uniform');

/** Arguments of `Orthogonal`. */
export interface OrthogonalArgs { gain?: number; seed?: number | null }

/** A (semi-)orthogonal matrix of the flattened shape [prod(shape[:-1]), shape[-1]], times gain. @example initializers.orthogonal() */
export class Orthogonal extends Initializer {
  static readonly className: string = 'Orthogonal';
  readonly gain: number; readonly seed: number | null;
  constructor(args: OrthogonalArgs = {}) { super(); this.gain = args.gain ?? 1; this.seed = args.seed ?? null; }
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor {
    const s = checkShape('initializers.orthogonal', shape);
    check(s.length >= 2, 'initializers.orthogonal', () => `shape must have at least 2 dimensions, received [${s.join(',')}]`);
    const q = orthogonalMatrix(sizeOf(s.slice(0, -1)), s[s.length - 1], rngFor(this.seed));
    let i = 0;
    return filled('orthogonal', s, dtype, () => this.gain * q[i++]);
  }
  override getConfig(): ConfigDict { return { gain: this.gain, seed: this.seed }; }
}

/** Arguments of `Identity`. */
export interface IdentityArgs { gain?: number }

/** gain times the identity matrix (2-D shapes only). @example initializers.identity({gain: 2}).apply([2, 2]) */
export class Identity extends Initializer {
  static readonly className: string = 'Identity';
  readonly gain: number;
  constructor(args: IdentityArgs = {}) { super(); this.gain = args.gain ?? 1; }
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor {
    check(shape.length === 2, 'initializers.identity', () => `shape must be 2-D, received [${shape.join(',')}]`);
    const cols = shape[1];
    let i = 0;
    return filled('identity', shape, dtype, () => { const r = Math.floor(i / cols), c = i++ % cols; return r === c ? this.gain : 0; });
  }
  override getConfig(): ConfigDict { return { gain: this.gain }; }
}

for (const cls of [Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal, VarianceScaling, GlorotUniform,
  GlorotNormal, HeNormal, HeUniform, LeCunNormal, LeCunUniform, Orthogonal, Identity]) registerClass(cls);
// Keras spells these 'LecunNormal' / 'LecunUniform'.
registerClass(LeCunNormal, 'initializer', 'LecunNormal');
registerClass(LeCunUniform, 'initializer', 'LecunUniform');

/**
 * Initializer factories with TensorFlow.js names.
 * @example layers.dense({units: 4, kernelInitializer: initializers.heNormal({seed: 7})})
 */
export const initializers = Object.freeze({
  zeros: () => new Zeros(),
  ones: () => new Ones(),
  constant: (args: ConstantArgs) => new Constant(args),
  randomUniform: (args?: RandomUniformArgs) => new RandomUniform(args),
  randomNormal: (args?: RandomNormalArgs) => new RandomNormal(args),
  truncatedNormal: (args?: RandomNormalArgs) => new TruncatedNormal(args),
  varianceScaling: (args?: VarianceScalingArgs) => new VarianceScaling(args),
  glorotUniform: (args?: SeedArgs) => new GlorotUniform(args),
  glorotNormal: (args?: SeedArgs) => new GlorotNormal(args),
  heNormal: (args?: SeedArgs) => new HeNormal(args),
  heUniform: (args?: SeedArgs) => new HeUniform(args),
  leCunNormal: (args?: SeedArgs) => new LeCunNormal(args),
  leCunUniform: (args?: SeedArgs) => new LeCunUniform(args),
  lecunNormal: (args?: SeedArgs) => new LeCunNormal(args),
  lecunUniform: (args?: SeedArgs) => new LeCunUniform(args),
  orthogonal: (args?: OrthogonalArgs) => new Orthogonal(args),
  identity: (args?: IdentityArgs) => new Identity(args),
});

/** What layer configs accept as an initializer: a name ('glorotUniform', 'glorot_uniform', 'GlorotUniform'), an instance, or `{className, config}`. */
export type InitializerIdentifier = string | Initializer | SerializedObject;

const NAME_TO_CLASS: Record<string, string> = {
  zeros: 'Zeros', ones: 'Ones', constant: 'Constant', randomUniform: 'RandomUniform', randomNormal: 'RandomNormal',
  truncatedNormal: 'TruncatedNormal', varianceScaling: 'VarianceScaling', glorotUniform: 'GlorotUniform',
  glorotNormal: 'GlorotNormal', heNormal: 'HeNormal', heUniform: 'HeUniform', leCunNormal: 'LeCunNormal',
  leCunUniform: 'LeCunUniform', lecunNormal: 'LeCunNormal', lecunUniform: 'LeCunUniform', orthogonal: 'Orthogonal',
  identity: 'Identity',
};

/**
 * Resolves an initializer identifier to an instance; unknown names throw listing the valid ones.
 * @example getInitializer('heNormal') instanceof HeNormal // true
 */
export function getInitializer(identifier: InitializerIdentifier, fn = 'getInitializer'): Initializer {
  if (identifier instanceof Initializer) return identifier;
  if (typeof identifier === 'string') {
    const className = NAME_TO_CLASS[toCamelCase(identifier)] ?? identifier;
    check(lookupClass('initializer', className) !== undefined, fn,
      () => `unknown initializer '${identifier}', expected one of ${Object.keys(NAME_TO_CLASS).join(', ')}`);
    return deserialize<Initializer>('initializer', { className, config: {} });
  }
  if (isSerializedObject(identifier)) return deserialize<Initializer>('initializer', identifier);
  throw new ArgumentError(fn, `expected an initializer name, instance or {className, config}, received ${describe(identifier)}`);
}

/**
 * `{className, config}` of an initializer (as layer configs store it).
 * @example serializeInitializer(initializers.zeros()) // {className: 'Zeros', config: {}}
 */
export function serializeInitializer(init: Initializer): SerializedObject {
  return init.serialize();
}
