import { ArgumentError, check } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { reshape } from '../../ops/reshape.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { fmtLayerShape } from '../symbolic.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';

/** Arguments of `Reshape`. */
export interface ReshapeArgs extends LayerArgs {
  /** Target shape without the batch dimension; one entry may be -1 (or null) and is inferred. */
  targetShape: (number | null)[];
}

/**
 * Reshapes each sample to `targetShape` (the batch dimension is kept).
 * @example layers.reshape({targetShape: [-1, 2]}).apply(zeros([3, 4])) // shape [3, 2, 2]
 */
export class Reshape extends Layer {
  static readonly className: string = 'Reshape';
  readonly targetShape: (number | null)[];

  constructor(args: ReshapeArgs) {
    super(args);
    const t = args?.targetShape;
    check(Array.isArray(t) && t.every((d) => d === null || (Number.isInteger(d) && d >= -1)), this.name,
      () => `targetShape must be an array of integers >= -1, received ${JSON.stringify(t)}`);
    this.targetShape = t.map((d) => (d === null || d < 0 ? null : d));
    check(this.targetShape.filter((d) => d === null).length <= 1, this.name,
      () => `at most one dimension of targetShape may be unknown (-1), received ${JSON.stringify(t)}`);
  }

  /** The target shape with its unknown entry resolved for a sample shape of `inShape`. */
  private resolve(inShape: readonly number[]): number[] {
    const size = inShape.reduce((a, b) => a * b, 1);
    const known = this.targetShape.reduce<number>((a, d) => a * (d ?? 1), 1);
    const unknown = this.targetShape.indexOf(null);
    const fail = (): never => {
      throw new ArgumentError(this.name, `cannot reshape samples of shape ${fmtLayerShape(inShape)} (${size} values) to ${fmtLayerShape(this.targetShape)}`);
    };
    if (unknown < 0) {
      if (known !== size) fail();
      return this.targetShape as number[];
    }
    if (known === 0 || size % known !== 0) fail();
    return this.targetShape.map((d) => d ?? size / known);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    const rest = s.slice(1);
    if (rest.some((d) => d === null)) return [s[0], ...this.targetShape];
    return [s[0], ...this.resolve(rest as number[])];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    return reshape(x, [x.shape[0], ...this.resolve(x.shape.slice(1))]);
  }

  override getConfig(): ConfigDict {
    return { targetShape: this.targetShape.map((d) => d ?? -1), ...super.getConfig() };
  }
}
registerClass(Reshape);
