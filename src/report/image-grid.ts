import { ArgumentError, describe } from '../core/errors.js';
import { FONT } from './vega.js';

/** One image of an image grid. */
export interface GridImage {
  /**
   * Row-major pixels, grey (width*height values) or RGB / RGBA interleaved. Uint8 arrays are read as 0..255;
   * other values in [0, 1] as they are, in [0, 255] divided by 255, anything else (standardized data) rescaled
   * from its own min..max.
   */
  pixels: ArrayLike<number>;
  width: number;
  height: number;
  /** Text under the image; '\n' starts a new line. */
  caption?: string;
  /** Draws a red frame and a red caption, e.g. for a misclassified sample. */
  highlight?: boolean;
}

/** Options of `imageGrid`. */
export interface ImageGridOptions {
  /** Images per row (default: up to 10). */
  columns?: number;
  /** Screen pixels per image pixel (default: about 56 px per image side). */
  scale?: number;
  title?: string;
}

const HIGHLIGHT = '#dc2626';
const CAPTION_LINE = 14;

/**
 * A grid of small images with captions as an SVG string; pixels become one path per colour, so it needs no
 * image encoder and stays crisp at any zoom.
 * @example const svg = imageGrid([{ pixels: new Uint8Array(28 * 28), width: 28, height: 28, caption: 'true 7\npred 1', highlight: true }]);
 */
export function imageGrid(images: GridImage[], opts: ImageGridOptions = {}): string {
  const fn = 'imageGrid';
  if (!Array.isArray(images) || images.length === 0) {
    throw new ArgumentError(fn, `images must be a non-empty array of {pixels, width, height}, received ${describe(images)}`);
  }
  if (typeof opts !== 'object' || opts === null) throw new ArgumentError(fn, `expected an options object, received ${describe(opts)}`);
  images.forEach((im, i) => checkImage(fn, im, i));
  const maxW = Math.max(...images.map((im) => im.width)), maxH = Math.max(...images.map((im) => im.height));
  const scale = opts.scale ?? Math.max(1, Math.round(56 / Math.max(maxW, maxH)));
  const columns = opts.columns ?? Math.min(10, images.length);
  for (const [k, v] of [['scale', scale], ['columns', columns]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new ArgumentError(fn, `${k} must be a positive number, received ${describe(v)}`);
  }
  if (opts.title !== undefined && typeof opts.title !== 'string') throw new ArgumentError(fn, `title must be a string, received ${describe(opts.title)}`);
  const lines = images.map((im) => (im.caption ? im.caption.split('\n') : []));
  const nLines = Math.max(...lines.map((l) => l.length));
  const longest = Math.max(0, ...lines.flat().map((l) => l.length));
  const cellW = Math.ceil(Math.max(maxW * scale, longest * 6.4) + 14);
  const cellH = maxH * scale + 10 + nLines * CAPTION_LINE + 6;
  const top = opts.title ? 28 : 0;
  const rows = Math.ceil(images.length / columns);
  const W = cellW * Math.min(columns, images.length), H = top + rows * cellH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img"`
    + ` font-family='${FONT}' font-size="11">`,
    `<title>${esc(opts.title ?? 'Image grid')}</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  if (opts.title) out.push(`<text x="4" y="18" font-size="14" font-weight="600" fill="#111827">${esc(opts.title)}</text>`);
  images.forEach((im, i) => {
    const cx = (i % columns) * cellW, cy = top + Math.floor(i / columns) * cellH;
    const x = cx + Math.round((cellW - im.width * scale) / 2), y = cy + 6;
    out.push(`<g class="sample${im.highlight ? ' highlight' : ''}">`);
    if (im.highlight) {
      out.push(`<rect x="${x - 2.5}" y="${y - 2.5}" width="${im.width * scale + 5}" height="${im.height * scale + 5}" fill="none" stroke="${HIGHLIGHT}" stroke-width="3" rx="2"/>`);
    }
    out.push(pixelPaths(im, x, y, scale));
    lines[i].forEach((line, k) => {
      const color = im.highlight ? HIGHLIGHT : '#374151';
      out.push(`<text x="${cx + cellW / 2}" y="${y + im.height * scale + 6 + (k + 1) * CAPTION_LINE - 3}" text-anchor="middle" fill="${color}"${im.highlight ? ' font-weight="600"' : ''}>${esc(line)}</text>`);
    });
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}

function checkImage(fn: string, im: GridImage, i: number): void {
  if (typeof im !== 'object' || im === null) throw new ArgumentError(fn, `images[${i}] must be {pixels, width, height}, received ${describe(im)}`);
  const { width: w, height: h, pixels } = im;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w <= 0 || h <= 0) {
    throw new ArgumentError(fn, `images[${i}] width and height must be positive integers, received ${describe(w)} x ${describe(h)}`);
  }
  if (!Array.isArray(pixels) && !ArrayBuffer.isView(pixels)) throw new ArgumentError(fn, `images[${i}].pixels must be an array, received ${describe(pixels)}`);
  const n = pixels.length;
  if (n !== w * h && n !== w * h * 3 && n !== w * h * 4) {
    throw new ArgumentError(fn, `images[${i}].pixels must hold ${w}*${h} (grey), *3 (RGB) or *4 (RGBA) values, received ${n}`);
  }
  if (im.caption !== undefined && typeof im.caption !== 'string') throw new ArgumentError(fn, `images[${i}].caption must be a string, received ${describe(im.caption)}`);
}

/** Maps pixels to [0, 1] following the rules documented on GridImage.pixels. */
function unitValues(p: ArrayLike<number>): (v: number) => number {
  if (p instanceof Uint8Array || p instanceof Uint8ClampedArray) return (v) => v / 255;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  if (lo >= 0 && hi <= 1) return (v) => v;
  if (lo >= 0 && hi <= 255) return (v) => v / 255;
  const span = hi > lo ? hi - lo : 1;
  return (v) => (v - lo) / span;
}

/** One path per quantized colour (runs of equal colour merged per row); the commonest colour is one rect. */
function pixelPaths(im: GridImage, x0: number, y0: number, scale: number): string {
  const { width: w, height: h, pixels } = im;
  const ch = pixels.length / (w * h);
  const unit = unitValues(pixels);
  const hex = (v: number, levels: number): string => {
    const u = Number.isFinite(v) ? Math.min(1, Math.max(0, unit(v))) : 0;
    return Math.round(Math.round(u * (levels - 1)) / (levels - 1) * 255).toString(16).padStart(2, '0');
  };
  const colors: string[] = new Array(w * h);
  for (let i = 0; i < w * h; i++) {
    if (ch === 1) {
      const g = hex(pixels[i], 32);
      colors[i] = `#${g}${g}${g}`;
    } else {
      colors[i] = `#${hex(pixels[i * ch], 8)}${hex(pixels[i * ch + 1], 8)}${hex(pixels[i * ch + 2], 8)}`;
    }
  }
  const counts = new Map<string, number>();
  for (const c of colors) counts.set(c, (counts.get(c) ?? 0) + 1);
  const bg = [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const paths = new Map<string, string[]>();
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w;) {
      const color = colors[r * w + c];
      let e = c + 1;
      while (e < w && colors[r * w + e] === color) e++;
      if (color !== bg) {
        if (!paths.has(color)) paths.set(color, []);
        paths.get(color)!.push(`M${c} ${r}h${e - c}v1h${c - e}z`);
      }
      c = e;
    }
  }
  const parts = [`<g transform="translate(${x0} ${y0}) scale(${scale})" shape-rendering="crispEdges">`, `<rect width="${w}" height="${h}" fill="${bg}"/>`];
  for (const [color, d] of paths) parts.push(`<path fill="${color}" d="${d.join('')}"/>`);
  parts.push('</g>');
  return parts.join('');
}

/** Escapes text for XML/HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
