// Opens a written training report in headless Chromium: no console errors, no page errors, no network
// requests, the expected headings and charts, every chart file parses as SVG; saves test-output/report.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeReport } from '../src/report/node/write.js';
import { fakeReportData } from '../src/report/sample-data.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium); .ci/run installs it`;

test('the training report renders in headless Chromium without errors', { skip, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const dir = await mkdtemp(join(tmpdir(), 'tensorgrad-report-'));
  const profile = await mkdtemp(join(tmpdir(), 'tensorgrad-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1200, height: 900 }, offline: true,
  });
  try {
    const data = fakeReportData(7);
    const written = await writeReport(dir, data);
    const url = pathToFileURL(written.html).href;
    const page = context.pages()[0] ?? await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => { if (r.url() !== url) problems.push(`request: ${r.url()}`); });
    await page.goto(url, { waitUntil: 'load' });

    assert.equal(await page.title(), data.title);
    assert.equal(await page.locator('h1').innerText(), data.title);
    const headings = await page.locator('h2').allInnerTexts();
    assert.deepEqual(headings, ['Training curves', 'Confusion matrix', 'Test samples', 'Model summary', 'Hyperparameters', 'Timings']);
    // loss + accuracy curves, confusion matrix, sample grid, time per epoch
    assert.equal(await page.locator('figure > svg').count(), 5);
    for (const fig of await page.locator('figure > svg').all()) {
      const box = await fig.boundingBox();
      assert.ok(box && box.width > 100 && box.height > 100, `chart too small: ${JSON.stringify(box)}`);
    }
    const cards = await page.locator('.card .label').allInnerTexts();
    assert.deepEqual(cards, ['Test loss', 'Test accuracy']);
    assert.equal(await page.locator('g.sample.highlight').count(), data.samples!.filter((s) => s.trueLabel !== s.predLabel).length);

    // Each chart file on its own parses as SVG in the browser.
    for (const file of written.charts) {
      const svg = await readFile(file, 'utf8');
      const error = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return doc.querySelector('parsererror')?.textContent ?? (doc.documentElement.nodeName === 'svg' ? null : doc.documentElement.nodeName);
      }, svg);
      assert.equal(error, null, `${file} is not valid SVG`);
    }

    await mkdir('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/report.png', fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
});

test('the charts and the report also render inside the browser', { skip, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const { build } = await import('esbuild');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const bundle = await build({
    stdin: { contents: "export * from './src/report/index.ts'; export { fakeReportData } from './src/report/sample-data.ts';", resolveDir: root, loader: 'ts' },
    bundle: true, write: false, format: 'iife', globalName: 'report', platform: 'browser', logLevel: 'silent',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.setContent('<!doctype html><html><head><title>charts</title></head><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const result = await page.evaluate(async () => {
      const r = (window as unknown as { report: typeof import('../src/report/index.js') & typeof import('../src/report/sample-data.js') }).report;
      const svg = await r.lineChart({ title: 'Loss', xLabel: 'Epoch', yLabel: 'Loss', series: [{ name: 'training', x: [1, 2, 3], y: [0.9, 0.5, 0.3] }] });
      const html = await r.renderReport(r.fakeReportData(5, 4));
      document.body.innerHTML = svg;
      const texts = [...document.querySelectorAll('svg text')].map((t) => t.textContent);
      return { hasTitle: texts.includes('Loss') && texts.includes('Epoch'), svgs: (html.match(/<figure[^>]*><svg/g) ?? []).length };
    });
    assert.deepEqual(result, { hasTitle: true, svgs: 5 });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
