// What the convolution layers share: argument parsing (TensorFlow.js names and defaults), Keras' output-length
// rules, and the base classes BaseConv (window, activation, bias) and Conv (filters and kernel).
import { ArgumentError, check, describe } from '../../core/errors.js';
import { withInternal } from '../../core/storage-pool.js';
import type { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { add } from '../../ops/arithmetic.js';
import { getActivation, isBuiltInActivation } from '../activations.js';
import type { Activation } from '../activations.js';
import { getInitializer } from '../initializers.js';
import type { Initializer, InitializerIdentifier } from '../initializers.js';
import { Layer } from '../layer.js';
import type { LayerArgs } from '../layer.js';
import { oneShape } from '../layer-utils.js';
import { getRegularizer, serializeRegularizer } from '../regularizers.js';
import type { Regularizer, RegularizerIdentifier } from '../regularizers.js';
import type { ConfigDict } from '../serialization.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { fmtLayerShape } from '../symbolic.js';
import { checkNoConstraint } from './common.js';

/** Padding modes of convolution and pooling layers ('causal' only for Conv1D). */
export type ConvPadding = 'valid' | 'same' | 'causal';

/** Only channels-last (NHWC / NWC) data is supported. */
export type DataFormat = 'channelsLast' | 'channelsFirst';

/** Arguments shared by every convolution layer (TensorFlow.js names). */
export interface BaseConvArgs extends LayerArgs {
  /** Window size: one number for every spatial dimension, or one per dimension. */
  kernelSize: number | readonly number[];
  /** Window step (default 1). */
  strides?: number | readonly number[];
  /** 'valid' (default) or 'same' (TensorFlow's SAME); Conv1D also accepts 'causal'. */
  padding?: ConvPadding;
  /** Only 'channelsLast' (the default) is supported. */
  dataFormat?: DataFormat | null;
  /** Spacing between kernel taps (default 1). */
  dilationRate?: number | readonly number[];
  /** Activation applied after the bias (default linear). */
  activation?: string | null;
  /** Whether to add a bias (default true). */
  useBias?: boolean;
  /** Bias initializer (default 'zeros'). */
  biasInitializer?: InitializerIdentifier;
  biasRegularizer?: RegularizerIdentifier | null;
  activityRegularizer?: RegularizerIdentifier | null;
  biasConstraint?: null;
}

/** Arguments of convolutions that mix channels with a full kernel (Conv1D, Conv2D, Conv2DTranspose). */
export interface ConvArgs extends BaseConvArgs {
  /** Number of output channels. */
  filters: number;
  /** Kernel initializer (default 'glorotNormal', as TensorFlow.js). */
  kernelInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: null;
}

/**
 * Validates a per-dimension integer argument and returns one entry per spatial dimension.
 * @example normalizeTuple('conv2d_1', 'strides', 2, 2) // [2, 2]
 */
export function normalizeTuple(fn: string, arg: string, v: unknown, n: number, min = 1): number[] {
  const ok = (d: unknown): d is number => Number.isInteger(d) && (d as number) >= min;
  if (ok(v)) return new Array<number>(n).fill(v);
  if (Array.isArray(v) && v.every(ok)) {
    if (v.length === n) return [...(v as number[])];
    if (v.length === 1) return new Array<number>(n).fill(v[0] as number);
  }
  throw new ArgumentError(fn, `${arg} must be an integer >= ${min} or an array of ${n} such integers, received ${describe(v)}${Array.isArray(v) ? ` ${JSON.stringify(v)}` : ''}`);
}

/**
 * Throws unless `dataFormat` is channels-last (or unset): tensorgrad's convolutions are NHWC only.
 * @example checkDataFormat('conv2d_1', 'channelsLast') // 'channelsLast'
 */
export function checkDataFormat(fn: string, dataFormat: unknown): 'channelsLast' {
  if (dataFormat === undefined || dataFormat === null || dataFormat === 'channelsLast') return 'channelsLast';
  if (dataFormat === 'channelsFirst') {
    throw new ArgumentError(fn, "dataFormat 'channelsFirst' is not supported: tensorgrad layers are channels-last (NHWC); transpose the input with permute or use dataFormat 'channelsLast'");
  }
  throw new ArgumentError(fn, `dataFormat must be 'channelsLast', received ${describe(dataFormat)}`);
}

/**
 * Validates a padding mode among `allowed`.
 * @example checkPadding('conv2d_1', 'same', ['valid', 'same']) // 'same'
 */
export function checkPadding(fn: string, padding: unknown, allowed: readonly ConvPadding[]): ConvPadding {
  const p = padding ?? 'valid';
  check(typeof p === 'string' && (allowed as readonly string[]).includes(p), fn,
    () => `padding must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, received ${describe(padding)}`);
  return p as ConvPadding;
}

/**
 * Keras' output length of a convolution or pooling window sweep (null stays null).
 * @example convOutputLength(7, 3, 'valid', 2, 1) // 3
 */
export function convOutputLength(length: number | null, k: number, padding: ConvPadding, stride: number, dilation = 1): number | null {
  if (length === null) return null;
  const dk = (k - 1) * dilation + 1;
  const out = padding === 'valid' ? length - dk + 1 : length;
  return Math.max(Math.floor((out + stride - 1) / stride), 0);
}

/**
 * Keras' output length of a transposed convolution without output padding (null stays null).
 * @example deconvLength(4, 2, 3, 'valid') // 9
 */
export function deconvLength(length: number | null, stride: number, k: number, padding: ConvPadding, dilation = 1): number | null {
  if (length === null) return null;
  const dk = (k - 1) * dilation + 1;
  return padding === 'same' ? length * stride : length * stride + Math.max(dk - stride, 0);
}

/**
 * The known channel count of a channels-last input shape of rank `rank` (throws when unknown or wrong rank).
 * @example channelsOf('conv2d_1', [null, 8, 8, 3], 4) // 3
 */
export function channelsOf(fn: string, shape: LayerShape, rank: number): number {
  check(shape.length === rank, fn, () => `expected an input of rank ${rank} (channels last), received shape ${fmtLayerShape(shape)}`);
  const c = shape[rank - 1];
  check(typeof c === 'number', fn, () => `the channel dimension (last) must be known, received shape ${fmtLayerShape(shape)}`);
  return c;
}

/**
 * Base of the convolution layers: window geometry, activation, bias and their configs.
 * Subclasses create their kernels in `build` and compute in `call` (via `finish` for bias and activation).
 * @example class MyConv extends BaseConv { constructor(args: BaseConvArgs) { super(2, args); } }
 */
export abstract class BaseConv extends Layer {
  /** Number of spatial dimensions (1 or 2). */
  readonly rank: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: ConvPadding;
  readonly dataFormat: 'channelsLast';
  readonly dilationRate: number[];
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly biasInitializer: Initializer;
  readonly biasRegularizer: Regularizer | null;
  bias: Variable | null = null;

  constructor(rank: number, args: BaseConvArgs, paddings: readonly ConvPadding[] = ['valid', 'same']) {
    super(args);
    const fn = this.name;
    check(typeof args === 'object' && args !== null, fn, () => `expected a config object, received ${describe(args)}`);
    this.rank = rank;
    check(args.kernelSize !== undefined && args.kernelSize !== null, fn, () => 'kernelSize is required');
    this.kernelSize = normalizeTuple(fn, 'kernelSize', args.kernelSize, rank);
    this.strides = normalizeTuple(fn, 'strides', args.strides ?? 1, rank);
    this.padding = checkPadding(fn, args.padding, paddings);
    this.dataFormat = checkDataFormat(fn, args.dataFormat);
    this.dilationRate = normalizeTuple(fn, 'dilationRate', args.dilationRate ?? 1, rank);
    this.activation = getActivation(args.activation, fn);
    this.useBias = args.useBias ?? true;
    check(typeof this.useBias === 'boolean', fn, () => `useBias must be a boolean, received ${describe(args.useBias)}`);
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', fn);
    this.biasRegularizer = getRegularizer(args.biasRegularizer, fn);
    this.activityRegularizer = getRegularizer(args.activityRegularizer, fn);
    checkNoConstraint(fn, args, ['biasConstraint']);
    this.inputSpec = [{ ndim: rank + 2 }];
  }

  /** Creates the bias [outChannels] when `useBias`. */
  protected buildBias(outChannels: number): void {
    if (this.useBias) this.bias = this.addWeight('bias', [outChannels], this.biasInitializer, this.biasRegularizer);
  }

  /** Adds the bias (over the channel axis) and applies the activation. */
  protected finish(y: Tensor): Tensor {
    return this.activation.apply(this.bias ? add(y, this.bias.value) : y);
  }

  /**
   * `finish(sweep())`; with a built-in activation nothing else sees the sweep's output and the pre-activation,
   * so their storage is reused (see withInternal).
   */
  protected finishSweep(sweep: () => Tensor): Tensor {
    return isBuiltInActivation(this.activation.apply) ? withInternal(() => this.finish(sweep()), (y) => [y]) : this.finish(sweep());
  }

  /** The output shape of a window sweep with `outChannels` channels (Keras' rule per spatial dimension). */
  protected sweptShape(inputShape: ShapeOrShapes, outChannels: number | null): LayerShape {
    const s = oneShape(inputShape, this.name);
    check(s.length === this.rank + 2, this.name, () => `expected an input of rank ${this.rank + 2}, received shape ${fmtLayerShape(s)}`);
    const space = s.slice(1, -1).map((d, i) => convOutputLength(d, this.kernelSize[i], this.padding, this.strides[i], this.dilationRate[i]));
    return [s[0], ...space, outChannels];
  }

  override getConfig(): ConfigDict {
    return {
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: this.dataFormat,
      dilationRate: [...this.dilationRate],
      activation: this.activation.name,
      useBias: this.useBias,
      biasInitializer: this.biasInitializer.serialize(),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      activityRegularizer: serializeRegularizer(this.activityRegularizer),
      biasConstraint: null,
      ...super.getConfig(),
    };
  }
}

/**
 * Base of Conv1D, Conv2D and Conv2DTranspose: `filters` output channels and a full `kernel`.
 * @example class Conv3x3 extends Conv { constructor(args: ConvArgs) { super(2, { ...args, kernelSize: 3 }); } }
 */
export abstract class Conv extends BaseConv {
  readonly filters: number;
  readonly kernelInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  kernel: Variable | null = null;

  constructor(rank: number, args: ConvArgs, paddings?: readonly ConvPadding[]) {
    super(rank, args, paddings);
    const fn = this.name;
    check(Number.isInteger(args.filters) && args.filters > 0, fn, () => `filters must be a positive integer, received ${describe(args.filters)}`);
    this.filters = args.filters;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotNormal', fn);
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer, fn);
    checkNoConstraint(fn, args, ['kernelConstraint']);
    // Keras configs carry `groups`; grouped convolutions are not implemented, so anything but 1 must not load silently.
    const groups = (args as { groups?: unknown }).groups;
    check(groups === undefined || groups === null || groups === 1, fn, () => `groups other than 1 are not supported yet, received ${describe(groups)}`);
  }

  /** Kernel [...kernelSize, inChannels, filters] and bias [filters]. */
  override build(inputShape: ShapeOrShapes): void {
    const inDim = channelsOf(this.name, oneShape(inputShape, this.name), this.rank + 2);
    this.kernel = this.addWeight('kernel', [...this.kernelSize, inDim, this.filters], this.kernelInitializer, this.kernelRegularizer);
    this.buildBias(this.filters);
    this.inputSpec = [{ ndim: this.rank + 2, axes: { [-1]: inDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    return this.sweptShape(inputShape, this.filters);
  }

  override getConfig(): ConfigDict {
    return {
      filters: this.filters,
      kernelInitializer: this.kernelInitializer.serialize(),
      kernelRegularizer: serializeRegularizer(this.kernelRegularizer),
      kernelConstraint: null,
      ...super.getConfig(),
    };
  }
}
