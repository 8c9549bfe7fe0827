// Accuracy metrics as functions of (yTrue, yPred) returning one value per sample (TensorFlow.js `tf.metrics`);
// plain loops over the stored values: metrics are never differentiated.
import { allocArray } from '../core/dtype.js';
import { check, describe, fmtShape } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { toTensor } from '../ops/convert.js';
import type { TensorLike } from '../ops/convert.js';
import { targetsAndPredictions } from '../losses/reduction.js';

function perSample(shape: readonly number[], values: Float32Array): Tensor {
  return Tensor.fromStorage(values, shape, 'float32');
}

/** Rows of the last axis of `p`: [count, width]. */
function rows(fn: string, p: Tensor): [number, number] {
  check(p.rank >= 1, fn, () => `yPred needs a class axis, received shape ${fmtShape(p.shape)}`);
  const c = p.shape[p.rank - 1];
  return [c === 0 ? 0 : p.size / c, c];
}

function argmaxRow(a: ArrayLike<number>, base: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (a[base + k] > a[base + best]) best = k;
  return best;
}

/** Class indices of sparse targets: shape p.shape[:-1] (or with a trailing 1). */
function sparseTargets(fn: string, yTrue: TensorLike, p: Tensor): Tensor {
  const t = toTensor(fn, 'yTrue', yTrue);
  const n = p.rank === 0 ? 0 : p.size / (p.shape[p.rank - 1] || 1);
  check(t.size === n && (t.rank === p.rank - 1 || (t.rank === p.rank && t.shape[t.rank - 1] === 1)), fn,
    () => `yTrue must hold one class index per sample (shape ${fmtShape(p.shape.slice(0, -1))}), received ${fmtShape(t.shape)} for yPred ${fmtShape(p.shape)}`);
  return t;
}

/**
 * Per sample, the fraction of entries where `yPred > threshold` equals the 0/1 target (mean over the last axis;
 * a vector is a batch of single predictions).
 * @example binaryAccuracy(tensor([[1], [0]]), tensor([[0.7], [0.6]])) // [1, 0]
 */
export function binaryAccuracy(yTrue: TensorLike, yPred: TensorLike, threshold = 0.5): Tensor {
  const [t, p] = targetsAndPredictions('binaryAccuracy', yTrue, yPred);
  const width = p.rank <= 1 ? 1 : p.shape[p.rank - 1];
  const n = width === 0 ? 0 : p.size / width;
  const out = allocArray('float32', n);
  const a = t.storage, b = p.storage;
  for (let r = 0; r < n; r++) {
    let hits = 0;
    for (let k = r * width; k < (r + 1) * width; k++) if ((b[k] > threshold ? 1 : 0) === (a[k] !== 0 ? 1 : 0)) hits++;
    out[r] = hits / width;
  }
  return perSample(p.rank <= 1 ? p.shape : p.shape.slice(0, -1), out);
}

/**
 * Per sample, 1 when the arg-max of the prediction is the arg-max of the one-hot target, else 0.
 * @example categoricalAccuracy(tensor([[0, 1]]), tensor([[0.3, 0.7]])) // [1]
 */
export function categoricalAccuracy(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [t, p] = targetsAndPredictions('categoricalAccuracy', yTrue, yPred);
  const [n, c] = rows('categoricalAccuracy', p);
  const out = allocArray('float32', n);
  for (let r = 0; r < n; r++) out[r] = argmaxRow(t.storage, r * c, c) === argmaxRow(p.storage, r * c, c) ? 1 : 0;
  return perSample(p.shape.slice(0, -1), out);
}

/**
 * Per sample, 1 when the arg-max of the prediction is the integer target, else 0.
 * @example sparseCategoricalAccuracy(tensor([1, 0]), tensor([[0.3, 0.7], [0.4, 0.6]])) // [1, 0]
 */
export function sparseCategoricalAccuracy(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const p = toTensor('sparseCategoricalAccuracy', 'yPred', yPred);
  const [n, c] = rows('sparseCategoricalAccuracy', p);
  const t = sparseTargets('sparseCategoricalAccuracy', yTrue, p);
  const out = allocArray('float32', n);
  for (let r = 0; r < n; r++) out[r] = argmaxRow(p.storage, r * c, c) === t.storage[r] ? 1 : 0;
  return perSample(p.shape.slice(0, -1), out);
}

/** 1 when fewer than k entries of the row exceed the target's (ties at the boundary count as in, as tf.nn.in_top_k). */
function inTopK(a: ArrayLike<number>, base: number, n: number, target: number, k: number): boolean {
  const v = a[base + target];
  let larger = 0;
  for (let j = 0; j < n; j++) if (a[base + j] > v) larger++;
  return larger < k;
}

function checkK(fn: string, k: number): void {
  check(Number.isInteger(k) && k >= 1, fn, () => `k must be a positive integer, received ${describe(k)}`);
}

/**
 * Per sample, 1 when the target class (arg-max of the one-hot target) is among the k highest predictions.
 * @example topKCategoricalAccuracy(tensor([[0, 0, 1]]), tensor([[0.5, 0.3, 0.2]]), 2) // [0]
 */
export function topKCategoricalAccuracy(yTrue: TensorLike, yPred: TensorLike, k = 5): Tensor {
  checkK('topKCategoricalAccuracy', k);
  const [t, p] = targetsAndPredictions('topKCategoricalAccuracy', yTrue, yPred);
  const [n, c] = rows('topKCategoricalAccuracy', p);
  const out = allocArray('float32', n);
  for (let r = 0; r < n; r++) out[r] = inTopK(p.storage, r * c, c, argmaxRow(t.storage, r * c, c), k) ? 1 : 0;
  return perSample(p.shape.slice(0, -1), out);
}

/**
 * Per sample, 1 when the integer target is among the k highest predictions.
 * @example sparseTopKCategoricalAccuracy(tensor([2]), tensor([[0.5, 0.3, 0.2]]), 3) // [1]
 */
export function sparseTopKCategoricalAccuracy(yTrue: TensorLike, yPred: TensorLike, k = 5): Tensor {
  checkK('sparseTopKCategoricalAccuracy', k);
  const p = toTensor('sparseTopKCategoricalAccuracy', 'yPred', yPred);
  const [n, c] = rows('sparseTopKCategoricalAccuracy', p);
  const t = sparseTargets('sparseTopKCategoricalAccuracy', yTrue, p);
  const out = allocArray('float32', n);
  for (let r = 0; r < n; r++) {
    const target = t.storage[r];
    out[r] = target >= 0 && target < c && inTopK(p.storage, r * c, c, target, k) ? 1 : 0;
  }
  return perSample(p.shape.slice(0, -1), out);
}
