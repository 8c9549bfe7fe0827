import { check, describe } from '../../core/errors.js';
import type { TrainableModel } from '../types.js';
import { Callback } from './callback.js';
import type { Logs } from './callback.js';
import { improves, resolveMode } from './monitor.js';
import type { Mode } from './monitor.js';

/** Options of `ModelCheckpoint`. */
export interface ModelCheckpointOptions {
  /**
   * Where to save: a path or URL template formatted with the epoch (1-based) and the logs, as Keras:
   * 'ckpt/model-{epoch:02d}-{val_loss:.3f}' (or a function of the epoch and logs).
   */
  filepath: string | ((epoch: number, logs: Logs) => string);
  /** Default 'val_loss'. */
  monitor?: string;
  /** Save only when the monitored value improves (default false). */
  saveBestOnly?: boolean;
  mode?: Mode;
  verbose?: number;
  /** Saves the model (default `model.save(path)`); e.g. to keep checkpoints in memory. */
  save?: (model: TrainableModel, path: string) => unknown | Promise<unknown>;
}

/**
 * Formats a Keras checkpoint template: `{name}`, `{name:02d}` (zero-padded integer) or `{name:.4f}` (decimals).
 * @example formatPath('m-{epoch:03d}-{val_loss:.2f}', { epoch: 7, val_loss: 0.1234 }) // 'm-007-0.12'
 */
export function formatPath(template: string, values: Record<string, number>): string {
  return template.replace(/\{(\w+)(?::([^}]*))?\}/g, (whole, key: string, spec: string | undefined) => {
    const v = values[key];
    if (v === undefined) return whole;
    if (!spec) return String(v);
    const int = /^0?(\d*)d$/.exec(spec);
    if (int) return String(Math.round(v)).padStart(Number(int[1] || 0), '0');
    const fixed = /^\.(\d+)f$/.exec(spec);
    if (fixed) return v.toFixed(Number(fixed[1]));
    const exp = /^\.(\d+)e$/.exec(spec);
    if (exp) return v.toExponential(Number(exp[1]));
    return String(v);
  });
}

/**
 * Saves the model at the end of every epoch, or only when the monitored value improves (`saveBestOnly`),
 * as Keras `ModelCheckpoint`.
 * @example new ModelCheckpoint({ filepath: 'file://ckpt/best', saveBestOnly: true, monitor: 'val_acc' })
 */
export class ModelCheckpoint extends Callback {
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  /** The best monitored value so far. */
  best = Infinity;
  /** Paths saved so far, in order. */
  readonly saved: string[] = [];
  private mode: 'min' | 'max' = 'min';

  constructor(private readonly options: ModelCheckpointOptions) {
    super();
    check(options && (typeof options.filepath === 'string' || typeof options.filepath === 'function'), 'ModelCheckpoint',
      () => `filepath must be a string or a function, received ${describe(options?.filepath)}`);
    this.monitor = options.monitor ?? 'val_loss';
    this.saveBestOnly = options.saveBestOnly ?? false;
    resolveMode('ModelCheckpoint', options.mode, this.monitor);
  }

  override onTrainBegin(): void {
    this.mode = resolveMode('ModelCheckpoint', this.options.mode, this.monitor);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.saveBestOnly) {
      const current = logs[this.monitor];
      if (current === undefined) {
        console.warn(`ModelCheckpoint: '${this.monitor}' is not logged, skipping; available: ${Object.keys(logs).join(', ')}`);
        return;
      }
      if (!improves(this.mode, current, this.best, 0)) return;
      if (this.options.verbose) console.log(`Epoch ${epoch + 1}: ${this.monitor} improved from ${this.best} to ${current}`);
      this.best = current;
    }
    const f = this.options.filepath;
    const path = typeof f === 'function' ? f(epoch + 1, logs) : formatPath(f, { ...logs, epoch: epoch + 1 });
    await this.saveTo(path);
    this.saved.push(path);
  }

  private async saveTo(path: string): Promise<void> {
    if (this.options.save) { await this.options.save(this.model, path); return; }
    check(typeof this.model.save === 'function', 'ModelCheckpoint', () => `the model has no save() method; pass a save function`);
    await this.model.save!(path);
  }
}
