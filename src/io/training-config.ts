// model.json's trainingConfig <-> compile arguments. Optimizer configs are written the way TensorFlow.js reads
// them (class names and keys of its optimizers) and read from TensorFlow.js, Keras or tensorgrad files.
import { toCamelCase, toSnakeCase } from '../nn/serialization.js';
import { getOptimizer } from '../optimizers/index.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { TrainingConfig } from './model-json.js';

/** What a model must offer for its training configuration to be saved. */
export interface CompiledModelLike {
  readonly name: string;
  optimizer?: unknown;
  loss?: unknown;
  metrics?: unknown;
}

function identifierName(v: unknown, what: string, model: string): string {
  if (typeof v === 'string') return toSnakeCase(v);
  const named = v as { lossName?: unknown; name?: unknown } | null;
  const n = named?.lossName ?? named?.name;
  if ((typeof v === 'function' || typeof v === 'object') && typeof n === 'string' && n.length > 0) return toSnakeCase(n);
  throw new Error(`save: the ${what} of model ${model} is a function without a name; includeOptimizer needs named losses and metrics`);
}

function mapIds<T>(v: unknown, f: (x: unknown) => T): T | T[] | Record<string, T> {
  if (Array.isArray(v)) return v.map(f);
  if (v !== null && typeof v === 'object' && !('lossName' in v) && !('name' in v && typeof (v as { name: unknown }).name === 'string')) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x)]));
  }
  return f(v);
}

/**
 * The optimizer config as TensorFlow.js names it: RMSProp's `rho` is also written as `decay`, SGD with momentum
 * becomes 'Momentum' with `useNesterov` (tensorgrad reads both forms back).
 * @example tfjsOptimizerConfig(adam(0.01)) // {class_name: 'Adam', config: {learningRate: 0.01, beta1: 0.9, ...}}
 */
export function tfjsOptimizerConfig(optimizer: Optimizer): TrainingConfig['optimizer_config'] {
  const { className, config } = optimizer.getConfig();
  const c: Record<string, unknown> = { ...config };
  if (className === 'RMSProp' || className === 'RMSprop') return { class_name: 'RMSProp', config: { ...c, decay: c.rho } };
  if (className === 'SGD' && typeof c.momentum === 'number' && c.momentum > 0) {
    return { class_name: 'Momentum', config: { ...c, useNesterov: Boolean(c.nesterov) } };
  }
  return { class_name: className, config: c };
}

/**
 * Rebuilds an optimizer from a saved `optimizer_config` (TensorFlow.js camelCase or Keras snake_case keys).
 * @example optimizerFromConfig({class_name: 'Adam', config: {learningRate: 0.01}})
 */
export function optimizerFromConfig(saved: TrainingConfig['optimizer_config'], source: string): Optimizer {
  const className = saved?.class_name ?? (saved as unknown as { className?: string })?.className;
  if (typeof className !== 'string') throw new Error(`${source}: trainingConfig.optimizer_config needs a class_name, received ${JSON.stringify(saved)}`);
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(saved.config ?? {})) config[toCamelCase(k)] = v;
  if (config.learningRate === undefined && typeof config.lr === 'number') config.learningRate = config.lr;
  if (/^rmsprop$/i.test(className) && config.rho === undefined && typeof config.decay === 'number') config.rho = config.decay;
  if (/^momentum$/i.test(className) && config.nesterov === undefined) config.nesterov = Boolean(config.useNesterov);
  // Keys of other libraries' optimizers (decay, name, useNesterov...) are not options here.
  for (const k of ['decay', 'useNesterov', 'name', 'lr', 'isLegacyOptimizer', 'jitCompile', 'emaMomentum',
    'emaOverwriteFrequency', 'useEma', 'gradientAccumulationSteps', 'lossScaleFactor']) delete config[k];
  for (const k of Object.keys(config)) if (config[k] === null) delete config[k];
  try {
    return getOptimizer({ className, config });
  } catch (e) {
    throw new Error(`${source}: cannot rebuild the optimizer of trainingConfig: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/**
 * The trainingConfig of a compiled model, as TensorFlow.js writes it (snake_case loss and metric names).
 * @example trainingConfigOf(model) // {loss: 'mean_squared_error', metrics: ['accuracy'], optimizer_config: {...}}
 */
export function trainingConfigOf(model: CompiledModelLike, optimizer: Optimizer): TrainingConfig {
  const out: TrainingConfig = {
    loss: mapIds(model.loss, (x) => identifierName(x, 'loss', model.name)) as TrainingConfig['loss'],
    optimizer_config: tfjsOptimizerConfig(optimizer),
  };
  if (model.metrics !== undefined && model.metrics !== null) {
    out.metrics = mapIds(model.metrics, (x) => identifierName(x, 'metric', model.name)) as TrainingConfig['metrics'];
  }
  return out;
}

/** Arguments for `compile` rebuilt from a trainingConfig. */
export interface CompileFromConfig {
  optimizer: Optimizer;
  loss: string | string[] | Record<string, string>;
  metrics?: string[] | Record<string, string>;
}

/**
 * The compile arguments a saved trainingConfig stands for (camelCase names, as TensorFlow.js reads them back).
 * @example model.compile(compileArgsFromConfig(json.trainingConfig, 'model.json'))
 */
export function compileArgsFromConfig(tc: TrainingConfig, source: string): CompileFromConfig {
  for (const k of ['weighted_metrics', 'loss_weights', 'sample_weight_mode'] as const) {
    if (tc[k] !== undefined && tc[k] !== null) throw new Error(`${source}: trainingConfig.${k} is not supported when loading`);
  }
  const name = (x: unknown): string => {
    if (typeof x !== 'string') throw new Error(`${source}: trainingConfig loss and metric names must be strings, received ${JSON.stringify(x)}`);
    return toCamelCase(x);
  };
  if (tc.loss === undefined || tc.loss === null) throw new Error(`${source}: trainingConfig has no loss`);
  const out: CompileFromConfig = {
    optimizer: optimizerFromConfig(tc.optimizer_config, source),
    loss: mapIds(tc.loss, name) as CompileFromConfig['loss'],
  };
  if (tc.metrics !== undefined && tc.metrics !== null) out.metrics = mapIds(tc.metrics, name) as CompileFromConfig['metrics'];
  return out;
}
