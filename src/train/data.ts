// Inputs and targets of fit / evaluate / predict: normalization to one tensor per model input or output, and
// row slicing, gathering and concatenation along the batch axis (plain copies: data needs no autograd).
import { allocArray } from '../core/dtype.js';
import { ArgumentError, check, describe, fmtShape } from '../core/errors.js';
import { sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { toTensor } from '../ops/convert.js';
import type { TensorLike } from '../ops/convert.js';
import type { ClassWeight, Data, TrainableModel } from './types.js';

/**
 * One tensor per name from a tensor (single name), a list, or a record keyed by the names.
 * `what` is 'x' or 'y', for messages.
 */
export function toTensorList(fn: string, what: string, data: Data, names: readonly string[]): Tensor[] {
  if (data instanceof Tensor) {
    check(names.length <= 1, fn, () => `${what} must be a list or record of ${names.length} tensors (${names.join(', ')}), received one tensor`);
    return [data];
  }
  if (Array.isArray(data) && data.length > 0 && data.every((d) => d instanceof Tensor)) {
    check(data.length === names.length || names.length === 0, fn,
      () => `${what} must have one tensor per ${what === 'x' ? 'input' : 'output'} (${names.length}: ${names.join(', ')}), received ${data.length}`);
    return data as Tensor[];
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && !ArrayBuffer.isView(data)) {
    const rec = data as Record<string, Tensor>;
    return names.map((n) => {
      const t = rec[n];
      check(t instanceof Tensor, fn, () => `${what} has no tensor for '${n}' (keys: ${Object.keys(rec).join(', ')})`);
      return t;
    });
  }
  check(names.length <= 1, fn, () => `${what} must be a list or record of ${names.length} tensors, received ${describe(data)}`);
  return [toTensor(fn, what, data as TensorLike)];
}

/** The common number of rows of all tensors (throws when they disagree). */
export function countRows(fn: string, groups: Record<string, readonly Tensor[]>): number {
  let n: number | undefined;
  let first = '';
  for (const [what, ts] of Object.entries(groups)) {
    ts.forEach((t, i) => {
      check(t.rank >= 1, fn, () => `${what}${ts.length > 1 ? `[${i}]` : ''} needs a batch axis, received a scalar`);
      if (n === undefined) { n = t.shape[0]; first = what; return; }
      if (t.shape[0] !== n) {
        throw new ArgumentError(fn, `${first} and ${what} must have the same number of samples, received ${n} and ${t.shape[0]} (shape ${fmtShape(t.shape)})`);
      }
    });
  }
  return n ?? 0;
}

/** Rows [start, end) of `t`, sharing its storage. */
export function sliceRows(t: Tensor, start: number, end: number): Tensor {
  const row = t.shape[0] === 0 ? 0 : t.size / t.shape[0];
  // Marked shared: disposing `t` must not hand memory these rows still view to the next op.
  return Tensor.fromStorage(t.markShared().storage.subarray(start * row, end * row), [end - start, ...t.shape.slice(1)], t.dtype);
}

/** The rows of `t` at `indices`, copied. */
export function takeRows(t: Tensor, indices: ArrayLike<number>): Tensor {
  const row = t.shape[0] === 0 ? 0 : t.size / t.shape[0];
  const out = allocArray(t.dtype, indices.length * row);
  for (let i = 0; i < indices.length; i++) out.set(t.storage.subarray(indices[i] * row, (indices[i] + 1) * row), i * row);
  return Tensor.fromStorage(out, [indices.length, ...t.shape.slice(1)], t.dtype);
}

/** Concatenates tensors along the first axis (the batches of predict). */
export function concatRows(ts: readonly Tensor[]): Tensor {
  const rows = ts.reduce((n, t) => n + t.shape[0], 0);
  const shape = [rows, ...ts[0].shape.slice(1)];
  const out = allocArray(ts[0].dtype, sizeOf(shape));
  let offset = 0;
  for (const t of ts) { out.set(t.storage, offset); offset += t.size; }
  return Tensor.fromStorage(out, shape, ts[0].dtype);
}

/**
 * Per-sample weights from class weights, as Keras: the class of a sample is the arg-max of a one-hot target
 * row, else its (rounded) label value. Classes missing from `classWeight` weigh 1.
 */
export function classSampleWeights(fn: string, y: Tensor, classWeight: ClassWeight): Float32Array {
  const n = y.shape[0] ?? 1;
  const width = n === 0 ? 0 : y.size / n;
  const out = new Float32Array(n);
  for (const [k, v] of Object.entries(classWeight)) {
    check(Number.isInteger(Number(k)) && typeof v === 'number', fn, () => `classWeight must map class indices to numbers, received ${k}: ${describe(v)}`);
  }
  for (let i = 0; i < n; i++) {
    let cls: number;
    if (width > 1) {
      cls = 0;
      for (let j = 1; j < width; j++) if (y.storage[i * width + j] > y.storage[i * width + cls]) cls = j;
    } else cls = Math.round(y.storage[i]);
    out[i] = classWeight[cls] ?? 1;
  }
  return out;
}

/** Combines optional sample weights and class weights into one [batch] weight tensor, or null. */
export function combineWeights(sample: Tensor | null, classes: Float32Array | null): Tensor | null {
  if (!classes) return sample;
  if (!sample) return Tensor.fromStorage(classes, [classes.length], 'float32');
  const out = new Float32Array(classes.length);
  for (let i = 0; i < out.length; i++) out[i] = classes[i] * sample.storage[i];
  return Tensor.fromStorage(out, [out.length], 'float32');
}

/** Aligned inputs, targets and optional sample weights, with their number of rows. */
export interface Samples {
  xs: Tensor[];
  ys: Tensor[];
  weights: Tensor | null;
  n: number;
}

/** Checks an optional integer option. */
export function intOption(fn: string, name: string, v: unknown, min: number, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  check(typeof v === 'number' && Number.isInteger(v) && v >= min, fn, () => `${name} must be an integer >= ${min}, received ${describe(v)}`);
  return v;
}

/** The model's input names (one unnamed input when it does not say). */
export function inputNamesOf(model: TrainableModel): string[] {
  return model.inputNames ?? ['input'];
}

/** Converts x, y and optional sample weights to aligned tensors. */
export function samplesOf(fn: string, model: TrainableModel, x: Data, y: Data, sampleWeight?: unknown): Samples {
  const xs = toTensorList(fn, 'x', x, inputNamesOf(model));
  const ys = toTensorList(fn, 'y', y, model.outputNames);
  const weights = sampleWeight === undefined || sampleWeight === null ? null : toTensor(fn, 'sampleWeight', sampleWeight);
  const n = countRows(fn, { x: xs, y: ys, ...(weights ? { sampleWeight: [weights] } : {}) });
  return { xs, ys, weights, n };
}
