import type { Tensor } from '../core/tensor.js';
import type { TensorLike } from '../ops/convert.js';
import { lossOptions, reduceLosses } from './reduction.js';
import type { ReductionOptions } from './reduction.js';

/**
 * A loss: called as `loss(yTrue, yPred, options?)` it returns the reduced value (the mean over the batch by
 * default; a tensor third argument is a sample weight, as TensorFlow.js `weights`); `loss.perSample` gives the
 * unreduced values, one per sample (the last axis reduced), which `fit` weights and averages.
 * @example losses.meanSquaredError(yTrue, yPred); losses.meanSquaredError.perSample(yTrue, yPred) // shape [batch]
 */
export interface LossFunction<O extends ReductionOptions = ReductionOptions> {
  (yTrue: TensorLike, yPred: TensorLike, options?: O | Tensor): Tensor;
  /** Per-sample values before weighting and reduction. */
  readonly perSample: (yTrue: TensorLike, yPred: TensorLike, options?: O) => Tensor;
  /** The camelCase name, e.g. 'meanSquaredError'. */
  readonly lossName: string;
}

/**
 * Builds a LossFunction from its per-sample rule (reduction and sample weights come with it).
 * @example const l1 = defineLoss('l1', (t, p) => sum(abs(sub(p, t)), -1)); l1(yTrue, yPred, { reduction: 'sum' })
 */
export function defineLoss<O extends ReductionOptions>(
  name: string, perSample: (yTrue: TensorLike, yPred: TensorLike, options: O) => Tensor,
): LossFunction<O> {
  const f = (yTrue: TensorLike, yPred: TensorLike, options?: O | Tensor): Tensor => {
    const o = lossOptions<O>(options);
    return reduceLosses(name, perSample(yTrue, yPred, o), o);
  };
  return Object.assign(f, {
    perSample: (yTrue: TensorLike, yPred: TensorLike, options?: O) => perSample(yTrue, yPred, options ?? ({} as O)),
    lossName: name,
  });
}
