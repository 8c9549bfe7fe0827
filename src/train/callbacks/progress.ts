// The verbose display of fit: a Keras-like progress bar per epoch in a terminal (cli-progress, loaded on demand so
// the browser build never touches it), otherwise one line per epoch.
import { Callback } from './callback.js';
import type { Logs } from './callback.js';

/** The part of cli-progress' SingleBar used here (the package ships no types). */
interface Bar {
  start(total: number, value: number, payload: Record<string, string>): void;
  update(value: number, payload: Record<string, string>): void;
  stop(): void;
}
interface CliProgress {
  SingleBar: new (options: Record<string, unknown>) => Bar;
}

/** Options of `ProgressLogger`. */
export interface ProgressOptions {
  /** 1: a bar in a terminal (a line per epoch elsewhere); 2: a line per epoch. */
  verbose: 1 | 2;
  /** Where lines go (default console.log). */
  write?: (line: string) => void;
  /** Whether to draw a live bar (default: verbose 1 and standard output is a terminal). */
  tty?: boolean;
}

/**
 * Formats a logged value as Keras does: 4 decimals, or 4 significant digits in exponent form for tiny values.
 * @example formatValue(0.123456) // '0.1235'
 */
export function formatValue(v: number): string {
  return Math.abs(v) > 1e-3 || v === 0 || !Number.isFinite(v) ? v.toFixed(4) : v.toExponential(4);
}

/** Keras' per-step time: '3ms/step', '12us/step' or '2s/step'. */
function perStep(seconds: number): string {
  if (seconds >= 1) return `${Math.round(seconds)}s/step`;
  if (seconds >= 1e-3) return `${Math.round(seconds * 1e3)}ms/step`;
  return `${Math.round(seconds * 1e6)}us/step`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  return m < 60 ? `${m}:${String(s).padStart(2, '0')}` : `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/**
 * The metrics part of a progress line.
 * @example formatLogs({ loss: 0.12345, acc: 0.9 }) // ' - loss: 0.1235 - acc: 0.9000'
 */
export function formatLogs(logs: Logs): string {
  return Object.entries(logs).filter(([k]) => k !== 'batch' && k !== 'size').map(([k, v]) => ` - ${k}: ${formatValue(v)}`).join('');
}

function isTerminal(): boolean {
  return typeof process !== 'undefined' && process.stdout?.isTTY === true;
}

/**
 * Prints training progress: 'Epoch 3/10' then a live bar with steps, ETA, time per step, loss and metrics
 * (validation added at the epoch's end), or one line per epoch. fit adds it when `verbose` > 0.
 * @example new ProgressLogger({ verbose: 2, write: (l) => lines.push(l) })
 */
export class ProgressLogger extends Callback {
  private readonly write: (line: string) => void;
  private readonly live: boolean;
  private bar: Bar | null = null;
  private progress: CliProgress | null = null;
  private started = 0;
  private seen = 0;

  constructor(private readonly options: ProgressOptions) {
    super();
    this.write = options.write ?? ((line) => console.log(line));
    this.live = options.tty ?? (options.verbose === 1 && isTerminal());
  }

  override async onTrainBegin(): Promise<void> {
    if (!this.live || this.progress) return;
    const name = 'cli-progress';
    const mod = (await import(/* @vite-ignore */ name)) as { default?: CliProgress } & Partial<CliProgress>;
    this.progress = mod.SingleBar ? (mod as CliProgress) : mod.default ?? null;
  }

  override onEpochBegin(epoch: number): void {
    this.write(`Epoch ${epoch + 1}/${this.params.epochs}`);
    this.started = now();
    this.seen = 0;
    if (this.progress) {
      const steps = this.params.steps;
      this.bar = new this.progress.SingleBar({
        format: steps ? '{value}/{total} [{bar}] {time}{metrics}' : '{value} {time}{metrics}',
        barCompleteChar: '=', barIncompleteChar: '.', barsize: 30, hideCursor: true, stream: process.stdout, fps: 10,
      });
      this.bar.start(steps ?? 0, 0, { time: '', metrics: '' });
    }
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    this.seen = batch + 1;
    if (!this.bar) return;
    const elapsed = (now() - this.started) / 1000, step = elapsed / this.seen;
    const steps = this.params.steps;
    const time = steps ? `ETA: ${duration(step * (steps - this.seen))} ${perStep(step)}` : `${duration(elapsed)} ${perStep(step)}`;
    this.bar.update(this.seen, { time, metrics: formatLogs(logs) });
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    const elapsed = (now() - this.started) / 1000;
    const time = `${duration(elapsed)} ${perStep(elapsed / Math.max(this.seen, 1))}`;
    if (this.bar) {
      this.bar.update(this.seen, { time, metrics: formatLogs(logs) });
      this.bar.stop();
      this.bar = null;
      return;
    }
    const steps = this.params.steps ?? this.seen;
    this.write(`${this.seen}/${steps} - ${time}${formatLogs(logs)}`);
  }

  override onTrainEnd(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
