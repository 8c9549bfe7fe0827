import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from './catalog.js';
import { main } from './run.js';

function capture(): { out: string[]; err: string[]; io: { out: (l: string) => void; err: (l: string) => void } } {
  const out: string[] = [], err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

test('run: without a name it lists every example of the catalog', async () => {
  const c = capture();
  assert.equal(await main([], c.io), 0);
  for (const e of catalog) assert.ok(c.out.some((l) => l.includes(e.name) && l.includes(e.title)), e.name);
  assert.deepEqual(c.err, []);
});

test('run: an unknown name or argument is a one-line error with exit code 2', async () => {
  const c = capture();
  assert.equal(await main(['nope'], c.io), 2);
  assert.equal(c.err.length, 1);
  assert.match(c.err[0], /unknown example 'nope'; expected one of oyster, perceptron/);
  const d = capture();
  assert.equal(await main(['oyster', '--fast'], d.io), 2);
  assert.match(d.err[0], /unexpected argument '--fast'/);
});

test('run: runs a named example with --quick and --out', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'run-'));
  const c = capture();
  assert.equal(await main(['backprop-by-hand', '--quick', '--out', outDir], c.io), 0);
  assert.match(c.out[0], /Backpropagation by hand \(backprop-by-hand, quick settings\)/);
  assert.ok(c.out.some((l) => l.includes('0.04 + 0.09 + 0.02 = 0.15')));
  assert.deepEqual((await readdir(outDir)).sort(), ['error-split.svg', 'loss.svg']);
});
