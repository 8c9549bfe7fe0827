// The callbacks namespace: Keras classes plus TensorFlow.js-style factories.
export { Callback, CallbackList, History, toCallbacks } from './callback.js';
export type { CallbackHooks, CallbackLike, Logs, TrainingParams } from './callback.js';
export { EarlyStopping, earlyStopping } from './early-stopping.js';
export type { EarlyStoppingOptions } from './early-stopping.js';
export { ModelCheckpoint, formatPath } from './model-checkpoint.js';
export type { ModelCheckpointOptions } from './model-checkpoint.js';
export { LearningRateScheduler, ReduceLROnPlateau } from './learning-rate.js';
export type { ReduceLROnPlateauOptions } from './learning-rate.js';
export { CSVLogger } from './csv-logger.js';
export type { CSVLoggerOptions } from './csv-logger.js';
export { TerminateOnNaN } from './terminate-on-nan.js';
export { ProgressLogger, formatLogs, formatValue } from './progress.js';
export type { ProgressOptions } from './progress.js';
export type { Mode } from './monitor.js';
