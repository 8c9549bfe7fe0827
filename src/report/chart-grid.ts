// Composition of finished SVG charts into one picture, for figures that compare several panels.
import { ArgumentError, describe } from '../core/errors.js';

// A chart whose root carries no width/height (hand-written SVG) gets the lineChart default size.
const DEFAULT_CELL = { w: 400, h: 300 };

/**
 * Places SVG charts in a grid of `columns` columns on a white background, each nested as it is (an <svg> inside an
 * <svg> keeps its own coordinates) in a cell as large as the largest chart.
 * @example const svg = chartGrid([await lineChart(a), await lineChart(b)], 2) // two charts side by side
 */
export function chartGrid(svgs: readonly string[], columns: number): string {
  const fn = 'chartGrid';
  if (!Array.isArray(svgs) || svgs.length === 0 || svgs.some((s) => typeof s !== 'string' || !s.startsWith('<svg'))) {
    throw new ArgumentError(fn, `svgs must be a non-empty array of SVG strings (each starting with <svg), received ${describe(svgs)}`);
  }
  if (!Number.isInteger(columns) || columns < 1) {
    throw new ArgumentError(fn, `columns must be an integer >= 1, received ${describe(columns)}`);
  }
  const sizes = svgs.map((s) => {
    const m = /^<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(s);
    return m ? { w: Number(m[1]), h: Number(m[2]) } : DEFAULT_CELL;
  });
  const cellW = Math.max(...sizes.map((s) => s.w)), cellH = Math.max(...sizes.map((s) => s.h));
  const rows = Math.ceil(svgs.length / columns), W = cellW * Math.min(columns, svgs.length), H = cellH * rows;
  const cells = svgs.map((s, i) => s.replace(/^<svg/, `<svg x="${(i % columns) * cellW}" y="${Math.floor(i / columns) * cellH}"`));
  return `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`
    + `<rect width="${W}" height="${H}" fill="white"/>${cells.join('')}</svg>`;
}
