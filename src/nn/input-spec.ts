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
  inputs.forEach((x, i) => {
    const spec = specs[i];
    if (!spec) return;
    const rank = x.shape.length;
    const fail = (what: string): never => {
      throw new ArgumentError(layer.name, `input ${i} ${what}, received shape ${fmtLayerShape(x.shape)}`);
    };
    if (spec.ndim !== undefined && rank !== spec.ndim) fail(`must have rank ${spec.ndim}`);
    if (spec.minNDim !== undefined && rank < spec.minNDim) fail(`must have rank >= ${spec.minNDim}`);
    if (spec.maxNDim !== undefined && rank > spec.maxNDim) fail(`must have rank <= ${spec.maxNDim}`);
    for (const [key, size] of Object.entries(spec.axes ?? {})) {
      const axis = Number(key);
      const d = x.shape[axis < 0 ? rank + axis : axis];
      if (d !== null && d !== undefined && d !== size) fail(`must have size ${size} at axis ${axis}`);
    }
  });
}
