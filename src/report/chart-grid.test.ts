import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgumentError } from '../core/errors.js';
import { chartGrid } from './chart-grid.js';
import { lineChart } from './charts.js';
import { checkWellFormed } from './testing.js';

const box = (w: number, h: number, fill: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${fill}"/></svg>`;

/** The x/y placement of every nested chart, in order. */
function placements(svg: string): [number, number][] {
  return [...svg.matchAll(/<svg x="([\d.]+)" y="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

test('chartGrid places charts row by row in cells as large as the largest chart', () => {
  const svg = chartGrid([box(100, 50, 'red'), box(120, 40, 'green'), box(80, 60, 'blue')], 2);
  assert.equal(checkWellFormed(svg), null);
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" version="1.1" width="240" height="120" viewBox="0 0 240 120">/);
  assert.match(svg, /<rect width="240" height="120" fill="white"\/>/);
  assert.deepEqual(placements(svg), [[0, 0], [120, 0], [0, 60]]);
  for (const fill of ['red', 'green', 'blue']) assert.ok(svg.includes(`fill="${fill}"`), fill);
});

test('chartGrid: fewer charts than columns make one row only as wide as the charts', () => {
  const svg = chartGrid([box(100, 50, 'red')], 3);
  assert.match(svg, /width="100" height="50" viewBox="0 0 100 50"/);
  assert.deepEqual(placements(svg), [[0, 0]]);
});

test('chartGrid: a chart without width/height takes a 400x300 cell', () => {
  const svg = chartGrid(['<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/></svg>', box(10, 10, 'red')], 1);
  assert.match(svg, /width="400" height="600"/);
  assert.deepEqual(placements(svg), [[0, 0], [0, 300]]);
});

test('chartGrid composes real charts into well-formed SVG', async () => {
  const a = await lineChart({ title: 'A', series: [{ name: 's', x: [1, 2], y: [1, 2] }] });
  const b = await lineChart({ title: 'B', series: [{ name: 's', x: [1, 2], y: [2, 1] }] });
  const svg = chartGrid([a, b], 2);
  assert.equal(checkWellFormed(svg), null);
  assert.equal(placements(svg).length, 2);
});

test('chartGrid rejects empty or non-SVG inputs and bad column counts', () => {
  assert.throws(() => chartGrid([], 2), (e: unknown) => e instanceof ArgumentError && /chartGrid.*svgs must be a non-empty array/.test(e.message));
  assert.throws(() => chartGrid(['<div/>'], 2), /chartGrid.*SVG strings/);
  assert.throws(() => chartGrid([box(1, 1, 'red')], 0), /chartGrid.*columns must be an integer >= 1, received number 0/);
  assert.throws(() => chartGrid([box(1, 1, 'red')], 1.5), /columns must be an integer >= 1/);
});
