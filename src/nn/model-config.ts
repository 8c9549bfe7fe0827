// Rebuilding models from topology JSON: model.json's `modelTopology` (snake_case, as TensorFlow.js and Keras write
// it) or the camelCase form of `getConfig()`.
import { ArgumentError, check, describe } from '../core/errors.js';
import './layers/index.js';
import { LayersModel } from './model.js';
import { deserialize, withCustomObjects } from './registry.js';
import type { SerializableClass } from './registry.js';
import { convertPythonicToTs, isConfigDict } from './serialization.js';
import type { ConfigDict, ConfigValue } from './serialization.js';
import './sequential.js';

/**
 * Builds a model (Sequential or functional, layers freshly initialized) from a topology: a JSON string or object
 * in model.json form (`{class_name, config}`, or `{model_config: ...}` as converted Keras files nest it, or a
 * whole model.json with `modelTopology`) or in camelCase form (`{className, config}`, or `getConfig()` itself). Custom layer classes must
 * be registered (`registerLayer`) or passed in `customObjects`.
 * @example const copy = modelFromConfig(model.toJSON(null, false)); copy.setWeights(model.getWeights())
 */
export function modelFromConfig(json: string | ConfigDict, customObjects: Record<string, SerializableClass> = {}): LayersModel {
  const fn = 'modelFromConfig';
  let topology: ConfigValue = json;
  if (typeof json === 'string') {
    try {
      topology = JSON.parse(json) as ConfigValue;
    } catch (e) {
      throw new ArgumentError(fn, `the string is not valid JSON: ${(e as Error).message}`);
    }
  }
  check(isConfigDict(topology), fn, () => `expected a model topology object, received ${describe(topology)}`);
  if (isConfigDict(topology.modelTopology)) topology = topology.modelTopology;
  if (isConfigDict(topology.model_config)) topology = topology.model_config;
  if (!('class_name' in topology) && !('className' in topology) && Array.isArray(topology.layers)) {
    // A bare model config (what getConfig() returns): functional when it lists input layers.
    const first = topology.layers[0];
    const pythonic = 'input_layers' in topology || (isConfigDict(first) && 'class_name' in first);
    const className = 'inputLayers' in topology || 'input_layers' in topology ? 'Model' : 'Sequential';
    topology = pythonic ? { class_name: className, config: topology } : { className, config: topology };
  }
  if ('class_name' in topology) topology = convertPythonicToTs(topology) as ConfigDict;
  check(typeof topology.className === 'string' && (isConfigDict(topology.config) || Array.isArray(topology.config)), fn,
    () => `expected {class_name, config} (model.json) or {className, config}, received keys ${Object.keys(topology as object).join(', ')}`);
  const { className, config } = topology;
  const model = withCustomObjects(customObjects, () => deserialize<unknown>('layer', { className, config: config as ConfigDict }));
  check(model instanceof LayersModel, fn, () => `the topology describes a ${String(className)}, not a model`);
  return model;
}
