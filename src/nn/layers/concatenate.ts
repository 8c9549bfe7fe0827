import { check } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { cast } from '../../ops/cast.js';
import { concat } from '../../ops/concat.js';
import { ones } from '../../ops/creation.js';
import { logicalAnd } from '../../ops/logical.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { shapeList } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { fmtLayerShape } from '../symbolic.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';

/** Arguments of `Concatenate`. */
export interface ConcatenateArgs extends LayerArgs {
  /** Axis to join along (default -1); the batch axis 0 is not allowed. */
  axis?: number;
}

/**
 * Joins a list of inputs along `axis`; the other dimensions must agree.
 * @example layers.concatenate({axis: -1}).apply([a, b]) // [batch, na + nb]
 */
export class Concatenate extends Layer {
  static readonly className: string = 'Concatenate';
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    this.axis = args?.axis ?? -1;
    check(Number.isInteger(this.axis), this.name, () => `axis must be an integer, received ${String(this.axis)}`);
    this.supportsMasking = true;
  }

  private normAxis(rank: number): number {
    const a = this.axis < 0 ? this.axis + rank : this.axis;
    check(a >= 1 && a < rank, this.name, () => `axis ${this.axis} is out of range for inputs of rank ${rank} (the batch axis cannot be joined)`);
    return a;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shapes = shapeList(inputShape);
    check(Array.isArray(inputShape[0]) && shapes.length >= 2, this.name, () => 'Concatenate takes a list of at least 2 inputs');
    const rank = shapes[0].length;
    const axis = this.normAxis(rank);
    const out = [...shapes[0]];
    for (const s of shapes.slice(1)) {
      check(s.length === rank && s.every((d, i) => i === axis || d === null || out[i] === null || d === out[i]), this.name,
        () => `inputs must have matching shapes except along axis ${this.axis}, received ${shapes.map(fmtLayerShape).join(', ')}`);
      s.forEach((d, i) => { if (i !== axis && out[i] === null) out[i] = d; });
      out[axis] = out[axis] === null || s[axis] === null ? null : out[axis]! + s[axis]!;
    }
    return out;
  }

  override build(inputShape: ShapeOrShapes): void {
    this.computeOutputShape(inputShape);
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    check(Array.isArray(inputs) && inputs.length >= 2, this.name, () => 'Concatenate takes a list of at least 2 tensors');
    return concat(inputs, this.normAxis(inputs[0].rank));
  }

  override computeMask(inputs: Tensor | Tensor[], mask: Tensor | null | (Tensor | null)[] | undefined): Tensor | null {
    if (!Array.isArray(mask) || !Array.isArray(inputs) || mask.every((m) => m === null)) return null;
    // Masks cover every axis but the last (features): inputs without one keep everything. Joining along a masked
    // axis joins the masks; joining features keeps a position when every input keeps it.
    const full = mask.map((m, i) => m ?? cast(ones(inputs[i].shape.slice(0, -1)), 'bool'));
    const axis = this.normAxis(inputs[0].rank);
    if (axis < inputs[0].rank - 1) return concat(full, axis);
    return full.slice(1).reduce((acc, m) => logicalAnd(acc, m), full[0]);
  }

  override getConfig(): ConfigDict {
    return { axis: this.axis, ...super.getConfig() };
  }
}
registerClass(Concatenate);
