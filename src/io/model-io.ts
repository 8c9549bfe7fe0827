// Saving a model to, and loading it from, the TensorFlow.js Layers format through an IO handler or a URL.
import type { Tensor } from '../core/tensor.js';
import type { Variable } from '../core/variable.js';
import type { LayersModel } from '../nn/model.js';
import { deserialize } from '../nn/registry.js';
import { convertPythonicToTs, isSerializedObject } from '../nn/serialization.js';
import type { ConfigValue } from '../nn/serialization.js';
import { Optimizer } from '../optimizers/optimizer.js';
import type { SerializableClass } from '../nn/registry.js';
import { artifactsSource, setArtifactsSource } from './artifacts.js';
import type { IOHandler, ModelArtifacts, SaveResult } from './artifacts.js';
import { assignWeights } from './load-weights.js';
import { LAYERS_MODEL_FORMAT } from './model-json.js';
import type { JSONObject, QuantizationDType, WeightsManifestEntry } from './model-json.js';
import { getLoadHandler, getSaveHandler } from './router.js';
import { compileArgsFromConfig, trainingConfigOf } from './training-config.js';
import type { CompileFromConfig } from './training-config.js';
import { concatBuffers, decodeWeights, encodeWeights, quantizeWeight, weightByteLength } from './weights.js';

/**
 * The library name written to `generatedBy`.
 * @example getModelArtifacts(model).generatedBy === GENERATED_BY // true
 */
export const GENERATED_BY = 'tensorgrad 0.1.0';

/** Options of `saveModel` (TensorFlow.js `SaveConfig`, plus quantization). */
export interface SaveOptions {
  /** Also save the optimizer state and the training configuration, to resume training (default false). */
  includeOptimizer?: boolean;
  /** Save only the trainable weights (default false). */
  trainableOnly?: boolean;
  /** Store float32 model weights quantized (uint8/uint16 affine or float16), as the TensorFlow.js converter can. */
  quantize?: QuantizationDType;
}

/** Options of `loadLayersModel`. */
export interface LoadOptions {
  /** Require every model weight in the file and no other (default true, as TensorFlow.js). */
  strict?: boolean;
  /** Classes of custom layers by class name (instead of registering them). */
  customObjects?: Record<string, SerializableClass>;
}

/** What `saveModel` needs from a model (LayersModel and Sequential have it). */
export interface SaveableModel {
  readonly name: string;
  readonly weights: Variable[];
  readonly trainableWeights: Variable[];
  toJSON(unused: unknown, returnString: false): unknown;
  optimizer?: unknown;
  loss?: unknown;
  metrics?: unknown;
  metricsNames?: string[];
  outputNames?: string[];
}

function quantizeSpecs(data: ArrayBuffer, specs: WeightsManifestEntry[], dtype: QuantizationDType): { data: ArrayBuffer; specs: WeightsManifestEntry[] } {
  const parts: Uint8Array[] = [];
  const out: WeightsManifestEntry[] = [];
  let offset = 0;
  for (const s of specs) {
    const n = weightByteLength(s);
    const bytes = new Uint8Array(data, offset, n);
    offset += n;
    if (s.dtype !== 'float32') { parts.push(bytes); out.push(s); continue; }
    const q = quantizeWeight(new Float32Array(bytes.slice().buffer), dtype);
    parts.push(q.bytes);
    out.push({ ...s, quantization: q.quantization });
  }
  return { data: concatBuffers(parts), specs: out };
}

/** The metrics given to compile, or, for one output, those fit logs (model.metrics is optional). */
function metricsOf(model: SaveableModel): unknown {
  if (model.metrics !== undefined && model.metrics !== null) return model.metrics;
  const names = model.metricsNames;
  if (!names || (model.outputNames?.length ?? 1) !== 1) return undefined;
  return names.filter((n) => n !== 'loss');
}

/**
 * The artifacts `saveModel` hands to its IO handler: topology, weight specs and data, and with
 * `includeOptimizer` the training configuration and the optimizer weights (entries with `group: 'optimizer'`).
 * @example const artifacts = getModelArtifacts(model, { includeOptimizer: true })
 */
export function getModelArtifacts(model: SaveableModel, options: SaveOptions = {}): ModelArtifacts {
  if (!model || typeof model.toJSON !== 'function' || !Array.isArray(model.weights)) {
    throw new Error(`save: expected a LayersModel or Sequential model, received ${String(model)}`);
  }
  const vars = options.trainableOnly ? model.trainableWeights : model.weights;
  let { data, specs } = encodeWeights(vars.map((v) => ({ name: v.name, tensor: v.value })));
  if (options.quantize) ({ data, specs } = quantizeSpecs(data, specs, options.quantize));
  const artifacts: ModelArtifacts = {
    modelTopology: model.toJSON(null, false) as JSONObject,
    format: LAYERS_MODEL_FORMAT,
    generatedBy: GENERATED_BY,
    convertedBy: null,
  };
  if (options.includeOptimizer) {
    const opt = model.optimizer;
    if (!(opt instanceof Optimizer)) {
      throw new Error(`save: includeOptimizer needs a compiled model, but model ${model.name} has no optimizer; call compile first`);
    }
    artifacts.trainingConfig = trainingConfigOf({ name: model.name, loss: model.loss, metrics: metricsOf(model) }, opt);
    const o = encodeWeights(opt.getWeights(), 'optimizer');
    data = concatBuffers([data, o.data]);
    specs = [...specs, ...o.specs];
  }
  artifacts.weightSpecs = specs;
  artifacts.weightData = data;
  return artifacts;
}

/**
 * Saves `model` in the TensorFlow.js Layers format through `handlerOrUrl`: an IOHandler (TensorFlow.js handlers
 * work too), an http(s) URL (POSTed as TensorFlow.js does), or, with the Node entry, 'file://dir' or a plain
 * directory path (model.json + group1-shard1ofN.bin, written atomically).
 * @example await saveModel(model, 'file://./my-model', { includeOptimizer: true })
 */
export async function saveModel(model: SaveableModel, handlerOrUrl: IOHandler | string, options: SaveOptions = {}): Promise<SaveResult> {
  const handler = typeof handlerOrUrl === 'string' ? getSaveHandler(handlerOrUrl, 'save') : handlerOrUrl;
  if (!handler || typeof handler.save !== 'function') {
    throw new Error(`save: expected an IOHandler with a save method or a URL string, received ${String(handlerOrUrl)}`);
  }
  return handler.save(getModelArtifacts(model, options));
}

/** The model's {class_name, config} inside a topology (Keras files may wrap it in model_config). */
function topologyOf(artifacts: ModelArtifacts, source: string): ConfigValue {
  let topology = artifacts.modelTopology as JSONObject | undefined;
  if (!topology || typeof topology !== 'object') throw new Error(`${source}: the model artifacts have no modelTopology`);
  if (topology.model_config !== undefined && topology.model_config !== null) topology = topology.model_config as JSONObject;
  return topology as ConfigValue;
}

interface LoadedModel extends SaveableModel {
  compile?(args: CompileFromConfig): unknown;
}

/**
 * Builds the model that artifacts describe, sets its weights, and, when they hold a training configuration,
 * compiles it and restores the optimizer state.
 * @example const model = modelFromArtifacts(artifacts)
 */
export function modelFromArtifacts(artifacts: ModelArtifacts, options: LoadOptions = {}): LayersModel {
  const source = artifactsSource(artifacts) ?? 'model artifacts';
  const ts = convertPythonicToTs(topologyOf(artifacts, source));
  if (!isSerializedObject(ts)) throw new Error(`${source}: modelTopology must be {class_name, config}, received ${JSON.stringify(ts)?.slice(0, 120)}`);
  let model: LoadedModel;
  try {
    model = deserialize<LoadedModel>('layer', ts, options.customObjects ?? {});
  } catch (e) {
    throw new Error(`${source}: cannot rebuild the model from modelTopology: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (typeof (model as { predict?: unknown }).predict !== 'function' || !Array.isArray(model.weights)) {
    throw new Error(`${source}: modelTopology describes a ${ts.className}, which is a layer, not a model`);
  }
  if (artifacts.trainingConfig) {
    if (typeof model.compile !== 'function') throw new Error(`${source}: the model class ${ts.className} cannot be compiled`);
    const args = compileArgsFromConfig(artifacts.trainingConfig, source);
    try {
      model.compile(args);
    } catch (e) {
      throw new Error(`${source}: cannot compile the model with its trainingConfig: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
  if (artifacts.weightData !== undefined) {
    if (!artifacts.weightSpecs) throw new Error(`${source}: the artifacts have weight data but no weight specs`);
    const all = decodeWeights(artifacts.weightData, artifacts.weightSpecs, source);
    const isOpt = new Set(artifacts.weightSpecs.filter((s) => s.group === 'optimizer').map((s) => s.name));
    const modelWeights = all.filter((w) => !isOpt.has(w.name));
    const optimizerWeights = all.filter((w) => isOpt.has(w.name));
    assignWeights(model.weights, modelWeights, options.strict ?? true, source);
    if (model.optimizer instanceof Optimizer && optimizerWeights.length > 0) {
      model.optimizer.setWeights(optimizerWeights.map((w) => ({ name: w.name, tensor: w.tensor as Tensor })));
    }
  }
  return model as unknown as LayersModel;
}

/**
 * Loads a model saved in the TensorFlow.js Layers format (by tensorgrad, TensorFlow.js or the TensorFlow.js
 * converter, quantized weights included) from an IOHandler, an http(s) URL of model.json, or, with the Node
 * entry, 'file://dir/model.json' or a path.
 * @example const model = await loadLayersModel('file://./my-model/model.json')
 */
export async function loadLayersModel(handlerOrUrl: IOHandler | string, options: LoadOptions = {}): Promise<LayersModel> {
  const handler = typeof handlerOrUrl === 'string' ? getLoadHandler(handlerOrUrl, 'loadLayersModel') : handlerOrUrl;
  if (!handler || typeof handler.load !== 'function') {
    throw new Error(`loadLayersModel: expected an IOHandler with a load method or a URL string, received ${String(handlerOrUrl)}`);
  }
  const artifacts = await handler.load();
  if (artifactsSource(artifacts) === undefined && typeof handlerOrUrl === 'string') setArtifactsSource(artifacts, handlerOrUrl);
  return modelFromArtifacts(artifacts, options);
}
