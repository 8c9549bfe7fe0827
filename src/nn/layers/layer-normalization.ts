import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { add, div, mul, sub } from '../../ops/arithmetic.js';
import { mean, variance } from '../../ops/reduce.js';
import { reshape } from '../../ops/reshape.js';
import { sqrt } from '../../ops/unary-math.js';
import { getInitializer } from '../initializers.js';
import type { Initializer, InitializerIdentifier } from '../initializers.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { getRegularizer, serializeRegularizer } from '../regularizers.js';
import type { Regularizer, RegularizerIdentifier } from '../regularizers.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { fmtLayerShape } from '../symbolic.js';
import type { ShapeOrShapes } from '../symbolic.js';
import { checkRange } from './common.js';

/** Arguments of `LayerNormalization`. */
export interface LayerNormalizationArgs extends LayerArgs {
  /** Axis or axes normalized over, per sample (default -1). */
  axis?: number | number[];
  /** Added to the variance (default 1e-3). */
  epsilon?: number;
  /** Learn an offset beta (default true). */
  center?: boolean;
  /** Learn a scale gamma (default true). */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
}

/**
 * Layer normalization: each sample is normalized by its own mean and variance over `axis`, then scaled by gamma
 * and shifted by beta (shaped like the normalized axes). Same behavior in training and inference.
 * @example layers.layerNormalization({epsilon: 1e-5}).apply(x)
 */
export class LayerNormalization extends Layer {
  static readonly className: string = 'LayerNormalization';
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    const a = args ?? {}, fn = this.name;
    const axis = a.axis ?? -1;
    check(Number.isInteger(axis) || (Array.isArray(axis) && axis.length > 0 && axis.every(Number.isInteger)), fn,
      () => `axis must be an integer or a non-empty array of integers, received ${describe(axis)}`);
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.epsilon = checkRange(fn, 'epsilon', a.epsilon ?? 1e-3, 0, Infinity);
    this.center = a.center ?? true;
    this.scale = a.scale ?? true;
    this.betaInitializer = getInitializer(a.betaInitializer ?? 'zeros', fn);
    this.gammaInitializer = getInitializer(a.gammaInitializer ?? 'ones', fn);
    this.betaRegularizer = getRegularizer(a.betaRegularizer, fn);
    this.gammaRegularizer = getRegularizer(a.gammaRegularizer, fn);
    this.supportsMasking = true;
  }

  private axes(rank: number): number[] {
    const list = (Array.isArray(this.axis) ? this.axis : [this.axis]).map((a) => (a < 0 ? a + rank : a));
    check(list.every((a) => a >= 0 && a < rank) && new Set(list).size === list.length, this.name,
      () => `axis ${JSON.stringify(this.axis)} must name distinct axes of inputs of rank ${rank}`);
    return list.sort((x, y) => x - y);
  }

  override build(inputShape: ShapeOrShapes): void {
    const s = oneShape(inputShape, this.name);
    const axes = this.axes(s.length);
    const paramShape = axes.map((a) => s[a]);
    check(paramShape.every((d) => d !== null), this.name,
      () => `the normalized axes must have known sizes, received ${fmtLayerShape(s)}`);
    if (this.scale) this.gamma = this.addWeight('gamma', paramShape as number[], this.gammaInitializer, this.gammaRegularizer);
    if (this.center) this.beta = this.addWeight('beta', paramShape as number[], this.betaInitializer, this.betaRegularizer);
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    const axes = this.axes(x.rank);
    const bshape = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    const b = (t: Tensor): Tensor => reshape(t, bshape);
    let y = div(sub(x, mean(x, axes, true)), sqrt(add(variance(x, axes, true), this.epsilon)));
    if (this.gamma) y = mul(y, b(this.gamma.value));
    if (this.beta) y = add(y, b(this.beta.value));
    return y;
  }

  override getConfig(): ConfigDict {
    return {
      axis: Array.isArray(this.axis) ? [...this.axis] : this.axis,
      epsilon: this.epsilon, center: this.center, scale: this.scale,
      betaInitializer: this.betaInitializer.serialize(),
      gammaInitializer: this.gammaInitializer.serialize(),
      betaRegularizer: serializeRegularizer(this.betaRegularizer),
      gammaRegularizer: serializeRegularizer(this.gammaRegularizer),
      ...super.getConfig(),
    };
  }
}
registerClass(LayerNormalization);
