/**
 * tensorgrad: tensors with reverse-mode autograd, Keras-style layers and models.
 * This entry is browser-safe: it imports nothing from Node. Node-only features live in `tensorgrad/node`.
 */
export type { DType, DataArray } from './core/dtype.js';
export { Tensor } from './core/tensor.js';
export type { NestedArray } from './core/tensor.js';
export { ArgumentError } from './core/errors.js';
export { setSeed } from './core/random.js';
export { noGrad } from './core/grad-mode.js';
export { backward, gradients, grad, grads, valueAndGrad, valueAndGrads } from './core/autograd.js';
export type { BackwardOptions } from './core/autograd.js';
export { setBackend, getBackend, listBackends, registerBackend } from './core/backend.js';
export type { Backend } from './core/backend.js';
export { op, run, runOp } from './core/op.js';
export type { OpDef, OpSpec, Kernel, KernelArgs, Buf, TensorInfo, GradArgs } from './core/op.js';
export * from './ops/index.js';
import './ops/methods.js';
export { Variable } from './core/variable.js';
export { Dataset } from './data/dataset.js';
export type { BatchOptions, ShuffleOptions, Sample } from './data/dataset.js';
export type { Stackable, Batched } from './data/batch.js';
export { takeRows } from './data/rows.js';
export { trainTestSplit, kFold } from './data/split.js';
export type { SplitOptions, TrainTestSplit, KFoldOptions, Fold } from './data/split.js';
export { StandardScaler, MinMaxScaler, FeatureScaler } from './data/scalers.js';
export type { MinMaxOptions } from './data/scalers.js';
export { LabelEncoder, OneHotEncoder, oneHotEncode } from './data/encoders.js';
export type { Category } from './data/encoders.js';
export { flattenImages, normalizeImages, resizeImages } from './data/images.js';
export type { Channels, NormalizeOptions } from './data/images.js';
export { Tokenizer, padSequences } from './data/tokenizer.js';
export type { TokenizerOptions, TokenizerJSON, PadOptions } from './data/tokenizer.js';
export { xor, circles, moons, spirals, regressionLine, oysters } from './data/synthetic.js';
export type { SyntheticOptions, SyntheticData, RegressionLineData, OysterData } from './data/synthetic.js';
export { parseIdx, encodeIdx } from './data/idx.js';
export type { IdxOptions } from './data/idx.js';
export { DataFormatError } from './data/errors.js';
