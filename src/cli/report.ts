// `tensorgrad report RUN`: renders the training report (report.html and its SVG charts) again from the run's
// report.json, for example after an upgrade of tensorgrad or into another folder.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { validateReportData } from '../report/report-data.js';
import { writeReport } from '../report/node/write.js';
import { CliError, firstLine } from './errors.js';
import { openCommand } from './shared.js';

/**
 * Runs `tensorgrad report`: reads `run`/report.json (or the report.json file `run` names) and writes report.html
 * and the charts into `out` (default: beside report.json).
 * @example await runReport('tensorgrad-out/digits-cnn', {})
 */
export async function runReport(run: string, o: { out?: string }): Promise<void> {
  if (!existsSync(run)) throw new CliError(`${run}: no such file or folder`);
  const file = statSync(run).isDirectory() ? join(run, 'report.json') : run;
  if (!existsSync(file)) throw new CliError(`${run}: no report.json here (expected a folder written by tensorgrad train)`);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
    validateReportData(data);
  } catch (e) {
    throw new CliError(`${file}: not a training report (${firstLine(e)})`, { cause: e });
  }
  const { html, charts } = await writeReport(o.out ?? dirname(file), data);
  process.stdout.write(`Report: ${html} (${charts.length} charts)\nOpen it: ${openCommand(html)}\n`);
}
