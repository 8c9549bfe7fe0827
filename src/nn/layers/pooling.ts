// Max and average pooling over the steps of sequences (1-D) and the pixels of channels-last images (2-D).
import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { avgPool2d, maxPool2d } from '../../ops/pool.js';
import { expandDims, squeeze } from '../../ops/reshape.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { fmtLayerShape } from '../symbolic.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { checkDataFormat, checkPadding, convOutputLength, normalizeTuple } from './conv-base.js';
import type { DataFormat } from './conv-base.js';

/** Arguments of the pooling layers (TensorFlow.js names). */
export interface PoolingArgs extends LayerArgs {
  /** Window size (default 2, or [2, 2]). */
  poolSize?: number | readonly number[];
  /** Window step (default: the pool size). */
  strides?: number | readonly number[] | null;
  /** 'valid' (default) or 'same'; average pooling divides by the number of real (unpadded) elements. */
  padding?: 'valid' | 'same';
  /** Only 'channelsLast' (the default) is supported. */
  dataFormat?: DataFormat | null;
}

type PoolFn = typeof maxPool2d;

/** Base of the pooling layers over `rank` spatial dimensions. */
abstract class Pooling extends Layer {
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: 'channelsLast';
  private readonly rank: number;

  constructor(rank: number, args: PoolingArgs) {
    super(args);
    const a = args ?? {};
    const fn = this.name;
    this.rank = rank;
    this.poolSize = normalizeTuple(fn, 'poolSize', a.poolSize ?? 2, rank);
    this.strides = normalizeTuple(fn, 'strides', a.strides ?? this.poolSize, rank);
    this.padding = checkPadding(fn, a.padding, ['valid', 'same']) as 'valid' | 'same';
    this.dataFormat = checkDataFormat(fn, a.dataFormat);
    this.inputSpec = [{ ndim: rank + 2 }];
  }

  /** The 2-D pooling primitive of this layer. */
  protected abstract get poolFn(): PoolFn;

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    check(s.length === this.rank + 2, this.name, () => `expected an input of rank ${this.rank + 2}, received shape ${fmtLayerShape(s)}`);
    const space = s.slice(1, -1).map((d, i) => convOutputLength(d, this.poolSize[i], this.padding, this.strides[i]));
    return [s[0], ...space, s[s.length - 1]];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    if (this.rank === 2) {
      return this.poolFn(x, { poolSize: [this.poolSize[0], this.poolSize[1]], strides: [this.strides[0], this.strides[1]], padding: this.padding });
    }
    // A sequence [N, W, C] is pooled as a one-pixel-wide image [N, W, 1, C].
    const y = this.poolFn(expandDims(x, 2), { poolSize: [this.poolSize[0], 1], strides: [this.strides[0], 1], padding: this.padding });
    return squeeze(y, 2);
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = { poolSize: [...this.poolSize], padding: this.padding, strides: [...this.strides] };
    if (this.rank === 2) config.dataFormat = this.dataFormat;
    return { ...config, ...super.getConfig() };
  }
}

function checkArgs(args: unknown, cls: string): PoolingArgs {
  check(args === undefined || (typeof args === 'object' && args !== null), cls, () => `expected a config object, received ${describe(args)}`);
  return (args ?? {}) as PoolingArgs;
}

/**
 * Max pooling over the steps of [batch, steps, channels] inputs.
 * @example layers.maxPooling1d({poolSize: 2}).apply(zeros([1, 6, 3])) // shape [1, 3, 3]
 */
export class MaxPooling1D extends Pooling {
  static readonly className: string = 'MaxPooling1D';
  constructor(args: PoolingArgs = {}) { super(1, checkArgs(args, 'MaxPooling1D')); }
  protected get poolFn(): PoolFn { return maxPool2d; }
}
registerClass(MaxPooling1D);

/**
 * Average pooling over the steps of [batch, steps, channels] inputs.
 * @example layers.averagePooling1d({poolSize: 3, strides: 1, padding: 'same'}).apply(zeros([1, 6, 3])) // shape [1, 6, 3]
 */
export class AveragePooling1D extends Pooling {
  static readonly className: string = 'AveragePooling1D';
  constructor(args: PoolingArgs = {}) { super(1, checkArgs(args, 'AveragePooling1D')); }
  protected get poolFn(): PoolFn { return avgPool2d; }
}
registerClass(AveragePooling1D);

/**
 * Max pooling over the pixels of channels-last images [batch, height, width, channels].
 * @example layers.maxPooling2d({poolSize: 2}).apply(zeros([1, 28, 28, 8])) // shape [1, 14, 14, 8]
 */
export class MaxPooling2D extends Pooling {
  static readonly className: string = 'MaxPooling2D';
  constructor(args: PoolingArgs = {}) { super(2, checkArgs(args, 'MaxPooling2D')); }
  protected get poolFn(): PoolFn { return maxPool2d; }
}
registerClass(MaxPooling2D);

/**
 * Average pooling over the pixels of channels-last images [batch, height, width, channels].
 * @example layers.averagePooling2d({poolSize: [2, 2]}).apply(zeros([1, 28, 28, 8])) // shape [1, 14, 14, 8]
 */
export class AveragePooling2D extends Pooling {
  static readonly className: string = 'AveragePooling2D';
  constructor(args: PoolingArgs = {}) { super(2, checkArgs(args, 'AveragePooling2D')); }
  protected get poolFn(): PoolFn { return avgPool2d; }
}
registerClass(AveragePooling2D);
