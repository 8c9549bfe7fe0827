// The training loop: what LayersModel's compile / fit / fitDataset / evaluate / evaluateDataset / trainOnBatch
// delegate to, plus predict helpers, variableGrads and the callbacks.
export { compileModel, compiledOf } from './compile.js';
export type { Compiled, OutputLoss } from './compile.js';
export { fitModel, trainOnBatchModel } from './fit.js';
export { fitDatasetModel, evaluateDatasetModel } from './fit-dataset.js';
export { evaluateModel, predictModel, predictOnBatchModel } from './evaluate.js';
export { variableGrads } from './variable-grads.js';
export type { VariableGrads } from './variable-grads.js';
export type {
  TrainableModel, CompileArgs, FitArgs, FitDatasetArgs, EvaluateArgs, EvaluateDatasetArgs, PredictArgs, Data,
  ClassWeight, LossesArg, MetricIdentifier,
} from './types.js';
export * from './callbacks/index.js';
