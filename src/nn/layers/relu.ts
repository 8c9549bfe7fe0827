import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { minimum, mul, sub } from '../../ops/arithmetic.js';
import { greaterEqual, where } from '../../ops/compare.js';
import { zerosLike } from '../../ops/creation.js';
import { relu } from '../../ops/activations.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';

/** Arguments of `ReLU` (Keras names). */
export interface ReLUArgs extends LayerArgs {
  /** Upper bound of the output (none by default). */
  maxValue?: number | null;
  /** Slope below the threshold (default 0). */
  negativeSlope?: number;
  /** Inputs below it are mapped to negativeSlope * (x - threshold) (default 0). */
  threshold?: number;
}

function optNumber(fn: string, arg: string, v: unknown, min = -Infinity): void {
  check(v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v) && v >= min), fn,
    () => `${arg} must be a finite number >= ${min}, received ${describe(v)}`);
}

/**
 * Rectified linear unit with Keras' options: x for threshold <= x < maxValue, maxValue above,
 * negativeSlope * (x - threshold) below.
 * @example layers.reLU({maxValue: 6}).apply(tensor([-1, 3, 9])) // [0, 3, 6]
 */
export class ReLU extends Layer {
  static readonly className: string = 'ReLU';
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    const a = args ?? {};
    optNumber(this.name, 'maxValue', a.maxValue, 0);
    optNumber(this.name, 'negativeSlope', a.negativeSlope, 0);
    optNumber(this.name, 'threshold', a.threshold);
    this.maxValue = a.maxValue ?? null;
    this.negativeSlope = a.negativeSlope ?? 0;
    this.threshold = a.threshold ?? 0;
    this.supportsMasking = true;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    let y = this.negativeSlope === 0 && this.threshold === 0
      ? relu(x)
      : where(greaterEqual(x, this.threshold), x,
        this.negativeSlope === 0 ? zerosLike(x) : mul(sub(x, this.threshold), this.negativeSlope));
    if (this.maxValue !== null) y = minimum(y, this.maxValue);
    return y;
  }

  override getConfig(): ConfigDict {
    return { maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold, ...super.getConfig() };
  }
}
registerClass(ReLU);
