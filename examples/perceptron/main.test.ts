import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

test('perceptron: learns AND and OR, never XOR; the MLP solves XOR', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'perceptron-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  assert.equal(r.perceptron.AND.accuracyPerEpoch.at(-1), 1);
  assert.equal(r.perceptron.OR.accuracyPerEpoch.at(-1), 1);
  assert.ok(r.perceptron.XOR.accuracyPerEpoch.every((a) => a <= 0.75), `XOR accuracies ${r.perceptron.XOR.accuracyPerEpoch}`);
  assert.equal(r.mlpXorAccuracy, 1);
  assert.equal(r.plots.length, 5);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
