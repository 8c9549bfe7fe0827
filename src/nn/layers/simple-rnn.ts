import type { Tensor } from '../../core/tensor.js';
import { add } from '../../ops/arithmetic.js';
import { matmul } from '../../ops/matmul.js';
import type { ActivationFn } from '../activations.js';
import type { CallArgs } from '../layer.js';
import { registerClass } from '../registry.js';
import { RNN } from './rnn-base.js';
import type { RNNLayerArgs } from './rnn-base.js';
import { RecurrentCell, cellArgsOf } from './rnn-cell.js';
import type { RecurrentCellArgs } from './rnn-cell.js';

/**
 * One step of a simple (Elman) recurrent network: activation(x @ kernel + bias + h @ recurrentKernel).
 * @example const h1 = simpleRnnCell(x, h0, kernel, recurrentKernel, bias, tanh)
 */
export function simpleRnnCell(x: Tensor, h: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor | null, activation: ActivationFn): Tensor {
  let z = matmul(x, kernel);
  if (bias) z = add(z, bias);
  return activation(add(z, matmul(h, recurrentKernel)));
}

/** Arguments of `SimpleRNNCell` (TensorFlow.js names). */
export type SimpleRNNCellArgs = RecurrentCellArgs;

/**
 * The cell of SimpleRNN: h_t = activation(x_t @ kernel + bias + h_{t-1} @ recurrent_kernel); output = h_t.
 * Weights: kernel [inputDim, units], recurrent_kernel [units, units], bias [units].
 * @example layers.rnn({cell: layers.simpleRNNCell({units: 8})})
 */
export class SimpleRNNCell extends RecurrentCell {
  static readonly className: string = 'SimpleRNNCell';

  get stateSize(): number[] { return [this.units]; }

  protected get gates(): number { return 1; }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor[] {
    const [x0, h0] = inputs as Tensor[];
    const [x, h] = this.dropped(x0, h0, kwargs.training === true);
    const out = simpleRnnCell(x, h, this.kernel!.value, this.recurrentKernel!.value, this.bias?.value ?? null, this.activation.apply);
    return [out, out];
  }
}
registerClass(SimpleRNNCell);

/** Arguments of `SimpleRNN`: the cell's and the RNN layer's (TensorFlow.js names). */
export interface SimpleRNNArgs extends SimpleRNNCellArgs, RNNLayerArgs {}

/**
 * A fully connected recurrent layer whose output is fed back as state: h_t = tanh(x_t W + h_{t-1} U + b).
 * Weights: kernel [inputDim, units], recurrent_kernel [units, units], bias [units].
 * @example layers.simpleRNN({units: 8, returnSequences: true}).apply(zeros([2, 5, 3])) // shape [2, 5, 8]
 */
export class SimpleRNN extends RNN {
  static override readonly className: string = 'SimpleRNN';
  declare readonly cell: SimpleRNNCell;

  constructor(args: SimpleRNNArgs) {
    super({ ...args, cell: new SimpleRNNCell(cellArgsOf(args, 'simple_rnn_cell')) });
    this.cell.name = this.name;
  }
}
registerClass(SimpleRNN);
