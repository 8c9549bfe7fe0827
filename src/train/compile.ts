// compile: resolves the optimizer, per-output losses and metrics, and remembers them for fit / evaluate.
import { ArgumentError, check, describe } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { getLoss } from '../losses/index.js';
import type { LossIdentifier } from '../losses/index.js';
import { getMetric } from '../metrics/index.js';
import type { Metric } from '../metrics/metric.js';
import { getOptimizer } from '../optimizers/index.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { CompileArgs, MetricIdentifier, TrainableModel } from './types.js';

/** One output's loss: per-sample values (or a scalar, for user functions that reduce themselves). */
export interface OutputLoss {
  readonly name: string;
  readonly identifier: LossIdentifier;
  readonly perSample: (yTrue: Tensor, yPred: Tensor) => Tensor;
}

/** What compile resolved: everything fit and evaluate need besides the model. */
export interface Compiled {
  optimizer: Optimizer;
  losses: OutputLoss[];
  lossWeights: number[];
  /** Per output, its metrics (reset at each epoch and before validation). */
  metrics: Metric[][];
  /** 'loss', per-output losses (several outputs), then the metrics, as they are logged. */
  names: string[];
}

const compiled = new WeakMap<TrainableModel, Compiled>();

/**
 * The compile state of `model` (optimizer, losses, metrics, logged names); throws naming `fn` when compile was not called.
 * @example compiledOf(model, 'fit').names // ['loss', 'acc']
 */
export function compiledOf(model: TrainableModel, fn: string): Compiled {
  const c = compiled.get(model);
  if (!c) throw new ArgumentError(fn, `the model ${model.name} must be compiled first: call model.compile({optimizer, loss})`);
  return c;
}

/** Expands a per-output argument (one value, a list, or a record by output name) to one entry per output. */
function perOutput<T>(fn: string, arg: string, v: T | T[] | Record<string, T>, names: readonly string[], isSingle: (x: unknown) => x is T, fallback?: T): T[] {
  if (isSingle(v)) return names.map(() => v);
  if (Array.isArray(v)) {
    check(v.length === names.length, fn, () => `${arg} must have one entry per output (${names.length}: ${names.join(', ')}), received ${v.length}`);
    return v;
  }
  if (v && typeof v === 'object') {
    const rec = v as Record<string, T>;
    const extra = Object.keys(rec).filter((k) => !names.includes(k));
    check(extra.length === 0, fn, () => `${arg} names unknown outputs ${extra.join(', ')}; outputs are ${names.join(', ')}`);
    return names.map((n) => {
      if (rec[n] !== undefined) return rec[n];
      if (fallback !== undefined) return fallback;
      throw new ArgumentError(fn, `${arg} has no entry for output '${n}'`);
    });
  }
  throw new ArgumentError(fn, `${arg} must be one value, a list or a record by output name, received ${describe(v)}`);
}

const isLoss = (x: unknown): x is LossIdentifier => typeof x === 'string' || typeof x === 'function';
const isMetricList = (x: unknown): x is MetricIdentifier[] => Array.isArray(x) && x.every((m) => !Array.isArray(m));

function lossName(id: LossIdentifier): string {
  if (typeof id === 'string') return id;
  const named = id as { lossName?: string; name?: string };
  return named.lossName ?? (named.name || 'loss');
}

/**
 * Prepares `model` for training: resolves the optimizer, the losses and the metrics (Keras / TensorFlow.js
 * `compile`), and sets `model.optimizer`, `model.loss` and `model.metricsNames`.
 * @example compileModel(model, { optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
 */
export function compileModel(model: TrainableModel, args: CompileArgs): void {
  const fn = 'compile';
  check(args && typeof args === 'object', fn, () => `expected {optimizer, loss, metrics?}, received ${describe(args)}`);
  check(args.optimizer !== undefined, fn, () => 'optimizer is required (an Optimizer or a name such as \'adam\')');
  check(args.loss !== undefined, fn, () => 'loss is required (a name such as \'meanSquaredError\' or a function)');
  const outputs = model.outputNames;
  const optimizer = getOptimizer(args.optimizer);
  const lossIds = perOutput(fn, 'loss', args.loss, outputs, isLoss);
  const losses: OutputLoss[] = lossIds.map((id) => {
    const f = getLoss(id as string);
    const perSample = 'perSample' in f ? f.perSample : (f as (t: Tensor, p: Tensor) => Tensor);
    return { name: lossName(id), identifier: id, perSample: (t: Tensor, p: Tensor) => perSample(t, p) };
  });
  const lossWeights = args.lossWeights === undefined ? outputs.map(() => 1)
    : perOutput<number>(fn, 'lossWeights', args.lossWeights, outputs, (x): x is number => typeof x === 'number', 1);
  const metricIds: MetricIdentifier[][] = args.metrics === undefined ? outputs.map(() => [])
    : isMetricList(args.metrics) ? outputs.map(() => args.metrics as MetricIdentifier[])
      : perOutput<MetricIdentifier | MetricIdentifier[]>(fn, 'metrics', args.metrics as Record<string, MetricIdentifier[]>, outputs,
        (_x): _x is MetricIdentifier[] => false, []).map((m) => (Array.isArray(m) ? m : [m]));
  const metrics = metricIds.map((ids, i) => ids.map((id) => getMetric(id, { loss: lossIds[i] })));
  const all = metrics.flat();
  check(new Set(all).size === all.length, fn, () => 'a Metric object can serve one output only: pass a separate instance per output (names resolve per output)');
  const multi = outputs.length > 1;
  if (multi) metrics.forEach((ms, i) => ms.forEach((m) => { m.name = `${outputs[i]}_${m.name}`; }));
  const names = ['loss', ...(multi ? outputs.map((o) => `${o}_loss`) : []), ...metrics.flat().map((m) => m.name)];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  check(dup === undefined, fn, () => `metric names must be unique, '${dup}' appears twice; give Metric objects distinct names`);
  compiled.set(model, { optimizer, losses, lossWeights, metrics, names });
  model.optimizer = optimizer;
  model.loss = args.loss;
  model.metrics = args.metrics;
  model.metricsNames = names;
  model.compiled = true;
}
