// Functional-model topology <-> config, in the TensorFlow.js / Keras format:
// {name, layers: [{name, className, config, inboundNodes: [[[layer, nodeIndex, tensorIndex, kwargs], ...]]}],
//  inputLayers: [[layer, nodeIndex, tensorIndex]], outputLayers: [...]}.
import { ArgumentError, check, describe } from '../core/errors.js';
import { Container } from './container.js';
import type { ContainerArgs } from './container.js';
import type { Layer } from './layer.js';
import { deserialize } from './registry.js';
import type { SerializableClass } from './registry.js';
import { isConfigDict } from './serialization.js';
import type { ConfigDict, ConfigValue } from './serialization.js';
import { singletonOrArray } from './symbolic.js';
import type { CallKwargs, SymbolicTensor } from './symbolic.js';

/** Node index of a layer's call as saved: nested models count from 1 (their node 0 is their own graph). */
function nodeConversionMap(model: Container): Map<string, number> {
  const map = new Map<string, number>();
  for (const layer of model.layers) {
    let kept = layer instanceof Container ? 1 : 0;
    layer.inboundNodes.forEach((_, i) => {
      const key = Container.nodeKey(layer, i);
      if (model.containerNodes.has(key)) map.set(key, kept++);
    });
  }
  return map;
}

function jsonKwargs(layer: Layer, kwargs: CallKwargs): ConfigDict {
  try {
    return JSON.parse(JSON.stringify(kwargs)) as ConfigDict;
  } catch {
    throw new ArgumentError('getConfig', `layer ${layer.name} was called with keyword arguments that are not JSON: ${Object.keys(kwargs).join(', ')}`);
  }
}

/**
 * The config of a functional model (TensorFlow.js camelCase form; `toJSON` converts it to model.json's snake_case).
 * @example containerConfig(model).layers.length
 */
export function containerConfig(model: Container): ConfigDict {
  const conv = nodeConversionMap(model);
  const ref = (layer: Layer, nodeIndex: number, tensorIndex: number): ConfigValue[] =>
    [layer.name, conv.get(Container.nodeKey(layer, nodeIndex)) ?? 0, tensorIndex];
  const layers: ConfigDict[] = model.layers.map((layer) => {
    const inboundNodes: ConfigValue[] = [];
    layer.inboundNodes.forEach((node, i) => {
      if (!model.containerNodes.has(Container.nodeKey(layer, i)) || node.inboundLayers.length === 0) return;
      const kwargs = jsonKwargs(layer, node.callArgs);
      inboundNodes.push(node.inboundLayers.map((l, k) => [...ref(l, node.nodeIndices[k], node.tensorIndices[k]), kwargs]));
    });
    return { name: layer.name, className: layer.getClassName(), config: layer.getConfig(), inboundNodes };
  });
  return {
    name: model.name,
    layers,
    inputLayers: model.inputLayers.map((l, i) => ref(l, model.inputLayersNodeIndices[i], model.inputLayersTensorIndices[i])),
    outputLayers: model.outputLayers.map((l, i) => ref(l, model.outputLayersNodeIndices[i], model.outputLayersTensorIndices[i])),
  };
}

type NodeRef = [string, number, number, ConfigDict?];

function asRef(v: ConfigValue, what: string): NodeRef {
  check(Array.isArray(v) && v.length >= 3 && typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'number',
    'modelFromConfig', () => `${what} must be [layerName, nodeIndex, tensorIndex(, kwargs)], received ${JSON.stringify(v)}`);
  return [v[0], v[1], v[2], isConfigDict(v[3]) ? v[3] : undefined];
}

/**
 * Rebuilds a functional model of class `cls` from its config: creates every layer, then replays the layer calls
 * in an order where each call's inputs exist (shared layers at several depths included).
 * @example containerFromConfig(LayersModel, model.getConfig())
 */
export function containerFromConfig<T>(cls: new (args: ContainerArgs) => T, config: ConfigDict,
  customObjects: Record<string, SerializableClass> = {}): T {
  const fn = 'modelFromConfig';
  check(Array.isArray(config.layers), fn, () => `a functional model config needs a 'layers' array, received ${describe(config.layers)}`);
  const created = new Map<string, Layer>();
  const pending: { layer: Layer; node: NodeRef[] }[] = [];
  for (const data of config.layers) {
    check(isConfigDict(data) && typeof data.className === 'string' && isConfigDict(data.config), fn,
      () => `each layer entry needs className and config, received ${JSON.stringify(data)?.slice(0, 200)}`);
    const layerConfig = { ...data.config };
    if (typeof data.name === 'string' && layerConfig.name === undefined) layerConfig.name = data.name;
    const layer = deserialize<Layer>('layer', { className: data.className, config: layerConfig }, customObjects);
    created.set(typeof data.name === 'string' ? data.name : layer.name, layer);
    const inbound = data.inboundNodes ?? [];
    check(Array.isArray(inbound), fn, () => `inboundNodes of ${layer.name} must be an array`);
    for (const nodeData of inbound) {
      check(Array.isArray(nodeData), fn, () => `corrupted inboundNodes of ${layer.name}: expected arrays, received ${JSON.stringify(nodeData)}`);
      pending.push({ layer, node: nodeData.map((r) => asRef(r, `an inbound node of ${layer.name}`)) });
    }
  }
  const tensorAt = ([name, nodeIndex, tensorIndex]: NodeRef): SymbolicTensor | undefined =>
    created.get(name)?.inboundNodes[nodeIndex]?.outputTensors[tensorIndex];
  // Replay calls whose inputs exist; repeat until none is left (a shared layer may wait for a deeper call).
  while (pending.length > 0) {
    const before = pending.length;
    for (let i = 0; i < pending.length;) {
      const { layer, node } = pending[i];
      const inputs = node.map(tensorAt);
      // A layer's calls are replayed in their saved order, so node indices referring to them stay valid.
      const first = pending.findIndex((p) => p.layer === layer) === i;
      if (first && inputs.every((t) => t !== undefined)) {
        const kwargs = node.find((r) => r[3] !== undefined)?.[3] ?? {};
        layer.apply(singletonOrArray(inputs as SymbolicTensor[]), kwargs);
        pending.splice(i, 1);
        i = 0;
      } else i++;
    }
    check(pending.length < before, fn, () => `cannot connect layer ${pending[0].layer.name}: its inputs ${JSON.stringify(pending[0].node.map((r) => r[0]))} are never produced`);
  }
  const collect = (key: 'inputLayers' | 'outputLayers'): SymbolicTensor[] => {
    const list = config[key];
    check(Array.isArray(list), fn, () => `a functional model config needs '${key}'`);
    return list.map((v) => {
      const ref = asRef(v, key);
      const t = tensorAt(ref);
      check(t !== undefined, fn, () => `${key} refers to ${JSON.stringify(v)}, which does not exist`);
      return t;
    });
  };
  return new cls({ inputs: collect('inputLayers'), outputs: collect('outputLayers'), name: typeof config.name === 'string' ? config.name : undefined });
}
