import type { DType } from '../../core/dtype.js';
import { withInternal } from '../../core/storage-pool.js';
import type { Tensor } from '../../core/tensor.js';
import { add, mul } from '../../ops/arithmetic.js';
import { concat, split } from '../../ops/concat.js';
import { ones } from '../../ops/creation.js';
import { lstmGates } from '../../ops/lstm-gates.js';
import type { GateActivation } from '../../ops/lstm-gates.js';
import { fusedMatMul } from '../../ops/fused-matmul.js';
import { matmul } from '../../ops/matmul.js';
import { isBuiltInActivation, isOriginal } from '../activations.js';
import type { Activation, ActivationFn } from '../activations.js';
import { Initializer } from '../initializers.js';
import type { CallArgs } from '../layer.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { RNN } from './rnn-base.js';
import type { RNNLayerArgs } from './rnn-base.js';
import { RecurrentCell, cellArgsOf, recurrentActivationOf } from './rnn-cell.js';
import type { GatedCellArgs } from './rnn-cell.js';

/** The two activations of an LSTM or GRU cell. */
export interface CellActivations {
  /** Candidate and output activation (tanh by default). */
  activation: ActivationFn;
  /** Gate activation (hardSigmoid by default in TensorFlow.js, sigmoid in Keras 2+). */
  recurrentActivation: ActivationFn;
}

/**
 * One LSTM step with TensorFlow.js' gate order i, f, c, o along the last axis of the kernels:
 * z = (x @ kernel + bias) + h @ recurrentKernel; c' = f * c + i * act(z_c); h' = o * act(c'). Returns [h', c'].
 * `fusedGates` (when the activations are tanh and that gate activation) computes everything after z in one
 * primitive.
 * @example const [h1, c1] = lstmCell(x, h0, c0, kernel, recurrentKernel, bias, {activation: tanh, recurrentActivation: sigmoid})
 */
export function lstmCell(x: Tensor, h: Tensor, c: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor | null,
  activations: CellActivations, fusedGates: GateActivation | null = null): [Tensor, Tensor] {
  const { activation, recurrentActivation } = activations;
  // The bias rides on the input product (one primitive) instead of a broadcast add of its own.
  const zx = bias ? fusedMatMul({ a: x, b: kernel, bias }) : matmul(x, kernel);
  const z = add(zx, matmul(h, recurrentKernel));
  if (fusedGates !== null) return lstmGates(z, c, fusedGates);
  const [zi, zf, zc, zo] = split(z, 4, -1);
  const cNext = add(mul(recurrentActivation(zf), c), mul(recurrentActivation(zi), activation(zc)));
  const hNext = mul(recurrentActivation(zo), activation(cNext));
  return [hNext, cNext];
}

/** Keras' unitForgetBias: the bias initializer everywhere except ones for the forget gate. */
class UnitForgetBias extends Initializer {
  static readonly className: string = 'UnitForgetBias';
  constructor(private readonly base: Initializer, private readonly units: number) { super(); }
  apply(_shape: readonly number[], dtype: DType = 'float32'): Tensor {
    const u = this.units;
    return concat([this.base.apply([u], dtype), ones([u], dtype), this.base.apply([2 * u], dtype)], 0);
  }
}

/** Arguments of `LSTMCell` (TensorFlow.js names). */
export interface LSTMCellArgs extends GatedCellArgs {
  /** Initialize the forget-gate bias to ones (default false, as TensorFlow.js; Keras defaults to true). */
  unitForgetBias?: boolean;
}

/**
 * The cell of LSTM (long short-term memory), states [h, c]. Weights: kernel [inputDim, 4 * units],
 * recurrent_kernel [units, 4 * units], bias [4 * units], gates ordered i, f, c, o.
 * @example layers.rnn({cell: layers.lstmCell({units: 8})})
 */
export class LSTMCell extends RecurrentCell {
  static readonly className: string = 'LSTMCell';
  readonly recurrentActivation: Activation;
  readonly unitForgetBias: boolean;
  readonly implementation: number;

  constructor(args: LSTMCellArgs) {
    super(args);
    this.recurrentActivation = recurrentActivationOf(this.name, args);
    this.unitForgetBias = args.unitForgetBias ?? false;
    this.implementation = args.implementation ?? 2;
  }

  get stateSize(): number[] { return [this.units, this.units]; }

  protected get gates(): number { return 4; }

  protected override get biasInit(): Initializer {
    return this.unitForgetBias ? new UnitForgetBias(this.biasInitializer, this.units) : this.biasInitializer;
  }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor[] {
    const [x0, h0, c0] = inputs as Tensor[];
    const [x, h] = this.dropped(x0, h0, kwargs.training === true);
    const activations = { activation: this.activation.apply, recurrentActivation: this.recurrentActivation.apply };
    const [w, u, b] = [this.kernel!.value, this.recurrentKernel!.value, this.bias?.value ?? null];
    // With built-in activations nothing else sees the gates: their storage is reused (every step makes ten).
    const pure = isBuiltInActivation(activations.activation) && isBuiltInActivation(activations.recurrentActivation);
    const [hNext, cNext] = pure ? withInternal(() => lstmCell(x, h, c0, w, u, b, activations, this.fusedGates()), (r) => r)
      : lstmCell(x, h, c0, w, u, b, activations);
    return [hNext, hNext, cNext];
  }

  /** The gate activation when the gates can run as one primitive (built-in tanh and sigmoid or hardSigmoid). */
  private fusedGates(): GateActivation | null {
    if (!isOriginal(this.activation, 'tanh')) return null;
    if (isOriginal(this.recurrentActivation, 'hardSigmoid')) return 'hardSigmoid';
    return isOriginal(this.recurrentActivation, 'sigmoid') ? 'sigmoid' : null;
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      recurrentActivation: this.recurrentActivation.name,
      unitForgetBias: this.unitForgetBias,
      implementation: this.implementation,
    };
  }
}
registerClass(LSTMCell);

/** Arguments of `LSTM`: the cell's and the RNN layer's (TensorFlow.js names). */
export interface LSTMArgs extends LSTMCellArgs, RNNLayerArgs {}

/**
 * Long short-term memory layer (Hochreiter 1997) over [batch, steps, features] inputs, with TensorFlow.js defaults
 * (recurrentActivation 'hardSigmoid', kernelInitializer 'glorotNormal', recurrentInitializer 'orthogonal').
 * Weights: kernel [inputDim, 4 * units], recurrent_kernel [units, 4 * units], bias [4 * units] (gates i, f, c, o).
 * @example layers.lstm({units: 16, returnSequences: true}).apply(zeros([2, 10, 8])) // shape [2, 10, 16]
 */
export class LSTM extends RNN {
  static override readonly className: string = 'LSTM';
  declare readonly cell: LSTMCell;

  constructor(args: LSTMArgs) {
    super({ ...args, cell: new LSTMCell(cellArgsOf(args, 'lstm_cell')) });
    this.cell.name = this.name;
  }
}
registerClass(LSTM);
