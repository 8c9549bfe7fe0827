// What the training loop needs from a model, and the options of compile / fit / evaluate / predict.
import type { Tensor } from '../core/tensor.js';
import type { Variable } from '../core/variable.js';
import type { LossIdentifier } from '../losses/index.js';
import type { Metric } from '../metrics/metric.js';
import type { Optimizer, OptimizerConfig } from '../optimizers/optimizer.js';
import type { TensorLike } from '../ops/convert.js';
import type { CallbackLike } from './callbacks/callback.js';

/**
 * The part of a model that training uses. LayersModel and Sequential implement it; any object with these
 * members can be trained by `fitModel` (a hand-written model in a test, say).
 */
export interface TrainableModel {
  /** Used in error messages. */
  readonly name: string;
  /** The weights the optimizer updates. */
  readonly trainableWeights: Variable[];
  /** Every weight (saved and restored by EarlyStopping's restoreBestWeights). */
  readonly weights: Variable[];
  /** Names of the outputs: keys of `y` records, prefixes of per-output logs. */
  readonly outputNames: string[];
  /** Names of the inputs: keys of `x` records (default: one unnamed input). */
  readonly inputNames?: string[];
  /** The forward pass on concrete tensors. */
  apply(inputs: Tensor | Tensor[], kwargs?: { training?: boolean }): Tensor | Tensor[];
  /** Regularization penalties of the current weights and of the last forward pass (scalars). */
  calculateLosses?(): Tensor[];
  /** Set by a callback to end `fit` after the current batch. */
  stopTraining: boolean;
  /** Set by `compile` to the resolved Optimizer (typed loosely so model classes may declare it as they like). */
  optimizer?: unknown;
  /** Set by `compile`: the loss identifier(s) as given. */
  loss?: unknown;
  /** Set by `compile`: the metrics as given. */
  metrics?: unknown;
  /** Set to true by `compile`. */
  compiled?: boolean;
  /** Set by `fit` / `fitDataset` to the History they return (Keras `model.history`). */
  history?: unknown;
  /** Set by `compile`: 'loss' then the names of the metrics as fit logs them. */
  metricsNames?: string[];
  /** Saves the model (used by ModelCheckpoint when it is given no save function). */
  save?(destination: string): Promise<unknown>;
}

/** Losses as `compile` takes them: one for every output, a list (one per output) or a record by output name. */
export type LossesArg = LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier>;

/** One metric as `compile` takes it: a name, a Metric, or a per-sample function of (yTrue, yPred). */
export type MetricIdentifier = string | Metric | ((yTrue: Tensor, yPred: Tensor) => Tensor);

/** Arguments of `compile`. */
export interface CompileArgs {
  /** An Optimizer, a name ('adam', 'sgd', ...) or a config. */
  optimizer: Optimizer | string | OptimizerConfig;
  loss: LossesArg;
  /** Metrics for every output, a list per output, or a record by output name. */
  metrics?: MetricIdentifier[] | MetricIdentifier[][] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  /** Weights of the per-output losses in the total (default 1 each). */
  lossWeights?: number[] | Record<string, number>;
}

/** A model input or target: one tensor, a list, or a record by input / output name. */
export type Data = TensorLike | Tensor[] | Record<string, Tensor>;

/** Class weights: weight by class index (0/1 for binary targets). */
export type ClassWeight = Record<number | string, number>;

/** Arguments of `fit` (TensorFlow.js names). */
export interface FitArgs {
  /** Samples per gradient step (default 32). */
  batchSize?: number;
  /** The epoch to stop at (default 1): trains epochs initialEpoch .. epochs - 1. */
  epochs?: number;
  /** 0 silent, 1 progress bar (TTY) or a line per epoch, 2 a line per epoch (default 1). */
  verbose?: 0 | 1 | 2;
  callbacks?: CallbackLike | CallbackLike[];
  /** Fraction of the samples, taken from the end before shuffling, held out for validation. */
  validationSplit?: number;
  /** Validation data: [x, y] or [x, y, sampleWeight]. */
  validationData?: [Data, Data] | [Data, Data, Tensor];
  /** Shuffle the training samples before each epoch (default true; seeded by setSeed). */
  shuffle?: boolean;
  classWeight?: ClassWeight;
  /** Per-sample weights, [numSamples]. */
  sampleWeight?: TensorLike;
  /** Epoch to start from, to resume training (default 0). */
  initialEpoch?: number;
  /** Batch size of validation (default batchSize). */
  validationBatchSize?: number;
  /** Validate every this many epochs (default 1). */
  validationFreq?: number;
}

/** Arguments of `fitDataset`. */
export interface FitDatasetArgs {
  epochs?: number;
  /**
   * Batches per epoch. Without it each epoch is one full pass over a fresh iteration of the dataset; with it one
   * iterator continues across epochs, and training ends early if it runs out (TensorFlow.js semantics).
   */
  batchesPerEpoch?: number;
  verbose?: 0 | 1 | 2;
  callbacks?: CallbackLike | CallbackLike[];
  /** A dataset of batches, or [x, y] tensors evaluated in batches of 32. */
  validationData?: AsyncIterable<unknown> | [Data, Data] | [Data, Data, Tensor];
  /** Validation batches per epoch (default: the whole validation dataset). */
  validationBatches?: number;
  classWeight?: ClassWeight;
  initialEpoch?: number;
  validationFreq?: number;
}

/** Arguments of `evaluate`. */
export interface EvaluateArgs {
  /** Default 32. */
  batchSize?: number;
  verbose?: 0 | 1;
  sampleWeight?: TensorLike;
  /** Evaluate only this many batches. */
  steps?: number;
}

/** Arguments of `evaluateDataset`. */
export interface EvaluateDatasetArgs {
  /** Evaluate only this many batches. */
  batches?: number;
  verbose?: 0 | 1;
}

/** Arguments of `predict`. */
export interface PredictArgs {
  /** Default 32. */
  batchSize?: number;
  verbose?: 0 | 1;
}
