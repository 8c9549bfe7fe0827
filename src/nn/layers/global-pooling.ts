// Global pooling: the mean or the maximum over every step of a sequence (1-D) or every pixel of an image (2-D).
import { check } from '../../core/errors.js';
import { Tensor } from '../../core/tensor.js';
import { div, mul } from '../../ops/arithmetic.js';
import { cast } from '../../ops/cast.js';
import { max, mean } from '../../ops/reduce.js';
import { sum } from '../../ops/reduce-sum.js';
import { expandDims } from '../../ops/reshape.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { fmtLayerShape } from '../symbolic.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { checkDataFormat } from './conv-base.js';
import type { DataFormat } from './conv-base.js';

/** Arguments of the global pooling layers. */
export interface GlobalPoolingArgs extends LayerArgs {
  /** Only 'channelsLast' (the default) is supported. */
  dataFormat?: DataFormat | null;
}

/** Base of the global pooling layers: [batch, ...spatial, channels] -> [batch, channels]. */
abstract class GlobalPooling extends Layer {
  readonly dataFormat: 'channelsLast';
  private readonly rank: number;

  constructor(rank: number, args: GlobalPoolingArgs = {}) {
    super(args);
    this.rank = rank;
    this.dataFormat = checkDataFormat(this.name, (args ?? {}).dataFormat);
    this.inputSpec = [{ ndim: rank + 2 }];
  }

  /** The spatial axes pooled over. */
  protected get axes(): number[] {
    return this.rank === 1 ? [1] : [1, 2];
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    check(s.length === this.rank + 2, this.name, () => `expected an input of rank ${this.rank + 2}, received shape ${fmtLayerShape(s)}`);
    return [s[0], s[s.length - 1]];
  }

  override getConfig(): ConfigDict {
    return this.rank === 2 ? { dataFormat: this.dataFormat, ...super.getConfig() } : super.getConfig();
  }
}

/**
 * The mean over the steps of [batch, steps, channels] inputs; with a mask (Embedding maskZero), the mean of the
 * unmasked steps only, as Keras.
 * @example layers.globalAveragePooling1d().apply(zeros([2, 5, 3])) // shape [2, 3]
 */
export class GlobalAveragePooling1D extends GlobalPooling {
  static readonly className: string = 'GlobalAveragePooling1D';
  constructor(args: GlobalPoolingArgs = {}) {
    super(1, args);
    this.supportsMasking = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    const mask = kwargs.mask;
    if (!(mask instanceof Tensor)) return mean(x, 1);
    const m = expandDims(cast(mask, x.dtype), -1);
    return div(sum(mul(x, m), 1), sum(m, 1));
  }

  /** The steps are pooled away, and so is the mask. */
  override computeMask(): null {
    return null;
  }
}
registerClass(GlobalAveragePooling1D);

/**
 * The maximum over the steps of [batch, steps, channels] inputs.
 * @example layers.globalMaxPooling1d().apply(zeros([2, 5, 3])) // shape [2, 3]
 */
export class GlobalMaxPooling1D extends GlobalPooling {
  static readonly className: string = 'GlobalMaxPooling1D';
  constructor(args: GlobalPoolingArgs = {}) { super(1, args); }
  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return max(oneTensor(inputs, this.name), this.axes);
  }
}
registerClass(GlobalMaxPooling1D);

/**
 * The mean over the pixels of channels-last images [batch, height, width, channels].
 * @example layers.globalAveragePooling2d().apply(zeros([2, 7, 7, 16])) // shape [2, 16]
 */
export class GlobalAveragePooling2D extends GlobalPooling {
  static readonly className: string = 'GlobalAveragePooling2D';
  constructor(args: GlobalPoolingArgs = {}) { super(2, args); }
  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return mean(oneTensor(inputs, this.name), this.axes);
  }
}
registerClass(GlobalAveragePooling2D);

/**
 * The maximum over the pixels of channels-last images [batch, height, width, channels].
 * @example layers.globalMaxPooling2d().apply(zeros([2, 7, 7, 16])) // shape [2, 16]
 */
export class GlobalMaxPooling2D extends GlobalPooling {
  static readonly className: string = 'GlobalMaxPooling2D';
  constructor(args: GlobalPoolingArgs = {}) { super(2, args); }
  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return max(oneTensor(inputs, this.name), this.axes);
  }
}
registerClass(GlobalMaxPooling2D);
