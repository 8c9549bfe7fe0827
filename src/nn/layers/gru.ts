import { withInternal } from '../../core/storage-pool.js';
import type { Tensor } from '../../core/tensor.js';
import { add, mul, sub } from '../../ops/arithmetic.js';
import { split, unstack } from '../../ops/concat.js';
import { matmul } from '../../ops/matmul.js';
import { isBuiltInActivation } from '../activations.js';
import type { Activation } from '../activations.js';
import type { CallArgs } from '../layer.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { RNN } from './rnn-base.js';
import type { RNNLayerArgs } from './rnn-base.js';
import { RecurrentCell, cellArgsOf, recurrentActivationOf } from './rnn-cell.js';
import type { GatedCellArgs } from './rnn-cell.js';
import type { CellActivations } from './lstm.js';

/**
 * One GRU step with gate order z (update), r (reset), h (candidate) along the last axis of the kernels.
 * resetAfter false (TensorFlow.js): hh = act(x W_h + b_h + (r * h) U_h), bias [3 * units].
 * resetAfter true (Keras 2+ default, CuDNN-compatible): hh = act(x W_h + b_h + r * (h U_h + rb_h)), bias [2, 3 * units].
 * Returns h' = z * h + (1 - z) * hh. `hDropped` (h after recurrent dropout) feeds the recurrent products only.
 * @example const h1 = gruCell(x, h0, kernel, recurrentKernel, bias, {activation: tanh, recurrentActivation: sigmoid}, false)
 */
export function gruCell(x: Tensor, h: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor | null,
  activations: CellActivations, resetAfter: boolean, hDropped: Tensor = h): Tensor {
  const { activation, recurrentActivation } = activations;
  const units = h.shape[h.rank - 1];
  let inputBias: Tensor | null = bias, recurrentBias: Tensor | null = null;
  if (bias && resetAfter) [inputBias, recurrentBias] = unstack(bias, 0);
  let mx = matmul(x, kernel);
  if (inputBias) mx = add(mx, inputBias);
  const [xz, xr, xh] = split(mx, 3, -1);
  let z: Tensor, r: Tensor, hh: Tensor;
  if (resetAfter) {
    let inner = matmul(hDropped, recurrentKernel);
    if (recurrentBias) inner = add(inner, recurrentBias);
    const [iz, ir, ih] = split(inner, 3, -1);
    z = recurrentActivation(add(xz, iz));
    r = recurrentActivation(add(xr, ir));
    hh = activation(add(xh, mul(r, ih)));
  } else {
    const [uzr, uh] = split(recurrentKernel, [2 * units, units], -1);
    const [iz, ir] = split(matmul(hDropped, uzr), 2, -1);
    z = recurrentActivation(add(xz, iz));
    r = recurrentActivation(add(xr, ir));
    hh = activation(add(xh, matmul(mul(r, hDropped), uh)));
  }
  return add(mul(z, h), mul(sub(1, z), hh));
}

/** Arguments of `GRUCell` (TensorFlow.js names). */
export interface GRUCellArgs extends GatedCellArgs {
  /** Apply the reset gate after the recurrent product (Keras 2+ default; bias [2, 3 * units]). Default false, as TensorFlow.js. */
  resetAfter?: boolean;
}

/**
 * The cell of GRU (gated recurrent unit). Weights: kernel [inputDim, 3 * units], recurrent_kernel
 * [units, 3 * units], bias [3 * units] ([2, 3 * units] with resetAfter), gates ordered z, r, h.
 * @example layers.rnn({cell: layers.gruCell({units: 8})})
 */
export class GRUCell extends RecurrentCell {
  static readonly className: string = 'GRUCell';
  readonly recurrentActivation: Activation;
  readonly resetAfter: boolean;
  readonly implementation: number;

  constructor(args: GRUCellArgs) {
    super(args);
    this.recurrentActivation = recurrentActivationOf(this.name, args);
    this.resetAfter = args.resetAfter ?? false;
    this.implementation = args.implementation ?? 2;
  }

  get stateSize(): number[] { return [this.units]; }

  protected get gates(): number { return 3; }

  protected override get biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor[] {
    const [x0, h] = inputs as Tensor[];
    const [x, hDropped] = this.dropped(x0, h, kwargs.training === true);
    const activations = { activation: this.activation.apply, recurrentActivation: this.recurrentActivation.apply };
    const [w, u, b] = [this.kernel!.value, this.recurrentKernel!.value, this.bias?.value ?? null];
    // With built-in activations nothing else sees the gates: their storage is reused.
    const pure = isBuiltInActivation(activations.activation) && isBuiltInActivation(activations.recurrentActivation);
    const out = pure ? withInternal(() => gruCell(x, h, w, u, b, activations, this.resetAfter, hDropped), (r) => [r])
      : gruCell(x, h, w, u, b, activations, this.resetAfter, hDropped);
    return [out, out];
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      recurrentActivation: this.recurrentActivation.name,
      implementation: this.implementation,
      resetAfter: this.resetAfter,
    };
  }
}
registerClass(GRUCell);

/** Arguments of `GRU`: the cell's and the RNN layer's (TensorFlow.js names). */
export interface GRUArgs extends GRUCellArgs, RNNLayerArgs {}

/**
 * Gated recurrent unit layer (Cho 2014) over [batch, steps, features] inputs, with TensorFlow.js defaults
 * (recurrentActivation 'hardSigmoid', resetAfter false). Weights: kernel [inputDim, 3 * units],
 * recurrent_kernel [units, 3 * units], bias [3 * units] (gates z, r, h).
 * @example layers.gru({units: 16}).apply(zeros([2, 10, 8])) // shape [2, 16]
 */
export class GRU extends RNN {
  static override readonly className: string = 'GRU';
  declare readonly cell: GRUCell;

  constructor(args: GRUArgs) {
    super({ ...args, cell: new GRUCell(cellArgsOf(args, 'gru_cell')) });
    this.cell.name = this.name;
  }
}
registerClass(GRU);
