import type { Tensor } from '../../core/tensor.js';
import { leakyRelu } from '../../ops/activations.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { checkRange } from './common.js';

/** Arguments of `LeakyReLU`. */
export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for negative inputs (default 0.3, as Keras and TensorFlow.js layers). */
  alpha?: number;
}

/**
 * x for x > 0, alpha * x otherwise.
 * @example layers.leakyReLU({alpha: 0.1}).apply(tensor([-1, 2])) // [-0.1, 2]
 */
export class LeakyReLU extends Layer {
  static readonly className: string = 'LeakyReLU';
  readonly alpha: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    this.alpha = args?.alpha === undefined || args.alpha === null ? 0.3 : checkRange(this.name, 'alpha', args.alpha, 0, Infinity);
    this.supportsMasking = true;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return leakyRelu(oneTensor(inputs, this.name), this.alpha);
  }

  override getConfig(): ConfigDict {
    return { alpha: this.alpha, ...super.getConfig() };
  }
}
registerClass(LeakyReLU);
