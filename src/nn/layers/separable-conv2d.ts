import { ArgumentError, check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { conv2d } from '../../ops/conv.js';
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

/** Arguments of `SeparableConv2D` (TensorFlow.js names). */
export interface SeparableConv2DArgs extends BaseConvArgs {
  /** Number of output channels. */
  filters: number;
  /** Depthwise output channels per input channel (default 1). */
  depthMultiplier?: number;
  /** Initializer of the depthwise kernel (default 'glorotUniform'). */
  depthwiseInitializer?: InitializerIdentifier;
  /** Initializer of the pointwise kernel (default 'glorotUniform'). */
  pointwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  pointwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: null;
  pointwiseConstraint?: null;
}

/**
 * Depthwise-separable 2-D convolution: a depthwise convolution (per channel) followed by a 1x1 pointwise
 * convolution mixing channels, then bias and activation. Weights: depthwise_kernel [kh, kw, inChannels,
 * depthMultiplier], pointwise_kernel [1, 1, inChannels * depthMultiplier, filters], bias [filters].
 * @example layers.separableConv2d({filters: 8, kernelSize: 3, padding: 'same'}).apply(zeros([1, 8, 8, 3])) // shape [1, 8, 8, 8]
 */
export class SeparableConv2D extends BaseConv {
  static readonly className: string = 'SeparableConv2D';
  readonly filters: number;
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly pointwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | null;
  readonly pointwiseRegularizer: Regularizer | null;
  depthwiseKernel: Variable | null = null;
  pointwiseKernel: Variable | null = null;

  constructor(args: SeparableConv2DArgs) {
    super(2, args);
    const fn = this.name;
    check(Number.isInteger(args.filters) && args.filters > 0, fn, () => `filters must be a positive integer, received ${describe(args.filters)}`);
    for (const k of ['kernelInitializer', 'kernelRegularizer', 'kernelConstraint']) {
      const v = (args as unknown as Record<string, unknown>)[k];
      if (v !== undefined && v !== null) {
        throw new ArgumentError(fn, `${k} is not a SeparableConv2D option: use depthwise${k.slice(6)} and pointwise${k.slice(6)}`);
      }
    }
    this.filters = args.filters;
    this.depthMultiplier = args.depthMultiplier ?? 1;
    check(Number.isInteger(this.depthMultiplier) && this.depthMultiplier > 0, fn,
      () => `depthMultiplier must be a positive integer, received ${describe(args.depthMultiplier)}`);
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer ?? 'glorotUniform', fn);
    this.pointwiseInitializer = getInitializer(args.pointwiseInitializer ?? 'glorotUniform', fn);
    this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer, fn);
    this.pointwiseRegularizer = getRegularizer(args.pointwiseRegularizer, fn);
    checkNoConstraint(fn, args, ['depthwiseConstraint', 'pointwiseConstraint']);
  }

  override build(inputShape: ShapeOrShapes): void {
    const inDim = channelsOf(this.name, oneShape(inputShape, this.name), 4);
    this.depthwiseKernel = this.addWeight('depthwise_kernel', [...this.kernelSize, inDim, this.depthMultiplier],
      this.depthwiseInitializer, this.depthwiseRegularizer);
    this.pointwiseKernel = this.addWeight('pointwise_kernel', [1, 1, inDim * this.depthMultiplier, this.filters],
      this.pointwiseInitializer, this.pointwiseRegularizer);
    this.buildBias(this.filters);
    this.inputSpec = [{ ndim: 4, axes: { [-1]: inDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    return this.sweptShape(inputShape, this.filters);
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    const d = depthwiseConv2d(x, this.depthwiseKernel!.value, {
      strides: [this.strides[0], this.strides[1]],
      padding: this.padding === 'same' ? 'same' : 'valid',
      dilations: [this.dilationRate[0], this.dilationRate[1]],
    });
    return this.finish(conv2d(d, this.pointwiseKernel!.value));
  }

  override getConfig(): ConfigDict {
    return {
      filters: this.filters,
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: this.depthwiseInitializer.serialize(),
      pointwiseInitializer: this.pointwiseInitializer.serialize(),
      depthwiseRegularizer: serializeRegularizer(this.depthwiseRegularizer),
      pointwiseRegularizer: serializeRegularizer(this.pointwiseRegularizer),
      depthwiseConstraint: null,
      pointwiseConstraint: null,
    };
  }
}
registerClass(SeparableConv2D);
