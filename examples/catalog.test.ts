import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { catalog, findExample } from './catalog.js';

const here = fileURLToPath(new URL('.', import.meta.url));

test('catalog: names are unique folder names, each entry has a title and a concept', () => {
  const names = catalog.map((e) => e.name);
  assert.equal(new Set(names).size, names.length);
  for (const e of catalog) {
    assert.match(e.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(e.title.length > 0 && e.concept.length > 0, e.name);
  }
  assert.equal(findExample('perceptron')?.name, 'perceptron');
  assert.equal(findExample('nope'), undefined);
});

test('catalog: every entry has examples/<name>/main.ts and a test, and every example folder is listed', () => {
  for (const e of catalog) {
    assert.ok(existsSync(join(here, e.name, 'main.ts')), `examples/${e.name}/main.ts`);
    assert.ok(existsSync(join(here, e.name, 'main.test.ts')), `examples/${e.name}/main.test.ts`);
  }
  const folders = readdirSync(here).filter((f) => statSync(join(here, f)).isDirectory() && existsSync(join(here, f, 'main.ts')));
  for (const f of folders) assert.ok(findExample(f), `examples/${f} is not in the catalog`);
});
