import { check, describe } from '../../core/errors.js';
import { Optimizer } from '../../optimizers/optimizer.js';
import { Callback } from './callback.js';
import type { Logs } from './callback.js';
import { improves, resolveMode } from './monitor.js';
import type { Mode } from './monitor.js';

function optimizerOf(cb: Callback, fn: string): Optimizer {
  const opt = cb.model.optimizer;
  check(opt instanceof Optimizer, fn, () => 'the model has no optimizer: compile it first');
  return opt;
}

/**
 * Sets the learning rate at the start of each epoch to `schedule(epoch, currentRate)` (Keras
 * `LearningRateScheduler`) and logs it as 'learning_rate'.
 * @example new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * 0.9))
 */
export class LearningRateScheduler extends Callback {
  constructor(readonly schedule: (epoch: number, lr: number) => number, private readonly verbose = 0) {
    super();
    check(typeof schedule === 'function', 'LearningRateScheduler', () => `schedule must be a function (epoch, lr) => lr, received ${describe(schedule)}`);
  }

  override onEpochBegin(epoch: number): void {
    const opt = optimizerOf(this, 'LearningRateScheduler');
    const lr = this.schedule(epoch, opt.currentLearningRate());
    check(typeof lr === 'number' && Number.isFinite(lr), 'LearningRateScheduler', () => `schedule must return a finite number, returned ${describe(lr)}`);
    opt.learningRate = lr;
    if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    if (logs) logs.learning_rate = optimizerOf(this, 'LearningRateScheduler').currentLearningRate();
  }
}

/** Options of `ReduceLROnPlateau`. */
export interface ReduceLROnPlateauOptions {
  /** Default 'val_loss'. */
  monitor?: string;
  /** Multiplier of the rate on a plateau (default 0.1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  verbose?: number;
  mode?: Mode;
  /** Smallest change that counts as an improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction before watching again (default 0). */
  cooldown?: number;
  /** The rate is never reduced below this (default 0). */
  minLR?: number;
}

/**
 * Multiplies the learning rate by `factor` when the monitored value has not improved for `patience` epochs
 * (Keras `ReduceLROnPlateau`); logs 'learning_rate'.
 * @example new ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.5, patience: 2, minLR: 1e-5 })
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLR: number;
  private readonly verbose: number;
  private readonly modeOption: Mode | undefined;
  private mode: 'min' | 'max' = 'min';
  private best = Infinity;
  private wait = 0;
  private cooldownCounter = 0;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    const fn = 'ReduceLROnPlateau';
    this.monitor = options.monitor ?? 'val_loss';
    this.factor = options.factor ?? 0.1;
    check(this.factor < 1 && this.factor >= 0, fn, () => `factor must be in [0, 1), received ${describe(options.factor)}`);
    this.patience = options.patience ?? 10;
    this.minDelta = options.minDelta ?? 1e-4;
    this.cooldown = options.cooldown ?? 0;
    this.minLR = options.minLR ?? 0;
    this.verbose = options.verbose ?? 0;
    this.modeOption = options.mode;
    resolveMode(fn, options.mode, this.monitor);
  }

  override onTrainBegin(): void {
    this.mode = resolveMode('ReduceLROnPlateau', this.modeOption, this.monitor);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const opt = optimizerOf(this, 'ReduceLROnPlateau');
    logs.learning_rate = opt.currentLearningRate();
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`ReduceLROnPlateau: '${this.monitor}' is not logged; available: ${Object.keys(logs).join(', ')}`);
      return;
    }
    if (this.cooldownCounter > 0) { this.cooldownCounter--; this.wait = 0; }
    if (improves(this.mode, current, this.best, this.minDelta)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter <= 0) {
      this.wait++;
      if (this.wait >= this.patience) {
        const old = opt.currentLearningRate();
        if (old > this.minLR) {
          const lr = Math.max(old * this.factor, this.minLR);
          opt.learningRate = lr;
          if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${lr}.`);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}
