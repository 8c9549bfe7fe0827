import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '../../src/node.js';
import { principalComponents, run } from './main.js';

test('word-embeddings: skip-gram loss falls, usual partners become near neighbours, k-means finds digits', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'word-embeddings-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  assert.ok(r.losses.at(-1)! < r.losses[0] - 0.2, `losses ${r.losses}`);
  // A word's usual partner ('social' -> 'security') ranks among its nearest words: the median rank is at least
  // ten times better than the ~500 a random vector would give in a 1000-word vocabulary.
  const ranks = r.partnerRanks.map((p) => p.rank).sort((a, b) => a - b);
  assert.ok(ranks.length >= 7, `partners in vocabulary: ${ranks.length}`);
  assert.ok(ranks[Math.floor(ranks.length / 2)] <= 50, `partner ranks ${JSON.stringify(r.partnerRanks)}`);
  assert.ok(Object.keys(r.neighbours).length >= 4);
  assert.equal(r.wordClusters.length, 6);
  assert.equal(r.wordClusters.flat().length, 200);
  // Clusters of raw pixels match digits far better than chance (purity of random clusters is below 0.2).
  assert.ok(r.digits.purity >= 0.45, `purity ${r.digits.purity}`);
  assert.ok(r.digits.adjustedRand >= 0.2, `adjusted Rand ${r.digits.adjustedRand}`);
  assert.equal(r.plots.length, 4);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});

test('principalComponents: recovers the direction of largest variance', () => {
  // Points along the line y = 2x with a little spread across it: the first component lies along the line.
  const x = tensor([[-2, -4.1], [-1, -1.9], [0, 0.1], [1, 2.1], [2, 3.9]]);
  const pc = principalComponents(x, 2).arraySync() as number[][];
  const along = pc.map((p) => Math.abs(p[0])), across = pc.map((p) => Math.abs(p[1]));
  assert.ok(Math.max(...across) < 0.2, `second component ${across}`);
  // The first point, centred (the mean is [0, 0.02]), lies about |[-2, -4.12]| = 4.58 along the line.
  assert.ok(Math.abs(along[0] - Math.hypot(2, 4.12)) < 0.05, `first component ${along}`);
});
