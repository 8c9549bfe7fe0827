import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plotWriter } from './plots.js';

test('plotWriter writes each SVG into the folder and lists the paths in order', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'plots-'));
  const { plots, save } = plotWriter(dir);
  assert.deepEqual(plots, []);
  await save('a.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>');
  await save('b.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"></svg>');
  assert.deepEqual(plots, [join(dir, 'a.svg'), join(dir, 'b.svg')]);
  assert.match(await readFile(plots[1], 'utf8'), /width="2"/);
});
