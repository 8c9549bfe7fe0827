/**
 * Charts as SVG strings, rendered by vega-lite + vega without a browser or canvas, so the same calls work in
 * Node (reports, examples) and in browsers.
 */
import { ArgumentError, describe } from '../core/errors.js';
import { labelList, numbers, options, renderVegaLite, size, text, titleOf } from './vega.js';
import type { ChartBase, Part } from './vega.js';
import { classColors, classNamesOf, extent, gridCells, gridValues } from './chart-data.js';

export type { ChartBase } from './vega.js';

export { imageGrid } from './image-grid.js';
export type { GridImage, ImageGridOptions } from './image-grid.js';

/** One line of a line chart. */
export interface LineSeries {
  /** Legend entry. */
  name: string;
  x: ArrayLike<number>;
  /** Non-finite values (a diverged loss) leave a gap instead of failing. */
  y: ArrayLike<number>;
  /** Draws the line dashed, e.g. for validation curves. */
  dashed?: boolean;
}

/** Options of `lineChart`. */
export interface LineChartOptions extends ChartBase {
  series: LineSeries[];
  xLabel?: string;
  yLabel?: string;
  /** Logarithmic y axis; values <= 0 are left out. */
  logY?: boolean;
  /** Marks each point; default: when no series has more than 50 points. */
  points?: boolean;
  /** Starts the y axis at zero (default: fit the data). */
  zero?: boolean;
}

/**
 * A line chart of one or more series with a legend and axis titles.
 * @example const svg = await lineChart({ title: 'Loss', xLabel: 'Epoch', yLabel: 'Loss', series: [{ name: 'training', x: [1, 2, 3], y: [0.9, 0.5, 0.3] }] });
 */
export async function lineChart(opts: LineChartOptions): Promise<string> {
  const fn = 'lineChart';
  options(fn, opts);
  if (!Array.isArray(opts.series) || opts.series.length === 0) {
    throw new ArgumentError(fn, `series must be a non-empty array of {name, x, y}, received ${describe(opts.series)}`);
  }
  const rows: { series: string; x: number; y: number | null }[] = [];
  const names: string[] = [];
  let longest = 0;
  opts.series.forEach((s, k) => {
    if (typeof s !== 'object' || s === null || typeof s.name !== 'string') {
      throw new ArgumentError(fn, `series[${k}] must be {name: string, x, y}, received ${describe(s)}`);
    }
    const x = numbers(fn, `series '${s.name}' x`, s.x, true);
    const y = numbers(fn, `series '${s.name}' y`, s.y, false);
    if (x.length !== y.length) {
      throw new ArgumentError(fn, `series '${s.name}' has ${x.length} x values but ${y.length} y values`);
    }
    if (names.includes(s.name)) throw new ArgumentError(fn, `series names must be distinct, received '${s.name}' twice`);
    names.push(s.name);
    longest = Math.max(longest, x.length);
    for (let i = 0; i < x.length; i++) {
      const ok = Number.isFinite(y[i]) && (!opts.logY || y[i] > 0);
      rows.push({ series: s.name, x: x[i], y: ok ? y[i] : null });
    }
  });
  const integerX = rows.every((r) => Number.isInteger(r.x));
  const legend = names.length > 1 ? { orient: 'bottom', title: null, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 400 } : null;
  const encoding: Part = {
    x: {
      field: 'x', type: 'quantitative', title: text(fn, 'xLabel', opts.xLabel, 'x'), scale: { zero: false },
      axis: integerX ? { format: 'd', tickMinStep: 1 } : {},
    },
    y: {
      field: 'y', type: 'quantitative', title: text(fn, 'yLabel', opts.yLabel, 'y'),
      scale: opts.logY ? { type: 'log' } : { zero: opts.zero ?? false },
    },
    color: { field: 'series', type: 'nominal', sort: names, legend },
  };
  if (opts.series.some((s) => s.dashed)) {
    encoding.strokeDash = {
      field: 'series', type: 'nominal', sort: names, legend,
      scale: { domain: names, range: opts.series.map((s) => (s.dashed ? [6, 4] : [1, 0])) },
    };
  }
  return renderVegaLite({
    ...titleOf(opts.title, fn),
    width: size(fn, 'width', opts.width, 360), height: size(fn, 'height', opts.height, 220),
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 2, point: opts.points ?? longest <= 50 },
    encoding,
  });
}

/** Options of `scatterChart`. */
export interface ScatterChartOptions extends ChartBase {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Class of each point (index into classNames, or a name); colours the points and adds a legend. */
  labels?: ArrayLike<number> | string[];
  classNames?: string[];
  xLabel?: string;
  yLabel?: string;
  /** Point area in square pixels (default 36). */
  pointSize?: number;
}

/**
 * A scatter plot, coloured by class when labels are given.
 * @example const svg = await scatterChart({ x: [0, 1, 2], y: [1, 0, 1], labels: [0, 1, 1], classNames: ['a', 'b'], xLabel: 'x1', yLabel: 'x2' });
 */
export async function scatterChart(opts: ScatterChartOptions): Promise<string> {
  const fn = 'scatterChart';
  options(fn, opts);
  const x = numbers(fn, 'x', opts.x, true), y = numbers(fn, 'y', opts.y, true);
  if (x.length !== y.length) throw new ArgumentError(fn, `x and y must have the same length, received ${x.length} and ${y.length}`);
  const cls = opts.labels === undefined ? undefined : classNamesOf(fn, 'labels', opts.labels, x.length, opts.classNames);
  const rows = x.map((xi, i) => ({ x: xi, y: y[i], cls: cls ? cls.names[i] : '' }));
  return renderVegaLite({
    ...titleOf(opts.title, fn),
    width: size(fn, 'width', opts.width, 360), height: size(fn, 'height', opts.height, 280),
    data: { values: rows },
    mark: { type: 'circle', size: size(fn, 'pointSize', opts.pointSize, 36), opacity: 0.85, stroke: 'white', strokeWidth: 0.6 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: text(fn, 'xLabel', opts.xLabel, 'x'), scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: text(fn, 'yLabel', opts.yLabel, 'y'), scale: { zero: false } },
      ...(cls ? { color: { field: 'cls', type: 'nominal', title: 'Class', scale: { domain: cls.domain, range: classColors(cls.domain.length).dark } } } : {}),
    },
  });
}

/** Options of `heatmap`. */
export interface HeatmapOptions extends ChartBase {
  /** Rows of equal length; for a confusion matrix rows are true classes and columns predictions. */
  matrix: ArrayLike<number>[];
  rowLabels?: string[];
  colLabels?: string[];
  xLabel?: string;
  yLabel?: string;
  /** Legend title of the colour scale (default 'Count'). */
  valueLabel?: string;
  /** Writes each value in its cell (default true). */
  showValues?: boolean;
}

/**
 * A heat map of a matrix with the value written in each cell, e.g. a confusion matrix.
 * @example const svg = await heatmap({ title: 'Confusion matrix', matrix: [[5, 1], [0, 7]], rowLabels: ['cat', 'dog'], colLabels: ['cat', 'dog'], xLabel: 'Predicted', yLabel: 'True' });
 */
export async function heatmap(opts: HeatmapOptions): Promise<string> {
  const fn = 'heatmap';
  options(fn, opts);
  if (!Array.isArray(opts.matrix) || opts.matrix.length === 0) {
    throw new ArgumentError(fn, `matrix must be a non-empty array of rows, received ${describe(opts.matrix)}`);
  }
  const m = opts.matrix.map((r, i) => numbers(fn, `matrix[${i}]`, r, true));
  const nr = m.length, nc = m[0].length;
  if (nc === 0 || m.some((r) => r.length !== nc)) {
    throw new ArgumentError(fn, `matrix rows must be non-empty and of equal length, received lengths [${m.map((r) => r.length).join(',')}]`);
  }
  const seq = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i));
  const rl = labelList(fn, 'rowLabels', opts.rowLabels, nr) ?? seq(nr);
  const cl = labelList(fn, 'colLabels', opts.colLabels, nc) ?? seq(nc);
  const rows = m.flatMap((r, i) => r.map((v, j) => ({ row: rl[i], col: cl[j], v })));
  const flat = m.flat(), [fMin, hi] = extent(flat), lo = Math.min(0, fMin);
  const cell = Math.max(14, Math.min(44, Math.floor(size(fn, 'width', opts.width, 380) / Math.max(nr, nc))));
  const integers = flat.every(Number.isInteger);
  const longLabel = Math.max(...cl.map((s) => s.length)) * 6.5 > cell - 4;
  const layers: Part[] = [{
    mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
    encoding: {
      color: {
        field: 'v', type: 'quantitative', title: text(fn, 'valueLabel', opts.valueLabel, 'Count'),
        scale: { scheme: 'blues', domain: [lo, hi === lo ? lo + 1 : hi] }, legend: { gradientLength: Math.min(200, cell * nr) },
      },
    },
  }];
  if (opts.showValues ?? true) {
    layers.push({
      mark: { type: 'text', fontSize: Math.max(8, Math.min(12, Math.floor(cell * 0.34))) },
      encoding: {
        text: { field: 'v', type: 'quantitative', format: integers ? 'd' : '.2f' },
        color: {
          condition: [{ test: `datum.v > ${lo + (hi - lo) * 0.55}`, value: 'white' }, { test: 'datum.v === 0', value: '#9ca3af' }],
          value: '#111827',
        },
      },
    });
  }
  return renderVegaLite({
    ...titleOf(opts.title, fn),
    width: { step: cell }, height: { step: cell },
    data: { values: rows },
    encoding: {
      x: { field: 'col', type: 'nominal', sort: cl, title: text(fn, 'xLabel', opts.xLabel, ''), axis: { labelAngle: longLabel ? -40 : 0, ticks: false, domain: false } },
      y: { field: 'row', type: 'nominal', sort: rl, title: text(fn, 'yLabel', opts.yLabel, ''), axis: { ticks: false, domain: false } },
    },
    layer: layers,
  });
}

/** Options of `decisionBoundary`. */
export interface DecisionBoundaryOptions extends ChartBase {
  /** Ascending grid coordinates along x (at least 2). */
  xs: ArrayLike<number>;
  /** Ascending grid coordinates along y (at least 2). */
  ys: ArrayLike<number>;
  /** Model output at (xs[j], ys[i]): `values[i][j]`, or flat row-major with ys outermost. */
  values: ArrayLike<number>[] | ArrayLike<number>;
  /** 'class': values are class indices; 'probability': values are P(class 1). Default: 'class' when all are integers. */
  mode?: 'class' | 'probability';
  /** Data points drawn on top, coloured by class. */
  points?: { x: ArrayLike<number>; y: ArrayLike<number>; labels: ArrayLike<number> | string[] };
  classNames?: string[];
  xLabel?: string;
  yLabel?: string;
}

/**
 * A decision-boundary map: model output over a 2-D grid as a heat map, with the data points on top.
 * @example const svg = await decisionBoundary({ xs: [0, 1], ys: [0, 1], values: [[0, 1], [0, 1]], points: { x: [0.2], y: [0.8], labels: [0] } });
 */
export async function decisionBoundary(opts: DecisionBoundaryOptions): Promise<string> {
  const fn = 'decisionBoundary';
  options(fn, opts);
  const xs = numbers(fn, 'xs', opts.xs, true), ys = numbers(fn, 'ys', opts.ys, true);
  const values = gridValues(fn, opts.values, ys.length, xs.length);
  const mode = opts.mode ?? (values.every(Number.isInteger) ? 'class' : 'probability');
  if (mode !== 'class' && mode !== 'probability') throw new ArgumentError(fn, `mode must be 'class' or 'probability', received ${describe(mode)}`);
  const pts = opts.points;
  if (pts !== undefined && (typeof pts !== 'object' || pts === null)) throw new ArgumentError(fn, `points must be {x, y, labels}, received ${describe(pts)}`);
  const px = pts ? numbers(fn, 'points.x', pts.x, true) : [], py = pts ? numbers(fn, 'points.y', pts.y, true) : [];
  if (px.length !== py.length) throw new ArgumentError(fn, `points.x and points.y must have the same length, received ${px.length} and ${py.length}`);
  const pointCls = pts ? classNamesOf(fn, 'points.labels', pts.labels, px.length, opts.classNames) : undefined;
  const gridCls = mode === 'class' ? classNamesOf(fn, 'values', values, values.length, opts.classNames) : undefined;
  const [vMin, vMax] = extent(values);
  const lo = Math.min(0, vMin), hi = Math.max(1, vMax);
  // Probabilities are shown in 64 shades, so neighbouring cells of one shade can merge into one rectangle.
  const shade = (v: number): number => (Number.isFinite(v) ? lo + Math.round(((v - lo) / (hi - lo)) * 64) / 64 * (hi - lo) : lo);
  const cells = gridCells(fn, xs, ys, gridCls ? values : values.map(shade), gridCls ? gridCls.names : values.map(shade));
  const domain = [...new Set([...(opts.classNames ?? []), ...(gridCls?.domain ?? []), ...(pointCls?.domain ?? [])])];
  const colors = classColors(domain.length);
  const x = { field: 'x0', type: 'quantitative' as const, title: text(fn, 'xLabel', opts.xLabel, 'x'), scale: { domain: [cells.xMin, cells.xMax], nice: false, zero: false } };
  const y = { field: 'y0', type: 'quantitative' as const, title: text(fn, 'yLabel', opts.yLabel, 'y'), scale: { domain: [cells.yMin, cells.yMax], nice: false, zero: false } };
  let fill: Part;
  if (gridCls) {
    const scale = { domain, range: colors.light };
    fill = { color: { field: 'cls', type: 'nominal', scale, legend: pointCls ? null : { title: 'Class' } } };
  } else {
    const scale = { domain: [lo, (lo + hi) / 2, hi], range: [colors.light[0], '#ffffff', colors.light[1] ?? colors.light[0]] };
    const title = `P(${domain[1] ?? 'class 1'})`;
    fill = { color: { field: 'v', type: 'quantitative', scale: { ...scale, interpolate: 'rgb' }, title } };
  }
  const layers: Part[] = [{
    data: { values: cells.rows }, mark: { type: 'rect', aria: false },
    encoding: { x, x2: { field: 'x1' }, y, y2: { field: 'y1' }, ...fill },
  }];
  if (pointCls) {
    layers.push({
      data: { values: px.map((xi, i) => ({ x0: xi, y0: py[i], pc: pointCls.names[i] })) },
      mark: { type: 'circle', size: 36, opacity: 1, stroke: 'white', strokeWidth: 0.8, clip: true },
      encoding: { x, y, fill: { field: 'pc', type: 'nominal', title: 'Class', scale: { domain, range: colors.dark } } },
    });
  }
  return renderVegaLite({
    ...titleOf(opts.title, fn),
    // Whole pixels per cell keep the coordinates of thousands of cells short in the SVG.
    width: Math.max(1, Math.round(size(fn, 'width', opts.width, 320) / xs.length)) * xs.length,
    height: Math.max(1, Math.round(size(fn, 'height', opts.height, 320) / ys.length)) * ys.length,
    layer: layers,
    resolve: { scale: { color: 'independent', fill: 'independent' } },
  });
}
