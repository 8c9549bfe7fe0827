import { scheme } from 'vega';
import { ArgumentError, describe } from '../core/errors.js';
import { numbers } from './vega.js';

/**
 * Matching dark (points) and light (areas) colours per class, from vega's tableau20 scheme whose entries come
 * in dark/light pairs; repeats after 10 classes.
 */
export function classColors(n: number): { dark: string[]; light: string[] } {
  const t20 = scheme('tableau20') as string[];
  const dark: string[] = [], light: string[] = [];
  for (let i = 0; i < Math.max(n, 1); i++) {
    dark.push(t20[(2 * i) % 20]);
    light.push(t20[(2 * i + 1) % 20]);
  }
  return { dark, light };
}

/**
 * Turns labels (class indices or names) into display names plus the ordered list of classes: classNames when
 * given, otherwise the distinct labels in numeric or first-seen order.
 */
export function classNamesOf(
  fn: string, name: string, labels: unknown, count: number, classNames?: string[],
): { names: string[]; domain: string[] } {
  if (classNames !== undefined && (!Array.isArray(classNames) || classNames.some((c) => typeof c !== 'string'))) {
    throw new ArgumentError(fn, `classNames must be an array of strings, received ${describe(classNames)}`);
  }
  const isStrings = Array.isArray(labels) && labels.length > 0 && labels.every((l) => typeof l === 'string');
  const raw: (number | string)[] = isStrings ? (labels as string[]) : numbers(fn, name, labels, true);
  if (raw.length !== count) throw new ArgumentError(fn, `${name} must have ${count} entries, received ${raw.length}`);
  const names = raw.map((l, i) => {
    if (typeof l === 'string') return l;
    if (!Number.isInteger(l) || l < 0) throw new ArgumentError(fn, `${name}[${i}] must be a class index (integer >= 0), received ${l}`);
    if (classNames && l >= classNames.length) {
      throw new ArgumentError(fn, `${name}[${i}] = ${l} is out of range for ${classNames.length} classNames`);
    }
    return classNames ? classNames[l] : String(l);
  });
  const seen = [...new Set(names)];
  const numeric = !isStrings && !classNames;
  const domain = classNames ? [...classNames, ...seen.filter((s) => !classNames.includes(s))]
    : numeric ? seen.sort((a, b) => Number(a) - Number(b)) : seen;
  return { names, domain };
}

/** Smallest and largest finite value (spreading a large array into Math.min would overflow the stack). */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  }
  return [lo, hi];
}

/** Validates decision-boundary values (rows or flat row-major) against the grid size; returns them flat. */
export function gridValues(fn: string, values: unknown, ny: number, nx: number): number[] {
  const rows = Array.isArray(values) && values.length > 0 && typeof values[0] === 'object';
  if (rows) {
    const v = values as unknown[];
    if (v.length !== ny) throw new ArgumentError(fn, `values must have ys.length = ${ny} rows, received ${v.length}`);
    return v.flatMap((r, i) => {
      const row = numbers(fn, `values[${i}]`, r, false);
      if (row.length !== nx) throw new ArgumentError(fn, `values[${i}] must have xs.length = ${nx} entries, received ${row.length}`);
      return row;
    });
  }
  const flat = numbers(fn, 'values', values, false);
  if (flat.length !== ny * nx) {
    throw new ArgumentError(fn, `values must hold ys.length * xs.length = ${ny}*${nx} = ${ny * nx} numbers, received ${flat.length}`);
  }
  return flat;
}

/**
 * Rectangles covering a grid: each cell spans halfway to its neighbours (so uneven spacing is drawn faithfully),
 * and runs of equal `keys` along a row merge into one rectangle, which keeps the SVG small.
 */
export function gridCells(fn: string, xs: number[], ys: number[], values: number[], keys: (string | number)[]): {
  rows: { x0: number; x1: number; y0: number; y1: number; v: number; cls: string }[];
  xMin: number; xMax: number; yMin: number; yMax: number;
} {
  const ex = edges(fn, 'xs', xs), ey = edges(fn, 'ys', ys), nx = xs.length;
  const rows = [];
  for (let i = 0; i < ys.length; i++) {
    for (let j = 0; j < nx;) {
      const k = i * nx + j;
      let e = j + 1;
      while (e < nx && keys[i * nx + e] === keys[k]) e++;
      // Inner cells reach a little into their right and upper neighbours (drawn later, on top), so no
      // anti-aliased hairline of background shows between adjacent rectangles.
      const x1 = e < nx ? ex[e] + (ex[e] - ex[e - 1]) * 0.1 : ex[e];
      const y1 = i + 1 < ys.length ? ey[i + 1] + (ey[i + 1] - ey[i]) * 0.1 : ey[i + 1];
      rows.push({ x0: ex[j], x1, y0: ey[i], y1, v: values[k], cls: String(keys[k]) });
      j = e;
    }
  }
  return { rows, xMin: ex[0], xMax: ex[nx], yMin: ey[0], yMax: ey[ys.length] };
}

function edges(fn: string, name: string, c: number[]): number[] {
  if (c.length < 2) throw new ArgumentError(fn, `${name} must have at least 2 grid coordinates, received ${c.length}`);
  for (let i = 1; i < c.length; i++) {
    if (!(c[i] > c[i - 1])) throw new ArgumentError(fn, `${name} must be strictly ascending, received ${c[i - 1]} then ${c[i]} at index ${i}`);
  }
  const e = [c[0] - (c[1] - c[0]) / 2];
  for (let i = 1; i < c.length; i++) e.push((c[i - 1] + c[i]) / 2);
  e.push(c[c.length - 1] + (c[c.length - 1] - c[c.length - 2]) / 2);
  return e;
}
