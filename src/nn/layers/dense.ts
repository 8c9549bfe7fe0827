import { check, describe } from '../../core/errors.js';
import { withInternal } from '../../core/storage-pool.js';
import type { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { fusedMatMul } from '../../ops/fused-matmul.js';
import type { PrimitiveActivation } from '../../ops/fused-matmul.js';
import { fusableActivation, getActivation, isBuiltInActivation } from '../activations.js';
import type { Activation } from '../activations.js';
import { getInitializer } from '../initializers.js';
import type { Initializer, InitializerIdentifier } from '../initializers.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { getRegularizer, serializeRegularizer } from '../regularizers.js';
import type { Regularizer, RegularizerIdentifier } from '../regularizers.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { checkNoConstraint } from './common.js';

/** Arguments of `Dense` (TensorFlow.js names). */
export interface DenseArgs extends LayerArgs {
  /** Output size (last axis). */
  units: number;
  /** Activation applied after the bias (default linear). */
  activation?: string | null;
  /** Whether to add a bias (default true). */
  useBias?: boolean;
  /** Kernel initializer (default 'glorotNormal', as TensorFlow.js). */
  kernelInitializer?: InitializerIdentifier;
  /** Bias initializer (default 'zeros'). */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  activityRegularizer?: RegularizerIdentifier | null;
  /** Shorthand for inputShape [inputDim]. */
  inputDim?: number;
  kernelConstraint?: null;
  biasConstraint?: null;
}

/**
 * A fully connected layer: activation(x @ kernel + bias), applied to the last axis of inputs of any rank >= 2.
 * Weights: kernel [inputDim, units], bias [units].
 * @example const y = layers.dense({units: 3, activation: 'relu'}).apply(tensor([[1, 2]])) // shape [1, 3]
 */
export class Dense extends Layer {
  static readonly className: string = 'Dense';
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(args: DenseArgs) {
    super(args);
    const fn = this.name;
    check(Number.isInteger(args.units) && args.units > 0, fn, () => `units must be a positive integer, received ${describe(args.units)}`);
    if (this.batchInputShape === null && args.inputDim !== undefined && args.inputDim !== null) {
      this.batchInputShape = [args.batchSize ?? null, args.inputDim];
    }
    this.units = args.units;
    this.activation = getActivation(args.activation, fn);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotNormal', fn);
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', fn);
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer, fn);
    this.biasRegularizer = getRegularizer(args.biasRegularizer, fn);
    this.activityRegularizer = getRegularizer(args.activityRegularizer, fn);
    checkNoConstraint(fn, args, ['kernelConstraint', 'biasConstraint']);
    this.supportsMasking = true;
    this.inputSpec = [{ minNDim: 2 }];
  }

  override build(inputShape: ShapeOrShapes): void {
    const shape = oneShape(inputShape, this.name);
    const inDim = shape[shape.length - 1];
    check(typeof inDim === 'number', this.name, () => `the last input dimension must be known, received ${JSON.stringify(shape)}`);
    this.kernel = this.addWeight('kernel', [inDim, this.units], this.kernelInitializer, this.kernelRegularizer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], this.biasInitializer, this.biasRegularizer);
    this.inputSpec = [{ minNDim: 2, axes: { [-1]: inDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = oneShape(inputShape, this.name);
    return [...shape.slice(0, -1), this.units];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    // One primitive for product, bias and the common activations (rank > 2 inputs fold into its rows).
    const fused = fusableActivation(this.activation);
    if (fused !== null) return this.product(x, fused);
    // Other activations (softmax, user-registered ones) read the product; with a built-in one nothing else sees
    // it, so its storage is reused.
    const activate = (): Tensor => this.activation.apply(this.product(x, 'linear'));
    return isBuiltInActivation(this.activation.apply) ? withInternal(activate, (y) => [y]) : activate();
  }

  private product(x: Tensor, activation: PrimitiveActivation): Tensor {
    return fusedMatMul({ a: x, b: this.kernel!.value, bias: this.bias?.value, activation });
  }

  override getConfig(): ConfigDict {
    return {
      units: this.units,
      activation: this.activation.name,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.serialize(),
      biasInitializer: this.biasInitializer.serialize(),
      kernelRegularizer: serializeRegularizer(this.kernelRegularizer),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      activityRegularizer: serializeRegularizer(this.activityRegularizer),
      kernelConstraint: null,
      biasConstraint: null,
      ...super.getConfig(),
    };
  }
}
registerClass(Dense);
