import { check, describe } from '../../core/errors.js';
import { Random } from '../../core/random.js';
import type { Tensor } from '../../core/tensor.js';
import { mul } from '../../ops/arithmetic.js';
import { dropout } from '../../ops/dropout.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { checkRange } from './common.js';

/** Arguments of `Dropout`. */
export interface DropoutArgs extends LayerArgs {
  /** Fraction of the inputs to drop, in [0, 1]. */
  rate: number;
  /** Shape of the random mask (null entries take the input's size): a 1 shares a draw along that axis. */
  noiseShape?: (number | null)[] | null;
  /** Seeds this layer's own generator: the sequence of masks is reproducible and differs between calls. */
  seed?: number | null;
}

/**
 * Randomly zeroes a fraction `rate` of the inputs during training, scaling the rest by 1 / (1 - rate)
 * (inverted dropout); the identity at inference.
 * @example layers.dropout({rate: 0.5}).apply(x, {training: true})
 */
export class Dropout extends Layer {
  static readonly className: string = 'Dropout';
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  private readonly rng: Random | null;

  constructor(args: DropoutArgs) {
    super(args);
    this.rate = checkRange(this.name, 'rate', args?.rate, 0, 1);
    check(args.noiseShape === undefined || args.noiseShape === null || Array.isArray(args.noiseShape), this.name,
      () => `noiseShape must be an array, received ${describe(args.noiseShape)}`);
    this.noiseShape = args.noiseShape ? [...args.noiseShape] : null;
    this.seed = args.seed ?? null;
    this.rng = this.seed === null ? null : new Random(this.seed);
    this.supportsMasking = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    if (!kwargs.training || this.rate === 0) return x;
    if (this.rate === 1) return mul(x, 0);
    const noiseShape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]) : undefined;
    return dropout(x, this.rate, { noiseShape, seed: this.rng ? this.rng.nextU32() : undefined });
  }

  override getConfig(): ConfigDict {
    return { rate: this.rate, noiseShape: this.noiseShape, seed: this.seed, ...super.getConfig() };
  }
}
registerClass(Dropout);
