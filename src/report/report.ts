/**
 * The training report: one self-contained HTML page (inline SVG charts and CSS, no scripts, nothing fetched),
 * browser-safe so it can be rendered in a page as well as written by Node.
 */
import { heatmap, imageGrid, lineChart } from './charts.js';
import { esc } from './image-grid.js';
import { isFraction, metricPairs, prettyMetric, validateReportData } from './report-data.js';
import type { ReportSample, TrainingReportData } from './report-data.js';
import { REPORT_CSS } from './style.js';

/** One chart of a report, with the file name it gets when written to disk. */
export interface ReportChart {
  /** File name, e.g. 'loss.svg'. */
  file: string;
  title: string;
  svg: string;
}

/** The rendered charts of a report, grouped by report section. */
export interface ReportCharts {
  curves: ReportChart[];
  confusion?: ReportChart;
  samples?: ReportChart & { shown: number; misclassified: number };
  timing?: ReportChart;
}

/**
 * Renders the charts of a training report (learning curves, confusion matrix, sample grid, time per epoch).
 * @example const charts = await renderReportCharts(data); charts.curves[0].file // 'loss.svg'
 */
export async function renderReportCharts(data: TrainingReportData): Promise<ReportCharts> {
  validateReportData(data);
  const epochs = data.history.epoch;
  const curves: ReportChart[] = [];
  const used = new Set<string>();
  for (const m of metricPairs(data.history)) {
    const title = prettyMetric(m.name);
    const series = [];
    if (m.train) series.push({ name: 'training', x: epochs, y: m.train });
    if (m.val) series.push({ name: 'validation', x: epochs, y: m.val, dashed: true });
    const all = [...(m.train ?? []), ...(m.val ?? [])];
    const positive = all.length > 0 && all.every((v) => Number.isFinite(v) && v > 0);
    const logY = positive && Math.max(...all) / Math.min(...all) >= 100;
    const svg = await lineChart({ title, series, xLabel: 'Epoch', yLabel: logY ? `${title} (log scale)` : title, logY });
    curves.push({ file: uniqueFile(m.name, used), title, svg });
  }
  const charts: ReportCharts = { curves };
  const names = data.dataset.classNames;
  if (data.confusion) {
    const labels = names ?? data.confusion.map((_, i) => String(i));
    const svg = await heatmap({
      title: 'Confusion matrix (test set)', matrix: data.confusion, rowLabels: labels, colLabels: labels,
      xLabel: 'Predicted class', yLabel: 'True class', valueLabel: 'Samples',
    });
    charts.confusion = { file: 'confusion.svg', title: 'Confusion matrix', svg };
  }
  if (data.samples && data.samples.length > 0) {
    const wrong = (s: ReportSample): boolean => s.trueLabel !== s.predLabel;
    const ordered = [...data.samples.filter(wrong), ...data.samples.filter((s) => !wrong(s))];
    const name = (l: number | string): string => (typeof l === 'number' && names?.[l] !== undefined ? names[l] : String(l));
    const svg = imageGrid(ordered.map((s) => ({
      pixels: s.pixels, width: s.width, height: s.height, highlight: wrong(s),
      caption: `${wrong(s) ? '✗ ' : ''}pred ${name(s.predLabel)}\ntrue ${name(s.trueLabel)}`,
    })), { title: 'Test samples (misclassified first)' });
    charts.samples = { file: 'samples.svg', title: 'Test samples', svg, shown: ordered.length, misclassified: data.samples.filter(wrong).length };
  }
  const per = data.timings.perEpochSeconds;
  if (per.length > 1) {
    const x = per.length === epochs.length ? epochs : per.map((_, i) => i + 1);
    const svg = await lineChart({ title: 'Time per epoch', series: [{ name: 'seconds', x, y: per }], xLabel: 'Epoch', yLabel: 'Seconds', height: 160, zero: true });
    charts.timing = { file: 'timing.svg', title: 'Time per epoch', svg };
  }
  return charts;
}

/**
 * Builds the report page from its data and already rendered charts (see renderReportCharts).
 * @example const html = reportHtml(data, await renderReportCharts(data));
 */
export function reportHtml(data: TrainingReportData, charts: ReportCharts): string {
  validateReportData(data);
  const ds = data.dataset;
  const epochs = data.history.epoch.length;
  const meta = [
    esc(ds.name), `${fmtInt(ds.trainSize)} training / ${fmtInt(ds.testSize)} test samples`,
    `${epochs} epoch${epochs === 1 ? '' : 's'}`, `trained in ${fmtSeconds(data.timings.totalSeconds)}`, esc(data.createdAt),
  ].join(' <span class="dot">·</span> ');
  const cards = Object.entries(data.testMetrics).map(([k, v]) =>
    `<div class="card"><div class="value">${esc(fmtMetric(k, v))}</div><div class="label">Test ${esc(prettyMetric(k).toLowerCase())}</div></div>`);
  const figure = (c: ReportChart): string => `<figure aria-label="${esc(c.title)}">${c.svg}</figure>`;
  const parts: string[] = [
    '<!doctype html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>${esc(data.title)}</title>`, `<style>${REPORT_CSS}</style>`, '</head>', '<body>', '<main>',
    `<header><h1>${esc(data.title)}</h1><p class="meta">${meta}</p></header>`,
  ];
  if (cards.length > 0) parts.push(`<section class="cards" aria-label="Test metrics">${cards.join('')}</section>`);
  if (charts.curves.length > 0) {
    parts.push('<section><h2>Training curves</h2>', `<div class="charts">${charts.curves.map(figure).join('')}</div>`, '</section>');
  }
  if (charts.confusion) {
    parts.push('<section><h2>Confusion matrix</h2>',
      '<p class="note">Rows are true classes, columns predicted classes; the diagonal holds correct predictions.</p>',
      figure(charts.confusion), '</section>');
  }
  if (charts.samples) {
    const s = charts.samples;
    parts.push('<section><h2>Test samples</h2>',
      `<p class="note">${s.shown} samples, ${s.misclassified} misclassified; misclassified ones come first and are framed in red.</p>`,
      figure(s), '</section>');
  }
  parts.push('<section><h2>Model summary</h2>', `<pre class="summary">${esc(data.summary)}</pre>`, '</section>');
  parts.push('<div class="columns">');
  parts.push('<section><h2>Hyperparameters</h2>', table(Object.entries(data.hyperparameters).map(([k, v]) => [k, String(v)])), '</section>');
  parts.push('<section><h2>Timings</h2>', table(timingRows(data.timings)), charts.timing ? figure(charts.timing) : '', '</section>');
  parts.push('</div>');
  parts.push(`<footer>Generated by tensorgrad · ${esc(data.createdAt)}</footer>`, '</main>', '</body>', '</html>', '');
  return parts.join('\n');
}

/**
 * Renders the whole training report as one self-contained HTML page (async because vega renders asynchronously).
 * @example const html = await renderReport({ title: 'MNIST MLP', dataset: { name: 'MNIST', trainSize: 60000, testSize: 10000 }, hyperparameters: { epochs: 5 }, history: { epoch: [1, 2], loss: [0.4, 0.2] }, summary: '', timings: { totalSeconds: 9, perEpochSeconds: [4.5, 4.5] }, testMetrics: { accuracy: 0.97 }, createdAt: new Date().toISOString() });
 */
export async function renderReport(data: TrainingReportData): Promise<string> {
  return reportHtml(data, await renderReportCharts(data));
}

function uniqueFile(metric: string, used: Set<string>): string {
  const base = metric.replace(/[^A-Za-z0-9_-]+/g, '_') || 'metric';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()) || ['confusion', 'samples', 'timing', 'report'].includes(name.toLowerCase()); i++) name = `${base}_${i}`;
  used.add(name.toLowerCase());
  return `${name}.svg`;
}

function table(rows: [string, string][]): string {
  if (rows.length === 0) return '<p class="note">None.</p>';
  return `<table>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

function timingRows(t: TrainingReportData['timings']): [string, string][] {
  const rows: [string, string][] = [['Total', fmtSeconds(t.totalSeconds)]];
  const p = t.perEpochSeconds;
  if (p.length > 0) {
    rows.push(['Mean per epoch', fmtSeconds(p.reduce((a, b) => a + b, 0) / p.length)]);
    if (p.length > 1) rows.push(['Fastest epoch', fmtSeconds(Math.min(...p))], ['Slowest epoch', fmtSeconds(Math.max(...p))]);
  }
  return rows;
}

function fmtInt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

function fmtNumber(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return fmtInt(v);
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

function fmtMetric(key: string, v: number): string {
  return isFraction(key, v) ? `${(v * 100).toFixed(2)}%` : fmtNumber(v);
}

function fmtSeconds(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60), rest = Math.round(s - m * 60);
  return m < 60 ? `${m} min ${String(rest).padStart(2, '0')} s` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
