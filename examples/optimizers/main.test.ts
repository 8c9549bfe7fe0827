import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';
import { ENTRANTS, ROSENBROCK, race } from './surfaces.js';
import { surfacePlot } from './surface-plot.js';

test('optimizers: every optimizer lowers every surface and the digits loss; starts decide the minimum', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'optimizers-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  for (const name of ['rosenbrock', 'saddle', 'valley']) {
    assert.equal(r.surfaces[name].length, 8);
    for (const o of r.surfaces[name]) assert.ok(o.finalLoss < o.initialLoss, `${o.optimizer} on ${name}: ${o.initialLoss} -> ${o.finalLoss}`);
  }
  const gd = r.twoMinima.filter((o) => o.optimizer === 'GD');
  for (const o of gd) {
    // Gradient descent stays on its side of the ridge near x = 0.075.
    const expected = o.start[0] < 0.075 ? -1.036 : 0.960;
    assert.ok(Math.abs(o.end[0] - expected) < 0.01 && Math.abs(o.end[1]) < 0.01, `from ${o.start} to ${o.end}`);
  }
  assert.ok(gd.some((o) => o.end[0] < 0) && gd.some((o) => o.end[0] > 0));
  for (const [name, losses] of Object.entries(r.digits)) assert.ok(losses.at(-1)! < losses[0], `${name} on digits: ${losses}`);
  assert.equal(r.plots.length, 8);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});

test('optimizers: in the full setting (3000 updates) Adam reaches the Rosenbrock minimum (1, 1)', () => {
  const adam = ENTRANTS.find((e) => e.name === 'Adam')!;
  const [x, y] = race(ROSENBROCK, adam.make(adam.learningRate.rosenbrock), 3000).path.at(-1)!;
  assert.ok(Math.hypot(x - 1, y - 1) < 0.01, `Adam ended at (${x}, ${y})`);
});

test('surfacePlot draws the paths, the legend and the minima as SVG', () => {
  const svg = surfacePlot({
    title: 'a < b', xs: [0, 1], ys: [0, 1], values: [[0, 1], [1, 2]], minima: [[0, 0]],
    paths: [{ name: 'SGD', points: [[1, 1], [0.5, 0.5], [0, 0]] }],
  });
  assert.match(svg, /^<svg/);
  assert.match(svg, /<polyline points="[^"]+"/);
  assert.match(svg, /a &lt; b/);
  assert.match(svg, />SGD</);
  assert.match(svg, /★/);
});
