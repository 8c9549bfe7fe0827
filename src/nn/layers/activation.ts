import type { Tensor } from '../../core/tensor.js';
import { getActivation } from '../activations.js';
import type { Activation as ActivationFunction } from '../activations.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';

/** Arguments of `Activation`. */
export interface ActivationArgs extends LayerArgs {
  /** Name of the activation, e.g. 'relu' (see `activationNames()`). */
  activation: string;
}

/**
 * Applies a named activation function elementwise (softmax: over the last axis).
 * @example layers.activation({activation: 'tanh'}).apply(x)
 */
export class Activation extends Layer {
  static readonly className: string = 'Activation';
  readonly activation: ActivationFunction;

  constructor(args: ActivationArgs) {
    super(args);
    this.activation = getActivation(args?.activation, this.name);
    this.supportsMasking = true;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return this.activation.apply(oneTensor(inputs, this.name));
  }

  override getConfig(): ConfigDict {
    return { activation: this.activation.name, ...super.getConfig() };
  }
}
registerClass(Activation);
