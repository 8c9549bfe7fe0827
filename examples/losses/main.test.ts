import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

test('losses: cross-entropy pushes hard when confidently wrong and trains faster; accuracy has zero gradient', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'losses-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  for (const g of r.gradients) {
    // Closed forms: d/dz (p - 1)^2 = 2 (p - 1) p (1 - p); d/dz -log p = p - 1.
    const p = g.probability;
    assert.ok(Math.abs(g.mse - 2 * (p - 1) * p * (1 - p)) < 1e-12);
    assert.ok(Math.abs(g.crossEntropy - (p - 1)) < 1e-12);
  }
  const wrong = r.gradients.find((g) => g.z === -6)!;
  assert.ok(Math.abs(wrong.crossEntropy) > 100 * Math.abs(wrong.mse));
  const ce = r.training['cross-entropy'], mse = r.training.MSE;
  assert.ok(ce.epochsTo90 !== null);
  assert.ok(mse.epochsTo90 === null || mse.epochsTo90 > ce.epochsTo90, `MSE ${mse.epochsTo90} vs CE ${ce.epochsTo90}`);
  assert.deepEqual(r.accuracyGradient, [0, 0]);
  assert.equal(r.accuracyFiniteDifference, 0);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
