// The graph of a functional model: which layer calls (nodes) lead from the inputs to the outputs, at which depth,
// and their execution in topological order. LayersModel adds training and inference on top.
import { ArgumentError, check, describe } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import type { Variable } from '../core/variable.js';
import { InputLayer } from './input-layer.js';
import { Layer } from './layer.js';
import type { CallArgs } from './layer.js';
import { Node, SymbolicTensor, isShapeList, singletonOrArray, toList } from './symbolic.js';
import type { LayerShape, ShapeOrShapes } from './symbolic.js';

// The arguments of a layer call without extra ones, shared (frozen: no layer may modify them).
const TRAINING: CallArgs = Object.freeze({ training: true });
const INFERENCE: CallArgs = Object.freeze({ training: false });

/** True for an object without own properties (most layer calls have no extra arguments). */
function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/** Arguments of a functional model: its symbolic inputs and outputs. */
export interface ContainerArgs {
  inputs: SymbolicTensor | SymbolicTensor[];
  outputs: SymbolicTensor | SymbolicTensor[];
  name?: string;
}

/**
 * The graph of layer calls between symbolic inputs and outputs (the part of a model that is a layer).
 * @example const c = new Container({inputs: x, outputs: y}); c.layers.map((l) => l.name)
 */
export class Container extends Layer {
  /** Symbolic inputs, one per InputLayer. */
  inputs: SymbolicTensor[] = [];
  /** Symbolic outputs. */
  outputs: SymbolicTensor[] = [];
  /** Every layer of the graph, inputs first (Keras order: by decreasing depth, then discovery order). */
  layers: Layer[] = [];
  inputLayers: Layer[] = [];
  inputLayersNodeIndices: number[] = [];
  inputLayersTensorIndices: number[] = [];
  outputLayers: Layer[] = [];
  outputLayersNodeIndices: number[] = [];
  outputLayersTensorIndices: number[] = [];
  /** Names of the input layers, in input order. */
  inputNames: string[] = [];
  /** Names of the layers producing the outputs, in output order. */
  outputNames: string[] = [];
  /** Graph nodes by depth (0 = output nodes). */
  nodesByDepth = new Map<number, Node[]>();
  /** Keys (`layer_ib-i`) of the nodes that belong to this graph. */
  containerNodes = new Set<string>();
  /** The layer calls to run, inputs first (nodes by decreasing depth), computed once per graph. */
  protected executionOrder: Node[] = [];
  private isContainerTrainable = true;

  /** The key of a layer's `i`-th call, as Keras names it. */
  static nodeKey(layer: Layer, nodeIndex: number): string {
    return `${layer.name}_ib-${nodeIndex}`;
  }

  constructor(args: ContainerArgs) {
    super({ name: args?.name });
    if (args && (toList(args.inputs).length > 0 || toList(args.outputs).length > 0)) this.initGraph(args.inputs, args.outputs);
  }

  /** (Re)builds the graph between `inputs` and `outputs`; Sequential calls it after each change. */
  protected initGraph(inputsArg: SymbolicTensor | SymbolicTensor[], outputsArg: SymbolicTensor | SymbolicTensor[]): void {
    const fn = this.name;
    const inputs = toList(inputsArg), outputs = toList(outputsArg);
    check(inputs.length > 0 && outputs.length > 0, fn, () => 'a model needs at least one input and one output');
    [...inputs, ...outputs].forEach((t) => check(t instanceof SymbolicTensor, fn,
      () => `inputs and outputs must be symbolic tensors (from input() and layer.apply), received ${describe(t)}`));
    check(new Set(inputs).size === inputs.length, fn, () => `every input must appear once, received ${inputs.map((x) => x.name).join(', ')}`);
    inputs.forEach((x, i) => check(x.sourceLayer instanceof InputLayer, fn,
      () => `input ${i} must come from input(), received the output of layer ${x.sourceLayer.name} (${x.sourceLayer.getClassName()})`));
    this.inputs = inputs;
    this.outputs = outputs;
    this.inputLayers = inputs.map((x) => x.sourceLayer);
    this.inputLayersNodeIndices = inputs.map((x) => x.nodeIndex);
    this.inputLayersTensorIndices = inputs.map((x) => x.tensorIndex);
    this.outputLayers = outputs.map((x) => x.sourceLayer);
    this.outputLayersNodeIndices = outputs.map((x) => x.nodeIndex);
    this.outputLayersTensorIndices = outputs.map((x) => x.tensorIndex);
    this.inputNames = this.inputLayers.map((l) => l.name);
    this.outputNames = this.outputLayers.map((l) => l.name);
    this.buildGraph();
    // The model's own call that maps its inputs to its outputs is its node 0, as in Keras: nested models are
    // referred to from node 1 on, so topologies written by TensorFlow.js and Keras line up.
    this.inboundNodes = [];
    this.outboundNodes = [];
    new Node({
      outboundLayer: this, inboundLayers: [], nodeIndices: [], tensorIndices: [],
      inputTensors: inputs, outputTensors: outputs,
      inputShapes: inputs.map((x) => x.shape), outputShapes: outputs.map((x) => x.shape),
    });
    this.built = true;
  }

  private buildGraph(): void {
    const finished = new Set<Node>(), inProgress = new Set<Node>();
    const layerIndex = new Map<Layer, number>();
    const order: Node[] = [];
    this.containerNodes = new Set();
    const visit = (t: SymbolicTensor, layer: Layer, nodeIndex: number): void => {
      const node = layer.inboundNodes[nodeIndex];
      check(!inProgress.has(node), this.name, () => `the tensor ${t.name} at layer ${layer.name} is part of a cycle`);
      if (finished.has(node)) return;
      this.containerNodes.add(Container.nodeKey(layer, nodeIndex));
      if (!layerIndex.has(layer)) layerIndex.set(layer, layerIndex.size);
      inProgress.add(node);
      node.inboundLayers.forEach((l, i) => visit(node.inputTensors[i], l, node.nodeIndices[i]));
      finished.add(node);
      inProgress.delete(node);
      order.push(node);
    };
    for (const x of this.outputs) visit(x, x.sourceLayer, x.nodeIndex);

    const nodeDepth = new Map<Node, number>(), layerDepth = new Map<Layer, number>();
    for (const node of [...order].reverse()) {
      // A shared layer takes the greatest depth of its calls, so it runs after everything feeding any of them.
      const depth = Math.max(nodeDepth.get(node) ?? 0, layerDepth.get(node.outboundLayer) ?? 0);
      layerDepth.set(node.outboundLayer, depth);
      nodeDepth.set(node, depth);
      node.inboundLayers.forEach((l, i) => {
        const inbound = l.inboundNodes[node.nodeIndices[i]];
        nodeDepth.set(inbound, Math.max(depth + 1, nodeDepth.get(inbound) ?? 0));
      });
    }
    this.nodesByDepth = new Map();
    for (const [node, d] of nodeDepth) {
      if (!this.nodesByDepth.has(d)) this.nodesByDepth.set(d, []);
      this.nodesByDepth.get(d)!.push(node);
    }
    const layersByDepth = new Map<number, Layer[]>();
    for (const [layer, d] of layerDepth) {
      if (!layersByDepth.has(d)) layersByDepth.set(d, []);
      layersByDepth.get(d)!.push(layer);
    }
    this.layers = [...layersByDepth.keys()].sort((a, b) => b - a)
      .flatMap((d) => layersByDepth.get(d)!.sort((a, b) => layerIndex.get(a)! - layerIndex.get(b)!));

    // Every node's inputs must be computable from the model inputs.
    const computable = new Set<SymbolicTensor>(this.inputs);
    this.executionOrder = [...this.nodesByDepth.keys()].sort((a, b) => b - a).flatMap((d) => this.nodesByDepth.get(d)!);
    for (const node of this.executionOrder) {
      for (const x of node.inputTensors) {
        check(computable.has(x), this.name,
          () => `graph disconnected: cannot obtain the value of ${x.name} needed by layer ${node.outboundLayer.name}; is an input() missing from inputs?`);
      }
      node.outputTensors.forEach((t) => computable.add(t));
    }
    const names = this.layers.map((l) => l.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    check(dup === undefined, this.name, () => `layer names must be unique within a model, '${dup}' is used more than once`);
  }

  override get trainable(): boolean { return this.isContainerTrainable; }
  override set trainable(on: boolean) {
    for (const layer of this.layers ?? []) layer.trainable = on;
    this.isContainerTrainable = on;
  }

  override get trainableWeights(): Variable[] {
    return this.isContainerTrainable ? this.layers.flatMap((l) => l.trainableWeights) : [];
  }

  override get nonTrainableWeights(): Variable[] {
    const nonTrainable = this.layers.flatMap((l) => l.nonTrainableWeights);
    return this.isContainerTrainable ? nonTrainable : [...this.layers.flatMap((l) => l.trainableWeights), ...nonTrainable];
  }

  override countParams(): number {
    return this.weights.reduce((n, w) => n + w.value.size, 0);
  }

  override calculateLosses(): Tensor[] {
    return this.layers.flatMap((l) => l.calculateLosses());
  }

  override build(): void { this.built = true; }

  /**
   * The layer named `name`, or at position `index` of `layers`.
   * @example model.getLayer('dense_1')
   */
  getLayer(nameOrIndex: string | number): Layer {
    if (typeof nameOrIndex === 'number') {
      check(Number.isInteger(nameOrIndex) && nameOrIndex >= 0 && nameOrIndex < this.layers.length, `${this.name}.getLayer`,
        () => `index must be in [0, ${this.layers.length - 1}], received ${nameOrIndex}`);
      return this.layers[nameOrIndex];
    }
    const layer = this.layers.find((l) => l.name === nameOrIndex);
    if (!layer) {
      throw new ArgumentError(`${this.name}.getLayer`, `no layer named '${String(nameOrIndex)}'; layers: ${this.layers.map((l) => l.name).join(', ')}`);
    }
    return layer;
  }

  /** Runs the graph on concrete inputs (one per model input), in topological order. */
  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor | Tensor[] {
    const xs = toList(inputs);
    check(xs.length === this.inputs.length, this.name, () => `expected ${this.inputs.length} input tensor(s), received ${xs.length}`);
    const training = kwargs.training ?? false;
    const values = new Map<number, Tensor>();
    for (let i = 0; i < xs.length; i++) values.set(this.inputs[i].id, xs[i]);
    const plain = training ? TRAINING : INFERENCE;
    for (const node of this.executionOrder) {
      if (node.inboundLayers.length === 0) continue;
      const ts = node.inputTensors;
      const ins = ts.length === 1 ? values.get(ts[0].id)! : ts.map((t) => values.get(t.id)!);
      const args = isEmpty(node.callArgs) ? plain : { ...node.callArgs, training };
      const out = node.outboundLayer.apply(ins, args);
      if (out instanceof Tensor) values.set(node.outputTensors[0].id, out);
      else out.forEach((o, i) => values.set(node.outputTensors[i].id, o));
    }
    return singletonOrArray(this.outputs.map((o) => values.get(o.id)!));
  }

  /** Output shapes for input shapes, propagated through every layer's `computeOutputShape`. */
  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const shapes = isShapeList(inputShape) ? [...inputShape] : [inputShape];
    check(shapes.length === this.inputs.length, this.name, () => `expected ${this.inputs.length} input shape(s), received ${shapes.length}`);
    const known = new Map<number, LayerShape>();
    this.inputs.forEach((x, i) => known.set(x.id, shapes[i]));
    for (const node of this.executionOrder) {
      if (node.inboundLayers.length === 0) continue;
      const ins = node.inputTensors.map((t) => known.get(t.id)!);
      const out = node.outboundLayer.computeOutputShape(ins.length === 1 ? ins[0] : ins);
      (isShapeList(out) ? [...out] : [out]).forEach((s, i) => known.set(node.outputTensors[i].id, s));
    }
    const outs = this.outputs.map((o) => known.get(o.id)!);
    return outs.length === 1 ? outs[0] : outs;
  }
}
