// One training or test step on a batch, and the running averages (loss trackers + metrics) fit logs.
import { gradients } from '../core/autograd.js';
import { check } from '../core/errors.js';
import { noGrad, withGradMode } from '../core/grad-mode.js';
import { withRecycling, withStep } from '../core/storage-pool.js';
import { Tensor } from '../core/tensor.js';
import type { Variable } from '../core/variable.js';
import { add, mul } from '../ops/arithmetic.js';
import { reduceLosses } from '../losses/reduction.js';
import { Mean } from '../metrics/metric.js';
import type { Compiled } from './compile.js';
import type { Logs } from './callbacks/callback.js';
import type { TrainableModel } from './types.js';

/** A batch: one tensor per model input and per output, and optional [batch] sample weights. */
export interface Batch {
  xs: Tensor[];
  ys: Tensor[];
  weights: Tensor | null;
}

function forward(model: TrainableModel, xs: Tensor[], training: boolean): Tensor[] {
  const out = model.apply(xs.length === 1 ? xs[0] : xs, { training });
  return Array.isArray(out) ? out : [out];
}

/** The total loss (weighted per-output losses plus regularization) and each output's loss. */
function losses(fn: string, model: TrainableModel, c: Compiled, b: Batch, outs: Tensor[], withPenalties: boolean): { total: Tensor; perOutput: Tensor[] } {
  check(outs.length === b.ys.length, fn, () => `the model has ${outs.length} outputs but ${b.ys.length} targets were given`);
  const perOutput = outs.map((o, i) => {
    const values = c.losses[i].perSample(b.ys[i], o);
    check(values instanceof Tensor, fn, () => `loss ${c.losses[i].name} must return a tensor`);
    // A user loss that already reduced to a scalar is used as it is (sample weights cannot apply to it).
    return values.rank === 0 ? values : reduceLosses(c.losses[i].name, values, { sampleWeight: b.weights ?? undefined });
  });
  let total = perOutput.reduce((acc: Tensor | null, l, i) => {
    const w = c.lossWeights[i] === 1 ? l : mul(l, c.lossWeights[i]);
    return acc ? add(acc, w) : w;
  }, null)!;
  if (withPenalties) for (const p of model.calculateLosses?.() ?? []) total = add(total, p);
  return { total, perOutput };
}

/** What a step reports: the loss value, each output's loss, and the outputs (for metrics). */
export interface StepResult {
  loss: number;
  perOutput: number[];
  outputs: Tensor[];
}

/**
 * Forward pass in training mode, gradients of the total loss with respect to the trainable weights (read after
 * the forward pass, so lazily built models train from their first batch), and one optimizer update.
 */
export function trainStep(model: TrainableModel, c: Compiled, b: Batch): StepResult {
  // Storage the layers mark internal to the forward pass is reused once the update is done.
  return withStep(() => stepOn(model, c, b));
}

function stepOn(model: TrainableModel, c: Compiled, b: Batch): StepResult {
  let outs: Tensor[] = [];
  const { total, perOutput } = withGradMode(true, () => {
    outs = forward(model, b.xs, true);
    return losses('fit', model, c, b, outs, true);
  });
  const vars: Variable[] = model.trainableWeights;
  // The gradients die with the update, so their storage serves the next step's backward pass.
  withRecycling(() => {
    const grads = gradients(total, vars.map((v) => v.value));
    c.optimizer.applyGradients(vars.map((variable, i) => ({ variable, grad: grads[i] })));
  }, () => []);
  return { loss: total.item(), perOutput: perOutput.map((l) => l.item()), outputs: outs.map((o) => o.detach()) };
}

/** Forward pass in inference mode and the loss (with regularization, as Keras reports it). */
export function testStep(model: TrainableModel, c: Compiled, b: Batch): StepResult {
  return noGrad(() => {
    const outs = forward(model, b.xs, false);
    const { total, perOutput } = losses('evaluate', model, c, b, outs, true);
    return { loss: total.item(), perOutput: perOutput.map((l) => l.item()), outputs: outs };
  });
}

/** Running averages of an epoch (or an evaluation): loss trackers weighted by batch size, plus the metrics. */
export class Trackers {
  private readonly loss = new Mean('loss');
  private readonly perOutput: Mean[];
  constructor(private readonly model: TrainableModel, private readonly c: Compiled) {
    this.perOutput = c.losses.length > 1 ? model.outputNames.map((n) => new Mean(`${n}_loss`)) : [];
  }

  reset(): void {
    this.loss.resetState();
    this.perOutput.forEach((m) => m.resetState());
    this.c.metrics.flat().forEach((m) => m.resetState());
  }

  update(b: Batch, r: StepResult): void {
    const size = b.ys[0]?.shape[0] ?? 1;
    this.loss.updateState(r.loss, size);
    this.perOutput.forEach((m, i) => m.updateState(r.perOutput[i], size));
    this.c.metrics.forEach((ms, i) => {
      for (const m of ms) {
        check(r.outputs[i] !== undefined, m.name, () => `no output ${i} for metric ${m.name}`);
        m.updateState(b.ys[i], r.outputs[i]);
      }
    });
  }

  /** Current values keyed as fit logs them, with `prefix` ('val_') prepended. */
  logs(prefix = ''): Logs {
    const out: Logs = { [`${prefix}loss`]: this.loss.result() };
    this.perOutput.forEach((m) => { out[prefix + m.name] = m.result(); });
    for (const m of this.c.metrics.flat()) out[prefix + m.name] = m.result();
    return out;
  }
}
