// The recurrent machinery: `rnnLoop` runs a step function over the time axis (masks, reversal, per-step outputs),
// and `RNN` is the layer that loops a cell over its input (SimpleRNN, LSTM and GRU are RNNs with a fixed cell).
import { ArgumentError, check, describe, fmtShape } from '../../core/errors.js';
import { isFloat } from '../../core/dtype.js';
import { shapesEqual } from '../../core/shape.js';
import { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { add, mul, sub } from '../../ops/arithmetic.js';
import { cast } from '../../ops/cast.js';
import { stack, unstack } from '../../ops/concat.js';
import { zeros } from '../../ops/creation.js';
import { reshape } from '../../ops/reshape.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape } from '../layer-utils.js';
import { deserialize, registerClass } from '../registry.js';
import { isSerializedObject } from '../serialization.js';
import type { ConfigDict, SerializedObject } from '../serialization.js';
import { fmtLayerShape, isShapeList, toList } from '../symbolic.js';
import type { AnyTensor, LayerShape, ShapeOrShapes, SymbolicTensor } from '../symbolic.js';
import { RNNCell } from './rnn-cell.js';

/** One step of a recurrence: the step input and the states in, the step output and the new states out. */
export type StepFunction = (x: Tensor, states: Tensor[]) => [Tensor, Tensor[]];

/** Options of `rnnLoop`. */
export interface RnnLoopOptions {
  /** Process the steps last to first (outputs are then in reversed time order, as Keras). */
  goBackwards?: boolean;
  /** [batch, steps] mask: masked steps keep the previous states and repeat the previous output. */
  mask?: Tensor | null;
  /** Masked steps output zeros instead of the previous output. */
  zeroOutputForMask?: boolean;
  /** Also return every step's output, stacked on axis 1. */
  returnSequences?: boolean;
}

/** What `rnnLoop` returns. */
export interface RnnLoopResult {
  lastOutput: Tensor;
  /** [batch, steps, ...] step outputs, when `returnSequences`. */
  outputs: Tensor | null;
  states: Tensor[];
}

/**
 * Runs `step` over axis 1 of `inputs` [batch, steps, ...] from `initialStates` (TensorFlow.js' `rnn`).
 * @example rnnLoop((x, [h]) => { const y = tanh(add(x, h)); return [y, [y]]; }, x, [zeros([2, 3])]).lastOutput
 */
export function rnnLoop(step: StepFunction, inputs: Tensor, initialStates: readonly Tensor[], options: RnnLoopOptions = {}): RnnLoopResult {
  const fn = 'rnnLoop';
  check(inputs.rank >= 3, fn, () => `inputs must have rank >= 3 ([batch, steps, ...]), received shape ${fmtShape(inputs.shape)}`);
  const [batch, steps] = inputs.shape;
  check(steps > 0, fn, () => `inputs must have at least one step, received shape ${fmtShape(inputs.shape)}`);
  const xs = unstack(inputs, 1);
  let ms: Tensor[] | null = null;
  if (options.mask) {
    const mask = options.mask;
    check(shapesEqual(mask.shape, [batch, steps]), fn,
      () => `mask must have shape [batch, steps] = ${fmtShape([batch, steps])}, received ${fmtShape(mask.shape)}`);
    const dtype = isFloat(inputs.dtype) ? inputs.dtype : 'float32';
    ms = unstack(cast(cast(mask, 'bool'), dtype), 1).map((m) => reshape(m, [batch, 1]));
  }
  if (options.goBackwards) {
    xs.reverse();
    ms?.reverse();
  }
  let states = [...initialStates];
  let last: Tensor | null = null;
  const outputs: Tensor[] = [];
  for (let t = 0; t < steps; t++) {
    let [out, next] = step(xs[t], states);
    if (ms) {
      const m = ms[t], keep = sub(1, m);
      // As TensorFlow.js: a masked step repeats the previous output (the first state) and keeps every state.
      out = options.zeroOutputForMask ? mul(out, m) : add(mul(out, m), mul(states[0], keep));
      const prev = states;
      next = next.map((s, i) => add(mul(s, m), mul(prev[i], keep)));
    }
    last = out;
    states = next;
    if (options.returnSequences) outputs.push(out);
  }
  return { lastOutput: last!, outputs: options.returnSequences ? stack(outputs, 1) : null, states };
}

/** Options of an RNN layer (TensorFlow.js names). */
export interface RNNLayerArgs extends LayerArgs {
  /** Return the output of every step [batch, steps, units] instead of the last [batch, units] (default false). */
  returnSequences?: boolean;
  /** Also return the final states, after the output (default false). */
  returnState?: boolean;
  /** Process the sequence backwards (default false); returned sequences are in reversed order. */
  goBackwards?: boolean;
  /** Keep the final states of a batch as the initial states of the next (needs a fixed batch size). */
  stateful?: boolean;
  /** Accepted and ignored (the loop always runs step by step). */
  unroll?: boolean;
  /** Masked steps output zeros instead of repeating the previous output (default false, as TensorFlow.js). */
  zeroOutputForMask?: boolean;
}

/** Arguments of the generic `RNN` layer. */
export interface RNNArgs extends RNNLayerArgs {
  /** The cell looped over time (an RNNCell, or its `{className, config}`). */
  cell: RNNCell | SerializedObject;
}

/** Keyword arguments of an RNN call. */
export interface RNNCallArgs extends CallArgs {
  /** Initial states (default zeros, or the kept states of a stateful layer). */
  initialState?: AnyTensor | AnyTensor[] | null;
}

function flag(fn: string, name: string, v: unknown): boolean {
  check(v === undefined || v === null || typeof v === 'boolean', fn, () => `${name} must be a boolean, received ${describe(v)}`);
  return v === true;
}

/**
 * A recurrent layer: loops `cell` over the steps of [batch, steps, features] inputs. Initial states may be given
 * as extra inputs (`apply([x, h0, c0])`) or as `initialState`; masks from Embedding(maskZero) are honored.
 * @example layers.rnn({cell: new SimpleRNNCell({units: 4}), returnSequences: true}).apply(zeros([2, 5, 3])) // shape [2, 5, 4]
 */
export class RNN extends Layer {
  static readonly className: string = 'RNN';
  readonly cell: RNNCell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly unroll: boolean;
  readonly zeroOutputForMask: boolean;
  private keptStates: Tensor[] | null = null;
  private statefulBatch: number | null = null;

  constructor(args: RNNArgs) {
    super(args);
    const fn = this.name;
    check(typeof args === 'object' && args !== null, fn, () => `expected a config object, received ${describe(args)}`);
    const cell = isSerializedObject(args.cell) ? deserialize<Layer>('layer', args.cell) : args.cell;
    if (Array.isArray(cell)) throw new ArgumentError(fn, 'a list of cells (StackedRNNCells) is not supported; stack RNN layers with returnSequences instead');
    check(cell instanceof RNNCell, fn, () => `cell must be an RNNCell (SimpleRNNCell, LSTMCell, GRUCell or a subclass), received ${describe(args.cell)}`);
    this.cell = cell;
    this.returnSequences = flag(fn, 'returnSequences', args.returnSequences);
    this.returnState = flag(fn, 'returnState', args.returnState);
    this.goBackwards = flag(fn, 'goBackwards', args.goBackwards);
    this.stateful = flag(fn, 'stateful', args.stateful);
    this.unroll = flag(fn, 'unroll', args.unroll);
    this.zeroOutputForMask = flag(fn, 'zeroOutputForMask', args.zeroOutputForMask);
    this.supportsMasking = true;
    this.inputSpec = [{ ndim: 3 }];
  }

  // The weights are the cell's: the layer reports, freezes and regularizes them.
  override get trainable(): boolean { return super.trainable; }
  override set trainable(on: boolean) {
    super.trainable = on;
    this.cell.trainable = on;
  }

  override get trainableWeights(): Variable[] {
    return this.trainable ? this.cell.trainableWeights : [];
  }

  override get nonTrainableWeights(): Variable[] {
    return this.trainable ? this.cell.nonTrainableWeights : this.cell.weights;
  }

  override calculateLosses(): Tensor[] {
    return [...super.calculateLosses(), ...this.cell.calculateLosses()];
  }

  override apply(inputs: SymbolicTensor | SymbolicTensor[], kwargs?: RNNCallArgs): SymbolicTensor | SymbolicTensor[];
  override apply(inputs: Tensor | Tensor[], kwargs?: RNNCallArgs): Tensor | Tensor[];
  override apply(inputs: AnyTensor | AnyTensor[], kwargs?: RNNCallArgs): AnyTensor | AnyTensor[];
  override apply(inputs: AnyTensor | AnyTensor[], kwargs: RNNCallArgs = {}): AnyTensor | AnyTensor[] {
    const { initialState, ...rest } = kwargs;
    const list = inputsWithState(this.name, inputs, initialState);
    // Initial states enter as extra inputs so functional models track them; only the sequence has a spec.
    this.inputSpec = [{ ndim: 3 }, ...new Array<null>(list.length - 1).fill(null)];
    return super.apply(list.length === 1 ? list[0] : list, rest);
  }

  override build(inputShape: ShapeOrShapes): void {
    const shape = isShapeList(inputShape) ? inputShape[0] : oneShape(inputShape, this.name);
    check(shape.length === 3, this.name, () => `expected an input of rank 3 ([batch, steps, features]), received shape ${fmtLayerShape(shape)}`);
    if (!this.cell.built) {
      this.cell.build([shape[0], ...shape.slice(2)]);
      this.cell.built = true;
    }
    if (this.stateful) {
      const batch = shape[0] ?? this.batchInputShape?.[0] ?? null;
      check(typeof batch === 'number', this.name,
        () => 'a stateful RNN needs a fixed batch size: give the first layer batchInputShape (or batchSize), or the Input a batchShape');
      this.statefulBatch = batch;
      this.resetStates();
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const shape = isShapeList(inputShape) ? inputShape[0] : inputShape;
    const sizes = this.cell.stateSize;
    const out: LayerShape = this.returnSequences ? [shape[0], shape[1], sizes[0]] : [shape[0], sizes[0]];
    return this.returnState ? [out, ...sizes.map((u): LayerShape => [shape[0], u])] : out;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null | (Tensor | null)[] | undefined): Tensor | null | (Tensor | null)[] {
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const out = this.returnSequences ? m : null;
    return this.returnState ? [out, ...this.cell.stateSize.map(() => null)] : out;
  }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor | Tensor[] {
    const [x, ...given] = toList(inputs);
    check(x.rank === 3, this.name, () => `expected an input of rank 3 ([batch, steps, features]), received shape ${fmtShape(x.shape)}`);
    const sizes = this.cell.stateSize, batch = x.shape[0];
    const dtype = isFloat(x.dtype) ? x.dtype : this.dtype;
    let initial = given;
    if (initial.length === 0) initial = this.stateful ? this.statesFor(batch) : sizes.map((u) => zeros([batch, u], dtype));
    check(initial.length === sizes.length, this.name, () => `expected ${sizes.length} initial state(s), received ${initial.length}`);
    initial.forEach((s, i) => check(shapesEqual(s.shape, [batch, sizes[i]]), this.name,
      () => `initial state ${i} must have shape ${fmtShape([batch, sizes[i]])}, received ${fmtShape(s.shape)}`));
    const mask = (Array.isArray(kwargs.mask) ? kwargs.mask[0] : kwargs.mask) ?? null;
    const training = kwargs.training === true;
    this.cell.resetDropoutMasks();
    const step: StepFunction = (xt, states) => {
      const outs = toList(this.cell.call([xt, ...states], { training }));
      return [outs[0], outs.slice(1)];
    };
    const r = rnnLoop(step, x, initial, {
      goBackwards: this.goBackwards, mask, zeroOutputForMask: this.zeroOutputForMask, returnSequences: this.returnSequences,
    });
    // Stateful layers carry values, not gradients, from one batch to the next (truncated backpropagation).
    if (this.stateful) this.keptStates = r.states.map((s) => s.detach().markKept());
    const output = this.returnSequences ? r.outputs! : r.lastOutput;
    return this.returnState ? [output, ...r.states] : output;
  }

  private statesFor(batch: number): Tensor[] {
    check(batch === this.statefulBatch, this.name,
      () => `a stateful RNN was built for batch size ${String(this.statefulBatch)}, received a batch of ${batch}`);
    if (!this.keptStates) this.resetStates();
    return this.keptStates!;
  }

  /** The states a stateful layer will start its next batch from (null before the first). */
  get states(): Tensor[] | null {
    return this.keptStates ? [...this.keptStates] : null;
  }

  /**
   * Sets the kept states of a stateful layer to zeros, or to `states`.
   * @example lstm.resetStates() // start the next batch from zero states
   */
  override resetStates(states?: Tensor | Tensor[]): void {
    if (!this.stateful) return super.resetStates();
    const fn = `${this.name}.resetStates`;
    check(this.statefulBatch !== null, fn, () => 'the layer is not built yet; call it on an input first');
    const batch = this.statefulBatch, sizes = this.cell.stateSize;
    if (states === undefined) {
      this.keptStates = sizes.map((u) => zeros([batch, u], this.dtype).markKept());
      return;
    }
    const list = toList(states);
    check(list.length === sizes.length && list.every((s, i) => s instanceof Tensor && shapesEqual(s.shape, [batch, sizes[i]])), fn,
      () => `expected ${sizes.length} state(s) of shapes ${sizes.map((u) => fmtShape([batch, u])).join(', ')}, received ${list.map(describe).join(', ')}`);
    this.keptStates = list.map((s) => s.detach().markKept());
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = {
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
    };
    if (this.zeroOutputForMask) config.zeroOutputForMask = true;
    if (this.getClassName() === RNN.className) {
      return { ...super.getConfig(), ...config, cell: { className: this.cell.getClassName(), config: this.cell.getConfig() } };
    }
    // SimpleRNN, LSTM and GRU flatten their cell's options into their own config, as TensorFlow.js.
    return { ...this.cell.getConfig(), ...super.getConfig(), ...config };
  }
}
registerClass(RNN);

/**
 * The inputs of a recurrent layer with its initial states appended: states come either as extra inputs or through
 * `initialState`, never both.
 * @example inputsWithState('lstm_1', x, [h0, c0]) // [x, h0, c0]
 */
export function inputsWithState(name: string, inputs: AnyTensor | AnyTensor[], initialState: RNNCallArgs['initialState']): AnyTensor[] {
  const list = toList<AnyTensor>(inputs);
  if (initialState === undefined || initialState === null) return list;
  check(list.length === 1, name, () => `give initial states either as extra inputs or as initialState, not both (received ${list.length} inputs)`);
  return [list[0], ...toList<AnyTensor>(initialState)];
}
