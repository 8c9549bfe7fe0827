import { ArgumentError, check, describe, fmtShape } from '../../core/errors.js';
import { Random } from '../../core/random.js';
import { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { add, mul, sub } from '../../ops/arithmetic.js';
import { cast } from '../../ops/cast.js';
import { dropout } from '../../ops/dropout.js';
import { matmul } from '../../ops/matmul.js';
import { expandDims, reshape } from '../../ops/reshape.js';
import { softmax } from '../../ops/softmax.js';
import { transpose } from '../../ops/transpose.js';
import { getInitializer } from '../initializers.js';
import type { Initializer, InitializerIdentifier } from '../initializers.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { shapeList } from '../layer-utils.js';
import { getRegularizer, serializeRegularizer } from '../regularizers.js';
import type { Regularizer, RegularizerIdentifier } from '../regularizers.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { fmtLayerShape, toList } from '../symbolic.js';
import type { AnyTensor, LayerShape, ShapeOrShapes, SymbolicTensor } from '../symbolic.js';
import { checkNoConstraint, checkRange } from './common.js';

/** Arguments of `MultiHeadAttention` (Keras names, camelCase). */
export interface MultiHeadAttentionArgs extends LayerArgs {
  /** Number of attention heads. */
  numHeads: number;
  /** Size of each head for query and key. */
  keyDim: number;
  /** Size of each head for value (default keyDim). */
  valueDim?: number | null;
  /** Dropout rate on the attention probabilities in training (default 0). */
  dropout?: number;
  /** Whether the projections have biases (default true). */
  useBias?: boolean;
  /** Size of the output's last axis (default: the query's). */
  outputShape?: number | readonly number[] | null;
  /** Only null (attention over axis 1 of rank-3 inputs) or [1] is supported. */
  attentionAxes?: number | readonly number[] | null;
  /** Kernel initializer (default 'glorotUniform', as Keras). */
  kernelInitializer?: InitializerIdentifier;
  /** Bias initializer (default 'zeros'). */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  activityRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: null;
  biasConstraint?: null;
  /** Seeds the dropout masks of this layer. */
  seed?: number | null;
}

/** Keyword arguments of a MultiHeadAttention call. */
export interface MultiHeadAttentionCallArgs extends CallArgs {
  /** [batch, Tq, Tk] mask, 1 (or true) where a query may attend to a key. */
  attentionMask?: AnyTensor | null;
  /** Also forbid attending to later positions (mask[i, j] = i >= j). */
  useCausalMask?: boolean;
  /** Also return the attention probabilities [batch, heads, Tq, Tk]. */
  returnAttentionScores?: boolean;
}

// Keras adds this to masked logits (its large negative number for float32 and float64).
const MASKED = -1e9;

interface Projection { kernel: Variable; bias: Variable | null }

/**
 * Multi-head (scaled dot-product) attention as Keras: query, key and value are projected to `numHeads` heads,
 * softmax(Q K^T / sqrt(keyDim)) weighs the values, and the heads are projected back. Inputs: [query, value] or
 * [query, value, key] (key defaults to value), each [batch, steps, features]; a 4th input (or `attentionMask`) is
 * the [batch, Tq, Tk] attention mask. Masks of query and value (Embedding maskZero) are honored.
 * Weights: query/kernel [qDim, heads, keyDim], query/bias [heads, keyDim], key/..., value/... [vDim, heads, valueDim],
 * attention_output/kernel [heads, valueDim, outDim], attention_output/bias [outDim].
 * @example layers.multiHeadAttention({numHeads: 2, keyDim: 4}).apply([q, v]) // shape of q
 */
export class MultiHeadAttention extends Layer {
  static readonly className: string = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  /** The `outputShape` option (null: the query's last dimension). */
  readonly outputDim: number | null;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly seed: number | null;
  private readonly rng: Random | null;
  private projections: Projection[] = [];
  private returningScores = false;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    const fn = this.name;
    check(typeof args === 'object' && args !== null, fn, () => `expected a config object, received ${describe(args)}`);
    const positive = (name: string, v: unknown): number => {
      check(Number.isInteger(v) && (v as number) > 0, fn, () => `${name} must be a positive integer, received ${describe(v)}`);
      return v as number;
    };
    this.numHeads = positive('numHeads', args.numHeads);
    this.keyDim = positive('keyDim', args.keyDim);
    this.valueDim = positive('valueDim', args.valueDim ?? args.keyDim);
    this.dropout = checkRange(fn, 'dropout', args.dropout ?? 0, 0, 1, true);
    this.useBias = args.useBias ?? true;
    const out = args.outputShape ?? null;
    if (out === null) this.outputDim = null;
    else if (Array.isArray(out) && out.length === 1) this.outputDim = positive('outputShape', out[0]);
    else if (!Array.isArray(out)) this.outputDim = positive('outputShape', out);
    else throw new ArgumentError(fn, `outputShape must be a positive integer or [n] (rank-3 outputs only), received ${JSON.stringify(out)}`);
    const axes = args.attentionAxes ?? null;
    check(axes === null || axes === 1 || (Array.isArray(axes) && axes.length === 1 && axes[0] === 1), fn,
      () => `only attention over axis 1 of [batch, steps, features] inputs is supported (attentionAxes null or [1]), received ${JSON.stringify(axes)}`);
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform', fn);
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', fn);
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer, fn);
    this.biasRegularizer = getRegularizer(args.biasRegularizer, fn);
    this.activityRegularizer = getRegularizer(args.activityRegularizer, fn);
    checkNoConstraint(fn, args, ['kernelConstraint', 'biasConstraint']);
    this.seed = args.seed ?? null;
    this.rng = this.seed === null ? null : new Random(this.seed);
    this.supportsMasking = true;
  }

  override apply(inputs: SymbolicTensor | SymbolicTensor[], kwargs?: MultiHeadAttentionCallArgs): SymbolicTensor | SymbolicTensor[];
  override apply(inputs: Tensor | Tensor[], kwargs?: MultiHeadAttentionCallArgs): Tensor | Tensor[];
  override apply(inputs: AnyTensor | AnyTensor[], kwargs?: MultiHeadAttentionCallArgs): AnyTensor | AnyTensor[];
  override apply(inputs: AnyTensor | AnyTensor[], kwargs: MultiHeadAttentionCallArgs = {}): AnyTensor | AnyTensor[] {
    const { attentionMask, ...rest } = kwargs;
    let list = toList<AnyTensor>(inputs);
    check(list.length >= 2 && list.length <= 4, this.name,
      () => `expected inputs [query, value], [query, value, key] or [query, value, key, attentionMask], received ${list.length} input(s)`);
    if (attentionMask !== undefined && attentionMask !== null) {
      check(list.length <= 3, this.name, () => 'give the attention mask either as the 4th input or as attentionMask, not both');
      list = [list[0], list[1], list[2] ?? list[1], attentionMask];
    }
    // The output count depends on returnAttentionScores, which computeOutputShape cannot see otherwise.
    this.returningScores = rest.returnAttentionScores === true;
    try {
      return super.apply(list, rest);
    } finally {
      this.returningScores = false;
    }
  }

  override build(inputShape: ShapeOrShapes): void {
    const shapes = shapeList(inputShape);
    const [q, v] = shapes, k = shapes[2] ?? v;
    const dims = [q, k, v].map((s, i) => {
      check(s.length === 3, this.name, () => `${['query', 'key', 'value'][i]} must have rank 3 ([batch, steps, features]), received shape ${fmtLayerShape(s)}`);
      const d = s[2];
      check(typeof d === 'number', this.name, () => `the last dimension of ${['query', 'key', 'value'][i]} must be known, received shape ${fmtLayerShape(s)}`);
      return d;
    });
    const h = this.numHeads;
    const make = (name: string, kernelShape: number[], biasShape: number[]): Projection => ({
      kernel: this.addWeight(`${name}/kernel`, kernelShape, this.kernelInitializer, this.kernelRegularizer),
      bias: this.useBias ? this.addWeight(`${name}/bias`, biasShape, this.biasInitializer, this.biasRegularizer) : null,
    });
    this.projections = [
      make('query', [dims[0], h, this.keyDim], [h, this.keyDim]),
      make('key', [dims[1], h, this.keyDim], [h, this.keyDim]),
      make('value', [dims[2], h, this.valueDim], [h, this.valueDim]),
    ];
    const outDim = this.outputDim ?? dims[0];
    this.projections.push(make('attention_output', [h, this.valueDim, outDim], [outDim]));
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const shapes = shapeList(inputShape);
    const [q, v] = shapes;
    const out: LayerShape = [q[0], q[1], this.outputDim ?? q[2]];
    return this.returningScores ? [out, [q[0], this.numHeads, q[1], v[1]]] : out;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null | (Tensor | null)[] | undefined): Tensor | null | (Tensor | null)[] {
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    return this.returningScores ? [m, null] : m;
  }

  /** x [batch, steps, dim] through a projection [dim, heads, size] to [batch, heads, steps, size]. */
  private project(x: Tensor, p: Projection): Tensor {
    const [b, t, d] = x.shape, [, h, size] = p.kernel.shape;
    let y = matmul(reshape(x, [b * t, d]), reshape(p.kernel.value, [d, h * size]));
    if (p.bias) y = add(y, reshape(p.bias.value, [h * size]));
    return transpose(reshape(y, [b, t, h, size]), [0, 2, 1, 3]);
  }

  /** The [batch, Tq, Tk] product of every mask that applies (1 attend, 0 not), or null when none does. */
  private combinedMask(q: Tensor, v: Tensor, masks: (Tensor | null)[], attention: Tensor | null, causal: boolean): Tensor | null {
    const [b, tq] = q.shape, tk = v.shape[1], dtype = q.dtype;
    const parts: Tensor[] = [];
    const asFloat = (m: Tensor): Tensor => cast(cast(m, 'bool'), dtype);
    if (masks[0]) parts.push(reshape(asFloat(masks[0]), [b, tq, 1]));
    if (masks[1]) parts.push(reshape(asFloat(masks[1]), [b, 1, tk]));
    if (masks[2]) parts.push(reshape(asFloat(masks[2]), [b, 1, tk]));
    if (attention) {
      check(attention.rank === 3 && attention.shape[1] === tq && attention.shape[2] === tk, this.name,
        () => `attentionMask must have shape [batch, ${tq}, ${tk}], received ${fmtShape(attention.shape)}`);
      parts.push(asFloat(attention));
    }
    if (causal) {
      const data = new Float64Array(tq * tk);
      for (let i = 0; i < tq; i++) for (let j = 0; j <= Math.min(i, tk - 1); j++) data[i * tk + j] = 1;
      parts.push(cast(Tensor.fromStorage(data, [1, tq, tk], 'float64'), dtype));
    }
    return parts.length === 0 ? null : parts.reduce((a, m) => mul(a, m));
  }

  override call(inputs: Tensor | Tensor[], kwargs: MultiHeadAttentionCallArgs): Tensor | Tensor[] {
    const list = toList(inputs);
    const [query, value] = list, key = list[2] ?? value, attention = list[3] ?? null;
    [query, key, value].forEach((t, i) => check(t.rank === 3, this.name,
      () => `${['query', 'key', 'value'][i]} must have rank 3 ([batch, steps, features]), received shape ${fmtShape(t.shape)}`));
    check(key.shape[1] === value.shape[1], this.name, () => `key and value must have the same number of steps, received key ${fmtShape(key.shape)} and value ${fmtShape(value.shape)}`);
    const [pq, pk, pv, po] = this.projections;
    const q = mul(this.project(query, pq), 1 / Math.sqrt(this.keyDim));
    const k = this.project(key, pk), v = this.project(value, pv);
    let logits = matmul(q, k, false, true);
    const masks = Array.isArray(kwargs.mask) ? kwargs.mask : [kwargs.mask ?? null];
    const mask = this.combinedMask(query, value, [masks[0] ?? null, masks[1] ?? null, list[2] ? masks[2] ?? null : null], attention,
      kwargs.useCausalMask === true);
    if (mask) logits = add(logits, mul(sub(1, expandDims(mask, 1)), MASKED));
    const scores = softmax(logits, -1);
    const probs = kwargs.training === true && this.dropout > 0
      ? dropout(scores, this.dropout, { seed: this.rng ? this.rng.nextU32() : undefined }) : scores;
    const [b, h, tq, dv] = [query.shape[0], this.numHeads, query.shape[1], this.valueDim];
    const context = reshape(transpose(matmul(probs, v), [0, 2, 1, 3]), [b * tq, h * dv]);
    const outDim = po.kernel.shape[2];
    let out = matmul(context, reshape(po.kernel.value, [h * dv, outDim]));
    if (po.bias) out = add(out, po.bias.value);
    out = reshape(out, [b, tq, outDim]);
    return kwargs.returnAttentionScores === true ? [out, scores] : out;
  }

  override getConfig(): ConfigDict {
    return {
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      useBias: this.useBias,
      outputShape: this.outputDim,
      attentionAxes: null,
      kernelInitializer: this.kernelInitializer.serialize(),
      biasInitializer: this.biasInitializer.serialize(),
      kernelRegularizer: serializeRegularizer(this.kernelRegularizer),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      activityRegularizer: serializeRegularizer(this.activityRegularizer),
      kernelConstraint: null,
      biasConstraint: null,
      seed: this.seed,
      ...super.getConfig(),
    };
  }
}
registerClass(MultiHeadAttention);
