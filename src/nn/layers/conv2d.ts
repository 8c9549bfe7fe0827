import type { Tensor } from '../../core/tensor.js';
import { conv2d } from '../../ops/conv.js';
import type { CallArgs } from '../layer.js';
import { oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import { Conv } from './conv-base.js';
import type { ConvArgs } from './conv-base.js';

/** Arguments of `Conv2D` (TensorFlow.js names). */
export type Conv2DArgs = ConvArgs;

/**
 * 2-D convolution of channels-last images [batch, height, width, channels]: activation(conv2d(x, kernel) + bias).
 * Weights: kernel [kh, kw, inChannels, filters], bias [filters].
 * @example layers.conv2d({filters: 16, kernelSize: 3, padding: 'same', activation: 'relu'}).apply(zeros([1, 28, 28, 1])) // shape [1, 28, 28, 16]
 */
export class Conv2D extends Conv {
  static readonly className: string = 'Conv2D';

  constructor(args: Conv2DArgs) {
    super(2, args);
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    return this.finishSweep(() => conv2d(x, this.kernel!.value, {
      strides: [this.strides[0], this.strides[1]],
      padding: this.padding === 'same' ? 'same' : 'valid',
      dilations: [this.dilationRate[0], this.dilationRate[1]],
    }));
  }
}
registerClass(Conv2D);
