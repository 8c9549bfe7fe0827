import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

test('cnn-filters: a small CNN learns digits; filters, feature maps and confusion matrix are drawn', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'cnn-filters-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  assert.ok(r.testAccuracy >= 0.8, `test accuracy ${r.testAccuracy}`);
  assert.equal(r.confusion.flat().reduce((a, b) => a + b, 0), 500);
  assert.equal(r.filters.length, 6);
  assert.ok(r.filters.every((f) => f.length === 25 && f.every(Number.isFinite)));
  assert.deepEqual(r.plots.map((p) => p.split(/[\\/]/).at(-1)), ['filters.svg', 'feature-maps.svg', 'confusion.svg']);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
  // One filter image per filter twice (initial and trained); five digits each with their maps.
  assert.equal((await readFile(r.plots[0], 'utf8')).match(/class="sample/g)?.length, 12);
  assert.equal((await readFile(r.plots[1], 'utf8')).match(/class="sample/g)?.length, 5 * 7);
});
