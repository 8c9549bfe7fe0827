import * as vega from 'vega';
import * as vl from 'vega-lite';
import { ArgumentError, describe } from '../core/errors.js';

/** Chart fonts: the system UI font, so SVGs match the report page without loading any font file. */
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

const CONFIG: vl.Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  title: { fontSize: 14, fontWeight: 600, anchor: 'start', color: '#111827', offset: 10 },
  axis: {
    labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, labelColor: '#374151', titleColor: '#374151',
    gridColor: '#e5e7eb', domainColor: '#9ca3af', tickColor: '#9ca3af',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, labelColor: '#374151', titleColor: '#374151' },
};

/**
 * A vega-lite spec or a piece of one. vega-lite exports the type of a whole spec only, which its union types make
 * impractical to build from parts; vega-lite validates the assembled spec when compiling it.
 */
export type Part = Record<string, unknown>;

/**
 * Compiles a vega-lite spec and renders it to an SVG string without a browser or canvas (vega's 'none'
 * renderer plus its SVG string output), so it runs the same in Node and in browsers.
 * @example const svg = await renderVegaLite({ data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } });
 */
export async function renderVegaLite(spec: Part): Promise<string> {
  const compiled = vl.compile({ ...spec, config: CONFIG } as unknown as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Common size and title options of every chart. */
export interface ChartBase {
  /** Drawn above the chart; omitted when empty. */
  title?: string;
  /** Plot width in pixels (axes and legend come on top). */
  width?: number;
  /** Plot height in pixels. */
  height?: number;
}

/** Throws unless `v` is an array or typed array; returns its elements as numbers (non-numbers rejected). */
export function numbers(fn: string, name: string, v: unknown, finite: boolean): number[] {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    throw new ArgumentError(fn, `${name} must be an array of numbers, received ${describe(v)}`);
  }
  const arr = Array.from(v as ArrayLike<unknown>);
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (typeof x !== 'number' || (finite && !Number.isFinite(x))) {
      throw new ArgumentError(fn, `${name}[${i}] must be a ${finite ? 'finite ' : ''}number, received ${describe(x)}`);
    }
  }
  return arr as number[];
}

/** Throws unless `size` is a positive finite number or undefined; returns it or the default. */
export function size(fn: string, name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new ArgumentError(fn, `${name} must be a positive number, received ${describe(v)}`);
  }
  return v;
}

/** Throws unless `opts` is a plain object. */
export function options(fn: string, opts: unknown): void {
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) {
    throw new ArgumentError(fn, `expected an options object, received ${describe(opts)}`);
  }
}

/** Throws unless `labels` (when given) are distinct strings; returns them or undefined. */
export function labelList(fn: string, name: string, v: unknown, count?: number): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
    throw new ArgumentError(fn, `${name} must be an array of strings, received ${describe(v)}`);
  }
  if (count !== undefined && v.length !== count) {
    throw new ArgumentError(fn, `${name} must have ${count} entries, received ${v.length}`);
  }
  if (new Set(v).size !== v.length) throw new ArgumentError(fn, `${name} must be distinct, received [${v.join(', ')}]`);
  return v as string[];
}

/** Throws unless `v` is a string or undefined; returns it or the default. */
export function text(fn: string, name: string, v: unknown, dflt: string): string {
  if (v === undefined) return dflt;
  if (typeof v !== 'string') throw new ArgumentError(fn, `${name} must be a string, received ${describe(v)}`);
  return v;
}

/** Title property for a vega-lite spec, omitted when there is none. */
export function titleOf(title: unknown, fn: string): { title?: string } {
  if (title === undefined || title === '') return {};
  if (typeof title !== 'string') throw new ArgumentError(fn, `title must be a string, received ${describe(title)}`);
  return { title };
}
