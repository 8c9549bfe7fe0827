import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from './errors.js';
import { checkOutDir, defaultOutDir, writeAtomically } from './output.js';
import { entries, tempDir } from './testing.js';

test('writeAtomically publishes the folder at the end and replaces an earlier run', async () => {
  const dir = tempDir('out');
  const out = join(dir, 'runs', 'a');
  await writeAtomically(out, async (tmp) => { await writeFile(join(tmp, 'report.json'), '1'); });
  assert.equal(readFileSync(join(out, 'report.json'), 'utf8'), '1');
  await writeAtomically(out, async (tmp) => { await writeFile(join(tmp, 'history.csv'), '2'); });
  assert.deepEqual(entries(out), ['history.csv']);
  assert.deepEqual(entries(join(dir, 'runs')), ['a']);
  rmSync(dir, { recursive: true });
});

test('writeAtomically leaves nothing behind on failure, not even the parent folders it created', async () => {
  const dir = tempDir('out');
  await assert.rejects(writeAtomically(join(dir, 'x', 'y', 'run'), async (tmp) => {
    await writeFile(join(tmp, 'half.txt'), 'partial');
    throw new Error('disk full');
  }), /disk full/);
  assert.deepEqual(entries(dir), []);
  mkdirSync(join(dir, 'old'));
  writeFileSync(join(dir, 'old', 'report.json'), 'old');
  await assert.rejects(writeAtomically(join(dir, 'old'), async () => { throw new Error('boom'); }), /boom/);
  assert.equal(readFileSync(join(dir, 'old', 'report.json'), 'utf8'), 'old', 'the earlier run is kept');
  assert.deepEqual(entries(dir), ['old']);
  rmSync(dir, { recursive: true });
});

test('checkOutDir refuses to replace a folder that is not a tensorgrad run', () => {
  const dir = tempDir('out');
  writeFileSync(join(dir, 'thesis.tex'), '');
  assert.throws(() => checkOutDir(dir), (e: unknown) => e instanceof CliError && /not a tensorgrad output folder/.test(e.message));
  assert.throws(() => checkOutDir(join(dir, 'thesis.tex')), /exists and is not a folder/);
  checkOutDir(join(dir, 'new'));
  assert.ok(!existsSync(join(dir, 'new')));
  assert.equal(defaultOutDir('my data', 'cnn'), join('tensorgrad-out', 'my_data-cnn'));
  rmSync(dir, { recursive: true });
});
