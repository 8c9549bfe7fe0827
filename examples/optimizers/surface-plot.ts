// A contour-style map of a 2-D loss surface with optimizer trajectories drawn on it, as one SVG string. The
// chart functions of tensorgrad draw heat maps and points but not paths over a heat map, so this composes it.

/** One optimizer's path over the surface. */
export interface SurfacePath {
  name: string;
  /** Visited points [x, y], the start first. */
  points: readonly (readonly [number, number])[];
}

/** Options of `surfacePlot`. */
export interface SurfacePlotOptions {
  title: string;
  /** Loss values on the grid: `values[i][j]` at (xs[j], ys[i]). */
  xs: readonly number[];
  ys: readonly number[];
  values: readonly (readonly number[])[];
  paths: readonly SurfacePath[];
  /** Marked with a star, e.g. the minima. */
  minima?: readonly (readonly [number, number])[];
  xLabel?: string;
  yLabel?: string;
}

/** Tableau 10, the palette of tensorgrad's charts, for the paths. */
const COLORS = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];
/** Number of colour bands: the band edges read as contour lines. */
const BANDS = 14;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number): string => String(Math.round(v * 100) / 100);

/** About five round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5, mag = 10 ** Math.floor(Math.log10(raw));
  const stepSize = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / stepSize) * stepSize; v <= hi + 1e-9; v += stepSize) out.push(Math.round(v / stepSize) * stepSize);
  return out;
}

/** A blue ramp from pale (low loss) to dark (high loss). */
function bandColor(band: number): string {
  const t = band / (BANDS - 1);
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * t);
  return `rgb(${mix(247, 8)},${mix(251, 48)},${mix(255, 107)})`;
}

/**
 * The surface as colour bands of log(1 + loss - min loss), the paths as coloured lines from a hollow start
 * circle to a filled end dot, the minima as stars, with axes, a title and a legend.
 * @example const svg = surfacePlot({ title: 'f', xs, ys, values, paths: [{ name: 'SGD', points: [[0, 1], [0.5, 0.6]] }] });
 */
export function surfacePlot(o: SurfacePlotOptions): string {
  const W = 360, H = 300, left = 48, top = 34, right = 180, bottom = 42;
  const [x0, x1] = [o.xs[0], o.xs[o.xs.length - 1]], [y0, y1] = [o.ys[0], o.ys[o.ys.length - 1]];
  const px = (x: number): number => left + ((x - x0) / (x1 - x0)) * W;
  const py = (y: number): number => top + H - ((y - y0) / (y1 - y0)) * H;
  const flat = o.values.flat().filter(Number.isFinite), lo = Math.min(...flat);
  const levels = o.values.map((row) => row.map((v) => Math.log1p(Math.max(0, v - lo))));
  const hi = Math.max(...levels.flat().filter(Number.isFinite)) || 1;
  const band = (v: number): number => (Number.isFinite(v) ? Math.min(BANDS - 1, Math.floor((v / hi) * BANDS)) : BANDS - 1);
  const cw = W / o.xs.length, ch = H / o.ys.length;
  const parts: string[] = [];
  // One rectangle per run of equal band along a row keeps the file small.
  levels.forEach((row, i) => {
    let j = 0;
    while (j < row.length) {
      const b = band(row[j]);
      let k = j + 1;
      while (k < row.length && band(row[k]) === b) k++;
      parts.push(`<rect x="${num(left + j * cw)}" y="${num(top + H - (i + 1) * ch)}" width="${num((k - j) * cw + 0.5)}" height="${num(ch + 0.5)}" fill="${bandColor(b)}"/>`);
      j = k;
    }
  });
  const axes: string[] = [`<rect x="${left}" y="${top}" width="${W}" height="${H}" fill="none" stroke="#888"/>`];
  for (const t of ticks(x0, x1)) {
    axes.push(`<line x1="${num(px(t))}" y1="${top + H}" x2="${num(px(t))}" y2="${top + H + 5}" stroke="#888"/><text x="${num(px(t))}" y="${top + H + 17}" text-anchor="middle">${num(t)}</text>`);
  }
  for (const t of ticks(y0, y1)) {
    axes.push(`<line x1="${left - 5}" y1="${num(py(t))}" x2="${left}" y2="${num(py(t))}" stroke="#888"/><text x="${left - 8}" y="${num(py(t) + 4)}" text-anchor="end">${num(t)}</text>`);
  }
  axes.push(`<text x="${left + W / 2}" y="${top + H + 34}" text-anchor="middle">${esc(o.xLabel ?? 'x')}</text>`);
  axes.push(`<text transform="translate(14 ${top + H / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel ?? 'y')}</text>`);
  const lines: string[] = [], legend: string[] = [];
  o.paths.forEach((p, k) => {
    const c = COLORS[k % COLORS.length];
    if (p.points.length === 0) return;
    const d = p.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).map(([x, y]) => `${num(px(x))},${num(py(y))}`).join(' ');
    const [sx, sy] = p.points[0], [ex, ey] = p.points[p.points.length - 1];
    lines.push(`<polyline points="${d}" fill="none" stroke="${c}" stroke-width="2" stroke-opacity="0.9"/>`);
    lines.push(`<circle cx="${num(px(sx))}" cy="${num(py(sy))}" r="4" fill="white" stroke="${c}" stroke-width="2"/>`);
    if (Number.isFinite(ex) && Number.isFinite(ey)) lines.push(`<circle cx="${num(px(ex))}" cy="${num(py(ey))}" r="3.5" fill="${c}" stroke="white"/>`);
    const ly = top + 8 + k * 18;
    legend.push(`<line x1="${left + W + 14}" y1="${ly}" x2="${left + W + 34}" y2="${ly}" stroke="${c}" stroke-width="3"/><text x="${left + W + 40}" y="${ly + 4}">${esc(p.name)}</text>`);
  });
  for (const [mx, my] of o.minima ?? []) {
    lines.push(`<text x="${num(px(mx))}" y="${num(py(my) + 6)}" text-anchor="middle" font-size="18" fill="#d62728">★</text>`);
  }
  const ly = top + 8 + o.paths.length * 18 + 8;
  legend.push(`<circle cx="${left + W + 24}" cy="${ly}" r="4" fill="white" stroke="#444" stroke-width="2"/><text x="${left + W + 40}" y="${ly + 4}">start</text>`);
  if (o.minima?.length) legend.push(`<text x="${left + W + 24}" y="${ly + 24}" text-anchor="middle" font-size="16" fill="#d62728">★</text><text x="${left + W + 40}" y="${ly + 22}">minimum</text>`);
  legend.push(`<text x="${left + W + 14}" y="${ly + 46}" fill="#555">darker = higher loss</text>`);
  const width = left + W + right, height = top + H + bottom;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" fill="#333">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${esc(o.title)}</text>`,
    `<defs><clipPath id="plot"><rect x="${left}" y="${top}" width="${W}" height="${H}"/></clipPath></defs>`,
    ...parts, `<g clip-path="url(#plot)">`, ...lines, '</g>', ...axes, ...legend, '</svg>',
  ].join('\n');
}
