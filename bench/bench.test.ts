// Smoke test of `npm run bench`: a quick run of one tiny GEMM and batch-1 inference on the reference backend,
// next to TensorFlow.js (a devDependency), must print the table with a ratio column. No timing is checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

test('bench/run.ts --quick prints one table with throughputs and a tensorgrad/peer ratio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-bench-test-'));
  try {
    const out = join(dir, 'results.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--rounds', '1',
      '--filter', '^(sgemm_64|w1_predict_b1)$', '--peers', '^(tensorgrad-cpu|tfjs-cpu)$', '--out', out],
    { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('| workload |'));
    assert.ok(header, r.stdout);
    assert.match(header, /\| tensorgrad-cpu \|/);
    assert.match(header, /\| tg-cpu \/ tfjs-cpu \|/);
    const gemm = lines.find((l) => l.startsWith('| sgemm_64 |'));
    assert.ok(gemm, r.stdout);
    const cells = gemm.split('|').map((c) => c.trim());
    assert.match(cells.at(-2)!, /^[\d.]+x\*?$/, 'ratio cell');
    assert.match(cells[3], /^[\d.]+[kM]?( \([\d.]+%\))?\*?$/, 'tensorgrad GFLOP/s cell');
    assert.ok(lines.some((l) => l.startsWith('| w1_predict_b1 | us/call |')), r.stdout);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as { table: string; runs: { peer: string; status: string }[] };
    assert.equal(saved.table, lines.filter((l) => l.startsWith('|')).join('\n'));
    assert.ok(saved.runs.some((x) => x.peer === 'tensorgrad-cpu' && x.status === 'ok'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
