import { check, describe } from '../../core/errors.js';
import { Callback } from './callback.js';
import type { Logs } from './callback.js';

/** Options of `CSVLogger`. */
export interface CSVLoggerOptions {
  /** The file to write (Node); needed unless `write` is given. */
  filename?: string;
  /** Default ','. */
  separator?: string;
  /** Append to an existing file instead of replacing it (default false); no header is written then if it has content. */
  append?: boolean;
  /** Receives the CSV text instead of a file (a browser, a test): called once per line, newline included. */
  write?: (text: string) => void | Promise<void>;
}

interface NodeFs {
  appendFile(path: string, data: string): Promise<void>;
  writeFile(path: string, data: string): Promise<void>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

/**
 * Writes each epoch's logs as a CSV row: `epoch` then the logged names in sorted order (Keras `CSVLogger`).
 * @example new CSVLogger({ filename: 'training.csv' })
 */
export class CSVLogger extends Callback {
  private keys: string[] | null = null;
  private fs: NodeFs | null = null;
  private headerDone = false;
  readonly separator: string;

  constructor(private readonly options: CSVLoggerOptions) {
    super();
    check(options && (typeof options.filename === 'string' || typeof options.write === 'function'), 'CSVLogger',
      () => `a filename or a write function is required, received ${describe(options)}`);
    this.separator = options.separator ?? ',';
  }

  override async onTrainBegin(): Promise<void> {
    this.keys = null;
    this.headerDone = false;
    if (this.options.write) return;
    // Loaded on demand so the browser build never imports Node modules.
    const name = 'node:fs/promises';
    this.fs = (await import(/* @vite-ignore */ name)) as NodeFs;
    const file = this.options.filename!;
    if (this.options.append) {
      const existing = await this.fs.readFile(file, 'utf8').catch(() => '');
      this.headerDone = existing.length > 0;
    } else await this.fs.writeFile(file, '');
  }

  private async emit(line: string): Promise<void> {
    if (this.options.write) await this.options.write(`${line}\n`);
    else await this.fs!.appendFile(this.options.filename!, `${line}\n`);
  }

  private cell(v: unknown): string {
    const s = typeof v === 'number' ? String(v) : String(v ?? '');
    return s.includes(this.separator) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    this.keys ??= Object.keys(logs).sort();
    if (!this.headerDone) {
      await this.emit(['epoch', ...this.keys].map((k) => this.cell(k)).join(this.separator));
      this.headerDone = true;
    }
    await this.emit([epoch, ...this.keys.map((k) => (k in logs ? logs[k] : ''))].map((v) => this.cell(v)).join(this.separator));
  }
}
