// fit on tensors: a readable loop over epochs and batches that calls the callbacks around each.
import { ArgumentError, check, describe } from '../core/errors.js';
import { globalRandom } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { Callback, CallbackList, History, toCallbacks } from './callbacks/callback.js';
import type { CallbackLike, Logs, TrainingParams } from './callbacks/callback.js';
import { ProgressLogger } from './callbacks/progress.js';
import { compiledOf } from './compile.js';
import type { Compiled } from './compile.js';
import { classSampleWeights, combineWeights, intOption, samplesOf, sliceRows, takeRows } from './data.js';
import type { Samples } from './data.js';
import { runEvaluation } from './evaluate.js';
import { Trackers, trainStep } from './step.js';
import type { Batch } from './step.js';
import type { ClassWeight, Data, FitArgs, TrainableModel } from './types.js';

const training = new WeakSet<TrainableModel>();

/** Rows [start, end) of every tensor of `s`. */
function sliceSamples(s: Samples, start: number, end: number): Samples {
  return {
    xs: s.xs.map((t) => sliceRows(t, start, end)), ys: s.ys.map((t) => sliceRows(t, start, end)),
    weights: s.weights && sliceRows(s.weights, start, end), n: end - start,
  };
}

/** Callbacks of a run: the user's, then History, then the progress display (Keras order). */
export function callbackList(args: { callbacks?: CallbackLike | CallbackLike[]; verbose?: number }, history: History): CallbackList {
  const verbose = args.verbose ?? 1;
  check(verbose === 0 || verbose === 1 || verbose === 2, 'fit', () => `verbose must be 0, 1 or 2, received ${describe(verbose)}`);
  const list: Callback[] = [...toCallbacks(args.callbacks), history];
  if (verbose > 0) list.push(new ProgressLogger({ verbose: verbose as 1 | 2 }));
  return new CallbackList(list);
}

/** Runs `body` as the model's only training run (TensorFlow.js refuses concurrent fit calls). */
export async function exclusively<T>(fn: string, model: TrainableModel, body: () => Promise<T>): Promise<T> {
  if (training.has(model)) throw new ArgumentError(fn, `the model ${model.name} is already training: await the running fit() first`);
  training.add(model);
  try {
    model.stopTraining = false;
    return await body();
  } finally {
    training.delete(model);
  }
}

/** The validation samples of fit: validationData, or the last `validationSplit` of the data (before shuffling). */
function splitValidation(fn: string, model: TrainableModel, all: Samples, args: FitArgs): { train: Samples; val: Samples | null } {
  if (args.validationData !== undefined) {
    const v = args.validationData;
    check(Array.isArray(v) && (v.length === 2 || v.length === 3), fn, () => `validationData must be [x, y] or [x, y, sampleWeight], received ${describe(v)}`);
    return { train: all, val: samplesOf(fn, model, v[0], v[1], v[2]) };
  }
  const split = args.validationSplit ?? 0;
  check(typeof split === 'number' && split >= 0 && split < 1, fn, () => `validationSplit must be in [0, 1), received ${describe(split)}`);
  if (split === 0) return { train: all, val: null };
  const at = Math.floor(all.n * (1 - split));
  check(at > 0 && at < all.n, fn, () => `validationSplit ${split} leaves no training or no validation samples out of ${all.n}`);
  return { train: sliceSamples(all, 0, at), val: sliceSamples(all, at, all.n) };
}

function batchOf(s: Samples, order: Int32Array | null, start: number, end: number, classWeight: ClassWeight | undefined): Batch {
  const pick = (t: Tensor): Tensor => (order ? takeRows(t, order.subarray(start, end)) : sliceRows(t, start, end));
  const ys = s.ys.map(pick);
  const classes = classWeight ? classSampleWeights('fit', ys[0], classWeight) : null;
  return { xs: s.xs.map(pick), ys, weights: combineWeights(s.weights && pick(s.weights), classes) };
}

/** Validation logs ('val_' prefixed) when this epoch validates. */
export function validationLogs(model: TrainableModel, c: Compiled, val: Samples | null, epoch: number, freq: number, batchSize: number): Logs {
  if (!val || (epoch + 1) % freq !== 0) return {};
  return runEvaluation(model, c, val, batchSize).logs('val_');
}

/**
 * Trains `model` on tensors for `epochs` (Keras / TensorFlow.js `fit`): shuffled mini-batches, sample and class
 * weights, validation, callbacks; resolves to the History of per-epoch logs.
 * @example const history = await fitModel(model, x, y, { epochs: 10, batchSize: 32, validationSplit: 0.2 })
 */
export async function fitModel(model: TrainableModel, x: Data, y: Data, args: FitArgs = {}): Promise<History> {
  const fn = 'fit';
  const c = compiledOf(model, fn);
  const batchSize = intOption(fn, 'batchSize', args.batchSize, 1, 32);
  const epochs = intOption(fn, 'epochs', args.epochs, 0, 1);
  const initialEpoch = intOption(fn, 'initialEpoch', args.initialEpoch, 0, 0);
  const validationFreq = intOption(fn, 'validationFreq', args.validationFreq, 1, 1);
  const valBatchSize = intOption(fn, 'validationBatchSize', args.validationBatchSize, 1, batchSize);
  check(args.shuffle === undefined || typeof args.shuffle === 'boolean', fn, () => `shuffle must be a boolean, received ${describe(args.shuffle)}`);
  check(args.classWeight === undefined || model.outputNames.length === 1, fn, () => 'classWeight is only supported for models with one output');
  const { train, val } = splitValidation(fn, model, samplesOf(fn, model, x, y, args.sampleWeight), args);
  const steps = Math.ceil(train.n / batchSize);
  const history = new History();
  model.history = history;
  const callbacks = callbackList(args, history);
  const params: TrainingParams = {
    epochs, steps, samples: train.n, batchSize, verbose: args.verbose ?? 1, doValidation: val !== null,
    metrics: [...c.names, ...(val ? c.names.map((n) => `val_${n}`) : [])],
  };
  return exclusively(fn, model, async () => {
    callbacks.configure(model, params);
    await callbacks.onTrainBegin();
    const trackers = new Trackers(model, c);
    let logs: Logs = {};
    for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      await callbacks.onEpochBegin(epoch);
      trackers.reset();
      const order = args.shuffle === false ? null : globalRandom.shuffle(Int32Array.from({ length: train.n }, (_, i) => i));
      for (let b = 0; b < steps; b++) {
        const start = b * batchSize, end = Math.min(start + batchSize, train.n);
        const batch = batchOf(train, order, start, end, args.classWeight);
        await callbacks.onBatchBegin(b, { batch: b, size: end - start });
        trackers.update(batch, trainStep(model, c, batch));
        await callbacks.onBatchEnd(b, { batch: b, size: end - start, ...trackers.logs() });
        if (model.stopTraining) break;
      }
      logs = { ...trackers.logs(), ...validationLogs(model, c, val, epoch, validationFreq, valBatchSize) };
      await callbacks.onEpochEnd(epoch, logs);
    }
    await callbacks.onTrainEnd(logs);
    return history;
  });
}

/**
 * One optimizer step on one batch; returns the loss and the metrics on that batch (TensorFlow.js
 * `trainOnBatch`): a number, or [loss, ...metrics] when metrics were compiled.
 * @example const [loss, acc] = trainOnBatchModel(model, xBatch, yBatch) as number[]
 */
export function trainOnBatchModel(model: TrainableModel, x: Data, y: Data, sampleWeight?: unknown, classWeight?: ClassWeight): number | number[] {
  const fn = 'trainOnBatch';
  const c = compiledOf(model, fn);
  const s = samplesOf(fn, model, x, y, sampleWeight);
  const batch = batchOf(s, null, 0, s.n, classWeight);
  const trackers = new Trackers(model, c);
  trackers.reset();
  trackers.update(batch, trainStep(model, c, batch));
  const values = Object.values(trackers.logs());
  return values.length === 1 ? values[0] : values;
}
