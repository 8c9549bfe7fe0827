import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INPUTS, LEARNING_RATE, run } from './main.js';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test("backprop-by-hand: the texts' numbers, autograd's gradient, and a loss that falls at every update", async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'backprop-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  close(r.output, 0.15);
  close(r.error, 0.05);
  [0.05 / 6, 0.025, 0.05 / 3].forEach((e, i) => close(r.splitErrors[i], e));
  [-0.02, -0.015, -0.005].forEach((g, i) => {
    close(r.gradient[i], g);
    close(r.gradientByFormula[i], g);
  });
  close(r.updates[0].loss, 0.00125);
  // Closed form: each update multiplies the error by 1 - lr |x|^2.
  const shrink = 1 - LEARNING_RATE * INPUTS.reduce((a, x) => a + x * x, 0);
  r.updates.forEach((row, k) => close(row.error, 0.05 * shrink ** k));
  for (let k = 1; k < r.updates.length; k++) assert.ok(r.updates[k].loss < r.updates[k - 1].loss);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
