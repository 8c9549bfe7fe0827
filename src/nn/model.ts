// LayersModel: a functional graph of layers with inference (predict), summary, configs, and the Keras training
// methods, which delegate to the training loop in src/train.
import { check, describe } from '../core/errors.js';
import { noGrad } from '../core/grad-mode.js';
import { withInternal } from '../core/storage-pool.js';
import { Tensor } from '../core/tensor.js';
import { concat } from '../ops/concat.js';
import { slice } from '../ops/slice.js';
import { compileModel, evaluateDatasetModel, evaluateModel, fitDatasetModel, fitModel, trainOnBatchModel } from '../train/index.js';
import { Container } from './container.js';
import { keptOutputs, recyclesIntermediates } from './inference-recycling.js';
import type { ContainerArgs } from './container.js';
import { containerConfig, containerFromConfig } from './container-config.js';
import { registerClass } from './registry.js';
import { convertTsToPythonic } from './serialization.js';
import type { ConfigDict } from './serialization.js';
import { printSummary } from './summary.js';
import { saveModel } from '../io/model-io.js';
import type { SaveOptions } from '../io/model-io.js';
import type { IOHandler, SaveResult } from '../io/artifacts.js';
import type { PrintFn } from './summary.js';
import { fmtLayerShape, toList } from './symbolic.js';

/** Options of `predict`. */
export interface PredictArgs {
  /** Samples per forward pass (default 32). */
  batchSize?: number;
  /** Accepted for TensorFlow.js compatibility; predict prints nothing. */
  verbose?: boolean | number;
}

/**
 * The version string written to `keras_version` in model.json (that of the TensorFlow.js format followed).
 * @example model.toJSON(null, false).keras_version // 'tfjs-layers 4.22.0'
 */
export const KERAS_VERSION = 'tfjs-layers 4.22.0';

/**
 * A model made of layers connected in a graph (the functional API): `model({inputs, outputs})`. It is itself a
 * layer, so models nest. Inference with `predict`; training with `compile` / `fit` / `evaluate`, as in
 * TensorFlow.js.
 * @example const x = input({shape: [4]}); const y = layers.dense({units: 1}).apply(x) as SymbolicTensor; const m = model({inputs: x, outputs: y})
 */
export class LayersModel extends Container {
  static readonly className: string = 'Model';
  /** The optimizer, set by `compile`. */
  optimizer: unknown = undefined;
  /** The loss(es) given to `compile`. */
  loss: unknown = undefined;
  /** The metrics given to `compile`. */
  metrics: unknown = undefined;
  /** Whether `compile` has run. */
  compiled = false;
  /** Set by `compile`: 'loss' then the metric names, as `fit` logs them. */
  metricsNames: string[] = [];
  /** Set to true (e.g. by a callback) to stop `fit` after the current batch. */
  stopTraining = false;

  constructor(args: ContainerArgs) {
    super(args);
  }

  /**
   * Prints a table of the layers (name and type, output shape, parameter count, and the inputs each receives in
   * non-sequential graphs) and the parameter totals; pass `printFn` to capture the lines.
   * @example const lines: string[] = []; model.summary(undefined, undefined, (l) => lines.push(l))
   */
  summary(lineLength?: number, positions?: number[], printFn: PrintFn = console.log): void {
    printSummary(this, lineLength, positions, printFn);
  }

  /** Validates concrete inputs against the model inputs (count, rank, known dimensions). */
  protected standardizeInputs(fn: string, x: Tensor | Tensor[]): Tensor[] {
    const xs = toList(x);
    check(xs.length === this.inputs.length && xs.every((t) => t instanceof Tensor), fn,
      () => `expected ${this.inputs.length} input tensor(s) for inputs ${this.inputNames.join(', ')}, received ${describe(x)}`);
    xs.forEach((t, i) => {
      const want = this.inputs[i].shape;
      check(t.rank === want.length && want.every((d, k) => d === null || d === t.shape[k]), fn,
        () => `input ${i} (${this.inputNames[i]}) must have shape ${fmtLayerShape(want)}, received [${t.shape.join(',')}]`);
    });
    return xs;
  }

  /**
   * Runs the model on concrete inputs, recording gradients: one tensor per input in, one per output out. The
   * training loop calls this; `regularizationLosses()` then gives the penalties of this pass.
   * @example const [yPred] = model.callForTraining([x], true)
   */
  callForTraining(inputs: Tensor[], training: boolean): Tensor[] {
    const xs = this.standardizeInputs('callForTraining', inputs);
    return toList(this.apply(xs.length === 1 ? xs[0] : xs, { training }));
  }

  /**
   * Regularization penalties (scalars) of the model's layers: kernel/bias/... penalties on the current weights and
   * activity penalties of the last forward pass. The training loop adds their sum to the loss.
   * @example const total = model.regularizationLosses().reduce((a, b) => add(a, b))
   */
  regularizationLosses(): Tensor[] {
    return this.calculateLosses();
  }

  /**
   * Outputs for one batch, in inference mode and without recording gradients.
   * @example model.predictOnBatch(tensor([[1, 2, 3, 4]]))
   */
  predictOnBatch(x: Tensor | Tensor[]): Tensor | Tensor[] {
    const xs = this.standardizeInputs('predictOnBatch', x);
    return noGrad(() => this.infer(xs, recyclesIntermediates(this)));
  }

  /**
   * Outputs for all samples, computed `batchSize` samples at a time in inference mode, without gradients.
   * @example const y = model.predict(x, {batchSize: 64}) as Tensor
   */
  predict(x: Tensor | Tensor[], args: PredictArgs = {}): Tensor | Tensor[] {
    const xs = this.standardizeInputs('predict', x);
    const batchSize = args?.batchSize ?? 32;
    check(Number.isInteger(batchSize) && batchSize > 0, 'predict', () => `batchSize must be a positive integer, received ${describe(batchSize)}`);
    const n = xs[0].rank > 0 ? xs[0].shape[0] : 1;
    check(xs.every((t) => t.rank > 0 && t.shape[0] === n), 'predict',
      () => `every input must have the same number of samples, received ${xs.map((t) => `[${t.shape.join(',')}]`).join(', ')}`);
    const recycle = recyclesIntermediates(this);
    return noGrad(() => {
      if (n <= batchSize) return this.infer(xs, recycle);
      const parts: Tensor[][] = [];
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        const batch = xs.map((t) => slice(t, [start], [size]));
        parts.push(toList(this.infer(batch, recycle)));
      }
      const outs = parts[0].map((_, k) => concat(parts.map((p) => p[k]), 0));
      return outs.length === 1 && this.outputs.length === 1 ? outs[0] : outs;
    });
  }

  /**
   * The outputs for `xs` in inference mode; with `recycle` (see `recyclesIntermediates`) the storage of every
   * intermediate tensor goes back to the pool at once.
   */
  private infer(xs: Tensor[], recycle: boolean): Tensor | Tensor[] {
    const forward = (): Tensor | Tensor[] => this.apply(xs.length === 1 ? xs[0] : xs, { training: false });
    return recycle ? withInternal(forward, keptOutputs) : forward();
  }

  /**
   * Configures training: optimizer, loss(es) and metrics (TensorFlow.js arguments).
   * @example model.compile({optimizer: 'adam', loss: 'meanSquaredError', metrics: ['mse']})
   */
  compile(args: Parameters<typeof compileModel>[1]): ReturnType<typeof compileModel> {
    return compileModel(this, args);
  }

  /**
   * Trains on tensors for a number of epochs; resolves to the History.
   * @example const history = await model.fit(x, y, {epochs: 10, batchSize: 32, validationSplit: 0.2})
   */
  fit(x: Parameters<typeof fitModel>[1], y: Parameters<typeof fitModel>[2], args?: Parameters<typeof fitModel>[3]): ReturnType<typeof fitModel> {
    return fitModel(this, x, y, args);
  }

  /**
   * Trains on a dataset of {xs, ys} batches.
   * @example await model.fitDataset(ds, {epochs: 5})
   */
  fitDataset(dataset: Parameters<typeof fitDatasetModel>[1], args?: Parameters<typeof fitDatasetModel>[2]): ReturnType<typeof fitDatasetModel> {
    return fitDatasetModel(this, dataset, args);
  }

  /**
   * Loss and metrics on tensors, in inference mode.
   * @example const [loss, acc] = model.evaluate(x, y) as Tensor[]
   */
  evaluate(x: Parameters<typeof evaluateModel>[1], y: Parameters<typeof evaluateModel>[2], args?: Parameters<typeof evaluateModel>[3]): ReturnType<typeof evaluateModel> {
    return evaluateModel(this, x, y, args);
  }

  /**
   * Loss and metrics over a dataset.
   * @example await model.evaluateDataset(ds)
   */
  evaluateDataset(dataset: Parameters<typeof evaluateDatasetModel>[1], args?: Parameters<typeof evaluateDatasetModel>[2]): ReturnType<typeof evaluateDatasetModel> {
    return evaluateDatasetModel(this, dataset, args);
  }

  /**
   * One gradient step on one batch; returns the loss (and metrics).
   * @example const loss = await model.trainOnBatch(x, y)
   */
  trainOnBatch(x: Parameters<typeof trainOnBatchModel>[1], y: Parameters<typeof trainOnBatchModel>[2]): ReturnType<typeof trainOnBatchModel> {
    return trainOnBatchModel(this, x, y);
  }

  /**
   * The topology config, TensorFlow.js camelCase form: {name, layers: [{name, className, config, inboundNodes}],
   * inputLayers, outputLayers}.
   * @example model.getConfig().layers
   */
  /**
   * Saves topology and weights in the TensorFlow.js Layers format (model.json + binary shards), atomically.
   * In Node a path or 'file://dir' works once 'tensorgrad/node' is imported; in browsers use an IOHandler.
   * @example await model.save('file://./my-model', { includeOptimizer: true })
   */
  save(handlerOrUrl: IOHandler | string, options?: SaveOptions): Promise<SaveResult> {
    return saveModel(this, handlerOrUrl, options);
  }

  override getConfig(): ConfigDict {
    return containerConfig(this);
  }

  /**
   * Rebuilds a model from `getConfig()` output (camelCase form; see `modelFromConfig` for model.json).
   * @example LayersModel.fromConfig(LayersModel, model.getConfig())
   */
  static override fromConfig<T>(cls: new (config: never) => T, config: ConfigDict): T {
    return containerFromConfig(cls as unknown as new (args: ContainerArgs) => T, config);
  }

  /**
   * The model topology as model.json stores it: `{class_name, config, keras_version, backend}` in snake_case;
   * a string unless `returnString` is false.
   * @example const topology = model.toJSON(null, false)
   */
  toJSON(_unused?: unknown, returnString = true): string | ConfigDict {
    // Like TensorFlow.js, the backend name goes through the snake_case conversion too ('tensor_flow.js').
    const json = convertTsToPythonic({
      className: this.getClassName(), config: this.getConfig(), kerasVersion: KERAS_VERSION, backend: 'TensorFlow.js',
    }) as ConfigDict;
    return returnString ? JSON.stringify(json) : json;
  }
}
registerClass(LayersModel);
// Keras >= 2.4 writes functional models as 'Functional'.
registerClass(LayersModel, 'layer', 'Functional');
