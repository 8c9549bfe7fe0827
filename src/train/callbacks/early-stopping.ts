import { check, describe } from '../../core/errors.js';
import type { DataArray } from '../../core/dtype.js';
import { Callback } from './callback.js';
import type { Logs } from './callback.js';
import { improves, resolveMode } from './monitor.js';
import type { Mode } from './monitor.js';

/** Options of `EarlyStopping` (Keras names, camelCase). */
export interface EarlyStoppingOptions {
  /** The logged value watched (default 'val_loss'). */
  monitor?: string;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** Prints when stopping or restoring (default 0). */
  verbose?: number;
  mode?: Mode;
  /** Keep training while the value has not beaten this (default none). */
  baseline?: number;
  /** Put back the weights of the best epoch when training ends (default false). */
  restoreBestWeights?: boolean;
  /** Epochs before improvements start being looked for (default 0). */
  startFromEpoch?: number;
}

/**
 * Stops training when the monitored value has stopped improving for `patience` epochs, optionally restoring the
 * weights of the best epoch, as Keras 3 `EarlyStopping`.
 * @example await model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [new EarlyStopping({ patience: 3, restoreBestWeights: true })] })
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  private readonly modeOption: Mode | undefined;
  private readonly verbose: number;
  private readonly startFromEpoch: number;
  /** Epochs waited without improvement. */
  wait = 0;
  /** The epoch training stopped at (0 when it ran to the end). */
  stoppedEpoch = 0;
  best = Infinity;
  bestEpoch = 0;
  private mode: 'min' | 'max' = 'min';
  private bestWeights: DataArray[] | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    const fn = 'EarlyStopping';
    this.monitor = options.monitor ?? 'val_loss';
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.patience = options.patience ?? 0;
    check(Number.isInteger(this.patience) && this.patience >= 0, fn, () => `patience must be an integer >= 0, received ${describe(options.patience)}`);
    check(Number.isFinite(this.minDelta), fn, () => `minDelta must be a number, received ${describe(options.minDelta)}`);
    this.baseline = options.baseline;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.modeOption = options.mode;
    this.verbose = options.verbose ?? 0;
    this.startFromEpoch = options.startFromEpoch ?? 0;
    resolveMode(fn, options.mode, this.monitor);
  }

  override onTrainBegin(): void {
    this.mode = resolveMode('EarlyStopping', this.modeOption, this.monitor);
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.bestWeights = null;
    this.bestEpoch = 0;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`EarlyStopping: '${this.monitor}' is not logged; available: ${Object.keys(logs).join(', ')}`);
      return;
    }
    if (this.restoreBestWeights && this.bestWeights === null) this.bestWeights = this.copyWeights();
    if (epoch < this.startFromEpoch) return;
    this.wait++;
    if (improves(this.mode, current, this.best, this.minDelta)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = this.copyWeights();
      if (this.baseline === undefined || improves(this.mode, current, this.baseline, this.minDelta)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights) {
      if (this.verbose > 0) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      const saved = this.bestWeights;
      this.model.weights.forEach((w, i) => w.value.storage.set(saved[i]));
    }
  }

  private copyWeights(): DataArray[] {
    return this.model.weights.map((w) => w.value.storage.slice());
  }
}

/**
 * An EarlyStopping callback (TensorFlow.js `tf.callbacks.earlyStopping`).
 * @example callbacks.earlyStopping({ monitor: 'val_acc', patience: 5 })
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStopping {
  return new EarlyStopping(options);
}
