import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { mul, neg, sub } from '../../ops/arithmetic.js';
import { relu } from '../../ops/activations.js';
import { getInitializer } from '../initializers.js';
import type { Initializer, InitializerIdentifier } from '../initializers.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { getRegularizer, serializeRegularizer } from '../regularizers.js';
import type { Regularizer, RegularizerIdentifier } from '../regularizers.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import type { ShapeOrShapes } from '../symbolic.js';
import { checkNoConstraint } from './common.js';

/** Arguments of `PReLU`. */
export interface PReLUArgs extends LayerArgs {
  /** Initializer of the learned slopes (default 'zeros'). */
  alphaInitializer?: InitializerIdentifier;
  alphaRegularizer?: RegularizerIdentifier | null;
  alphaConstraint?: null;
  /** Axes (1-based, the batch excluded) sharing one slope, e.g. [1, 2] for one slope per channel of images. */
  sharedAxes?: number | number[] | null;
}

/**
 * Parametric ReLU: x for x > 0, alpha * x otherwise, with alpha learned per element (or per shared axes).
 * Weight: alpha, shaped like a sample (1 along shared axes).
 * @example layers.prelu({sharedAxes: [1, 2]}).apply(images)
 */
export class PReLU extends Layer {
  static readonly className: string = 'PReLU';
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | null;
  readonly sharedAxes: number[] | null;
  alpha: Variable | null = null;

  constructor(args: PReLUArgs = {}) {
    super(args);
    const a = args ?? {};
    this.alphaInitializer = getInitializer(a.alphaInitializer ?? 'zeros', this.name);
    this.alphaRegularizer = getRegularizer(a.alphaRegularizer, this.name);
    checkNoConstraint(this.name, a, ['alphaConstraint']);
    const shared = a.sharedAxes;
    check(shared === undefined || shared === null || Number.isInteger(shared) || (Array.isArray(shared) && shared.every(Number.isInteger)),
      this.name, () => `sharedAxes must be an integer or an array of integers, received ${describe(shared)}`);
    this.sharedAxes = shared === undefined || shared === null ? null : Array.isArray(shared) ? [...shared] : [shared];
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeOrShapes): void {
    const s = oneShape(inputShape, this.name);
    const paramShape = s.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
    check(paramShape.every((d) => d !== null), this.name,
      () => `non-shared input dimensions must be known, received ${JSON.stringify(s)}; share the unknown axes with sharedAxes`);
    this.alpha = this.addWeight('alpha', paramShape as number[], this.alphaInitializer, this.alphaRegularizer);
    const axes: Record<number, number> = {};
    for (let i = 1; i < s.length; i++) if (!this.sharedAxes?.includes(i) && s[i] !== null) axes[i] = s[i] as number;
    this.inputSpec = [{ ndim: s.length, axes }];
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    return sub(relu(x), mul(this.alpha!.value, relu(neg(x))));
  }

  override getConfig(): ConfigDict {
    return {
      alphaInitializer: this.alphaInitializer.serialize(),
      alphaRegularizer: serializeRegularizer(this.alphaRegularizer),
      alphaConstraint: null,
      sharedAxes: this.sharedAxes,
      ...super.getConfig(),
    };
  }
}
registerClass(PReLU);
