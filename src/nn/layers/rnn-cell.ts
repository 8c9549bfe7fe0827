// Recurrent cells: the per-step computation an RNN layer loops over. RNNCell is the interface (a layer whose call
// maps [x_t, ...states] to [output, ...newStates]); RecurrentCell holds what SimpleRNN, LSTM and GRU cells share:
// units, activations, the kernel / recurrent_kernel / bias weights, regularizers and (variational) dropout.
import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { mul } from '../../ops/arithmetic.js';
import { onesLike } from '../../ops/creation.js';
import { dropout as dropoutOp } from '../../ops/dropout.js';
import { getActivation } from '../activations.js';
import type { Activation } from '../activations.js';
import { getInitializer } from '../initializers.js';
import type { Initializer, InitializerIdentifier } from '../initializers.js';
import { Layer } from '../layer.js';
import type { LayerArgs } from '../layer.js';
import { oneShape } from '../layer-utils.js';
import { getRegularizer, serializeRegularizer } from '../regularizers.js';
import type { Regularizer, RegularizerIdentifier } from '../regularizers.js';
import type { ConfigDict } from '../serialization.js';
import type { ShapeOrShapes } from '../symbolic.js';
import { fmtLayerShape } from '../symbolic.js';
import { checkNoConstraint, checkRange } from './common.js';

/**
 * A recurrent cell: `call([x_t, ...states])` returns `[output_t, ...newStates]`; `stateSize` lists the state
 * widths (the first is the output width). RNN layers loop a cell over time.
 * @example class MinimalCell extends RNNCell { get stateSize() { return [4]; } call([x, h]) { const y = tanh(add(matmul(x, this.w.value), h)); return [y, y]; } }
 */
export abstract class RNNCell extends Layer {
  /** Width of each state; the first is also the width of the output. */
  abstract get stateSize(): number[];

  /** Called by the RNN layer before each sequence, so dropout masks are redrawn once per sequence. */
  resetDropoutMasks(): void { /* cells without dropout keep nothing */ }
}

/** Arguments shared by the SimpleRNN, LSTM and GRU cells and layers (TensorFlow.js names and defaults). */
export interface RecurrentCellArgs extends LayerArgs {
  /** Width of the output and of the state(s). */
  units: number;
  /** Activation of the candidate state and output (default 'tanh'). */
  activation?: string | null;
  /** Whether to add biases (default true). */
  useBias?: boolean;
  /** Initializer of kernel [inputDim, gates * units] (default 'glorotNormal', as TensorFlow.js). */
  kernelInitializer?: InitializerIdentifier;
  /** Initializer of recurrent_kernel [units, gates * units] (default 'orthogonal'). */
  recurrentInitializer?: InitializerIdentifier;
  /** Bias initializer (default 'zeros'). */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  recurrentRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  activityRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: null;
  recurrentConstraint?: null;
  biasConstraint?: null;
  /** Fraction of the inputs dropped in training (one mask per sequence, shared by every step). */
  dropout?: number;
  /** Fraction of the recurrent state dropped in training before the recurrent product (one mask per sequence). */
  recurrentDropout?: number;
}

/**
 * An inverted-dropout mask like `like` (ones scaled by 1 / (1 - rate), zeros where dropped), or null outside
 * training or at rate 0.
 */
function dropoutMask(like: Tensor, rate: number, training: boolean): Tensor | null {
  return training && rate > 0 ? dropoutOp(onesLike(like), rate) : null;
}

/**
 * Base of the SimpleRNN, LSTM and GRU cells: configuration, weights and dropout masks.
 * @example class MyCell extends RecurrentCell { get stateSize() { return [this.units]; } protected get gates() { return 1; } }
 */
export abstract class RecurrentCell extends RNNCell {
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly recurrentRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly dropout: number;
  readonly recurrentDropout: number;
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  bias: Variable | null = null;
  private inputMask: Tensor | null = null;
  private stateMask: Tensor | null = null;
  private masksDrawn = false;

  constructor(args: RecurrentCellArgs) {
    super(args);
    const fn = this.name;
    check(typeof args === 'object' && args !== null, fn, () => `expected a config object, received ${describe(args)}`);
    check(Number.isInteger(args.units) && args.units > 0, fn, () => `units must be a positive integer, received ${describe(args.units)}`);
    this.units = args.units;
    this.activation = getActivation(args.activation === undefined ? 'tanh' : args.activation, fn);
    this.useBias = args.useBias ?? true;
    check(typeof this.useBias === 'boolean', fn, () => `useBias must be a boolean, received ${describe(args.useBias)}`);
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotNormal', fn);
    this.recurrentInitializer = getInitializer(args.recurrentInitializer ?? 'orthogonal', fn);
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', fn);
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer, fn);
    this.recurrentRegularizer = getRegularizer(args.recurrentRegularizer, fn);
    this.biasRegularizer = getRegularizer(args.biasRegularizer, fn);
    this.activityRegularizer = getRegularizer(args.activityRegularizer, fn);
    checkNoConstraint(fn, args, ['kernelConstraint', 'recurrentConstraint', 'biasConstraint']);
    this.dropout = checkRange(fn, 'dropout', args.dropout ?? 0, 0, 1, true);
    this.recurrentDropout = checkRange(fn, 'recurrentDropout', args.recurrentDropout ?? 0, 0, 1, true);
  }

  /** Number of gate blocks stacked in the kernels (1 SimpleRNN, 3 GRU, 4 LSTM). */
  protected abstract get gates(): number;

  /** The bias shape (GRU with resetAfter uses [2, 3 * units]). */
  protected get biasShape(): number[] {
    return [this.gates * this.units];
  }

  /** The initializer of the bias (LSTM's unitForgetBias overrides it). */
  protected get biasInit(): Initializer {
    return this.biasInitializer;
  }

  /** kernel [inputDim, gates * units], recurrent_kernel [units, gates * units], bias, as TensorFlow.js names them. */
  override build(inputShape: ShapeOrShapes): void {
    const shape = oneShape(inputShape, this.name);
    const inDim = shape[shape.length - 1];
    check(typeof inDim === 'number', this.name, () => `the last input dimension must be known, received ${fmtLayerShape(shape)}`);
    const width = this.gates * this.units;
    this.kernel = this.addWeight('kernel', [inDim, width], this.kernelInitializer, this.kernelRegularizer);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, width], this.recurrentInitializer, this.recurrentRegularizer);
    if (this.useBias) this.bias = this.addWeight('bias', this.biasShape, this.biasInit, this.biasRegularizer);
    this.built = true;
  }

  override resetDropoutMasks(): void {
    this.inputMask = null;
    this.stateMask = null;
    this.masksDrawn = false;
  }

  /**
   * The step input and recurrent state after dropout (training only): the masks are drawn at the first step of a
   * sequence and reused for the others (variational dropout, as Keras and TensorFlow.js).
   */
  protected dropped(x: Tensor, h: Tensor, training: boolean): [Tensor, Tensor] {
    if (!this.masksDrawn) {
      this.inputMask = dropoutMask(x, this.dropout, training);
      this.stateMask = dropoutMask(h, this.recurrentDropout, training);
      this.masksDrawn = true;
    }
    return [this.inputMask ? mul(x, this.inputMask) : x, this.stateMask ? mul(h, this.stateMask) : h];
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation.name,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.serialize(),
      recurrentInitializer: this.recurrentInitializer.serialize(),
      biasInitializer: this.biasInitializer.serialize(),
      kernelRegularizer: serializeRegularizer(this.kernelRegularizer),
      recurrentRegularizer: serializeRegularizer(this.recurrentRegularizer),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      activityRegularizer: serializeRegularizer(this.activityRegularizer),
      kernelConstraint: null,
      recurrentConstraint: null,
      biasConstraint: null,
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
    };
  }
}

/** Arguments of the gated cells (LSTM, GRU). */
export interface GatedCellArgs extends RecurrentCellArgs {
  /** Activation of the gates (default 'hardSigmoid', as TensorFlow.js; Keras 2+ uses 'sigmoid'). */
  recurrentActivation?: string | null;
  /** Accepted and ignored (TensorFlow.js always fuses the gate products). */
  implementation?: number | null;
}

/**
 * Resolves the recurrent activation of a gated cell (TensorFlow.js default 'hardSigmoid').
 * @example recurrentActivationOf('lstm_1', {units: 2}).name // 'hardSigmoid'
 */
export function recurrentActivationOf(fn: string, args: GatedCellArgs): Activation {
  return getActivation(args.recurrentActivation === undefined ? 'hardSigmoid' : args.recurrentActivation, fn);
}

/**
 * The cell arguments within the arguments of an RNN layer (layer-level options such as inputShape stay out).
 * @example new LSTMCell(cellArgsOf({units: 4, inputShape: [10, 3]}, 'lstm_cell'))
 */
export function cellArgsOf<T extends RecurrentCellArgs>(args: T, cellName: string): T {
  check(typeof args === 'object' && args !== null, cellName, () => `expected a config object, received ${describe(args)}`);
  const { inputShape: _i, batchInputShape: _b, batchSize: _s, weights: _w, name: _n, ...rest } = args;
  // A fixed name: the RNN layer renames the cell after its own name, so weights are called '<layer>/kernel'.
  return { ...rest, name: cellName } as T;
}
