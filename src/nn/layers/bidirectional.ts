import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { add, mul } from '../../ops/arithmetic.js';
import { concat } from '../../ops/concat.js';
import { reverse } from '../../ops/slice.js';
import type { Layer } from '../layer.js';
import type { CallArgs } from '../layer.js';
import { deserialize, registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { isShapeList, toList } from '../symbolic.js';
import type { AnyTensor, LayerShape, ShapeOrShapes, SymbolicTensor } from '../symbolic.js';
import { RNN, inputsWithState } from './rnn-base.js';
import type { RNNCallArgs } from './rnn-base.js';
import { Wrapper } from './wrapper.js';
import type { WrapperArgs } from './wrapper.js';

/** How Bidirectional combines the forward and backward outputs; null returns both. */
export type BidirectionalMergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

const MERGE_MODES: readonly BidirectionalMergeMode[] = ['concat', 'sum', 'mul', 'ave', null];

/** Arguments of `Bidirectional` (TensorFlow.js names). */
export interface BidirectionalArgs extends WrapperArgs {
  /** 'concat' (default), 'sum', 'mul', 'ave', or null for [forward, backward]. */
  mergeMode?: BidirectionalMergeMode;
}

/**
 * Runs a recurrent layer forwards and a copy of it backwards over the sequence and merges the two outputs
 * (the backward sequence is re-reversed so steps align). Weights: the forward layer's, then the backward layer's.
 * Initial states (extra inputs or `initialState`) are the forward states followed by the backward states.
 * @example layers.bidirectional({layer: layers.lstm({units: 8, returnSequences: true})}).apply(zeros([2, 5, 3])) // shape [2, 5, 16]
 */
export class Bidirectional extends Wrapper {
  static readonly className: string = 'Bidirectional';
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: BidirectionalMergeMode;
  readonly returnSequences: boolean;
  readonly returnState: boolean;

  constructor(args: BidirectionalArgs) {
    super(args);
    const fn = this.name;
    check(this.layer instanceof RNN, fn, () => `layer must be a recurrent layer (SimpleRNN, LSTM, GRU, RNN), received ${describe(this.layer)}`);
    const className = this.layer.getClassName(), config = this.layer.getConfig();
    // Fresh copies (their own weights), named before construction so their weights are '<forward_name>/kernel'.
    this.forwardLayer = deserialize<RNN>('layer', { className, config: { ...config, name: `forward_${this.layer.name}` } });
    this.backwardLayer = deserialize<RNN>('layer', {
      className, config: { ...config, name: `backward_${this.layer.name}`, goBackwards: config.goBackwards !== true },
    });
    this.mergeMode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    check(MERGE_MODES.includes(this.mergeMode), fn,
      () => `mergeMode must be one of 'concat', 'sum', 'mul', 'ave' or null, received ${describe(args.mergeMode)}`);
    this.returnSequences = this.forwardLayer.returnSequences;
    this.returnState = this.forwardLayer.returnState;
    this.stateful = this.forwardLayer.stateful;
    this.supportsMasking = true;
    this.inputSpec = [{ ndim: 3 }];
    // The wrapped layer's input is the wrapper's: an inputShape given to it starts a Sequential model too.
    if (this.batchInputShape === null && this.layer.batchInputShape !== null) this.batchInputShape = [...this.layer.batchInputShape];
  }

  protected get innerLayers(): Layer[] { return [this.forwardLayer, this.backwardLayer]; }

  override apply(inputs: SymbolicTensor | SymbolicTensor[], kwargs?: RNNCallArgs): SymbolicTensor | SymbolicTensor[];
  override apply(inputs: Tensor | Tensor[], kwargs?: RNNCallArgs): Tensor | Tensor[];
  override apply(inputs: AnyTensor | AnyTensor[], kwargs?: RNNCallArgs): AnyTensor | AnyTensor[];
  override apply(inputs: AnyTensor | AnyTensor[], kwargs: RNNCallArgs = {}): AnyTensor | AnyTensor[] {
    const { initialState, ...rest } = kwargs;
    const list = inputsWithState(this.name, inputs, initialState);
    check(list.length % 2 === 1, this.name,
      () => `initial states must be the forward layer's followed by the backward layer's (an even number), received ${list.length - 1}`);
    this.inputSpec = [{ ndim: 3 }, ...new Array<null>(list.length - 1).fill(null)];
    return super.apply(list.length === 1 ? list[0] : list, rest);
  }

  override build(inputShape: ShapeOrShapes): void {
    const shape = isShapeList(inputShape) ? inputShape[0] : inputShape;
    for (const l of this.innerLayers) {
      if (!l.built) { l.build(shape); l.built = true; }
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const shape = isShapeList(inputShape) ? inputShape[0] : inputShape;
    const shapes = this.forwardLayer.computeOutputShape(shape);
    const [out, ...states] = isShapeList(shapes) ? shapes : [shapes];
    const merged: LayerShape[] = this.mergeMode === null ? [out, out]
      : this.mergeMode === 'concat' ? [[...out.slice(0, -1), out[out.length - 1] === null ? null : 2 * out[out.length - 1]!]] : [out];
    const all = this.returnState ? [...merged, ...states, ...states] : merged;
    return all.length === 1 ? all[0] : all;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null | (Tensor | null)[] | undefined): Tensor | null | (Tensor | null)[] {
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const out = this.returnSequences ? m : null;
    const outs = this.mergeMode === null ? [out, out] : [out];
    const states = this.returnState ? this.forwardLayer.cell.stateSize.flatMap(() => [null, null]) : [];
    const all = [...outs, ...states];
    return all.length === 1 ? all[0] : all;
  }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor | Tensor[] {
    const [x, ...states] = toList(inputs);
    const half = states.length / 2;
    const callArgs: CallArgs = { training: kwargs.training, mask: kwargs.mask };
    const fw = toList(this.forwardLayer.call([x, ...states.slice(0, half)], callArgs));
    const bw = toList(this.backwardLayer.call([x, ...states.slice(half)], callArgs));
    const y = fw[0];
    // The backward layer emits its sequence last step first: reverse it so both outputs align in time.
    const yRev = this.returnSequences ? reverse(bw[0], 1) : bw[0];
    let merged: Tensor[];
    switch (this.mergeMode) {
      case 'concat': merged = [concat([y, yRev], -1)]; break;
      case 'sum': merged = [add(y, yRev)]; break;
      case 'mul': merged = [mul(y, yRev)]; break;
      case 'ave': merged = [mul(add(y, yRev), 0.5)]; break;
      default: merged = [y, yRev];
    }
    const all = this.returnState ? [...merged, ...fw.slice(1), ...bw.slice(1)] : merged;
    return all.length === 1 ? all[0] : all;
  }

  override resetStates(): void {
    this.forwardLayer.resetStates();
    this.backwardLayer.resetStates();
  }

  override getConfig(): ConfigDict {
    return { mergeMode: this.mergeMode, ...super.getConfig() };
  }
}
registerClass(Bidirectional);
