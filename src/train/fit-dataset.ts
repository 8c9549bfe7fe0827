// fitDataset / evaluateDataset: the same loop as fit, fed by any async iterable of batches.
import { ArgumentError, check, describe } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { History } from './callbacks/callback.js';
import type { Logs, TrainingParams } from './callbacks/callback.js';
import { compiledOf } from './compile.js';
import type { Compiled } from './compile.js';
import { classSampleWeights, combineWeights, countRows, inputNamesOf, intOption, samplesOf, toTensorList } from './data.js';
import type { Samples } from './data.js';
import { runEvaluation, scalars } from './evaluate.js';
import { callbackList, exclusively } from './fit.js';
import { Trackers, testStep, trainStep } from './step.js';
import type { Batch } from './step.js';
import type { ClassWeight, Data, EvaluateDatasetArgs, FitDatasetArgs, TrainableModel } from './types.js';

/** A dataset element as a batch: `{xs, ys}` or `[xs, ys]` / `[xs, ys, sampleWeight]`. */
function toBatch(fn: string, model: TrainableModel, element: unknown, classWeight?: ClassWeight): Batch {
  let x: unknown, y: unknown, w: unknown;
  if (Array.isArray(element) && (element.length === 2 || element.length === 3)) [x, y, w] = element;
  else if (element && typeof element === 'object' && 'xs' in element && 'ys' in element) ({ xs: x, ys: y } = element as { xs: unknown; ys: unknown });
  else throw new ArgumentError(fn, `dataset elements must be {xs, ys} or [xs, ys] batches, received ${describe(element)}`);
  const xs = toTensorList(fn, 'xs', x as Data, inputNamesOf(model));
  const ys = toTensorList(fn, 'ys', y as Data, model.outputNames);
  const weights = w instanceof Tensor ? w : null;
  countRows(fn, { xs, ys, ...(weights ? { sampleWeight: [weights] } : {}) });
  return { xs, ys, weights: combineWeights(weights, classWeight ? classSampleWeights(fn, ys[0], classWeight) : null) };
}

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return !!v && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** Number of elements of a Dataset when it knows it. */
function knownSize(dataset: AsyncIterable<unknown>): number | null {
  const size = (dataset as { size?: unknown }).size;
  return typeof size === 'number' && Number.isFinite(size) ? size : null;
}

/** Evaluates up to `batches` batches of a dataset. */
async function evaluateBatches(fn: string, model: TrainableModel, c: Compiled, dataset: AsyncIterable<unknown>, batches?: number): Promise<Trackers> {
  const trackers = new Trackers(model, c);
  trackers.reset();
  let b = 0;
  for await (const element of dataset) {
    if (batches !== undefined && b >= batches) break;
    const batch = toBatch(fn, model, element);
    trackers.update(batch, testStep(model, c, batch));
    b++;
  }
  return trackers;
}

type Validation = { dataset: AsyncIterable<unknown> } | { samples: Samples } | null;

async function validate(fn: string, model: TrainableModel, c: Compiled, val: Validation, batches?: number): Promise<Logs> {
  if (!val) return {};
  if ('samples' in val) return runEvaluation(model, c, val.samples, 32).logs('val_');
  return (await evaluateBatches(fn, model, c, val.dataset, batches)).logs('val_');
}

/**
 * Trains `model` on a dataset of batches (TensorFlow.js `fitDataset`): each element is `{xs, ys}` or
 * `[xs, ys]`; each epoch is a full pass, or `batchesPerEpoch` batches of one continuing iterator.
 * @example await fitDatasetModel(model, Dataset.fromArrays(x, y).shuffle(1000, 1).batch(32), { epochs: 5 })
 */
export async function fitDatasetModel(model: TrainableModel, dataset: AsyncIterable<unknown>, args: FitDatasetArgs = {}): Promise<History> {
  const fn = 'fitDataset';
  const c = compiledOf(model, fn);
  check(isAsyncIterable(dataset), fn, () => `dataset must be an async iterable of batches, received ${describe(dataset)}`);
  const epochs = intOption(fn, 'epochs', args.epochs, 0, 1);
  const initialEpoch = intOption(fn, 'initialEpoch', args.initialEpoch, 0, 0);
  const validationFreq = intOption(fn, 'validationFreq', args.validationFreq, 1, 1);
  const perEpoch = args.batchesPerEpoch === undefined ? undefined : intOption(fn, 'batchesPerEpoch', args.batchesPerEpoch, 1, 1);
  const v = args.validationData;
  let val: Validation = null;
  if (isAsyncIterable(v)) val = { dataset: v };
  else if (v !== undefined) {
    check(Array.isArray(v) && (v.length === 2 || v.length === 3), fn, () => `validationData must be a dataset or [x, y], received ${describe(v)}`);
    val = { samples: samplesOf(fn, model, v[0], v[1], v[2]) };
  }
  const history = new History();
  model.history = history;
  const callbacks = callbackList(args, history);
  const params: TrainingParams = {
    epochs, steps: perEpoch ?? knownSize(dataset), samples: null, batchSize: null, verbose: args.verbose ?? 1,
    doValidation: val !== null, metrics: [...c.names, ...(val ? c.names.map((n) => `val_${n}`) : [])],
  };
  return exclusively(fn, model, async () => {
    callbacks.configure(model, params);
    await callbacks.onTrainBegin();
    const trackers = new Trackers(model, c);
    const shared = perEpoch === undefined ? null : dataset[Symbol.asyncIterator]();
    let logs: Logs = {};
    for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      await callbacks.onEpochBegin(epoch);
      trackers.reset();
      const it = shared ?? dataset[Symbol.asyncIterator]();
      let b = 0;
      for (; perEpoch === undefined || b < perEpoch; b++) {
        const next = await it.next();
        if (next.done) {
          if (shared) {
            console.warn(`fitDataset: the dataset ran out after ${b} batches of epoch ${epoch + 1} (batchesPerEpoch ${perEpoch}); training stops. Use dataset.repeat() to train longer.`);
            model.stopTraining = true;
          }
          break;
        }
        const batch = toBatch(fn, model, next.value, args.classWeight);
        const size = batch.ys[0]?.shape[0] ?? 0;
        await callbacks.onBatchBegin(b, { batch: b, size });
        trackers.update(batch, trainStep(model, c, batch));
        await callbacks.onBatchEnd(b, { batch: b, size, ...trackers.logs() });
        if (model.stopTraining) break;
      }
      if (b === 0) break;
      logs = { ...trackers.logs(), ...((epoch + 1) % validationFreq === 0 ? await validate(fn, model, c, val, args.validationBatches) : {}) };
      await callbacks.onEpochEnd(epoch, logs);
    }
    await callbacks.onTrainEnd(logs);
    return history;
  });
}

/**
 * The loss and metrics over a dataset of batches (TensorFlow.js `evaluateDataset`).
 * @example const [loss, acc] = await evaluateDatasetModel(model, testDs) as Tensor[]
 */
export async function evaluateDatasetModel(model: TrainableModel, dataset: AsyncIterable<unknown>, args: EvaluateDatasetArgs = {}): Promise<Tensor | Tensor[]> {
  const fn = 'evaluateDataset';
  const c = compiledOf(model, fn);
  check(isAsyncIterable(dataset), fn, () => `dataset must be an async iterable of batches, received ${describe(dataset)}`);
  const batches = args.batches === undefined ? undefined : intOption(fn, 'batches', args.batches, 1, 1);
  return scalars(Object.values((await evaluateBatches(fn, model, c, dataset, batches)).logs()));
}
