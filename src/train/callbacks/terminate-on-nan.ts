import { Callback } from './callback.js';
import type { Logs } from './callback.js';

/**
 * Stops training as soon as a batch's loss is NaN or infinite (Keras `TerminateOnNaN`).
 * @example callbacks: [new TerminateOnNaN()]
 */
export class TerminateOnNaN extends Callback {
  /** The batch at which training was terminated, if it was. */
  terminatedAt: { epoch: number; batch: number } | null = null;
  private epoch = 0;

  override onEpochBegin(epoch: number): void { this.epoch = epoch; }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      console.log(`Batch ${batch}: invalid loss, terminating training`);
      this.terminatedAt = { epoch: this.epoch, batch };
      this.model.stopTraining = true;
    }
  }
}
