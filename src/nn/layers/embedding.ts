import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { cast } from '../../ops/cast.js';
import { notEqual } from '../../ops/compare.js';
import { gather } from '../../ops/gather.js';
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
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { checkInt, checkNoConstraint } from './common.js';

/** Arguments of `Embedding` (TensorFlow.js names). */
export interface EmbeddingArgs extends LayerArgs {
  /** Vocabulary size: ids are in [0, inputDim). */
  inputDim: number;
  /** Size of each embedding vector. */
  outputDim: number;
  /** Initializer of the table (default 'randomUniform' in [-0.05, 0.05]). */
  embeddingsInitializer?: InitializerIdentifier;
  embeddingsRegularizer?: RegularizerIdentifier | null;
  activityRegularizer?: RegularizerIdentifier | null;
  embeddingsConstraint?: null;
  /** Treat id 0 as padding: outputs carry a mask (id != 0) that recurrent layers honor. */
  maskZero?: boolean;
  /** Length of the input sequences, when fixed (needed by Flatten after it). */
  inputLength?: number | (number | null)[] | null;
}

/**
 * Maps integer ids to dense vectors: [batch, ...] ids -> [batch, ..., outputDim]. Weight: embeddings
 * [inputDim, outputDim].
 * @example layers.embedding({inputDim: 1000, outputDim: 16, maskZero: true}).apply(ids)
 */
export class Embedding extends Layer {
  static readonly className: string = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | null;
  readonly maskZero: boolean;
  readonly inputLength: number | (number | null)[] | null;
  embeddings: Variable | null = null;

  constructor(args: EmbeddingArgs) {
    super(args);
    const fn = this.name;
    this.inputDim = checkInt(fn, 'inputDim', args?.inputDim, 1);
    this.outputDim = checkInt(fn, 'outputDim', args.outputDim, 1);
    this.embeddingsInitializer = getInitializer(args.embeddingsInitializer ?? 'randomUniform', fn);
    this.embeddingsRegularizer = getRegularizer(args.embeddingsRegularizer, fn);
    this.activityRegularizer = getRegularizer(args.activityRegularizer, fn);
    checkNoConstraint(fn, args, ['embeddingsConstraint']);
    this.maskZero = args.maskZero ?? false;
    this.supportsMasking = this.maskZero;
    const len = args.inputLength ?? null;
    check(len === null || Number.isInteger(len) || (Array.isArray(len) && len.every((d) => d === null || Number.isInteger(d))), fn,
      () => `inputLength must be an integer or an array of integers, received ${describe(len)}`);
    this.inputLength = Array.isArray(len) ? [...len] : len;
    if (this.batchInputShape === null) {
      // Ids of any length by default, so an Embedding can start a Sequential model without an inputShape.
      this.batchInputShape = [args.batchSize ?? null, ...(len === null ? [null] : Array.isArray(len) ? len : [len])];
    }
  }

  override build(_inputShape: ShapeOrShapes): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], this.embeddingsInitializer, this.embeddingsRegularizer);
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    if (this.inputLength === null) return [...s, this.outputDim];
    const lens = Array.isArray(this.inputLength) ? this.inputLength : [this.inputLength];
    check(lens.length === s.length - 1 && lens.every((d, i) => d === null || s[i + 1] === null || d === s[i + 1]), this.name,
      () => `inputLength is ${JSON.stringify(this.inputLength)}, but the input has shape ${fmtLayerShape(s)}`);
    return [s[0], ...lens.map((d, i) => d ?? s[i + 1]), this.outputDim];
  }

  override computeMask(inputs: Tensor | Tensor[]): Tensor | null {
    return this.maskZero ? notEqual(oneTensor(inputs, this.name), 0) : null;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const ids = oneTensor(inputs, this.name);
    return gather(this.embeddings!.value, ids.dtype === 'int32' ? ids : cast(ids, 'int32'));
  }

  override getConfig(): ConfigDict {
    return {
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: this.embeddingsInitializer.serialize(),
      embeddingsRegularizer: serializeRegularizer(this.embeddingsRegularizer),
      activityRegularizer: serializeRegularizer(this.activityRegularizer),
      embeddingsConstraint: null,
      maskZero: this.maskZero,
      inputLength: this.inputLength,
      ...super.getConfig(),
    };
  }
}
registerClass(Embedding);
