import { check, describe } from '../../core/errors.js';
import { noGrad } from '../../core/grad-mode.js';
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
import { checkNoConstraint, checkRange } from './common.js';

/** Arguments of `BatchNormalization` (TensorFlow.js names and defaults). */
export interface BatchNormalizationArgs extends LayerArgs {
  /** The feature axis, normalized per entry (default -1). */
  axis?: number;
  /** Weight of the old value in the moving averages (default 0.99). */
  momentum?: number;
  /** Added to the variance (default 1e-3). */
  epsilon?: number;
  /** Learn an offset beta (default true). */
  center?: boolean;
  /** Learn a scale gamma (default true). */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: null;
  gammaConstraint?: null;
}

/**
 * Batch normalization: in training, normalizes with the batch's mean and (biased) variance over every axis but
 * `axis`, and updates the moving averages (m = momentum * m + (1 - momentum) * batch); at inference it uses the
 * moving averages (also in training when the layer is frozen, as Keras). Weights: gamma, beta (trainable), moving_mean, moving_variance (non-trainable).
 * @example layers.batchNormalization().apply(x, {training: true})
 */
export class BatchNormalization extends Layer {
  static readonly className: string = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean: Variable | null = null;
  movingVariance: Variable | null = null;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    const a = args ?? {}, fn = this.name;
    this.axis = a.axis ?? -1;
    check(Number.isInteger(this.axis), fn, () => `axis must be an integer, received ${describe(a.axis)}`);
    this.momentum = checkRange(fn, 'momentum', a.momentum ?? 0.99, 0, 1);
    this.epsilon = checkRange(fn, 'epsilon', a.epsilon ?? 1e-3, 0, Infinity);
    this.center = a.center ?? true;
    this.scale = a.scale ?? true;
    this.betaInitializer = getInitializer(a.betaInitializer ?? 'zeros', fn);
    this.gammaInitializer = getInitializer(a.gammaInitializer ?? 'ones', fn);
    this.movingMeanInitializer = getInitializer(a.movingMeanInitializer ?? 'zeros', fn);
    this.movingVarianceInitializer = getInitializer(a.movingVarianceInitializer ?? 'ones', fn);
    this.betaRegularizer = getRegularizer(a.betaRegularizer, fn);
    this.gammaRegularizer = getRegularizer(a.gammaRegularizer, fn);
    checkNoConstraint(fn, a, ['betaConstraint', 'gammaConstraint']);
    this.supportsMasking = true;
  }

  private featureAxis(rank: number): number {
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    check(axis >= 0 && axis < rank, this.name, () => `axis ${this.axis} is out of range for inputs of rank ${rank}`);
    return axis;
  }

  override build(inputShape: ShapeOrShapes): void {
    const s = oneShape(inputShape, this.name);
    const axis = this.featureAxis(s.length);
    const dim = s[axis];
    check(dim !== null, this.name, () => `axis ${this.axis} of the input must have a known size, received ${fmtLayerShape(s)}`);
    this.inputSpec = [{ ndim: s.length, axes: { [axis]: dim } }];
    if (this.scale) this.gamma = this.addWeight('gamma', [dim], this.gammaInitializer, this.gammaRegularizer);
    if (this.center) this.beta = this.addWeight('beta', [dim], this.betaInitializer, this.betaRegularizer);
    this.movingMean = this.addWeight('moving_mean', [dim], this.movingMeanInitializer, null, false);
    this.movingVariance = this.addWeight('moving_variance', [dim], this.movingVarianceInitializer, null, false);
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    const axis = this.featureAxis(x.rank);
    const reduceAxes = x.shape.map((_, i) => i).filter((i) => i !== axis);
    const bshape = x.shape.map((d, i) => (i === axis ? d : 1));
    const b = (t: Tensor): Tensor => (axis === x.rank - 1 ? t : reshape(t, bshape));
    let m: Tensor, v: Tensor;
    // A frozen BatchNormalization runs in inference mode even while training (Keras 2 semantics, for fine-tuning).
    if (kwargs.training && this.trainable) {
      m = mean(x, reduceAxes, true);
      v = variance(x, reduceAxes, true);
      const batchMean = reshape(m, [x.shape[axis]]), batchVar = reshape(v, [x.shape[axis]]);
      const keep = this.momentum;
      noGrad(() => {
        this.movingMean!.assign(add(mul(this.movingMean!.value, keep), mul(batchMean, 1 - keep)));
        this.movingVariance!.assign(add(mul(this.movingVariance!.value, keep), mul(batchVar, 1 - keep)));
      });
    } else {
      m = b(this.movingMean!.value);
      v = b(this.movingVariance!.value);
    }
    let y = div(sub(x, m), sqrt(add(v, this.epsilon)));
    if (this.gamma) y = mul(y, b(this.gamma.value));
    if (this.beta) y = add(y, b(this.beta.value));
    return y;
  }

  override getConfig(): ConfigDict {
    return {
      axis: this.axis, momentum: this.momentum, epsilon: this.epsilon, center: this.center, scale: this.scale,
      betaInitializer: this.betaInitializer.serialize(),
      gammaInitializer: this.gammaInitializer.serialize(),
      movingMeanInitializer: this.movingMeanInitializer.serialize(),
      movingVarianceInitializer: this.movingVarianceInitializer.serialize(),
      betaRegularizer: serializeRegularizer(this.betaRegularizer),
      gammaRegularizer: serializeRegularizer(this.gammaRegularizer),
      betaConstraint: null,
      gammaConstraint: null,
      ...super.getConfig(),
    };
  }
}
registerClass(BatchNormalization);
