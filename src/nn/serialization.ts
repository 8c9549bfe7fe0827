// The JSON shapes of layer and model configs, and the conversion between the camelCase form TensorFlow.js keeps in
// memory (`getConfig()`) and the snake_case form Keras and TensorFlow.js write to model.json.

/** A JSON value of a config. */
export type ConfigValue = null | boolean | number | string | ConfigValue[] | ConfigDict;

/** A JSON object of a config. */
export interface ConfigDict {
  [key: string]: ConfigValue;
}

/** A serialized object as Keras writes it: its registered class name and its config. */
export interface SerializedObject extends ConfigDict {
  className: string;
  config: ConfigDict;
}

/**
 * Converts a camelCase identifier to snake_case as Keras names it (names starting with '_' get a 'private' prefix).
 * @example toSnakeCase('kernelInitializer') // 'kernel_initializer'; toSnakeCase('Conv2D') // 'conv2d'
 */
export function toSnakeCase(name: string): string {
  const s = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return s.startsWith('_') ? `private${s}` : s;
}

/**
 * Converts a snake_case identifier to camelCase (identifiers without '_' are returned as they are).
 * @example toCamelCase('kernel_initializer') // 'kernelInitializer'
 */
export function toCamelCase(name: string): string {
  if (name.length <= 1 || !name.includes('_')) return name;
  return name.replace(/_+(\w|$)/g, (_m, c: string) => c.toUpperCase());
}

// Layer names stand first in the entries of these lists ([name, nodeIndex, tensorIndex, kwargs]): never renamed.
const NAME_LISTS = new Set(['inboundNodes', 'inputLayers', 'outputLayers', 'inbound_nodes', 'input_layers', 'output_layers']);

function convert(v: ConfigValue | undefined, key: string | undefined, keyFn: (s: string) => string,
  keepKeys: readonly string[]): ConfigValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return keyFn(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) {
    return v.map((item, i) => (i === 0 && typeof item === 'string' && key !== undefined && NAME_LISTS.has(key)
      ? item : convert(item, key, keyFn, keepKeys)));
  }
  const out: ConfigDict = {};
  for (const [k, value] of Object.entries(v)) {
    const nk = keyFn(k);
    // Object names and class names are identifiers chosen by users or registries: they keep their spelling.
    out[nk] = keepKeys.includes(k) && typeof value === 'string' ? value : convert(value, nk, keyFn, keepKeys);
  }
  return out;
}

/**
 * The snake_case (Keras, model.json) form of a camelCase config: keys and string values are converted, except
 * names and class names.
 * @example convertTsToPythonic({className: 'Dense', config: {useBias: true}}) // {class_name: 'Dense', config: {use_bias: true}}
 */
export function convertTsToPythonic(config: ConfigValue): ConfigValue {
  return convert(config, undefined, toSnakeCase, ['name', 'className']);
}

/**
 * The camelCase (in-memory) form of a snake_case config read from model.json or Keras.
 * @example convertPythonicToTs({class_name: 'Dense', config: {use_bias: true}}) // {className: 'Dense', config: {useBias: true}}
 */
export function convertPythonicToTs(config: ConfigValue): ConfigValue {
  return convert(config, undefined, toCamelCase, ['name', 'class_name']);
}

/**
 * True when `v` is a plain JSON object (not an array, not null).
 * @example isConfigDict({units: 3}) // true
 */
export function isConfigDict(v: unknown): v is ConfigDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * True when `v` looks like `{className, config}`.
 * @example isSerializedObject({className: 'Zeros', config: {}}) // true
 */
export function isSerializedObject(v: unknown): v is SerializedObject {
  return isConfigDict(v) && typeof v.className === 'string' && (v.config === undefined || isConfigDict(v.config));
}
