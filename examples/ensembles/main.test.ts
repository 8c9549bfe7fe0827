import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

test('ensembles: every ensemble is at least as accurate as its average member; boosting beats every stump', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'ensembles-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  const [moons] = r.datasets;
  assert.equal(moons.dataset, 'moons');
  assert.deepEqual(moons.comparisons.map((c) => c.ensemble.split(' ')[0]), ['hard', 'soft', 'bagging', 'AdaBoost', 'stacking']);
  for (const c of moons.comparisons) {
    assert.ok(c.accuracy >= c.meanMember, `${c.ensemble}: ${c.accuracy} < mean member ${c.meanMember}`);
    assert.ok(c.members.length >= 3);
  }
  const boost = moons.comparisons[3];
  assert.ok(boost.accuracy >= boost.bestMember + 0.05, `AdaBoost ${boost.accuracy} vs best stump ${boost.bestMember}`);
  assert.ok(moons.boostingRounds.at(-1)! > moons.boostingRounds[0], 'boosting rounds improve on the first stump');
  assert.equal(moons.baggingMembers.length, moons.comparisons[2].members.length);
  assert.equal(r.plots.length, 3);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
