// Ensembles of classifiers (scikit-learn style) and the estimator interface they combine.
export { VotingClassifier } from './voting.js';
export type { VotingOptions } from './voting.js';
export { BaggingClassifier } from './bagging.js';
export type { BaggingOptions } from './bagging.js';
export { AdaBoostClassifier } from './boosting.js';
export type { AdaBoostOptions } from './boosting.js';
export { StackingClassifier } from './stacking.js';
export type { StackingOptions } from './stacking.js';
export { DecisionStump } from './stump.js';
export type { DecisionStumpOptions } from './stump.js';
export { LogisticRegression } from './linear.js';
export type { LogisticRegressionOptions } from './linear.js';
export { fromModel, ModelEstimator } from './adapter.js';
export type { ModelLike, FromModelOptions } from './adapter.js';
export { score } from './common.js';
export type { Estimator, EstimatorEntry, EstimatorFitOptions } from './types.js';
