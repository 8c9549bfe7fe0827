import { ArgumentError, describe } from '../../core/errors.js';
import type { TrainableModel } from '../types.js';

/** Values logged during training: 'loss', metric names, 'val_loss', ... (plus 'batch' and 'size' per batch). */
export type Logs = Record<string, number>;

/** What callbacks know about the run (Keras `params`). */
export interface TrainingParams {
  epochs: number;
  /** Batches per epoch, when known. */
  steps: number | null;
  /** Samples per epoch, when known. */
  samples: number | null;
  batchSize: number | null;
  verbose: number;
  doValidation: boolean;
  /** 'loss', the metrics, and their 'val_' forms. */
  metrics: string[];
}

type Hook<A extends unknown[]> = (...args: A) => void | Promise<void>;

/** The hooks of a plain-object callback (TensorFlow.js `CustomCallbackArgs`); any subset. */
export interface CallbackHooks {
  onTrainBegin?: Hook<[logs?: Logs]>;
  onTrainEnd?: Hook<[logs?: Logs]>;
  onEpochBegin?: Hook<[epoch: number, logs?: Logs]>;
  onEpochEnd?: Hook<[epoch: number, logs?: Logs]>;
  onBatchBegin?: Hook<[batch: number, logs?: Logs]>;
  onBatchEnd?: Hook<[batch: number, logs?: Logs]>;
}

/**
 * A training callback: override any hook. Hooks may be async; fit awaits them. `this.model` and `this.params`
 * are set before `onTrainBegin`. Setting `this.model.stopTraining = true` ends fit after the current batch.
 * @example class Print extends Callback { override onEpochEnd(epoch: number, logs?: Logs) { console.log(epoch, logs?.loss); } }
 */
export class Callback implements CallbackHooks {
  model!: TrainableModel;
  params!: TrainingParams;
  setModel(model: TrainableModel): void { this.model = model; }
  setParams(params: TrainingParams): void { this.params = params; }
  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
}

/** A Callback, or a plain object of hooks. */
export type CallbackLike = Callback | CallbackHooks;

const HOOKS = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'] as const;

/** Wraps a plain object of hooks as a Callback; Callbacks pass through. */
function asCallback(c: CallbackLike, i: number): Callback {
  if (c instanceof Callback) return c;
  if (!c || typeof c !== 'object') throw new ArgumentError('fit', `callbacks[${i}] must be a Callback or an object of hooks, received ${describe(c)}`);
  const unknown = Object.keys(c).filter((k) => !(HOOKS as readonly string[]).includes(k) && k !== 'onYield');
  if (unknown.length) throw new ArgumentError('fit', `callbacks[${i}] has unknown hooks ${unknown.join(', ')}; expected ${HOOKS.join(', ')}`);
  const hooks = c;
  return new (class extends Callback {
    override onTrainBegin(logs?: Logs) { return hooks.onTrainBegin?.(logs); }
    override onTrainEnd(logs?: Logs) { return hooks.onTrainEnd?.(logs); }
    override onEpochBegin(epoch: number, logs?: Logs) { return hooks.onEpochBegin?.(epoch, logs); }
    override onEpochEnd(epoch: number, logs?: Logs) { return hooks.onEpochEnd?.(epoch, logs); }
    override onBatchBegin(batch: number, logs?: Logs) { return hooks.onBatchBegin?.(batch, logs); }
    override onBatchEnd(batch: number, logs?: Logs) { return hooks.onBatchEnd?.(batch, logs); }
  })();
}

/**
 * Normalizes fit's `callbacks` argument to a list of Callbacks.
 * @example toCallbacks({ onEpochEnd: (e, logs) => console.log(e, logs) }) // [Callback]
 */
export function toCallbacks(arg: CallbackLike | CallbackLike[] | undefined): Callback[] {
  if (arg === undefined || arg === null) return [];
  return (Array.isArray(arg) ? arg : [arg]).map(asCallback);
}

/**
 * Runs each hook on every callback in order, awaiting each.
 * @example const list = new CallbackList([history]); await list.onEpochEnd(0, { loss: 1 })
 */
export class CallbackList {
  constructor(readonly callbacks: Callback[]) {}
  configure(model: TrainableModel, params: TrainingParams): void {
    for (const c of this.callbacks) { c.setModel(model); c.setParams(params); }
  }
  async onTrainBegin(logs?: Logs): Promise<void> { for (const c of this.callbacks) await c.onTrainBegin(logs); }
  async onTrainEnd(logs?: Logs): Promise<void> { for (const c of this.callbacks) await c.onTrainEnd(logs); }
  async onEpochBegin(epoch: number, logs?: Logs): Promise<void> { for (const c of this.callbacks) await c.onEpochBegin(epoch, logs); }
  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> { for (const c of this.callbacks) await c.onEpochEnd(epoch, logs); }
  async onBatchBegin(batch: number, logs?: Logs): Promise<void> { for (const c of this.callbacks) await c.onBatchBegin(batch, logs); }
  async onBatchEnd(batch: number, logs?: Logs): Promise<void> { for (const c of this.callbacks) await c.onBatchEnd(batch, logs); }
}

/**
 * Records every epoch's logs; `fit` returns it. `history.history.loss[i]` is the loss of `history.epoch[i]`.
 * @example const h = await model.fit(x, y, { epochs: 3 }); h.history.loss // [0.9, 0.5, 0.3]
 */
export class History extends Callback {
  /** The epoch numbers recorded (from initialEpoch). */
  epoch: number[] = [];
  /** Per logged name, one value per recorded epoch. */
  history: Record<string, number[]> = {};
  override onTrainBegin(): void { this.epoch = []; this.history = {}; }
  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}
