// The metrics namespace: per-sample functions (TensorFlow.js `tf.metrics`), stateful Metric classes (Keras),
// and `getMetric`, which resolves the names `compile({metrics})` accepts.
import { ArgumentError, describe } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { neg } from '../ops/arithmetic.js';
import { scalar } from '../ops/creation.js';
import type { TensorLike } from '../ops/convert.js';
import { getLoss } from '../losses/index.js';
import type { LossIdentifier } from '../losses/index.js';
import * as L from '../losses/index.js';
import {
  binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, sparseTopKCategoricalAccuracy, topKCategoricalAccuracy,
} from './accuracy.js';
import { AUC } from './auc.js';
import { F1Score, Precision, Recall, confusionMatrix } from './confusion.js';
import { Mean, MeanMetricWrapper, Metric } from './metric.js';
import { R2Score, RootMeanSquaredError } from './regression.js';

export {
  binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, topKCategoricalAccuracy, sparseTopKCategoricalAccuracy,
  AUC, F1Score, Precision, Recall, confusionMatrix, Mean, MeanMetricWrapper, Metric, R2Score, RootMeanSquaredError,
};
export type { AUCOptions } from './auc.js';
export type { F1Options, ThresholdOptions } from './confusion.js';
export type { R2Options } from './regression.js';

type PerSample = (yTrue: TensorLike, yPred: TensorLike) => Tensor;

/**
 * Mean squared error per sample (mean over the last axis).
 * @example metrics.meanSquaredError(yTrue, yPred) // shape [batch]
 */
export const meanSquaredError: PerSample = (t, p) => L.meanSquaredError.perSample(t, p);
/**
 * Mean absolute error per sample.
 * @example metrics.meanAbsoluteError(yTrue, yPred)
 */
export const meanAbsoluteError: PerSample = (t, p) => L.meanAbsoluteError.perSample(t, p);
/**
 * Mean absolute percentage error per sample.
 * @example metrics.meanAbsolutePercentageError(yTrue, yPred)
 */
export const meanAbsolutePercentageError: PerSample = (t, p) => L.meanAbsolutePercentageError.perSample(t, p);
/**
 * Binary cross-entropy per sample.
 * @example metrics.binaryCrossentropy(yTrue, yPred)
 */
export const binaryCrossentropy: PerSample = (t, p) => L.binaryCrossentropy.perSample(t, p);
/**
 * Categorical cross-entropy per sample.
 * @example metrics.categoricalCrossentropy(yTrue, yPred)
 */
export const categoricalCrossentropy: PerSample = (t, p) => L.categoricalCrossentropy.perSample(t, p);
/**
 * Sparse categorical cross-entropy per sample.
 * @example metrics.sparseCategoricalCrossentropy(labels, yPred)
 */
export const sparseCategoricalCrossentropy: PerSample = (t, p) => L.sparseCategoricalCrossentropy.perSample(t, p);
/**
 * The cosine similarity of each sample with its target (1 for parallel vectors; Keras' metric, positive).
 * @example metrics.cosineSimilarity(tensor([[1, 0]]), tensor([[2, 0]])) // [1]
 */
export const cosineSimilarity: PerSample = (t, p) => neg(L.cosineSimilarity.perSample(t, p));
/**
 * TensorFlow.js' cosineProximity: the negated cosine similarity per sample.
 * @example metrics.cosineProximity(tensor([[1, 0]]), tensor([[2, 0]])) // [-1]
 */
export const cosineProximity: PerSample = (t, p) => L.cosineSimilarity.perSample(t, p);
export { meanSquaredError as MSE, meanSquaredError as mse, meanAbsoluteError as MAE, meanAbsoluteError as mae };
export { meanAbsolutePercentageError as MAPE, meanAbsolutePercentageError as mape };

function once(metric: Metric, yTrue: TensorLike, yPred: TensorLike): Tensor {
  metric.updateState(yTrue, yPred);
  return scalar(metric.result());
}

/**
 * Precision of one batch as a scalar tensor (TensorFlow.js `metrics.precision`; use `Precision` across batches).
 * @example metrics.precision(tensor([0, 1, 1]), tensor([0.8, 0.9, 0.2])) // 0.5
 */
export function precision(yTrue: TensorLike, yPred: TensorLike): Tensor { return once(new Precision(), yTrue, yPred); }
/**
 * Recall of one batch as a scalar tensor (TensorFlow.js `metrics.recall`).
 * @example metrics.recall(tensor([0, 1, 1]), tensor([0.8, 0.9, 0.2])) // 0.5
 */
export function recall(yTrue: TensorLike, yPred: TensorLike): Tensor { return once(new Recall(), yTrue, yPred); }
/**
 * R² of one batch as a scalar tensor (TensorFlow.js `metrics.r2Score`).
 * @example metrics.r2Score(tensor([1, 2, 3]), tensor([1, 2, 4])) // 0.5
 */
export function r2Score(yTrue: TensorLike, yPred: TensorLike): Tensor { return once(new R2Score(), yTrue, yPred); }

/** Context for resolving 'accuracy' and 'crossentropy': the loss they accompany. */
export interface MetricContext {
  loss?: LossIdentifier;
}

/**
 * 'accuracy' as Keras and TensorFlow.js resolve it: binary accuracy for binaryCrossentropy or a single output
 * column, sparse categorical accuracy for sparseCategoricalCrossentropy or integer targets, else categorical.
 * The choice is made at the first batch, from the loss and the shapes.
 * @example new Accuracy('acc', { loss: 'binaryCrossentropy' })
 */
export class Accuracy extends Metric {
  private inner: MeanMetricWrapper | undefined;
  constructor(name = 'accuracy', private readonly context: MetricContext = {}, private readonly kind: 'accuracy' | 'crossentropy' = 'accuracy') {
    super(name);
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void {
    if (!this.inner) this.inner = new MeanMetricWrapper(this.pick(yTrue, yPred), this.name);
    this.inner.updateState(yTrue, yPred, sampleWeight);
  }

  private pick(yTrue: TensorLike, yPred: TensorLike): PerSample {
    const loss = this.context.loss === undefined ? undefined : getLoss(this.context.loss as string);
    const p = yPred instanceof Tensor ? yPred.shape : [];
    const t = yTrue instanceof Tensor ? yTrue.shape : [];
    const acc = this.kind === 'accuracy';
    if (loss === L.binaryCrossentropy || p.length <= 1 || p[p.length - 1] === 1) return acc ? binaryAccuracy : binaryCrossentropy;
    const sparseTargets = t.length === p.length - 1 || (t.length === p.length && t[t.length - 1] === 1);
    if (loss === L.sparseCategoricalCrossentropy || sparseTargets) return acc ? sparseCategoricalAccuracy : sparseCategoricalCrossentropy;
    return acc ? categoricalAccuracy : categoricalCrossentropy;
  }

  result(): number { return this.inner ? this.inner.result() : NaN; }
  resetState(): void { this.inner?.resetState(); }
}

const key = (s: string): string => s.replace(/_/g, '').toLowerCase();
const FACTORIES: Record<string, (name: string) => Metric> = {
  binaryaccuracy: (n) => new MeanMetricWrapper(binaryAccuracy, n),
  categoricalaccuracy: (n) => new MeanMetricWrapper(categoricalAccuracy, n),
  sparsecategoricalaccuracy: (n) => new MeanMetricWrapper(sparseCategoricalAccuracy, n),
  topkcategoricalaccuracy: (n) => new MeanMetricWrapper(topKCategoricalAccuracy, n),
  sparsetopkcategoricalaccuracy: (n) => new MeanMetricWrapper(sparseTopKCategoricalAccuracy, n),
  precision: (n) => new Precision({ name: n }),
  recall: (n) => new Recall({ name: n }),
  f1: (n) => new F1Score({ name: n }),
  f1score: (n) => new F1Score({ name: n }),
  auc: (n) => new AUC({ name: n }),
  rmse: (n) => new RootMeanSquaredError(n),
  rootmeansquarederror: (n) => new RootMeanSquaredError(n),
  r2: (n) => new R2Score({ name: n }),
  r2score: (n) => new R2Score({ name: n }),
  cosinesimilarity: (n) => new MeanMetricWrapper(cosineSimilarity, n),
  cosineproximity: (n) => new MeanMetricWrapper(cosineProximity, n),
};

/**
 * A fresh Metric from what `compile({metrics})` accepts: a Metric (returned as is), a per-sample function, or
 * a name: 'accuracy'/'acc' and 'crossentropy'/'ce' (resolved from the loss), 'binaryAccuracy',
 * 'categoricalAccuracy', 'sparseCategoricalAccuracy', 'topKCategoricalAccuracy', 'precision', 'recall', 'f1',
 * 'auc', 'rmse', 'r2', any loss name ('mse', 'mae', ...). The metric is logged under the name as given.
 * @example getMetric('accuracy', { loss: 'sparseCategoricalCrossentropy' }).name // 'accuracy'
 */
export function getMetric(identifier: string | Metric | ((yTrue: Tensor, yPred: Tensor) => Tensor), context: MetricContext = {}): Metric {
  if (identifier instanceof Metric) return identifier;
  if (typeof identifier === 'function') return new MeanMetricWrapper(identifier, identifier.name || 'metric');
  if (typeof identifier !== 'string') {
    throw new ArgumentError('getMetric', `expected a metric name, a Metric or a function, received ${describe(identifier)}`);
  }
  const k = key(identifier);
  if (k === 'accuracy' || k === 'acc') return new Accuracy(identifier, context);
  if (k === 'crossentropy' || k === 'ce') return new Accuracy(identifier, context, 'crossentropy');
  const make = FACTORIES[k];
  if (make) return make(identifier);
  try {
    const loss = getLoss(identifier);
    return new MeanMetricWrapper((t, p) => loss.perSample(t, p), identifier);
  } catch {
    throw new ArgumentError('getMetric', `unknown metric '${identifier}'; expected 'accuracy', ${Object.keys(FACTORIES).map((n) => `'${n}'`).join(', ')} or a loss name`);
  }
}
