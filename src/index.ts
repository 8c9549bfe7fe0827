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
export { tidy, keep, dispose } from './core/tidy.js';
export type { TensorContainer } from './core/tidy.js';
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
export * as losses from './losses/index.js';
export * as metrics from './metrics/index.js';
export * as optimizers from './optimizers/index.js';
/** TensorFlow.js's name for the optimizer factories: `train.adam(0.001)`. */
export * as train from './optimizers/index.js';
export * as callbacks from './train/callbacks/index.js';
export { Optimizer, SGD, Adagrad, Adadelta, RMSprop, Adam, AdamW, Adamax, Nadam, LearningRateSchedule, getOptimizer } from './optimizers/index.js';
export type { OptimizerOptions, NamedTensor, GradientsInput } from './optimizers/index.js';
export { getLoss } from './losses/index.js';
export type { LossFunction, Reduction } from './losses/index.js';
export { Metric, Mean, MeanMetricWrapper, Accuracy, Precision, Recall, F1Score, AUC, RootMeanSquaredError, R2Score, confusionMatrix, getMetric } from './metrics/index.js';
export { Callback, History, EarlyStopping, ModelCheckpoint, LearningRateScheduler, ReduceLROnPlateau, CSVLogger, TerminateOnNaN, ProgressLogger, variableGrads } from './train/index.js';
export type { Logs, CallbackHooks, TrainableModel, CompileArgs, FitArgs, FitDatasetArgs, EvaluateArgs } from './train/index.js';
export { VotingClassifier, BaggingClassifier, AdaBoostClassifier, StackingClassifier, DecisionStump, LogisticRegression, fromModel, ModelEstimator } from './ensemble/index.js';
export type { VotingOptions, BaggingOptions, AdaBoostOptions, StackingOptions, DecisionStumpOptions, LogisticRegressionOptions, ModelLike, FromModelOptions, Estimator, EstimatorEntry, EstimatorFitOptions } from './ensemble/index.js';
export { KMeans, silhouetteScore, adjustedRandScore } from './cluster/index.js';
export type { KMeansOptions } from './cluster/index.js';
export {
  layers, sequential, model, input, modelFromConfig, initializers, regularizers,
  Layer, LayersModel, Sequential, Container, InputLayer, SymbolicTensor, Initializer, Regularizer, L1L2,
  Dense, Activation, Dropout, Flatten, Reshape, Permute, RepeatVector, Add, Subtract, Multiply, Average, Maximum,
  Minimum, Concatenate, ReLU, LeakyReLU, PReLU, ELU, Softmax, Embedding, BatchNormalization, LayerNormalization,
  Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D, MaxPooling1D, MaxPooling2D, AveragePooling1D,
  AveragePooling2D, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D, ZeroPadding2D,
  UpSampling2D, SimpleRNN, SimpleRNNCell, LSTM, LSTMCell, GRU, GRUCell, RNN, Bidirectional, TimeDistributed, MultiHeadAttention,
  registerLayer, registerClass, serialization, withCustomObjects, getInitializer, getRegularizer, getActivation,
  registerActivation, activationNames, getMask,
} from './nn/index.js';
export type {
  LayerArgs, CallArgs, InputSpec, LayerShape, ShapeOrShapes, InputArgs, InputLayerArgs, ContainerArgs, SequentialArgs,
  ConfigDict, ConfigValue, SerializedObject, SerializableClass, InitializerIdentifier, RegularizerIdentifier,
  ActivationFn, PrintFn, DenseArgs, DropoutArgs, EmbeddingArgs, BatchNormalizationArgs, LayerNormalizationArgs,
  Conv1DArgs, Conv2DArgs, Conv2DTransposeArgs, DepthwiseConv2DArgs, SeparableConv2DArgs, PoolingArgs,
  GlobalPoolingArgs, ZeroPadding2DArgs, UpSampling2DArgs, SimpleRNNArgs, LSTMArgs, GRUArgs, RNNArgs, BidirectionalArgs,
  TimeDistributedArgs, MultiHeadAttentionArgs,
  PredictArgs as ModelPredictArgs,
} from './nn/index.js';
export { saveModel, loadLayersModel, getModelArtifacts, modelFromArtifacts, http, registerSaveRouter, registerLoadRouter, parseModelJSON, encodeWeights, decodeWeights, quantizeWeight } from './io/index.js';
export { fromMemory, withSaveHandler, memoryHandler } from './io/index.js';
export type { IOHandler, ModelArtifacts, SaveResult, SaveOptions, LoadOptions, ModelJSON, WeightsManifestEntry, TrainingConfig } from './io/index.js';
/** The model IO namespace, as TensorFlow.js's `tf.io`. */
export * as io from './io/index.js';
