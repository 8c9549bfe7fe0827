import { check } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { reshape } from '../../ops/reshape.js';
import { transpose } from '../../ops/transpose.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { fmtLayerShape } from '../symbolic.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';

/** Arguments of `Flatten`. */
export interface FlattenArgs extends LayerArgs {
  /** 'channelsFirst' inputs are moved to channels-last before flattening, so weights match Keras'. */
  dataFormat?: 'channelsLast' | 'channelsFirst';
}

/**
 * Flattens every dimension but the batch: [batch, d1, d2, ...] -> [batch, d1 * d2 * ...].
 * @example layers.flatten().apply(zeros([2, 3, 4])) // shape [2, 12]
 */
export class Flatten extends Layer {
  static readonly className: string = 'Flatten';
  readonly dataFormat: 'channelsLast' | 'channelsFirst' | null;

  constructor(args: FlattenArgs = {}) {
    super(args);
    this.dataFormat = args?.dataFormat ?? null;
    check(this.dataFormat === null || this.dataFormat === 'channelsLast' || this.dataFormat === 'channelsFirst', this.name,
      () => `dataFormat must be 'channelsLast' or 'channelsFirst', received ${String(this.dataFormat)}`);
    this.inputSpec = [{ minNDim: 2 }];
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    const rest = s.slice(1);
    check(rest.every((d) => d !== null), this.name,
      () => `every non-batch dimension must be known to flatten, received ${fmtLayerShape(s)}; give the first layer an inputShape`);
    return [s[0], (rest as number[]).reduce((a, b) => a * b, 1)];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    let x = oneTensor(inputs, this.name);
    if (this.dataFormat === 'channelsFirst' && x.rank > 2) {
      x = transpose(x, [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1]);
    }
    return reshape(x, [x.shape[0], x.shape.slice(1).reduce((a, b) => a * b, 1)]);
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = {};
    if (this.dataFormat !== null) config.dataFormat = this.dataFormat;
    return { ...config, ...super.getConfig() };
  }
}
registerClass(Flatten);
