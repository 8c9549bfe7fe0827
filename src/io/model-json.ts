// The artifacts of the TensorFlow.js Layers format: the model.json file (topology plus weights manifest) and the
// in-memory form IO handlers exchange. Field names and spellings are those TensorFlow.js reads and writes.
import { jsonErrorLocation } from './json-error.js';

/** The dtypes a weight can be stored in (float64 is a tensorgrad extension TensorFlow.js cannot read). */
export type WeightDType = 'float32' | 'int32' | 'bool' | 'float64';

/** Storage types of quantized weights. */
export type QuantizationDType = 'uint8' | 'uint16' | 'float16';

/** Which part of a saved model a weight belongs to ('optimizer': optimizer state, used only to resume training). */
export type WeightGroup = 'model' | 'optimizer';

/** How a quantized weight is stored: uint8/uint16 affine (`value = q * scale + min`) or float16. */
export interface Quantization {
  dtype: QuantizationDType;
  /** Step of the affine map (uint8, uint16). */
  scale?: number;
  /** Offset of the affine map (uint8, uint16). */
  min?: number;
  /** The dtype before quantization, as the TensorFlow.js converter writes it. */
  original_dtype?: string;
}

/** One weight of the manifest: its name (`layer/weight`), shape, dtype and storage details. */
export interface WeightsManifestEntry {
  name: string;
  shape: number[];
  dtype: WeightDType;
  group?: WeightGroup;
  quantization?: Quantization;
}

/** A group of weights stored, concatenated in manifest order, in the shard files `paths`. */
export interface WeightsManifestGroupConfig {
  paths: string[];
  weights: WeightsManifestEntry[];
}

/** The training configuration saved with `includeOptimizer` (Keras snake_case keys). */
export interface TrainingConfig {
  optimizer_config: { class_name: string; config: Record<string, unknown> };
  loss: string | string[] | Record<string, string>;
  metrics?: string[] | Record<string, string>;
  weighted_metrics?: string[];
  sample_weight_mode?: string;
  loss_weights?: number[] | Record<string, number>;
}

/** A JSON object (the topology is one). */
export interface JSONObject {
  [key: string]: unknown;
}

/** The content of model.json. */
export interface ModelJSON {
  /** `{class_name, config, keras_version, backend}` of the model. */
  modelTopology: JSONObject;
  weightsManifest: WeightsManifestGroupConfig[];
  /** 'layers-model' for models saved by TensorFlow.js, Keras converters and tensorgrad. */
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: TrainingConfig;
  userDefinedMetadata?: Record<string, unknown>;
}

/**
 * The format name of Layers models.
 * @example getModelArtifacts(model).format === LAYERS_MODEL_FORMAT // true
 */
export const LAYERS_MODEL_FORMAT = 'layers-model';

const WEIGHT_DTYPES: readonly string[] = ['float32', 'int32', 'bool', 'float64'];
const QUANT_DTYPES: readonly string[] = ['uint8', 'uint16', 'float16'];

function isObject(v: unknown): v is JSONObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(source: string, where: string, message: string): never {
  throw new Error(`${source}: ${where}: ${message}`);
}

function checkEntry(e: unknown, source: string, where: string): WeightsManifestEntry {
  if (!isObject(e)) fail(source, where, `expected {name, shape, dtype}, received ${JSON.stringify(e)}`);
  if (typeof e.name !== 'string') fail(source, where, `'name' must be a string, received ${JSON.stringify(e.name)}`);
  const at = `${where} ('${e.name}')`;
  if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) {
    fail(source, at, `'shape' must be an array of non-negative integers, received ${JSON.stringify(e.shape)}`);
  }
  if (typeof e.dtype !== 'string' || !WEIGHT_DTYPES.includes(e.dtype)) {
    fail(source, at, `'dtype' must be one of ${WEIGHT_DTYPES.join(', ')}, received ${JSON.stringify(e.dtype)}`);
  }
  if (e.group !== undefined && e.group !== 'model' && e.group !== 'optimizer') {
    fail(source, at, `'group' must be 'model' or 'optimizer', received ${JSON.stringify(e.group)}`);
  }
  const q = e.quantization;
  if (q !== undefined) {
    if (!isObject(q) || typeof q.dtype !== 'string' || !QUANT_DTYPES.includes(q.dtype)) {
      fail(source, at, `quantization dtype must be one of ${QUANT_DTYPES.join(', ')}, received ${JSON.stringify(q)}`);
    }
    if (q.dtype !== 'float16' && (typeof q.scale !== 'number' || typeof q.min !== 'number')) {
      fail(source, at, `${q.dtype} quantization needs numeric 'scale' and 'min', received ${JSON.stringify(q)}`);
    }
    if (q.dtype === 'float16' && e.dtype !== 'float32') {
      fail(source, at, `float16 quantization applies to float32 weights only, received dtype ${e.dtype}`);
    }
  }
  return e as unknown as WeightsManifestEntry;
}

/**
 * Checks the structure of a weights manifest and returns it typed; errors name `source` and the entry.
 * @example checkWeightsManifest(json.weightsManifest, 'model.json')
 */
export function checkWeightsManifest(manifest: unknown, source: string): WeightsManifestGroupConfig[] {
  if (!Array.isArray(manifest)) fail(source, 'weightsManifest', `expected an array of {paths, weights}, received ${JSON.stringify(manifest)}`);
  manifest.forEach((g: unknown, i) => {
    const where = `weightsManifest[${i}]`;
    if (!isObject(g)) fail(source, where, `expected {paths, weights}, received ${JSON.stringify(g)}`);
    if (!Array.isArray(g.paths) || !g.paths.every((p) => typeof p === 'string' && p.length > 0)) {
      fail(source, where, `'paths' must be an array of file names, received ${JSON.stringify(g.paths)}`);
    }
    if (!Array.isArray(g.weights)) fail(source, where, `'weights' must be an array, received ${JSON.stringify(g.weights)}`);
    g.weights.forEach((e: unknown, j: number) => checkEntry(e, source, `${where}.weights[${j}]`));
  });
  return manifest as WeightsManifestGroupConfig[];
}

/**
 * Parses and checks the text of model.json. Syntax errors give the line, column and position; structural
 * errors name the field.
 * @example const json = parseModelJSON(await readFile('model.json', 'utf8'), 'model.json')
 */
export function parseModelJSON(text: string, source = 'model.json'): ModelJSON {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const loc = jsonErrorLocation(text);
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(`${source}: invalid JSON at line ${loc.line} column ${loc.column} (position ${loc.position}): ${msg}`, { cause: e });
  }
  if (!isObject(value)) fail(source, 'top level', `expected a JSON object, received ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  if (!isObject(value.modelTopology)) {
    fail(source, 'modelTopology', `expected the model's {class_name, config} object, received ${JSON.stringify(value.modelTopology)?.slice(0, 80)}`);
  }
  if (value.format !== undefined && value.format !== LAYERS_MODEL_FORMAT) {
    fail(source, 'format', `expected '${LAYERS_MODEL_FORMAT}' (a graph model cannot be loaded as a layers model), received ${JSON.stringify(value.format)}`);
  }
  value.weightsManifest = checkWeightsManifest(value.weightsManifest ?? [], source);
  return value as unknown as ModelJSON;
}
