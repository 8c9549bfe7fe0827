import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeReportData } from '../sample-data.js';
import { writeFileAtomic, writeReport, writeSvg } from './write.js';

test('writeReport writes report.html and one SVG per chart, leaving no temporary files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tensorgrad-write-'));
  try {
    const out = join(dir, 'run', 'nested');
    const written = await writeReport(out, fakeReportData(3, 5));
    assert.equal(written.html, join(out, 'report.html'));
    const files = (await readdir(out)).sort();
    assert.deepEqual(files, ['accuracy.svg', 'confusion.svg', 'loss.svg', 'report.html', 'samples.svg', 'timing.svg']);
    assert.deepEqual(written.charts.map((p) => p.slice(out.length + 1)).sort(), files.filter((f) => f.endsWith('.svg')));
    const loss = await readFile(join(out, 'loss.svg'), 'utf8');
    assert.match(loss, /^<svg/);
    assert.ok((await readFile(written.html, 'utf8')).includes(loss));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writeFileAtomic replaces a file and writeSvg refuses non-SVG text', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tensorgrad-write-'));
  try {
    const p = join(dir, 'a.svg');
    await writeSvg(p, '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    await writeFileAtomic(p, '<svg/>');
    assert.equal(await readFile(p, 'utf8'), '<svg/>');
    assert.deepEqual(await readdir(dir), ['a.svg']);
    await assert.rejects(writeSvg(p, '<html>'), /writeSvg: svg must be an SVG string starting with '<svg', received '<html>'/);
    await assert.rejects(writeFileAtomic('', 'x'), /writeFileAtomic: path must be a non-empty string, received ''/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
