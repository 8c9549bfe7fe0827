import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

test('overfitting: the plain network memorises noise; every remedy has a smaller train-validation gap', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'overfitting-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  const [plain, ...remedies] = r.methods;
  assert.equal(plain.name, 'no remedy');
  assert.deepEqual(remedies.map((m) => m.name), ['early stopping', 'L1 penalty', 'L2 penalty', 'dropout', 'ensemble of 4']);
  // Memorising: near-perfect on the noisy training labels, far worse on new points, validation loss rising.
  assert.ok(plain.trainAccuracy >= 0.9, `training accuracy ${plain.trainAccuracy}`);
  assert.ok(plain.gap >= 0.15, `gap ${plain.gap}`);
  assert.ok(r.overfitValLoss.last > 1.3 * r.overfitValLoss.min, `validation loss ${JSON.stringify(r.overfitValLoss)}`);
  for (const m of remedies) assert.ok(m.gap < plain.gap - 0.05, `${m.name}: gap ${m.gap.toFixed(3)} vs ${plain.gap.toFixed(3)} without remedy`);
  assert.ok(remedies[0].epochs < plain.epochs, 'early stopping stopped early');
  assert.equal(r.plots.length, 3);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
