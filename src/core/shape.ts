import { ArgumentError, check, fmtShape } from './errors.js';

/** A tensor's dimensions, outermost first. */
export type Shape = readonly number[];

/**
 * The number of elements of a shape (1 for a scalar).
 * @example sizeOf([2, 3]) // 6
 */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Row-major strides of a shape, in elements.
 * @example stridesOf([2, 3, 4]) // [12, 4, 1]
 */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** True when two shapes are identical. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The NumPy broadcast of two shapes; throws naming `fn` when they are incompatible.
 * @example broadcastShapes('add', [2, 1], [3]) // [2, 3]
 */
export function broadcastShapes(fn: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ArgumentError(fn, `shapes cannot be broadcast together, received ${fmtShape(a)} and ${fmtShape(b)}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Resolves a possibly negative axis against a rank; throws naming `fn` when out of range.
 * @example normalizeAxis('sum', -1, 3) // 2
 */
export function normalizeAxis(fn: string, axis: number, rank: number): number {
  check(Number.isInteger(axis) && axis >= -rank && axis < Math.max(rank, 1), fn,
    () => `axis must be an integer in [${-rank}, ${rank - 1}], received ${axis}`);
  return axis < 0 ? axis + rank : axis;
}

/**
 * Resolves an axis, a list of axes or `undefined` (= all axes) to sorted, unique, non-negative axes.
 * @example normalizeAxes('mean', [-1, 0], 3) // [0, 2]
 */
export function normalizeAxes(fn: string, axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined || axes === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = [...new Set(list.map((a) => normalizeAxis(fn, a, rank)))].sort((x, y) => x - y);
  check(out.length === list.length, fn, () => `axes must not repeat, received [${list.join(',')}]`);
  return out;
}

/** Validates that `shape` is a list of non-negative integers; returns a copy. */
export function checkShape(fn: string, shape: unknown, arg = 'shape'): number[] {
  check(Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0), fn,
    () => `${arg} must be an array of non-negative integers, received ${JSON.stringify(shape)}`);
  return [...(shape as number[])];
}

/** The shape after removing `axes` (or setting them to 1 with keepDims). */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) {
      if (keepDims) out.push(1);
    } else out.push(shape[i]);
  }
  return out;
}
