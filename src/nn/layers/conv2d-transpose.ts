import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { conv2dTranspose } from '../../ops/conv-transpose.js';
import type { CallArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { channelsOf, deconvLength } from './conv-base.js';
import { Conv2D } from './conv2d.js';
import type { Conv2DArgs } from './conv2d.js';

/** Arguments of `Conv2DTranspose` (TensorFlow.js names). */
export interface Conv2DTransposeArgs extends Conv2DArgs {
  /** Not supported yet (must be null or absent). */
  outputPadding?: null;
}

/**
 * Transposed 2-D convolution (sometimes called deconvolution) of channels-last images: the gradient of a conv2d
 * with respect to its input, plus bias and activation. Output size per spatial dimension: size * stride for 'same',
 * size * stride + max(kernel - stride, 0) for 'valid'. Weights: kernel [kh, kw, filters, inChannels], bias [filters].
 * @example layers.conv2dTranspose({filters: 4, kernelSize: 3, strides: 2, padding: 'same'}).apply(zeros([1, 5, 5, 8])) // shape [1, 10, 10, 4]
 */
export class Conv2DTranspose extends Conv2D {
  static override readonly className: string = 'Conv2DTranspose';

  constructor(args: Conv2DTransposeArgs) {
    super(args);
    check(args.outputPadding === undefined || args.outputPadding === null, this.name,
      () => `outputPadding is not supported yet, received ${describe(args.outputPadding)}`);
  }

  /** Kernel [kh, kw, filters, inChannels] (TensorFlow layout of a transposed convolution) and bias [filters]. */
  override build(inputShape: ShapeOrShapes): void {
    const inDim = channelsOf(this.name, oneShape(inputShape, this.name), 4);
    this.kernel = this.addWeight('kernel', [...this.kernelSize, this.filters, inDim], this.kernelInitializer, this.kernelRegularizer);
    this.buildBias(this.filters);
    this.inputSpec = [{ ndim: 4, axes: { [-1]: inDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    channelsOf(this.name, s, 4);
    const space = [1, 2].map((a, i) => deconvLength(s[a], this.strides[i], this.kernelSize[i], this.padding, this.dilationRate[i]));
    return [s[0], ...space, this.filters];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    const y = conv2dTranspose(x, this.kernel!.value, undefined, {
      strides: [this.strides[0], this.strides[1]],
      padding: this.padding === 'same' ? 'same' : 'valid',
      dilations: [this.dilationRate[0], this.dilationRate[1]],
    });
    return this.finish(y);
  }
}
registerClass(Conv2DTranspose);
