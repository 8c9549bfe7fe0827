import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgumentError } from '../core/errors.js';
import { renderReport, renderReportCharts } from './report.js';
import { metricPairs, prettyMetric } from './report-data.js';
import type { TrainingReportData } from './report-data.js';
import { fakeReportData } from './sample-data.js';
import { checkWellFormed } from './testing.js';

test('renderReport builds one self-contained, well-formed page with every section', async () => {
  const data = fakeReportData(1, 6);
  data.title = 'MLP <b>bold</b> & co';
  const html = await renderReport(data);
  assert.match(html, /^<!doctype html>\n<html lang="en">/);
  assert.equal(checkWellFormed(html, true), null);
  assert.match(html, /<title>MLP &lt;b&gt;bold&lt;\/b&gt; &amp; co<\/title>/);
  const h2 = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(h2, ['Training curves', 'Confusion matrix', 'Test samples', 'Model summary', 'Hyperparameters', 'Timings']);
  // loss, accuracy, confusion, samples, time per epoch
  assert.equal((html.match(/<figure[^>]*><svg/g) ?? []).length, 5);
  // offline: no scripts, and nothing referenced outside the page except SVG namespaces
  assert.doesNotMatch(html, /<script/i);
  assert.deepEqual([...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]), ['data:,']);
  assert.deepEqual([...new Set(html.match(/https?:\/\/[^"' )]+/g))].sort(), ['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
  for (const s of ['MNIST', '54,000 training / 10,000 test samples', '6 epochs', 'Test accuracy', 'learningRate', 'dense_1 (Dense)', 'Mean per epoch']) {
    assert.ok(html.includes(s), `missing '${s}'`);
  }
});

test('renderReport puts misclassified samples first, framed in red, and names classes', async () => {
  const data = fakeReportData(2, 3);
  data.dataset.classNames = data.dataset.classNames!.map((c) => `digit ${c}`);
  const charts = await renderReportCharts(data);
  const wrong = data.samples!.filter((s) => s.trueLabel !== s.predLabel).length;
  assert.ok(wrong > 0 && wrong < data.samples!.length);
  assert.equal(charts.samples!.misclassified, wrong);
  const groups = [...charts.samples!.svg.matchAll(/<g class="sample( highlight)?">/g)].map((m) => Boolean(m[1]));
  assert.deepEqual(groups, [...Array(wrong).fill(true), ...Array(groups.length - wrong).fill(false)]);
  assert.match(charts.samples!.svg, /✗ pred digit \d/);
  assert.ok(charts.confusion!.svg.includes('>digit 9<'));
  assert.deepEqual(charts.curves.map((c) => c.file), ['loss.svg', 'accuracy.svg']);
});

test('renderReport handles a minimal history: no validation, no confusion, no samples, a diverged loss', async () => {
  const data: TrainingReportData = {
    title: 'Tiny', dataset: { name: 'xor', trainSize: 4, testSize: 4 }, hyperparameters: {},
    history: { epoch: [0], loss: [NaN] }, summary: '', timings: { totalSeconds: 0.02, perEpochSeconds: [0.02] },
    testMetrics: {}, createdAt: '2025-01-01T00:00:00Z',
  };
  const html = await renderReport(data);
  assert.equal(checkWellFormed(html, true), null);
  assert.deepEqual([...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]), ['Training curves', 'Model summary', 'Hyperparameters', 'Timings']);
  assert.ok(html.includes('20 ms'));
});

test('renderReport rejects data that does not match TrainingReportData', async () => {
  const data = fakeReportData(1, 4);
  data.history.val_loss = data.history.val_loss.slice(1);
  await assert.rejects(renderReport(data), (e: unknown) => e instanceof ArgumentError
    && e.message === 'renderReport: history.val_loss must have one value per epoch (4), received 3');
  const bad = fakeReportData(1, 4);
  bad.confusion = [[1, 2], [3, 4]];
  await assert.rejects(renderReport(bad), /renderReport: confusion has 2 classes but dataset.classNames has 10/);
  await assert.rejects(renderReport({ ...fakeReportData(1, 2), timings: { totalSeconds: NaN, perEpochSeconds: [] } }),
    /renderReport: timings.totalSeconds must be a finite number, received number NaN/);
  // @ts-expect-error: not a report
  await assert.rejects(renderReport(null), /renderReport: expected a TrainingReportData object, received null/);
});

test('metric names pair training with validation, loss first', () => {
  const pairs = metricPairs({ epoch: [1], val_acc: [0.5], acc: [0.6], val_loss: [1], loss: [2], val_only: [3] });
  assert.deepEqual(pairs.map((p) => [p.name, Boolean(p.train), Boolean(p.val)]), [['loss', true, true], ['acc', true, true], ['only', false, true]]);
  assert.equal(prettyMetric('acc'), 'Accuracy');
  assert.equal(prettyMetric('top_k_accuracy'), 'Top k accuracy');
  assert.equal(prettyMetric('sparseCategoricalAccuracy'), 'Sparse categorical accuracy');
});

test('the well-formedness check used above catches broken markup', () => {
  assert.match(checkWellFormed('<svg><g></svg>') ?? '', /<\/svg> closes <g>/);
  assert.match(checkWellFormed('<svg>a & b</svg>') ?? '', /unescaped '&'/);
  assert.match(checkWellFormed('<p>a < b</p>') ?? '', /stray '<'/);
  assert.equal(checkWellFormed('<!doctype html><html><head><meta charset="utf-8"><style>a > b {}</style></head></html>', true), null);
});
