// Seeded toy datasets of the texts: XOR, circles, moons, spirals, a noisy line, and oysters (ripe or not).
import { ArgumentError, describe } from '../core/errors.js';
import { Random, globalRandom } from '../core/random.js';
import { Tensor } from '../core/tensor.js';

/** Options shared by the generators. */
export interface SyntheticOptions {
  /** Number of samples. */
  n?: number;
  /** Amount of noise (each generator says what it means). */
  noise?: number;
  /** Seed (drawn from the global seed when omitted, so `setSeed` makes it reproducible). */
  seed?: number;
}

/** A generated dataset: features `x` [n, features], targets `y`, and what they mean. */
export interface SyntheticData {
  x: Tensor;
  y: Tensor;
  featureNames: string[];
  /** Class names of classification sets (index = class id). */
  classNames?: string[];
}

/** `regressionLine`'s result, with the true line. */
export interface RegressionLineData extends SyntheticData {
  slope: number;
  intercept: number;
}

/** `oysters`' result, with the true ripeness threshold. */
export interface OysterData extends SyntheticData {
  threshold: number;
}

interface Checked { n: number; noise: number; rng: Random }

function checkOptions(fn: string, o: SyntheticOptions, defaults: { n: number; noise: number }, minN = 1): Checked {
  if (o === null || typeof o !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(o)}`);
  const n = o.n ?? defaults.n, noise = o.noise ?? defaults.noise;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < minN) throw new ArgumentError(fn, `n must be an integer >= ${minN}, received ${describe(o.n)}`);
  if (typeof noise !== 'number' || !Number.isFinite(noise) || noise < 0) throw new ArgumentError(fn, `noise must be a finite number >= 0, received ${describe(o.noise)}`);
  if (o.seed !== undefined && (typeof o.seed !== 'number' || !Number.isFinite(o.seed))) throw new ArgumentError(fn, `seed must be a finite number, received ${describe(o.seed)}`);
  return { n, noise, rng: new Random(o.seed ?? globalRandom.nextU32()) };
}

/** Points [n, 2] and binary targets [n, 1], shuffled together. */
function binary2d(px: Float64Array, py: Float64Array, label: Uint8Array, noise: number, rng: Random): [Tensor, Tensor] {
  const n = label.length, order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const x = new Float32Array(2 * n), y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    x[2 * k] = px[i] + noise * rng.normal();
    x[2 * k + 1] = py[i] + noise * rng.normal();
    y[k] = label[i];
  }
  return [Tensor.fromStorage(x, [n, 2]), Tensor.fromStorage(y, [n, 1])];
}

/**
 * XOR: points near the corners of the unit square (corners in order 00, 01, 10, 11, repeated), target 1 when
 * exactly one coordinate is 1. With the defaults (n 4, noise 0) it is the truth table itself. `noise` is the std of
 * Gaussian jitter.
 * @example const { x, y } = xor() // x [[0,0],[0,1],[1,0],[1,1]], y [[0],[1],[1],[0]]
 */
export function xor(options: SyntheticOptions = {}): SyntheticData {
  const { n, noise, rng } = checkOptions('xor', options, { n: 4, noise: 0 });
  const x = new Float32Array(2 * n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = (i >> 1) & 1, b = i & 1;
    x[2 * i] = a + (noise ? noise * rng.normal() : 0);
    x[2 * i + 1] = b + (noise ? noise * rng.normal() : 0);
    y[i] = a ^ b;
  }
  return { x: Tensor.fromStorage(x, [n, 2]), y: Tensor.fromStorage(y, [n, 1]), featureNames: ['x1', 'x2'], classNames: ['0', '1'] };
}

/**
 * Two concentric circles (as scikit-learn's make_circles): outer class 0 of radius 1, inner class 1 of radius
 * `factor` (default 0.5); `noise` is the std of Gaussian jitter. Shuffled.
 * @example const { x, y } = circles({ n: 200, noise: 0.1, seed: 0 })
 */
export function circles(options: SyntheticOptions & { factor?: number } = {}): SyntheticData {
  const { n, noise, rng } = checkOptions('circles', options, { n: 200, noise: 0.1 });
  const factor = options.factor ?? 0.5;
  if (!(factor > 0 && factor < 1)) throw new ArgumentError('circles', `factor must be in (0, 1), received ${describe(options.factor)}`);
  const nOut = Math.floor(n / 2), nIn = n - nOut;
  const px = new Float64Array(n), py = new Float64Array(n), label = new Uint8Array(n);
  for (let i = 0; i < nOut; i++) { const t = (2 * Math.PI * i) / nOut; px[i] = Math.cos(t); py[i] = Math.sin(t); }
  for (let i = 0; i < nIn; i++) {
    const t = (2 * Math.PI * i) / nIn;
    px[nOut + i] = factor * Math.cos(t); py[nOut + i] = factor * Math.sin(t); label[nOut + i] = 1;
  }
  const [x, y] = binary2d(px, py, label, noise, rng);
  return { x, y, featureNames: ['x1', 'x2'], classNames: ['outer', 'inner'] };
}

/**
 * Two interleaving half circles (as scikit-learn's make_moons); `noise` is the std of Gaussian jitter. Shuffled.
 * @example const { x, y } = moons({ n: 200, noise: 0.1, seed: 0 })
 */
export function moons(options: SyntheticOptions = {}): SyntheticData {
  const { n, noise, rng } = checkOptions('moons', options, { n: 200, noise: 0.1 });
  const nOut = Math.floor(n / 2), nIn = n - nOut;
  const px = new Float64Array(n), py = new Float64Array(n), label = new Uint8Array(n);
  const step = (count: number): number => (count > 1 ? Math.PI / (count - 1) : 0);
  for (let i = 0; i < nOut; i++) { const t = i * step(nOut); px[i] = Math.cos(t); py[i] = Math.sin(t); }
  for (let i = 0; i < nIn; i++) {
    const t = i * step(nIn);
    px[nOut + i] = 1 - Math.cos(t); py[nOut + i] = 1 - Math.sin(t) - 0.5; label[nOut + i] = 1;
  }
  const [x, y] = binary2d(px, py, label, noise, rng);
  return { x, y, featureNames: ['x1', 'x2'], classNames: ['upper', 'lower'] };
}

/**
 * Interleaved spiral arms, one per class (the CS231n spiral): `noise` is the std of the angle jitter in radians.
 * Targets are class ids (int32 [n]). Shuffled.
 * @example const { x, y } = spirals({ n: 300, classes: 3, noise: 0.2, seed: 0 })
 */
export function spirals(options: SyntheticOptions & { classes?: number } = {}): SyntheticData {
  const fn = 'spirals';
  const classes = options.classes ?? 3;
  if (!Number.isInteger(classes) || classes < 2) throw new ArgumentError(fn, `classes must be an integer >= 2, received ${describe(options.classes)}`);
  const { n, noise, rng } = checkOptions(fn, options, { n: 300, noise: 0.2 }, classes);
  const x = new Float32Array(2 * n), y = new Int32Array(n);
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  let k = 0;
  for (let c = 0; c < classes; c++) {
    const count = Math.floor(n / classes) + (c < n % classes ? 1 : 0);
    for (let i = 0; i < count; i++, k++) {
      const u = count > 1 ? i / (count - 1) : 0;
      const t = 4 * (c + u) + noise * rng.normal();
      const dst = order[k];
      x[2 * dst] = u * Math.sin(t); x[2 * dst + 1] = u * Math.cos(t); y[dst] = c;
    }
  }
  return {
    x: Tensor.fromStorage(x, [n, 2]), y: Tensor.fromStorage(y, [n], 'int32'), featureNames: ['x1', 'x2'],
    classNames: Array.from({ length: classes }, (_, c) => `arm ${c}`),
  };
}

/**
 * Points on the line `y = slope * x + intercept` (default 2x + 1) with x uniform in `xRange` (default [-1, 1])
 * and Gaussian noise of std `noise` (default 0.2) added to y. Shapes [n, 1].
 * @example const { x, y, slope, intercept } = regressionLine({ n: 100, seed: 0 })
 */
export function regressionLine(options: SyntheticOptions & { slope?: number; intercept?: number; xRange?: readonly [number, number] } = {}): RegressionLineData {
  const fn = 'regressionLine';
  const { n, noise, rng } = checkOptions(fn, options, { n: 100, noise: 0.2 });
  const { slope = 2, intercept = 1, xRange = [-1, 1] } = options;
  if (!Number.isFinite(slope) || !Number.isFinite(intercept)) throw new ArgumentError(fn, `slope and intercept must be finite, received ${describe(slope)} and ${describe(intercept)}`);
  if (!Array.isArray(xRange) || xRange.length !== 2 || !(xRange[0] < xRange[1])) throw new ArgumentError(fn, `xRange must be [min, max] with min < max, received ${describe(xRange)}`);
  const x = new Float32Array(n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = xRange[0] + (xRange[1] - xRange[0]) * rng.uniform();
    y[i] = slope * x[i] + intercept + noise * rng.normal();
  }
  return { x: Tensor.fromStorage(x, [n, 1]), y: Tensor.fromStorage(y, [n, 1]), featureNames: ['x'], slope, intercept };
}

/**
 * The oyster example: diameter in cm (uniform in [4, 11], measured to the millimetre) -> ripe (1) or not (0).
 * Oysters of diameter d are ripe with probability sigmoid((d - threshold) / noise): label noise concentrated
 * near the threshold (default 7.5 cm), the exact step when noise is 0. Shapes [n, 1].
 * @example const { x, y, threshold } = oysters({ n: 200, seed: 0 })
 */
export function oysters(options: SyntheticOptions & { threshold?: number } = {}): OysterData {
  const fn = 'oysters';
  const { n, noise, rng } = checkOptions(fn, options, { n: 200, noise: 0.3 });
  const threshold = options.threshold ?? 7.5;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) throw new ArgumentError(fn, `threshold must be a finite number, received ${describe(options.threshold)}`);
  const x = new Float32Array(n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const d = Math.round(40 + 70 * rng.uniform()) / 10;
    const p = noise > 0 ? 1 / (1 + Math.exp(-(d - threshold) / noise)) : d >= threshold ? 1 : 0;
    x[i] = d;
    y[i] = rng.uniform() < p ? 1 : 0;
  }
  return {
    x: Tensor.fromStorage(x, [n, 1]), y: Tensor.fromStorage(y, [n, 1]),
    featureNames: ['diameter (cm)'], classNames: ['not ripe', 'ripe'], threshold,
  };
}
