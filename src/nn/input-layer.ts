// The InputLayer and the `input()` factory: where functional models start.
import type { DType } from '../core/dtype.js';
import { ArgumentError, check, describe } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { checkDType } from '../ops/convert.js';
import { Layer } from './layer.js';
import { uniqueName } from './layer-utils.js';
import type { CallArgs } from './layer.js';
import { registerClass } from './registry.js';
import type { ConfigDict } from './serialization.js';
import { Node, SymbolicTensor } from './symbolic.js';
import type { AnyTensor, LayerShape } from './symbolic.js';

/** Arguments of `InputLayer` (TensorFlow.js names). */
export interface InputLayerArgs {
  inputShape?: readonly (number | null)[];
  batchInputShape?: readonly (number | null)[];
  /** Keras 3's name of batchInputShape. */
  batchShape?: readonly (number | null)[];
  batchSize?: number;
  dtype?: DType;
  sparse?: boolean;
  name?: string;
}

function checkDims(fn: string, arg: string, shape: unknown): LayerShape {
  check(Array.isArray(shape) && shape.every((d) => d === null || (Number.isInteger(d) && d >= 0)), fn,
    () => `${arg} must be an array of non-negative integers or null, received ${JSON.stringify(shape)}`);
  return shape as LayerShape;
}

/**
 * The layer that stands for a model input: it has no weights, is never called, and owns the input's symbolic
 * tensor (its node 0).
 * @example const x = new InputLayer({inputShape: [4]}); x.batchInputShape // [null, 4]
 */
export class InputLayer extends Layer {
  static readonly className: string = 'InputLayer';
  readonly sparse: boolean;

  constructor(args: InputLayerArgs) {
    const a = { ...(args ?? {}) };
    if (a.batchInputShape === undefined && a.batchShape !== undefined) a.batchInputShape = a.batchShape;
    super({ name: a.name ?? uniqueName('input'), dtype: a.dtype === undefined || a.dtype === null ? 'float32' : checkDType('input', a.dtype) });
    const hasShape = a.inputShape !== undefined && a.inputShape !== null;
    const hasBatchShape = a.batchInputShape !== undefined && a.batchInputShape !== null;
    check(hasShape !== hasBatchShape, 'input', () => hasShape
      ? 'give inputShape or batchInputShape, not both'
      : 'an input needs a shape: pass shape (without the batch dimension) or batchShape');
    check(!(hasBatchShape && a.batchSize !== undefined && a.batchSize !== null), 'input', () => 'batchSize cannot be combined with batchInputShape');
    const batchShape = hasBatchShape
      ? checkDims('input', 'batchShape', a.batchInputShape)
      : [a.batchSize ?? null, ...checkDims('input', 'shape', a.inputShape)];
    this.batchInputShape = [...batchShape];
    this.sparse = a.sparse ?? false;
    this.trainable = false;
    this.built = true;
    const t = new SymbolicTensor(this.dtype, batchShape, this, this.name, 0, 0);
    new Node({
      outboundLayer: this, inboundLayers: [], nodeIndices: [], tensorIndices: [],
      inputTensors: [t], outputTensors: [t], inputShapes: [batchShape], outputShapes: [batchShape],
    });
  }

  override apply(_inputs: AnyTensor | AnyTensor[], _kwargs?: CallArgs): never {
    throw new ArgumentError(this.name, 'an InputLayer cannot be applied to inputs; use input() to start a model');
  }

  override call(inputs: Tensor | Tensor[]): Tensor | Tensor[] { return inputs; }

  override getConfig(): ConfigDict {
    return { batchInputShape: [...this.batchInputShape!], dtype: this.dtype, sparse: this.sparse, name: this.name };
  }
}
registerClass(InputLayer);

/** Arguments of `input()`. */
export interface InputArgs {
  /** Shape without the batch dimension (null for variable sizes). */
  shape?: readonly (number | null)[];
  /** Shape with the batch dimension. */
  batchShape?: readonly (number | null)[];
  name?: string;
  dtype?: DType;
  sparse?: boolean;
}

/**
 * A symbolic model input; apply layers to it and pass it to `model({inputs, outputs})`.
 * @example const x = input({shape: [28, 28, 1]}); x.shape // [null, 28, 28, 1]
 */
export function input(args: InputArgs): SymbolicTensor {
  check(args !== null && typeof args === 'object', 'input', () => `expected {shape} or {batchShape}, received ${describe(args)}`);
  const layer = new InputLayer({
    inputShape: args.shape, batchInputShape: args.batchShape, name: args.name, dtype: args.dtype, sparse: args.sparse,
  });
  return layer.inboundNodes[0].outputTensors[0];
}
