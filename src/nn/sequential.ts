// Sequential: a linear stack of layers, built as a functional graph as layers are added.
import { ArgumentError, check, describe } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { Container } from './container.js';
import { InputLayer, input } from './input-layer.js';
import { Layer } from './layer.js';
import { LayersModel } from './model.js';
import type { PredictArgs } from './model.js';
import { deserialize, registerClass } from './registry.js';
import { isConfigDict, isSerializedObject } from './serialization.js';
import type { ConfigDict } from './serialization.js';
import { SymbolicTensor } from './symbolic.js';

/** Arguments of `sequential()`. */
export interface SequentialArgs {
  /** Layers to add in order; the first needs an inputShape (or batchInputShape). */
  layers?: Layer[];
  name?: string;
}

/**
 * A model whose layers run one after the other. The first layer must know its input shape (`inputShape` or
 * `batchInputShape`), as in TensorFlow.js.
 * @example const m = sequential({layers: [layers.dense({units: 4, inputShape: [2], activation: 'relu'}), layers.dense({units: 1})]})
 */
export class Sequential extends LayersModel {
  static override readonly className: string = 'Sequential';
  /** An InputLayer added explicitly (kept in the config, as Keras writes it). */
  private explicitInput: InputLayer | null = null;

  constructor(args: SequentialArgs = {}) {
    super({ inputs: [], outputs: [], name: args?.name });
    check(args === undefined || args === null || typeof args === 'object', 'sequential', () => `expected {layers, name}, received ${describe(args)}`);
    for (const layer of args?.layers ?? []) this.add(layer);
  }

  /**
   * Appends a layer (or a model, which nests) after the current last one.
   * @example m.add(layers.dense({units: 10, activation: 'softmax'}))
   */
  add(layer: Layer): void {
    const fn = `${this.name}.add`;
    check(layer instanceof Layer, fn, () => `expected a layer, received ${describe(layer)}`);
    let inputs = this.inputs, output: SymbolicTensor;
    if (this.outputs.length === 0) {
      if (layer instanceof InputLayer) {
        this.explicitInput = layer;
        inputs = [layer.inboundNodes[0].outputTensors[0]];
        output = inputs[0];
      } else {
        const isModel = layer instanceof Container;
        check(isModel || layer.inboundNodes.length === 0, fn,
          () => `layer ${layer.name} is already connected elsewhere; a Sequential model needs a fresh layer`);
        const batchShape = isModel ? layer.inputs[0]?.shape : layer.batchInputShape;
        if (!batchShape) {
          throw new ArgumentError(fn, `the first layer of a Sequential model needs an inputShape or batchInputShape, received ${layer.getClassName()} ${layer.name} without one`);
        }
        const x = input({ batchShape, dtype: isModel ? layer.inputs[0].dtype : layer.dtype, name: `${layer.name}_input` });
        inputs = [x];
        output = this.applyOne(layer, x);
      }
    } else {
      output = this.applyOne(layer, this.outputs[0]);
    }
    this.initGraph(inputs, [output]);
    this.layers = this.layers.filter((l) => !(l instanceof InputLayer));
  }

  private applyOne(layer: Layer, x: SymbolicTensor): SymbolicTensor {
    const y = layer.apply(x);
    if (!(y instanceof SymbolicTensor)) {
      throw new ArgumentError(`${this.name}.add`, `every layer of a Sequential model must have one output; ${layer.name} has several (use the functional API)`);
    }
    const bad = y.shape.findIndex((d) => d !== null && d < 0);
    check(bad < 0, `${this.name}.add`, () => `adding ${layer.name} gives a negative dimension: output shape [${y.shape.join(',')}]`);
    return y;
  }

  /**
   * Removes the last layer.
   * @example m.pop()
   */
  pop(): void {
    check(this.layers.length > 0, `${this.name}.pop`, () => 'there are no layers in the model');
    const removed = this.layers[this.layers.length - 1];
    const rest = this.layers.slice(0, -1);
    if (rest.length === 0 && !this.explicitInput) {
      this.inputs = []; this.outputs = []; this.layers = []; this.inboundNodes = []; this.outboundNodes = [];
      this.nodesByDepth = new Map(); this.containerNodes = new Set(); this.executionOrder = [];
      return;
    }
    const prev = rest.length > 0 ? rest[rest.length - 1] : this.explicitInput!;
    const prevNode = prev.inboundNodes.find((_, i) => this.containerNodes.has(Container.nodeKey(prev, i)))!;
    prev.outboundNodes = prev.outboundNodes.filter((n) => n.outboundLayer !== removed);
    this.initGraph(this.inputs, [prevNode.outputTensors[0]]);
    this.layers = this.layers.filter((l) => !(l instanceof InputLayer));
  }

  private checkNotEmpty(fn: string): void {
    check(this.outputs.length > 0, `${this.name}.${fn}`, () => 'the model is empty: add layers first');
  }

  override predict(x: Tensor | Tensor[], args?: PredictArgs): Tensor | Tensor[] {
    this.checkNotEmpty('predict');
    return super.predict(x, args);
  }

  override predictOnBatch(x: Tensor | Tensor[]): Tensor | Tensor[] {
    this.checkNotEmpty('predictOnBatch');
    return super.predictOnBatch(x);
  }

  override callForTraining(inputs: Tensor[], training: boolean): Tensor[] {
    this.checkNotEmpty('callForTraining');
    return super.callForTraining(inputs, training);
  }

  /**
   * `{name, layers: [{className, config}]}`; the first layer's config carries the input shape.
   * @example m.getConfig().layers[0].config.batchInputShape // [null, 2]
   */
  override getConfig(): ConfigDict {
    const entries = this.explicitInput ? [this.explicitInput, ...this.layers] : this.layers;
    return { name: this.name, layers: entries.map((l) => ({ className: l.getClassName(), config: l.getConfig() })) };
  }

  /**
   * Rebuilds a Sequential model from `getConfig()` output (or a bare list of layer configs, as older Keras).
   * @example Sequential.fromConfig(Sequential, m.getConfig())
   */
  static override fromConfig<T>(cls: new (config: never) => T, config: ConfigDict | ConfigDict[]): T {
    const list = Array.isArray(config) ? config : config.layers;
    check(Array.isArray(list), 'Sequential.fromConfig', () => `expected {name, layers: [...]}, received ${describe(config)}`);
    const name = !Array.isArray(config) && typeof config.name === 'string' ? config.name : undefined;
    const model = new (cls as unknown as new (args: SequentialArgs) => Sequential)({ name });
    for (const entry of list) {
      check(isSerializedObject(entry), 'Sequential.fromConfig', () => `each layer must be {className, config}, received ${JSON.stringify(entry)?.slice(0, 200)}`);
      model.add(deserialize<Layer>('layer', { className: entry.className, config: isConfigDict(entry.config) ? entry.config : {} }));
    }
    return model as unknown as T;
  }
}
registerClass(Sequential);

/**
 * Creates a Sequential model (TensorFlow.js `tf.sequential`).
 * @example const m = sequential({layers: [layers.dense({units: 1, inputShape: [3]})]})
 */
export function sequential(args: SequentialArgs = {}): Sequential {
  return new Sequential(args);
}

/**
 * Creates a functional model from symbolic inputs and outputs (TensorFlow.js `tf.model`).
 * @example const x = input({shape: [4]}); const m = model({inputs: x, outputs: layers.dense({units: 2}).apply(x) as SymbolicTensor})
 */
export function model(args: { inputs: SymbolicTensor | SymbolicTensor[]; outputs: SymbolicTensor | SymbolicTensor[]; name?: string }): LayersModel {
  check(args !== null && typeof args === 'object' && args.inputs !== undefined && args.outputs !== undefined, 'model',
    () => `expected {inputs, outputs}, received ${describe(args)}`);
  return new LayersModel(args);
}
