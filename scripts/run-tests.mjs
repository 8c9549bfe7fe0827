#!/usr/bin/env node
// Runs every *.test.ts under src/, test/, examples/ and bench/ with Node's test runner (TypeScript via tsx).
// Extra arguments filter files by substring: `node scripts/run-tests.mjs matmul conv`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(relative(root, p));
  }
};
for (const d of ['src', 'test', 'examples', 'bench']) {
  try { walk(join(root, d)); } catch { /* folder absent */ }
}
const filters = process.argv.slice(2);
const chosen = files.filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (chosen.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...chosen], {
  cwd: root, stdio: 'inherit', env: { ...process.env, TENSORGRAD_QUIET: '1' },
});
process.exit(r.status ?? 1);
