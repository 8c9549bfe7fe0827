// evaluate and predict on tensors, batched.
import { check } from '../core/errors.js';
import { noGrad } from '../core/grad-mode.js';
import { Tensor } from '../core/tensor.js';
import { scalar } from '../ops/creation.js';
import { compiledOf } from './compile.js';
import type { Compiled } from './compile.js';
import { concatRows, inputNamesOf, intOption, samplesOf, sliceRows, toTensorList } from './data.js';
import type { Samples } from './data.js';
import { Trackers, testStep } from './step.js';
import type { Data, EvaluateArgs, PredictArgs, TrainableModel } from './types.js';

/** Runs test steps over `s` in batches; returns the trackers holding the averages. */
export function runEvaluation(model: TrainableModel, c: Compiled, s: Samples, batchSize: number, steps?: number): Trackers {
  const trackers = new Trackers(model, c);
  trackers.reset();
  const total = Math.min(Math.ceil(s.n / batchSize), steps ?? Infinity);
  for (let b = 0; b < total; b++) {
    const start = b * batchSize, end = Math.min(start + batchSize, s.n);
    const batch = {
      xs: s.xs.map((t) => sliceRows(t, start, end)), ys: s.ys.map((t) => sliceRows(t, start, end)),
      weights: s.weights && sliceRows(s.weights, start, end),
    };
    trackers.update(batch, testStep(model, c, batch));
  }
  return trackers;
}

/** Scalar tensors of logged values: one, or a list (loss first) like TensorFlow.js. */
export function scalars(values: number[]): Tensor | Tensor[] {
  const ts = values.map((v) => scalar(v));
  return ts.length === 1 ? ts[0] : ts;
}

/**
 * The loss and metrics of the model on (x, y), computed in batches in inference mode: a scalar tensor, or
 * [loss, ...metrics] (TensorFlow.js `evaluate`).
 * @example const [loss, acc] = evaluateModel(model, xTest, yTest, { batchSize: 64 }) as Tensor[]
 */
export function evaluateModel(model: TrainableModel, x: Data, y: Data, args: EvaluateArgs = {}): Tensor | Tensor[] {
  const fn = 'evaluate';
  const c = compiledOf(model, fn);
  const batchSize = intOption(fn, 'batchSize', args.batchSize, 1, 32);
  const steps = args.steps === undefined ? undefined : intOption(fn, 'steps', args.steps, 1, 1);
  const s = samplesOf(fn, model, x, y, args.sampleWeight);
  return scalars(Object.values(runEvaluation(model, c, s, batchSize, steps).logs()));
}

/**
 * The model's outputs for `x`, computed in batches in inference mode and concatenated (TensorFlow.js `predict`).
 * @example const probs = predictModel(model, xTest, { batchSize: 128 }) as Tensor
 */
export function predictModel(model: TrainableModel, x: Data, args: PredictArgs = {}): Tensor | Tensor[] {
  const fn = 'predict';
  const batchSize = intOption(fn, 'batchSize', args.batchSize, 1, 32);
  const xs = toTensorList(fn, 'x', x, inputNamesOf(model));
  const n = xs[0].rank > 0 ? xs[0].shape[0] : 0;
  xs.forEach((t) => check(t.rank > 0 && t.shape[0] === n, fn, () => `every input needs ${n} rows, received ${t.shape[0] ?? 'a scalar'}`));
  const parts: Tensor[][] = [];
  noGrad(() => {
    for (let start = 0; start < n || (n === 0 && start === 0); start += batchSize) {
      const end = Math.min(start + batchSize, n);
      const out = model.apply(xs.length === 1 ? sliceRows(xs[0], start, end) : xs.map((t) => sliceRows(t, start, end)), { training: false });
      (Array.isArray(out) ? out : [out]).forEach((o, i) => (parts[i] ??= []).push(o));
      if (n === 0) break;
    }
  });
  const outs = parts.map((p) => (p.length === 1 ? p[0] : concatRows(p)));
  return outs.length === 1 ? outs[0] : outs;
}

/**
 * The model's outputs for one batch, in inference mode (TensorFlow.js `predictOnBatch`).
 * @example const y = predictOnBatchModel(model, xBatch) as Tensor
 */
export function predictOnBatchModel(model: TrainableModel, x: Data): Tensor | Tensor[] {
  const xs = toTensorList('predictOnBatch', 'x', x, inputNamesOf(model));
  return noGrad(() => model.apply(xs.length === 1 ? xs[0] : xs, { training: false }));
}
