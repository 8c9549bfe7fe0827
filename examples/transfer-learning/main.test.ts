import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

test('transfer-learning: a frozen base pretrained on 0-4 with a new head beats training from scratch on few 5-9 samples', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'transfer-learning-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  assert.ok(r.pretrainAccuracy >= 0.9, `pretraining accuracy on 0-4: ${r.pretrainAccuracy}`);
  // Only the new head (256 features x 5 classes + 5 biases) is trained on top of the frozen base.
  assert.equal(r.trainableWeights.transfer, 256 * 5 + 5);
  assert.ok(r.trainableWeights.scratch > r.trainableWeights.transfer);
  const [five] = r.results;
  assert.equal(five.shots, 5);
  assert.ok(five.transferMean >= five.scratchMean + 0.05, `transfer ${five.transferMean} vs scratch ${five.scratchMean}`);
  assert.equal(r.plots.length, 3);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
