import type { Tensor } from '../../core/tensor.js';
import { conv1d } from '../../ops/conv.js';
import type { CallArgs } from '../layer.js';
import { oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import { Conv } from './conv-base.js';
import type { ConvArgs } from './conv-base.js';

/** Arguments of `Conv1D` (TensorFlow.js names); padding may also be 'causal'. */
export type Conv1DArgs = ConvArgs;

/**
 * 1-D convolution over the steps of [batch, steps, channels] inputs: activation(conv1d(x, kernel) + bias).
 * Weights: kernel [kernelSize, inChannels, filters], bias [filters]. Padding 'causal' pads on the left only.
 * @example layers.conv1d({filters: 8, kernelSize: 3, padding: 'causal'}).apply(zeros([2, 10, 4])) // shape [2, 10, 8]
 */
export class Conv1D extends Conv {
  static readonly className: string = 'Conv1D';

  constructor(args: Conv1DArgs) {
    super(1, args, ['valid', 'same', 'causal']);
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    return this.finishSweep(() => conv1d(x, this.kernel!.value, { stride: this.strides[0], padding: this.padding, dilation: this.dilationRate[0] }));
  }
}
registerClass(Conv1D);
