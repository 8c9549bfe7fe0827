import { check } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { transpose } from '../../ops/transpose.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';

/** Arguments of `Permute`. */
export interface PermuteArgs extends LayerArgs {
  /** Permutation of the non-batch axes, 1-based as in Keras: [2, 1] swaps the two axes after the batch. */
  dims: number[];
}

/**
 * Permutes the non-batch axes of the input (`dims` is 1-based: the batch axis stays first).
 * @example layers.permute({dims: [2, 1]}).apply(zeros([5, 3, 4])) // shape [5, 4, 3]
 */
export class Permute extends Layer {
  static readonly className: string = 'Permute';
  readonly dims: number[];

  constructor(args: PermuteArgs) {
    super(args);
    const dims = args?.dims;
    const ok = Array.isArray(dims) && [...dims].sort((a, b) => a - b).every((d, i) => d === i + 1);
    check(ok, this.name, () => `dims must be a permutation of 1..n (1-based, the batch axis excluded), received ${JSON.stringify(dims)}`);
    this.dims = [...dims];
    this.inputSpec = [{ ndim: this.dims.length + 1 }];
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    return [s[0], ...this.dims.map((d) => s[d])];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return transpose(oneTensor(inputs, this.name), [0, ...this.dims]);
  }

  override getConfig(): ConfigDict {
    return { dims: [...this.dims], ...super.getConfig() };
  }
}
registerClass(Permute);
