// Symbolic tensors and graph nodes: the placeholders the functional API wires layers with, before any data flows.
import type { DType } from '../core/dtype.js';
import { Tensor } from '../core/tensor.js';
import type { Layer } from './layer.js';

/** A shape whose dimensions may be unknown (null), such as the batch dimension of a model input. */
export type LayerShape = readonly (number | null)[];

/** One shape, or one shape per input of a multi-input layer. */
export type ShapeOrShapes = LayerShape | readonly LayerShape[];

/**
 * Renders a layer shape as TensorFlow.js prints it.
 * @example fmtLayerShape([null, 28, 28, 1]) // '[null,28,28,1]'
 */
export function fmtLayerShape(shape: LayerShape): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(',')}]`;
}

/**
 * True when `s` is a list of shapes rather than one shape (an empty list counts as one scalar shape).
 * @example isShapeList([[null, 2], [null, 3]]) // true
 */
export function isShapeList(s: ShapeOrShapes): s is readonly LayerShape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

let nextSymbolicId = 0;

/**
 * A placeholder for a tensor in a functional model: it knows its shape (null for unknown dimensions), dtype and
 * the layer call (node) that produces it, but holds no values. Created by `input()` and by applying layers to
 * symbolic tensors.
 * @example const x = input({shape: [4]}); const y = layers.dense({units: 2}).apply(x) as SymbolicTensor; y.shape // [null, 2]
 */
export class SymbolicTensor {
  /** A process-unique id. */
  readonly id: number;
  /** Dimensions; null where unknown (the batch dimension of inputs). */
  readonly shape: LayerShape;
  /** Element type of the values that will flow here. */
  readonly dtype: DType;
  /** A readable name: the producing layer's name plus the output index when there are several. */
  readonly name: string;
  /** The layer whose call produces this tensor. */
  readonly sourceLayer: Layer;
  /** Which call (inbound node) of `sourceLayer` produces it. */
  nodeIndex: number;
  /** Which output of that call it is. */
  tensorIndex: number;

  constructor(dtype: DType, shape: LayerShape, sourceLayer: Layer, name: string, nodeIndex = 0, tensorIndex = 0) {
    this.id = nextSymbolicId++;
    this.dtype = dtype;
    this.shape = Object.freeze([...shape]);
    this.sourceLayer = sourceLayer;
    this.name = name;
    this.nodeIndex = nodeIndex;
    this.tensorIndex = tensorIndex;
  }

  /** Number of dimensions. */
  get rank(): number { return this.shape.length; }

  /** `SymbolicTensor(name, shape=[null,4], dtype=float32)`. */
  toString(): string {
    return `SymbolicTensor(${this.name}, shape=${fmtLayerShape(this.shape)}, dtype=${this.dtype})`;
  }
}

/** Keyword arguments a layer was called with in a graph (kept when serializing the topology). */
export type CallKwargs = Record<string, unknown>;

/** What a Node records of one layer call. */
export interface NodeArgs {
  outboundLayer: Layer;
  inboundLayers: Layer[];
  nodeIndices: number[];
  tensorIndices: number[];
  inputTensors: SymbolicTensor[];
  outputTensors: SymbolicTensor[];
  inputShapes: LayerShape[];
  outputShapes: LayerShape[];
}

let nextNodeId = 0;

/**
 * One call of a layer on symbolic tensors: which layers (and which of their calls and outputs) feed it, and the
 * symbolic tensors it produces. Creating a node appends it to the layer's `inboundNodes` and to the feeding layers'
 * `outboundNodes`, as in Keras.
 * @example const node = layer.inboundNodes[0]; node.inboundLayers.map((l) => l.name)
 */
export class Node {
  readonly id: number;
  readonly outboundLayer: Layer;
  readonly inboundLayers: Layer[];
  readonly nodeIndices: number[];
  readonly tensorIndices: number[];
  readonly inputTensors: SymbolicTensor[];
  outputTensors: SymbolicTensor[];
  readonly inputShapes: LayerShape[];
  outputShapes: LayerShape[];
  /** Extra keyword arguments of the call (serialized into `inboundNodes`). */
  readonly callArgs: CallKwargs;

  constructor(args: NodeArgs, callArgs: CallKwargs = {}) {
    this.id = nextNodeId++;
    this.outboundLayer = args.outboundLayer;
    this.inboundLayers = args.inboundLayers;
    this.nodeIndices = args.nodeIndices;
    this.tensorIndices = args.tensorIndices;
    this.inputTensors = args.inputTensors;
    this.outputTensors = args.outputTensors;
    this.inputShapes = args.inputShapes;
    this.outputShapes = args.outputShapes;
    this.callArgs = callArgs;
    for (const layer of args.inboundLayers) layer.outboundNodes.push(this);
    args.outboundLayer.inboundNodes.push(this);
  }
}

/** A tensor or a symbolic tensor, what `Layer.apply` accepts. */
export type AnyTensor = Tensor | SymbolicTensor;

/**
 * Wraps a single value in a list; lists are copied.
 * @example toList(x) // [x]
 */
export function toList<T>(x: T | readonly T[]): T[] {
  return Array.isArray(x) ? [...(x as readonly T[])] : [x as T];
}

/**
 * The single element of a one-element list, or the list itself.
 * @example singletonOrArray([x]) // x
 */
export function singletonOrArray<T>(xs: readonly T[]): T | T[] {
  return xs.length === 1 ? xs[0] : [...xs];
}

/**
 * True when the list is non-empty and every element is a symbolic tensor.
 * @example allSymbolic([input({shape: [2]})]) // true
 */
export function allSymbolic(xs: readonly unknown[]): xs is SymbolicTensor[] {
  return xs.length > 0 && xs.every((x) => x instanceof SymbolicTensor);
}

/**
 * True when the list is non-empty and every element is a concrete tensor.
 * @example allConcrete([tensor([1])]) // true
 */
export function allConcrete(xs: readonly unknown[]): xs is Tensor[] {
  return xs.length > 0 && xs.every((x) => x instanceof Tensor);
}
