import type { DType } from '../core/dtype.js';
import { allocArray, isFloat } from '../core/dtype.js';
import { check } from '../core/errors.js';
import { globalRandom } from '../core/random.js';
import { checkShape, sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { checkDType } from './convert.js';

/**
 * A tensor of `shape` filled with `value`.
 * @example full([2, 2], 7) // [[7, 7], [7, 7]]
 */
export function full(shape: readonly number[], value: number, dtype: DType = 'float32'): Tensor {
  const s = checkShape('full', shape);
  checkDType('full', dtype);
  check(typeof value === 'number' || typeof value === 'boolean', 'full', () => `value must be a number, received ${typeof value}`);
  const data = allocArray(dtype, sizeOf(s));
  if (value !== 0) data.fill(Number(value));
  return Tensor.fromStorage(data, s, dtype);
}

/**
 * A tensor of zeros.
 * @example zeros([2, 3]).shape // [2, 3]
 */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return full(shape, 0, dtype);
}

/**
 * A tensor of ones.
 * @example ones([3]) // [1, 1, 1]
 */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return full(shape, 1, dtype);
}

/**
 * Zeros with the shape and dtype of `x`.
 * @example zerosLike(tensor([1, 2])) // [0, 0]
 */
export function zerosLike(x: Tensor): Tensor {
  return full(x.shape, 0, x.dtype);
}

/**
 * Ones with the shape and dtype of `x`.
 * @example onesLike(tensor([1, 2])) // [1, 1]
 */
export function onesLike(x: Tensor): Tensor {
  return full(x.shape, 1, x.dtype);
}

/**
 * A rank-0 tensor.
 * @example scalar(3.5).shape // []
 */
export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  return full([], value, dtype);
}

/**
 * Evenly spaced values in [start, stop) with `step`; `arange(n)` counts 0..n-1.
 * @example arange(0, 1, 0.25) // [0, 0.25, 0.5, 0.75]
 */
export function arange(start: number, stop?: number, step = 1, dtype: DType = 'float32'): Tensor {
  if (stop === undefined) { stop = start; start = 0; }
  check(Number.isFinite(start) && Number.isFinite(stop) && Number.isFinite(step), 'arange',
    () => `start, stop and step must be finite numbers, received ${start}, ${stop}, ${step}`);
  check(step !== 0, 'arange', () => 'step must not be 0, received 0');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocArray(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return Tensor.fromStorage(data, [n], dtype);
}

/**
 * `num` evenly spaced values from start to stop, both included.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number, dtype: DType = 'float32'): Tensor {
  check(Number.isInteger(num) && num >= 0, 'linspace', () => `num must be a non-negative integer, received ${num}`);
  const data = allocArray(dtype, num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return Tensor.fromStorage(data, [num], dtype);
}

/**
 * An identity matrix with `n` rows and `m` columns (default square).
 * @example eye(2) // [[1, 0], [0, 1]]
 */
export function eye(n: number, m = n, dtype: DType = 'float32'): Tensor {
  check(Number.isInteger(n) && n >= 0 && Number.isInteger(m) && m >= 0, 'eye', () => `n and m must be non-negative integers, received ${n}, ${m}`);
  const data = allocArray(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return Tensor.fromStorage(data, [n, m], dtype);
}

function randomTensor(fn: string, shape: readonly number[], dtype: DType, sample: () => number): Tensor {
  const s = checkShape(fn, shape);
  checkDType(fn, dtype);
  check(isFloat(dtype) || dtype === 'int32', fn, () => `dtype must be float32, float64 or int32, received ${dtype}`);
  const data = allocArray(dtype, sizeOf(s));
  for (let i = 0; i < data.length; i++) data[i] = sample();
  return Tensor.fromStorage(data, s, dtype);
}

/**
 * Uniform samples in [minval, maxval), from the global seeded generator (see `setSeed`).
 * @example randomUniform([2, 2], -1, 1)
 */
export function randomUniform(shape: readonly number[], minval = 0, maxval = 1, dtype: DType = 'float32'): Tensor {
  check(minval <= maxval, 'randomUniform', () => `minval must not exceed maxval, received ${minval} > ${maxval}`);
  const span = maxval - minval;
  return dtype === 'int32'
    ? randomTensor('randomUniform', shape, dtype, () => Math.floor(minval + globalRandom.uniform() * span))
    : randomTensor('randomUniform', shape, dtype, () => minval + globalRandom.uniform() * span);
}

/**
 * Normal samples with `mean` and `stddev`, from the global seeded generator.
 * @example randomNormal([3], 0, 0.1)
 */
export function randomNormal(shape: readonly number[], mean = 0, stddev = 1, dtype: DType = 'float32'): Tensor {
  check(stddev >= 0, 'randomNormal', () => `stddev must be >= 0, received ${stddev}`);
  return randomTensor('randomNormal', shape, dtype, () => mean + stddev * globalRandom.normal());
}

/**
 * Normal samples redrawn until within two standard deviations of the mean (as Keras' truncatedNormal).
 * @example truncatedNormal([3, 3], 0, 0.05)
 */
export function truncatedNormal(shape: readonly number[], mean = 0, stddev = 1, dtype: DType = 'float32'): Tensor {
  check(stddev >= 0, 'truncatedNormal', () => `stddev must be >= 0, received ${stddev}`);
  return randomTensor('truncatedNormal', shape, dtype, () => {
    let z: number;
    do z = globalRandom.normal(); while (Math.abs(z) > 2);
    return mean + stddev * z;
  });
}
