// Input specifications: what a layer requires of its inputs (rank, fixed dimensions), checked by `apply`.
import { ArgumentError } from '../core/errors.js';
import { fmtLayerShape } from './symbolic.js';
import type { LayerShape } from './symbolic.js';

/** What a layer requires of one input; dimensions not listed are free. */
export interface InputSpec {
  /** Exact rank. */
  ndim?: number;
  /** Minimum rank. */
  minNDim?: number;
  /** Maximum rank. */
  maxNDim?: number;
  /** Required sizes of some axes (negative axes count from the end). */
  axes?: Record<number, number>;
}

/**
 * Throws an ArgumentError naming the layer when inputs violate its `inputSpec` (null dimensions always match).
 * @example checkInputSpec(dense, [x]) // 'dense_1: input 0 must have size 4 at axis -1, received shape [2,5]'
 */
export function checkInputSpec(layer: { name: string; inputSpec: (InputSpec | null)[] | null },
  inputs: readonly { shape: LayerShape }[]): void {
  const specs = layer.inputSpec;
  if (!specs || specs.length === 0) return;
  if (specs.length !== inputs.length) {
    throw new ArgumentError(layer.name, `expects ${specs.length} input(s), received ${inputs.length}`);
  }
  // Runs at every layer call: the passing case allocates nothing.
  for (let i = 0; i < inputs.length; i++) {
    const spec = specs[i];
    if (!spec) continue;
    const shape = inputs[i].shape, rank = shape.length;
    if (spec.ndim !== undefined && rank !== spec.ndim) fail(layer, i, shape, `must have rank ${spec.ndim}`);
    if (spec.minNDim !== undefined && rank < spec.minNDim) fail(layer, i, shape, `must have rank >= ${spec.minNDim}`);
    if (spec.maxNDim !== undefined && rank > spec.maxNDim) fail(layer, i, shape, `must have rank <= ${spec.maxNDim}`);
    if (!spec.axes) continue;
    for (const [axis, size] of axesOf(spec.axes)) {
      const d = shape[axis < 0 ? rank + axis : axis];
      if (d !== null && d !== undefined && d !== size) fail(layer, i, shape, `must have size ${size} at axis ${axis}`);
    }
  }
}

function fail(layer: { name: string }, i: number, shape: LayerShape, what: string): never {
  throw new ArgumentError(layer.name, `input ${i} ${what}, received shape ${fmtLayerShape(shape)}`);
}

// The [axis, size] pairs of a spec's axes record, parsed once per record.
const parsedAxes = new WeakMap<Record<number, number>, [number, number][]>();

function axesOf(axes: Record<number, number>): [number, number][] {
  let list = parsedAxes.get(axes);
  if (!list) {
    list = Object.entries(axes).map(([k, v]) => [Number(k), v]);
    parsedAxes.set(axes, list);
  }
  return list;
}
