import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { depthwiseConv2d } from '../../ops/depthwise-conv.js';
import { getInitializer } from '../initializers.js';
import type { Initializer, InitializerIdentifier } from '../initializers.js';
import type { CallArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { getRegularizer, serializeRegularizer } from '../regularizers.js';
import type { Regularizer, RegularizerIdentifier } from '../regularizers.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { BaseConv, channelsOf } from './conv-base.js';
import type { BaseConvArgs } from './conv-base.js';
import { checkNoConstraint } from './common.js';

/** Arguments of `DepthwiseConv2D` (TensorFlow.js names). */
export interface DepthwiseConv2DArgs extends BaseConvArgs {
  /** Output channels per input channel (default 1). */
  depthMultiplier?: number;
  /** Initializer of the depthwise kernel (default 'glorotUniform', as TensorFlow.js). */
  depthwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: null;
}

/**
 * Depthwise 2-D convolution: each input channel is convolved with its own `depthMultiplier` filters, giving
 * inChannels * depthMultiplier output channels (ordered channel-major, as TensorFlow). Weights: depthwise_kernel
 * [kh, kw, inChannels, depthMultiplier], bias [inChannels * depthMultiplier].
 * @example layers.depthwiseConv2d({kernelSize: 3, depthMultiplier: 2, padding: 'same'}).apply(zeros([1, 8, 8, 3])) // shape [1, 8, 8, 6]
 */
export class DepthwiseConv2D extends BaseConv {
  static readonly className: string = 'DepthwiseConv2D';
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | null;
  depthwiseKernel: Variable | null = null;

  constructor(args: DepthwiseConv2DArgs) {
    super(2, args);
    const fn = this.name;
    this.depthMultiplier = args.depthMultiplier ?? 1;
    check(Number.isInteger(this.depthMultiplier) && this.depthMultiplier > 0, fn,
      () => `depthMultiplier must be a positive integer, received ${describe(args.depthMultiplier)}`);
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer ?? 'glorotUniform', fn);
    this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer, fn);
    checkNoConstraint(fn, args, ['depthwiseConstraint']);
  }

  override build(inputShape: ShapeOrShapes): void {
    const inDim = channelsOf(this.name, oneShape(inputShape, this.name), 4);
    this.depthwiseKernel = this.addWeight('depthwise_kernel', [...this.kernelSize, inDim, this.depthMultiplier],
      this.depthwiseInitializer, this.depthwiseRegularizer);
    this.buildBias(inDim * this.depthMultiplier);
    this.inputSpec = [{ ndim: 4, axes: { [-1]: inDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    const c = s[s.length - 1];
    return this.sweptShape(s, c === null ? null : c * this.depthMultiplier);
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    const y = depthwiseConv2d(x, this.depthwiseKernel!.value, {
      strides: [this.strides[0], this.strides[1]],
      padding: this.padding === 'same' ? 'same' : 'valid',
      dilations: [this.dilationRate[0], this.dilationRate[1]],
    });
    return this.finish(y);
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: this.depthwiseInitializer.serialize(),
      depthwiseRegularizer: serializeRegularizer(this.depthwiseRegularizer),
      depthwiseConstraint: null,
    };
  }
}
registerClass(DepthwiseConv2D);
