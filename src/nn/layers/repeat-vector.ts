import type { Tensor } from '../../core/tensor.js';
import { expandDims } from '../../ops/reshape.js';
import { tile } from '../../ops/tile.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { checkInt } from './common.js';

/** Arguments of `RepeatVector`. */
export interface RepeatVectorArgs extends LayerArgs {
  /** Number of repetitions. */
  n: number;
}

/**
 * Repeats a [batch, features] input n times: [batch, n, features].
 * @example layers.repeatVector({n: 3}).apply(zeros([2, 4])) // shape [2, 3, 4]
 */
export class RepeatVector extends Layer {
  static readonly className: string = 'RepeatVector';
  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    super(args);
    this.n = checkInt(this.name, 'n', args?.n, 1);
    this.inputSpec = [{ ndim: 2 }];
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    return [s[0], this.n, s[1]];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return tile(expandDims(oneTensor(inputs, this.name), 1), [1, this.n, 1]);
  }

  override getConfig(): ConfigDict {
    return { n: this.n, ...super.getConfig() };
  }
}
registerClass(RepeatVector);
