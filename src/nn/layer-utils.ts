// Small helpers shared by layers: picking the single input, checking shapes, tracking masks and forward passes.
import { ArgumentError, describe } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { fmtLayerShape, isShapeList } from './symbolic.js';
import type { LayerShape, ShapeOrShapes } from './symbolic.js';

/**
 * The single tensor of a single-input layer's call (a one-element list is unwrapped).
 * @example const x = oneTensor(inputs, this.name)
 */
export function oneTensor(inputs: Tensor | readonly Tensor[], layerName: string): Tensor {
  if (inputs instanceof Tensor) return inputs;
  if (Array.isArray(inputs) && inputs.length === 1 && inputs[0] instanceof Tensor) return inputs[0];
  throw new ArgumentError(layerName, `expected exactly one input tensor, received ${describe(inputs)}`);
}

/**
 * The single shape of a single-input layer (a one-element list of shapes is unwrapped).
 * @example const shape = oneShape(inputShape, this.name)
 */
export function oneShape(inputShape: ShapeOrShapes, layerName: string): LayerShape {
  if (!isShapeList(inputShape)) return inputShape;
  if (inputShape.length === 1) return inputShape[0];
  throw new ArgumentError(layerName, `expected exactly one input shape, received ${inputShape.map(fmtLayerShape).join(', ')}`);
}

/**
 * The list of shapes of a multi-input layer (a single shape becomes a one-element list).
 * @example const shapes = shapeList(inputShape)
 */
export function shapeList(inputShape: ShapeOrShapes): LayerShape[] {
  return isShapeList(inputShape) ? [...inputShape] : [inputShape];
}

// Keras attaches masks to tensors (`_keras_mask`); a weak map does the same without touching the Tensor class.
const masks = new WeakMap<Tensor, Tensor>();

/**
 * The mask attached to `t` by the layer that produced it (Embedding with maskZero, Masking), or null.
 * @example getMask(layers.embedding({inputDim: 5, outputDim: 2, maskZero: true}).apply(ids) as Tensor)
 */
export function getMask(t: Tensor): Tensor | null {
  return masks.get(t) ?? null;
}

/**
 * Attaches (or with null, removes) the mask of `t`.
 * @example setMask(y, notEqual(ids, 0))
 */
export function setMask(t: Tensor, mask: Tensor | null): void {
  if (mask) masks.set(t, mask);
  else masks.delete(t);
}

let passCounter = 0;
let currentPass: number | null = null;

/**
 * Runs `fn` as one forward pass: layers called inside it (however deeply nested) record their activity
 * regularization penalties together, replacing those of the previous pass.
 * @example withForwardPass(() => model.apply(x))
 */
export function withForwardPass<T>(fn: () => T): T {
  if (currentPass !== null) return fn();
  currentPass = ++passCounter;
  try {
    return fn();
  } finally {
    currentPass = null;
  }
}

/**
 * Whether a forward pass is in progress (then `withForwardPass(fn)` is just `fn()`).
 * @example if (inForwardPass()) return run()
 */
export function inForwardPass(): boolean {
  return currentPass !== null;
}

/**
 * The id of the forward pass in progress (a fresh id outside any).
 * @example const pass = forwardPassId()
 */
export function forwardPassId(): number {
  return currentPass ?? ++passCounter;
}

const nameCounters = new Map<string, number>();

/**
 * A fresh name `<prefix>_<n>`, counting per prefix from 1 ('dense_1', 'dense_2', ...; TensorFlow.js counts per
 * class the same way).
 * @example uniqueName('dense') // 'dense_1', then 'dense_2'
 */
export function uniqueName(prefix: string): string {
  const n = (nameCounters.get(prefix) ?? 0) + 1;
  nameCounters.set(prefix, n);
  return `${prefix}_${n}`;
}
