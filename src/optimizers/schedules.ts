import { ArgumentError, check, describe } from '../core/errors.js';

/** A serializable description of a schedule: its class name and constructor options (Keras style). */
export interface ScheduleConfig {
  className: string;
  config: Record<string, unknown>;
}

/**
 * A learning rate that depends on the optimizer's step (its `iterations` before the update, 0 first), as
 * Keras' `LearningRateSchedule`. Pass one as an optimizer's `learningRate`.
 * @example const lr = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 }); lr.call(100) // 0.05
 */
export abstract class LearningRateSchedule {
  /** The learning rate at optimizer step `step`. */
  abstract call(step: number): number;
  /** The options that rebuild this schedule with `getSchedule`. */
  abstract getConfig(): ScheduleConfig;
}

function positive(fn: string, name: string, v: unknown): number {
  check(typeof v === 'number' && Number.isFinite(v) && v > 0, fn, () => `${name} must be a positive number, received ${describe(v)}`);
  return v;
}

function finite(fn: string, name: string, v: unknown): number {
  check(typeof v === 'number' && Number.isFinite(v), fn, () => `${name} must be a finite number, received ${describe(v)}`);
  return v;
}

/** Options of `exponentialDecay`. */
export interface ExponentialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in discrete jumps every `decaySteps` (default false). */
  staircase?: boolean;
}

class ExponentialDecay extends LearningRateSchedule {
  constructor(private readonly o: Required<ExponentialDecayOptions>) { super(); }
  call(step: number): number {
    const p = step / this.o.decaySteps;
    return this.o.initialLearningRate * this.o.decayRate ** (this.o.staircase ? Math.floor(p) : p);
  }
  getConfig(): ScheduleConfig { return { className: 'ExponentialDecay', config: { ...this.o } }; }
}

/**
 * `initialLearningRate * decayRate ^ (step / decaySteps)` (the exponent floored with `staircase`).
 * @example exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, staircase: true })
 */
export function exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule {
  const fn = 'exponentialDecay';
  return new ExponentialDecay({
    initialLearningRate: finite(fn, 'initialLearningRate', options?.initialLearningRate),
    decaySteps: positive(fn, 'decaySteps', options.decaySteps),
    decayRate: finite(fn, 'decayRate', options.decayRate),
    staircase: options.staircase ?? false,
  });
}

/** Options of `inverseTimeDecay`. */
export type InverseTimeDecayOptions = ExponentialDecayOptions;

class InverseTimeDecay extends LearningRateSchedule {
  constructor(private readonly o: Required<InverseTimeDecayOptions>) { super(); }
  call(step: number): number {
    const p = step / this.o.decaySteps;
    return this.o.initialLearningRate / (1 + this.o.decayRate * (this.o.staircase ? Math.floor(p) : p));
  }
  getConfig(): ScheduleConfig { return { className: 'InverseTimeDecay', config: { ...this.o } }; }
}

/**
 * `initialLearningRate / (1 + decayRate * step / decaySteps)` (the ratio floored with `staircase`).
 * @example inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 })
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): LearningRateSchedule {
  const fn = 'inverseTimeDecay';
  return new InverseTimeDecay({
    initialLearningRate: finite(fn, 'initialLearningRate', options?.initialLearningRate),
    decaySteps: positive(fn, 'decaySteps', options.decaySteps),
    decayRate: finite(fn, 'decayRate', options.decayRate),
    staircase: options.staircase ?? false,
  });
}

/** Options of `piecewiseConstantDecay`. */
export interface PiecewiseConstantDecayOptions {
  /** Increasing step boundaries. */
  boundaries: number[];
  /** One more value than boundaries: `values[i]` applies while `boundaries[i-1] < step <= boundaries[i]`. */
  values: number[];
}

class PiecewiseConstantDecay extends LearningRateSchedule {
  constructor(private readonly o: PiecewiseConstantDecayOptions) { super(); }
  call(step: number): number {
    const { boundaries, values } = this.o;
    for (let i = 0; i < boundaries.length; i++) if (step <= boundaries[i]) return values[i];
    return values[values.length - 1];
  }
  getConfig(): ScheduleConfig {
    return { className: 'PiecewiseConstantDecay', config: { boundaries: [...this.o.boundaries], values: [...this.o.values] } };
  }
}

/**
 * A constant learning rate on each interval between `boundaries`, as Keras' PiecewiseConstantDecay.
 * @example piecewiseConstantDecay({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] }).call(150) // 0.01
 */
export function piecewiseConstantDecay(options: PiecewiseConstantDecayOptions): LearningRateSchedule {
  const fn = 'piecewiseConstantDecay';
  const b = options?.boundaries, v = options?.values;
  check(Array.isArray(b) && b.every((x, i) => Number.isFinite(x) && (i === 0 || x > b[i - 1])), fn,
    () => `boundaries must be an increasing array of numbers, received ${describe(b)}`);
  check(Array.isArray(v) && v.every((x) => Number.isFinite(x)), fn, () => `values must be an array of numbers, received ${describe(v)}`);
  check(v.length === b.length + 1, fn, () => `values needs one more element than boundaries (${b.length + 1}), received ${v.length}`);
  return new PiecewiseConstantDecay({ boundaries: [...b], values: [...v] });
}

/** Options of `polynomialDecay`. */
export interface PolynomialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  /** The rate reached after `decaySteps` (default 1e-4, as Keras). */
  endLearningRate?: number;
  /** Default 1 (linear). */
  power?: number;
  /** Restart the decay every `decaySteps` with a longer period (default false). */
  cycle?: boolean;
}

class PolynomialDecay extends LearningRateSchedule {
  constructor(private readonly o: Required<PolynomialDecayOptions>) { super(); }
  call(step: number): number {
    const { initialLearningRate: a, endLearningRate: b, power, cycle } = this.o;
    let steps = this.o.decaySteps;
    let s = step;
    if (cycle) steps *= Math.max(1, Math.ceil(step / steps));
    else s = Math.min(step, steps);
    return (a - b) * (1 - s / steps) ** power + b;
  }
  getConfig(): ScheduleConfig { return { className: 'PolynomialDecay', config: { ...this.o } }; }
}

/**
 * `(initial - end) * (1 - step / decaySteps) ^ power + end`, held at `end` afterwards (or cycling).
 * @example polynomialDecay({ initialLearningRate: 0.1, decaySteps: 1000, endLearningRate: 0.001, power: 0.5 })
 */
export function polynomialDecay(options: PolynomialDecayOptions): LearningRateSchedule {
  const fn = 'polynomialDecay';
  return new PolynomialDecay({
    initialLearningRate: finite(fn, 'initialLearningRate', options?.initialLearningRate),
    decaySteps: positive(fn, 'decaySteps', options.decaySteps),
    endLearningRate: finite(fn, 'endLearningRate', options.endLearningRate ?? 1e-4),
    power: finite(fn, 'power', options.power ?? 1),
    cycle: options.cycle ?? false,
  });
}

/** Options of `cosineDecay`. */
export interface CosineDecayOptions {
  /** The rate at step 0 (the start of the warmup when there is one). */
  initialLearningRate: number;
  /** Length of the cosine decay (after the warmup). */
  decaySteps: number;
  /** Floor of the decay as a fraction of the decayed-from rate (default 0). */
  alpha?: number;
  /** With warmup: the rate reached linearly after `warmupSteps`, from which the cosine decay starts. */
  warmupTarget?: number | null;
  /** Default 0 (no warmup). */
  warmupSteps?: number;
}

class CosineDecay extends LearningRateSchedule {
  constructor(private readonly o: Required<CosineDecayOptions>) { super(); }
  private decay(step: number, from: number): number {
    const fraction = step / this.o.decaySteps;
    return from * ((1 - this.o.alpha) * 0.5 * (1 + Math.cos(Math.PI * fraction)) + this.o.alpha);
  }
  call(step: number): number {
    const { warmupTarget, warmupSteps, decaySteps, initialLearningRate } = this.o;
    const s = Math.min(step, decaySteps + warmupSteps);
    if (warmupTarget === null) return this.decay(s, initialLearningRate);
    if (s < warmupSteps) return initialLearningRate + (warmupTarget - initialLearningRate) * (s / warmupSteps);
    return this.decay(s - warmupSteps, warmupTarget);
  }
  getConfig(): ScheduleConfig { return { className: 'CosineDecay', config: { ...this.o } }; }
}

/**
 * Cosine decay (SGDR without restarts), optionally after a linear warmup from `initialLearningRate` to
 * `warmupTarget` over `warmupSteps`, as Keras 3's CosineDecay.
 * @example cosineDecay({ initialLearningRate: 0, warmupTarget: 0.1, warmupSteps: 100, decaySteps: 1000 })
 */
export function cosineDecay(options: CosineDecayOptions): LearningRateSchedule {
  const fn = 'cosineDecay';
  const warmupTarget = options?.warmupTarget ?? null;
  const warmupSteps = options.warmupSteps ?? 0;
  check(Number.isFinite(warmupSteps) && warmupSteps >= 0, fn, () => `warmupSteps must be >= 0, received ${describe(warmupSteps)}`);
  return new CosineDecay({
    initialLearningRate: finite(fn, 'initialLearningRate', options.initialLearningRate),
    decaySteps: positive(fn, 'decaySteps', options.decaySteps),
    alpha: finite(fn, 'alpha', options.alpha ?? 0),
    warmupTarget: warmupTarget === null ? null : finite(fn, 'warmupTarget', warmupTarget),
    warmupSteps,
  });
}

const FACTORIES: Record<string, (o: never) => LearningRateSchedule> = {
  ExponentialDecay: exponentialDecay,
  InverseTimeDecay: inverseTimeDecay,
  PiecewiseConstantDecay: piecewiseConstantDecay,
  PolynomialDecay: polynomialDecay,
  CosineDecay: cosineDecay,
};

/**
 * Rebuilds a schedule from `getConfig()` output.
 * @example getSchedule(lr.getConfig()).call(10) === lr.call(10)
 */
export function getSchedule(config: ScheduleConfig): LearningRateSchedule {
  const make = FACTORIES[config?.className];
  if (!make) {
    throw new ArgumentError('getSchedule', `className must be one of ${Object.keys(FACTORIES).join(', ')}, received ${describe(config?.className)}`);
  }
  return make(config.config as never);
}
