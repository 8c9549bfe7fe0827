import type { Tensor } from '../../core/tensor.js';
import { elu } from '../../ops/activations.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { checkRange } from './common.js';

/** Arguments of `ELU`. */
export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part (default 1). */
  alpha?: number;
}

/**
 * Exponential linear unit: x for x > 0, alpha * (e^x - 1) otherwise.
 * @example layers.elu({alpha: 0.5}).apply(x)
 */
export class ELU extends Layer {
  static readonly className: string = 'ELU';
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    this.alpha = args?.alpha === undefined || args.alpha === null ? 1 : checkRange(this.name, 'alpha', args.alpha, 0, Infinity);
    this.supportsMasking = true;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return elu(oneTensor(inputs, this.name), this.alpha);
  }

  override getConfig(): ConfigDict {
    return { alpha: this.alpha, ...super.getConfig() };
  }
}
registerClass(ELU);
