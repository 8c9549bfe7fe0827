/** Node-only: writes the training report and its charts to a folder, each file atomically. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ArgumentError, describe } from '../../core/errors.js';
import { renderReportCharts, reportHtml } from '../report.js';
import type { TrainingReportData } from '../report-data.js';

/**
 * Writes `text` to `path` atomically: to a temporary file in the same folder, then renamed over the target,
 * so a reader never sees a half-written file. Creates the folder if needed.
 * @example await writeFileAtomic('out/loss.svg', svg);
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new ArgumentError('writeFileAtomic', `path must be a non-empty string, received ${describe(path)}`);
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes an SVG string (e.g. from lineChart) to a file atomically.
 * @example await writeSvg('out/loss.svg', await lineChart({ series: [{ name: 'loss', x: [1, 2], y: [0.5, 0.3] }] }));
 */
export async function writeSvg(path: string, svg: string): Promise<void> {
  if (typeof svg !== 'string' || !svg.trimStart().startsWith('<svg')) {
    throw new ArgumentError('writeSvg', `svg must be an SVG string starting with '<svg', received ${describe(typeof svg === 'string' ? svg.slice(0, 20) : svg)}`);
  }
  await writeFileAtomic(path, svg);
}

/** Paths written by writeReport. */
export interface WrittenReport {
  /** The self-contained report page. */
  html: string;
  /** Every chart as its own SVG file (loss.svg, one per metric, confusion.svg, samples.svg, timing.svg). */
  charts: string[];
}

/**
 * Writes report.html plus each chart as an SVG file into `dir` (created if missing), every file atomically.
 * @example const { html } = await writeReport('runs/mnist', data); // runs/mnist/report.html
 */
export async function writeReport(dir: string, data: TrainingReportData): Promise<WrittenReport> {
  if (typeof dir !== 'string' || dir === '') throw new ArgumentError('writeReport', `dir must be a non-empty string, received ${describe(dir)}`);
  const charts = await renderReportCharts(data);
  const all = [...charts.curves, charts.confusion, charts.samples, charts.timing].filter((c) => c !== undefined);
  const paths: string[] = [];
  for (const c of all) {
    const p = join(dir, c.file);
    await writeSvg(p, c.svg);
    paths.push(p);
  }
  const html = join(dir, 'report.html');
  await writeFileAtomic(html, reportHtml(data, charts));
  return { html, charts: paths };
}
