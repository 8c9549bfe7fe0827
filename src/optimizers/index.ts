// Optimizer factories, usable as Keras-style `optimizers.adam({learningRate})` or TensorFlow.js-style
// positional `train.adam(0.01, 0.9)`; `getOptimizer` resolves names and configs for `compile`.
import { ArgumentError, describe } from '../core/errors.js';
import { Adadelta } from './adadelta.js';
import type { AdadeltaOptions } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import type { AdagradOptions } from './adagrad.js';
import { Adam, AdamW } from './adam.js';
import type { AdamOptions } from './adam.js';
import { Adamax } from './adamax.js';
import type { AdamaxOptions } from './adamax.js';
import { Nadam } from './nadam.js';
import type { NadamOptions } from './nadam.js';
import { Optimizer, learningRateFromConfig } from './optimizer.js';
import type { OptimizerConfig } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import type { RMSpropOptions } from './rmsprop.js';
import { LearningRateSchedule } from './schedules.js';
import { SGD } from './sgd.js';
import type { SGDOptions } from './sgd.js';

export { Optimizer, SGD, Adagrad, Adadelta, RMSprop, Adam, AdamW, Adamax, Nadam, LearningRateSchedule };
export type { OptimizerOptions, NamedTensor, Slots, UpdateStep, GradientsInput, OptimizerConfig } from './optimizer.js';
export type { SGDOptions, AdagradOptions, AdadeltaOptions, RMSpropOptions, AdamOptions, AdamaxOptions, NadamOptions };
export {
  exponentialDecay, inverseTimeDecay, piecewiseConstantDecay, polynomialDecay, cosineDecay, getSchedule,
} from './schedules.js';
export type {
  ScheduleConfig, ExponentialDecayOptions, InverseTimeDecayOptions, PiecewiseConstantDecayOptions,
  PolynomialDecayOptions, CosineDecayOptions,
} from './schedules.js';
export { clipByNormInPlace, clipByGlobalNormInPlace, clipByValueInPlace } from './clip.js';

type LR = number | LearningRateSchedule;

/** Options from either an options object or TensorFlow.js positional arguments named by `names`. */
function options<O>(first: O | LR | undefined, rest: readonly unknown[], names: readonly string[]): O {
  if (first === undefined || first === null) return {} as O;
  if (typeof first === 'number' || first instanceof LearningRateSchedule) {
    const o: Record<string, unknown> = { learningRate: first };
    rest.forEach((v, i) => { if (v !== undefined && v !== null) o[names[i]] = v; });
    return o as O;
  }
  return first as O;
}

/**
 * Stochastic gradient descent (learning rate 0.01 by default, momentum optional).
 * @example sgd({ learningRate: 0.1, momentum: 0.9 }); sgd(0.1)
 */
export function sgd(options_?: SGDOptions | LR): SGD {
  return new SGD(options<SGDOptions>(options_, [], []));
}

/**
 * SGD with momentum, TensorFlow.js' `train.momentum(learningRate, momentum, useNesterov)`.
 * @example momentum(0.1, 0.9, true)
 */
export function momentum(learningRate: LR, momentumValue: number, useNesterov = false): SGD {
  return new SGD({ learningRate, momentum: momentumValue, nesterov: useNesterov });
}

/**
 * Adagrad (learning rate 0.001, initial accumulator 0.1).
 * @example adagrad({ learningRate: 0.1 }); adagrad(0.1, 0.1)
 */
export function adagrad(options_?: AdagradOptions | LR, initialAccumulatorValue?: number): Adagrad {
  return new Adagrad(options<AdagradOptions>(options_, [initialAccumulatorValue], ['initialAccumulatorValue']));
}

/**
 * Adadelta (learning rate 0.001, rho 0.95, epsilon 1e-7).
 * @example adadelta({ learningRate: 1 }); adadelta(1, 0.95)
 */
export function adadelta(options_?: AdadeltaOptions | LR, rho?: number, epsilon?: number): Adadelta {
  return new Adadelta(options<AdadeltaOptions>(options_, [rho, epsilon], ['rho', 'epsilon']));
}

/**
 * RMSprop (learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered).
 * @example rmsprop({ learningRate: 0.01, centered: true }); rmsprop(0.01, 0.9, 0.5)
 */
export function rmsprop(options_?: RMSpropOptions | LR, rho?: number, momentumValue?: number, epsilon?: number, centered?: boolean): RMSprop {
  return new RMSprop(options<RMSpropOptions>(options_, [rho, momentumValue, epsilon, centered], ['rho', 'momentum', 'epsilon', 'centered']));
}

/**
 * Adam (learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).
 * @example adam({ learningRate: 0.01, amsgrad: true }); adam(0.01)
 */
export function adam(options_?: AdamOptions | LR, beta1?: number, beta2?: number, epsilon?: number): Adam {
  return new Adam(options<AdamOptions>(options_, [beta1, beta2, epsilon], ['beta1', 'beta2', 'epsilon']));
}

/**
 * AdamW, Adam with decoupled weight decay (default 0.004, as Keras).
 * @example adamw({ learningRate: 0.001, weightDecay: 0.01 })
 */
export function adamw(options_?: AdamOptions | LR, weightDecay?: number): AdamW {
  return new AdamW(options<AdamOptions>(options_, [weightDecay], ['weightDecay']));
}

/**
 * Adamax (learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).
 * @example adamax({ learningRate: 0.002 })
 */
export function adamax(options_?: AdamaxOptions | LR, beta1?: number, beta2?: number, epsilon?: number): Adamax {
  return new Adamax(options<AdamaxOptions>(options_, [beta1, beta2, epsilon], ['beta1', 'beta2', 'epsilon']));
}

/**
 * Nadam (learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).
 * @example nadam({ learningRate: 0.002 })
 */
export function nadam(options_?: NadamOptions | LR, beta1?: number, beta2?: number, epsilon?: number): Nadam {
  return new Nadam(options<NadamOptions>(options_, [beta1, beta2, epsilon], ['beta1', 'beta2', 'epsilon']));
}

type Ctor = new (o: Record<string, unknown>) => Optimizer;
const BY_NAME: Record<string, Ctor> = {
  sgd: SGD, momentum: SGD, adagrad: Adagrad, adadelta: Adadelta, rmsprop: RMSprop,
  adam: Adam, adamw: AdamW, adamax: Adamax, nadam: Nadam,
};

/**
 * An optimizer from a name ('adam', 'sgd', 'rmsprop', ... with default options; any case), a config from
 * `getConfig()`, or an optimizer (returned as is).
 * @example getOptimizer('adam'); getOptimizer({ className: 'SGD', config: { learningRate: 0.1 } })
 */
export function getOptimizer(identifier: string | OptimizerConfig | Optimizer): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  const name = typeof identifier === 'string' ? identifier : identifier?.className;
  const Make = typeof name === 'string' ? BY_NAME[name.toLowerCase()] : undefined;
  if (!Make) {
    throw new ArgumentError('getOptimizer', `expected an optimizer, a name (${Object.keys(BY_NAME).join(', ')}) or a {className, config}, received ${describe(identifier)}`);
  }
  if (typeof identifier === 'string') return new Make({});
  const config = { ...(identifier.config ?? {}) };
  config.learningRate = learningRateFromConfig(config.learningRate);
  return new Make(config);
}
