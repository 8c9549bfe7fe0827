import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

test('batch-epochs: 1,000 samples in batches of 20 give 50 updates per epoch and 500 in 10 epochs', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'batch-epochs-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  const by = (b: number) => r.counts.find((c) => c.batchSize === b)!;
  const c20 = by(20);
  assert.deepEqual(c20.updatesPerEpoch, Array(10).fill(50));
  assert.equal(c20.totalUpdates, 500);
  assert.equal(c20.epochsSeen, 10);
  assert.equal(c20.optimizerIterations, 500);
  assert.deepEqual(c20.samplesPerEpoch, Array(10).fill(1000));
  assert.equal(c20.losses.length, 500);
  // 1000 = 3 x 300 + 100: a last, smaller batch still makes an update.
  assert.deepEqual(by(300).updatesPerEpoch, Array(10).fill(4));
  assert.equal(by(300).lastBatchSize, 100);
  assert.equal(by(1000).totalUpdates, 10);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
