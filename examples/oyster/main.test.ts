import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

test('oyster: the neuron learns the true threshold and beats the hand-written rule when the truth moved', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'oyster-'));
  const { scenarios, plots } = await run({ quick: true, outDir, log: () => {} });
  const [same, moved] = scenarios;
  assert.equal(same.trueThreshold, 7.5);
  assert.ok(Math.abs(same.learnedThreshold - 7.5) <= 0.5, `learned ${same.learnedThreshold}`);
  assert.equal(moved.trueThreshold, 8.5);
  assert.ok(Math.abs(moved.learnedThreshold - 8.5) <= 0.5, `learned ${moved.learnedThreshold}`);
  assert.ok(moved.modelAccuracy > moved.ruleAccuracy, `neuron ${moved.modelAccuracy} vs rule ${moved.ruleAccuracy}`);
  assert.ok(moved.losses.at(-1)! < moved.losses[0]);
  assert.equal(plots.length, 2);
  for (const p of plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
