// Small pieces several commands share: durations, the model summary text, opening a file.
import type { LayersModel } from '../nn/model.js';

/**
 * A duration for people: '850 ms', '12.3 s', '2 min 05 s'.
 * @example seconds(75) // '1 min 15 s'
 */
export function seconds(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - 60 * m)).padStart(2, '0')} s`;
}

/**
 * The model's summary table as text.
 * @example console.log(summaryText(model))
 */
export function summaryText(model: LayersModel): string {
  const lines: string[] = [];
  model.summary(undefined, undefined, (l) => lines.push(l));
  return lines.join('\n');
}

/**
 * The shell command that opens `file` with the system's default application.
 * @example openCommand('out/report.html') // 'xdg-open out/report.html' on Linux
 */
export function openCommand(file: string): string {
  const quoted = /^[\w./@:-]+$/.test(file) ? file : `"${file.replace(/"/g, '\\"')}"`;
  if (process.platform === 'darwin') return `open ${quoted}`;
  if (process.platform === 'win32') return `start "" ${quoted}`;
  return `xdg-open ${quoted}`;
}
