// The losses namespace and name resolution for `compile({loss})`.
import { ArgumentError, describe } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import type { LossFunction } from './loss.js';
import { categoricalHinge, hinge, squaredHinge } from './hinge.js';
import {
  binaryCrossentropy, categoricalCrossentropy, kullbackLeiblerDivergence, sparseCategoricalCrossentropy,
} from './probabilistic.js';
import {
  cosineSimilarity, huber, logCosh, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError,
  meanSquaredLogarithmicError, poisson,
} from './regression.js';

export {
  meanSquaredError, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredLogarithmicError, huber, logCosh,
  poisson, cosineSimilarity, binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy,
  kullbackLeiblerDivergence, hinge, squaredHinge, categoricalHinge,
};
export { defineLoss } from './loss.js';
export type { LossFunction } from './loss.js';
export { reduceLosses } from './reduction.js';
export type { Reduction, ReductionOptions } from './reduction.js';
export type { CrossentropyOptions } from './probabilistic.js';
export type { HuberOptions, CosineSimilarityOptions } from './regression.js';

/**
 * Short name of `kullbackLeiblerDivergence`.
 * @example kullbackLeibler(tensor([[0.5, 0.5]]), tensor([[0.9, 0.1]]))
 */
export const kullbackLeibler = kullbackLeiblerDivergence;

/** A loss as `compile` accepts it: a name, a LossFunction, or any (yTrue, yPred) => Tensor. */
export type LossIdentifier = string | LossFunction | ((yTrue: Tensor, yPred: Tensor) => Tensor);

const ALL: LossFunction[] = [
  meanSquaredError, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredLogarithmicError, huber, logCosh,
  poisson, cosineSimilarity, binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy,
  kullbackLeiblerDivergence, hinge, squaredHinge, categoricalHinge,
];
const ALIASES: Record<string, LossFunction> = {
  mse: meanSquaredError, mae: meanAbsoluteError, mape: meanAbsolutePercentageError, msle: meanSquaredLogarithmicError,
  kld: kullbackLeiblerDivergence, kldivergence: kullbackLeiblerDivergence, kullbackleibler: kullbackLeiblerDivergence,
  huberloss: huber,
};
const key = (name: string): string => name.replace(/_/g, '').toLowerCase();
const BY_KEY = new Map<string, LossFunction>([...ALL.map((f) => [key(f.lossName), f] as const), ...Object.entries(ALIASES)]);

/**
 * A loss from its name in camelCase ('meanSquaredError'), Keras snake_case ('mean_squared_error') or short form
 * ('mse', 'mae', 'mape', 'msle', 'kld'); LossFunctions and user functions are returned as they are.
 * @example getLoss('categorical_crossentropy') === losses.categoricalCrossentropy
 */
export function getLoss(identifier: string): LossFunction;
export function getLoss<F extends LossIdentifier>(identifier: F): F;
export function getLoss(identifier: LossIdentifier): LossIdentifier {
  if (typeof identifier === 'function') return identifier;
  const f = typeof identifier === 'string' ? BY_KEY.get(key(identifier)) : undefined;
  if (!f) {
    throw new ArgumentError('getLoss', `unknown loss ${describe(identifier)}; expected a function or one of ${ALL.map((l) => `'${l.lossName}'`).join(', ')}`);
  }
  return f;
}
