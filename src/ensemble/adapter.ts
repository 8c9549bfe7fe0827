// fromModel: a compiled tensorgrad model (model.fit / model.predict) seen as an ensemble estimator.
import { ArgumentError, describe, fmtShape } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { softmax } from '../ops/softmax.js';
import type { FitArgs } from '../train/types.js';
import {
  accuracyOf, argmaxRows, checkX, classIds, countClasses, labelsTensor, predictIds, probaTensor, sampleWeights,
} from './common.js';
import type { Estimator, EstimatorFitOptions } from './types.js';

/**
 * What fromModel needs of a model: Keras-style `fit` and `predict` after `compile` (a LayersModel or Sequential).
 * `outputs` (symbolic, with a shape) tells the number of classes before the first prediction.
 */
export interface ModelLike {
  fit(x: Tensor, y: Tensor, args?: FitArgs): Promise<unknown>;
  predict(x: Tensor, args?: { batchSize?: number }): Tensor | Tensor[];
  /** The loss given to compile (a name or a function); decides the target encoding. */
  loss?: unknown;
  readonly outputs?: readonly { readonly shape: readonly (number | null)[] }[];
}

/** Options of the adapter itself (how to read the model's output). */
export interface FromModelOptions {
  /** The model outputs logits (no final softmax / sigmoid): predictProba applies one (default false). */
  logits?: boolean;
  /** Batch size of predict (default 256). */
  predictBatchSize?: number;
}

type Encoding = 'sparse' | 'oneHot' | 'binary';

function lossKey(loss: unknown): string {
  const name = typeof loss === 'string' ? loss
    : typeof loss === 'function' ? ((loss as { lossName?: string }).lossName ?? loss.name) : '';
  return name.replace(/_/g, '').toLowerCase();
}

/**
 * The estimator fromModel returns: `fit` trains the model with `fitOptions` (class ids converted to the targets
 * the model's loss expects), `predictProba` is the model's output, `predict` its arg-max.
 * @example const est = fromModel(() => buildCompiledMlp(), { epochs: 50, batchSize: 32 })
 */
export class ModelEstimator implements Estimator {
  readonly fitOptions: FitArgs;
  readonly options: FromModelOptions;
  private current: ModelLike | null;
  private readonly factory: (() => ModelLike) | null;
  private classes = 0;

  constructor(model: ModelLike | (() => ModelLike), fitOptions: FitArgs = {}, options: FromModelOptions = {}) {
    const fn = 'fromModel';
    if (fitOptions === null || typeof fitOptions !== 'object') throw new ArgumentError(fn, `fitOptions must be an object, received ${describe(fitOptions)}`);
    if (options === null || typeof options !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(options)}`);
    const isModel = (m: unknown): m is ModelLike =>
      !!m && typeof m === 'object' && typeof (m as ModelLike).fit === 'function' && typeof (m as ModelLike).predict === 'function';
    if (typeof model === 'function') { this.factory = model; this.current = null; }
    else if (isModel(model)) { this.factory = null; this.current = model; }
    else throw new ArgumentError(fn, `model must be a compiled model (with fit and predict) or a function building one, received ${describe(model)}`);
    this.fitOptions = { verbose: 0, ...fitOptions };
    this.options = { ...options };
  }

  /**
   * The wrapped model (null before the first fit when built by a function).
   * @example (est.model as LayersModel).summary()
   */
  get model(): ModelLike | null { return this.current; }

  /** Number of classes of the model's output; 0 before it is known. */
  get nClasses(): number { return this.classes; }

  private outputWidth(model: ModelLike): number | null {
    const shape = model.outputs?.[0]?.shape;
    const last = shape && shape.length >= 2 ? shape[shape.length - 1] : null;
    return typeof last === 'number' ? last : null;
  }

  /** How targets are given to the model: class ids, one-hot rows, or 0/1 in one column (sigmoid output). */
  private encoding(fn: string, model: ModelLike): Encoding {
    if (model.loss === undefined) throw new ArgumentError(fn, 'the model must be compiled first: call model.compile({optimizer, loss})');
    const key = lossKey(model.loss);
    if (key === 'sparsecategoricalcrossentropy') return 'sparse';
    return this.outputWidth(model) === 1 ? 'binary' : 'oneHot';
  }

  /**
   * Trains the model (a fresh one from the function, if one was given) on class ids `y`; `sampleWeight` is passed on.
   * @example await est.fit(xTrain, yTrain)
   */
  async fit(x: Tensor, y: Tensor, options: EstimatorFitOptions = {}): Promise<this> {
    const fn = 'fromModel.fit';
    const xt = checkX(fn, x);
    const n = xt.shape[0];
    const ids = classIds(fn, y, n);
    let k = countClasses(fn, ids, options.nClasses);
    const model = this.factory ? this.factory() : this.current!;
    if (!model || typeof model.fit !== 'function' || typeof model.predict !== 'function') {
      throw new ArgumentError(fn, `the model function must return a compiled model, received ${describe(model)}`);
    }
    const enc = this.encoding(fn, model);
    const width = this.outputWidth(model);
    if (enc === 'binary') {
      if (k > 2) throw new ArgumentError(fn, `the model has one output unit (binary) but y holds ${k} classes`);
      k = 2;
    } else if (width !== null) {
      if (width < k) throw new ArgumentError(fn, `the model has ${width} output units but y holds class id ${k - 1}`);
      k = width;
    }
    let targets: Tensor;
    if (enc === 'sparse') targets = Tensor.fromStorage(Float32Array.from(ids), [n], 'float32');
    else if (enc === 'binary') targets = Tensor.fromStorage(Float32Array.from(ids), [n, 1], 'float32');
    else {
      const hot = new Float32Array(n * k);
      ids.forEach((c, i) => { hot[i * k + c] = 1; });
      targets = Tensor.fromStorage(hot, [n, k], 'float32');
    }
    const args: FitArgs = { ...this.fitOptions };
    if (options.sampleWeight !== undefined) {
      args.sampleWeight = Tensor.fromStorage(Float32Array.from(sampleWeights(fn, options.sampleWeight, n)), [n], 'float32');
    }
    await model.fit(xt, targets, args);
    this.current = model;
    this.classes = k;
    return this;
  }

  /**
   * The model's class probabilities [n, nClasses] (a one-unit sigmoid output becomes [1 - p, p]).
   * @example est.predictProba(xTest)
   */
  predictProba(x: Tensor): Tensor {
    const fn = 'fromModel.predictProba';
    const model = this.current;
    if (!model) throw new ArgumentError(fn, 'this estimator is not fitted yet: call fit(x, y) first');
    const xt = checkX(fn, x);
    const out = model.predict(xt, { batchSize: this.options.predictBatchSize ?? 256 });
    const p = Array.isArray(out) ? out[0] : out;
    const n = xt.shape[0];
    if (!(p instanceof Tensor) || p.rank !== 2 || p.shape[0] !== n) {
      throw new ArgumentError(fn, `the model must output [samples, classes], received ${describe(p)} for x ${fmtShape(xt.shape)}`);
    }
    const logits = this.options.logits ?? false;
    if (p.shape[1] === 1) {
      const q = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const v = logits ? 1 / (1 + Math.exp(-p.storage[i])) : p.storage[i];
        q[2 * i] = 1 - v; q[2 * i + 1] = v;
      }
      this.classes = 2;
      return probaTensor(q, n, 2);
    }
    this.classes = p.shape[1];
    return probaTensor((logits ? softmax(p) : p).storage, n, p.shape[1]);
  }

  /**
   * Class ids [n] (int32): the arg-max of predictProba.
   * @example est.predict(xTest)
   */
  predict(x: Tensor): Tensor {
    const p = this.predictProba(x);
    return labelsTensor(argmaxRows(p.storage, p.shape[0], p.shape[1]));
  }

  /**
   * Accuracy on (x, y).
   * @example est.score(xTest, yTest) // 0.9
   */
  score(x: Tensor, y: Tensor): number {
    const fn = 'fromModel.score';
    const xt = checkX(fn, x);
    return accuracyOf(classIds(fn, y, xt.shape[0]), predictIds(fn, this, xt, 'model'));
  }

  /**
   * A fresh estimator building a fresh model (only when fromModel was given a function).
   * @example const fresh = fromModel(() => build(), { epochs: 20 }).clone()
   */
  clone(): ModelEstimator {
    if (!this.factory) {
      throw new ArgumentError('fromModel.clone', 'a model instance cannot be copied: pass a function that builds and compiles the model to fromModel');
    }
    return new ModelEstimator(this.factory, this.fitOptions, this.options);
  }
}

/**
 * Wraps a compiled tensorgrad model (or a function building one) as an ensemble estimator: class ids in, class ids
 * and probabilities out; targets are converted for the model's loss (class ids for sparseCategoricalCrossentropy,
 * one-hot rows otherwise, one 0/1 column for a one-unit output). With a function, every fit starts from a freshly
 * built model and `clone()` works (bagging, boosting, stacking need that); with an instance, fit continues training.
 * @example const mlp = fromModel(() => { const m = sequential({ layers: [layers.dense({ units: 16, activation: 'relu', inputShape: [2] }), layers.dense({ units: 2, activation: 'softmax' })] }); m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' }); return m; }, { epochs: 50 })
 */
export function fromModel(model: ModelLike | (() => ModelLike), fitOptions: FitArgs = {}, options: FromModelOptions = {}): ModelEstimator {
  return new ModelEstimator(model, fitOptions, options);
}
