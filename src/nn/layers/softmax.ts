import { check, describe } from '../../core/errors.js';
import { Tensor } from '../../core/tensor.js';
import { add, mul, sub } from '../../ops/arithmetic.js';
import { cast } from '../../ops/cast.js';
import { logSumExp } from '../../ops/reduce.js';
import { softmax } from '../../ops/softmax.js';
import { exp } from '../../ops/unary-math.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';

/** Arguments of `Softmax`. */
export interface SoftmaxArgs extends LayerArgs {
  /** Axis (or axes) normalized over (default -1, as Keras). */
  axis?: number | number[];
}

/**
 * Softmax over `axis`. An explicit `mask` of the input's rank in the call excludes masked positions (they get ~0).
 * @example layers.softmax().apply(tensor([[1, 2, 3]]))
 */
export class Softmax extends Layer {
  static readonly className: string = 'Softmax';
  readonly axis: number | number[];

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    const axis = args?.axis ?? -1;
    check(Number.isInteger(axis) || (Array.isArray(axis) && axis.length > 0 && axis.every(Number.isInteger)), this.name,
      () => `axis must be an integer or a non-empty array of integers, received ${describe(axis)}`);
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.supportsMasking = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor {
    let x = oneTensor(inputs, this.name);
    const mask = kwargs.mask;
    if (mask instanceof Tensor && mask.rank === x.rank) {
      x = add(x, mul(sub(1, cast(mask, x.dtype)), -1e9));
    }
    if (Array.isArray(this.axis) && this.axis.length > 1) return exp(sub(x, logSumExp(x, this.axis, true)));
    return softmax(x, Array.isArray(this.axis) ? this.axis[0] : this.axis);
  }

  override getConfig(): ConfigDict {
    return { axis: Array.isArray(this.axis) ? [...this.axis] : this.axis, ...super.getConfig() };
  }
}
registerClass(Softmax);
