// The classifier plumbing shared by train, evaluate and predict: checking that data fits a model, the loss for the
// model's output, and accuracy, loss and confusion matrix from the model's predictions.
import { fmtShape } from '../core/errors.js';
import { noGrad } from '../core/grad-mode.js';
import { Tensor } from '../core/tensor.js';
import { binaryCrossentropy, sparseCategoricalCrossentropy } from '../losses/index.js';
import { confusionMatrix } from '../metrics/index.js';
import type { LayersModel } from '../nn/model.js';
import { CliError } from './errors.js';
import { modelInputShape, modelOutputUnits } from './model-files.js';

/**
 * Throws a CliError unless samples of `x` have the shape the model takes (free dimensions match anything).
 * @example checkShapeFits(model, x, 'digits')
 */
export function checkShapeFits(model: LayersModel, x: Tensor, where: string): void {
  const want = modelInputShape(model), got = x.shape.slice(1);
  const fits = want.length === got.length && want.every((d, i) => d === null || d === got[i]);
  if (!fits) {
    throw new CliError(`${where}: data does not fit the model: samples of shape ${fmtShape(got)}, but the model takes [${want.map((d) => d ?? 'any').join(',')}]`);
  }
}

/** The largest class id in `y` and where it is. */
function maxLabel(y: Tensor): { value: number; index: number } {
  let value = -Infinity, index = -1;
  for (let i = 0; i < y.size; i++) if (y.storage[i] > value) { value = y.storage[i]; index = i; }
  return { value, index };
}

/**
 * Throws a CliError when a label is not a class the model can output (a model with one sigmoid unit has classes
 * 0 and 1).
 * @example checkLabelsFit(model, y, 'data.csv')
 */
export function checkLabelsFit(model: LayersModel, y: Tensor, where: string): void {
  const units = modelOutputUnits(model), classes = Math.max(units, 2);
  const { value, index } = maxLabel(y);
  if (value >= classes) {
    throw new CliError(`${where}: labels out of range: sample ${index + 1} has label ${value}, but the model has ${classes} classes (0..${classes - 1})`);
  }
}

/**
 * The loss for a classifier's output: sparse categorical cross-entropy over softmax outputs, binary cross-entropy
 * for a single sigmoid unit.
 * @example model.compile({ optimizer, loss: lossFor(10), metrics: ['accuracy'] })
 */
export function lossFor(units: number): 'sparseCategoricalCrossentropy' | 'binaryCrossentropy' {
  return units === 1 ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy';
}

/**
 * Class ids as the model's loss takes them: as they are, or as a float column [n, 1] for a single output unit.
 * @example model.fit(x, targetsFor(y, 1))
 */
export function targetsFor(y: Tensor, units: number): Tensor {
  if (units !== 1) return y;
  return Tensor.fromStorage(Float32Array.from(y.storage), [y.size, 1], 'float32');
}

/** The model's predictions on a set: classes, their probabilities, and the scores against the labels. */
export interface Evaluation {
  n: number;
  loss: number;
  accuracy: number;
  /** Predicted class of each sample. */
  predicted: Int32Array;
  /** Probability of the predicted class. */
  confidence: Float32Array;
  /** [true class][predicted class] counts. */
  confusion: number[][];
}

/**
 * Class probabilities [n, classes] from the model (a single sigmoid unit becomes two columns).
 * @example const p = predictProbabilities(model, x, 256)
 */
export function predictProbabilities(model: LayersModel, x: Tensor, batchSize = 256): { probs: Float32Array; classes: number } {
  return probabilitiesOf(noGrad(() => model.predict(x, { batchSize })) as Tensor);
}

/** Class probabilities from a model's raw output [n, units]. */
function probabilitiesOf(out: Tensor): { probs: Float32Array; classes: number } {
  const units = out.shape[out.shape.length - 1];
  if (units !== 1) return { probs: Float32Array.from(out.storage), classes: units };
  const probs = new Float32Array(2 * out.size);
  for (let i = 0; i < out.size; i++) { probs[2 * i] = 1 - out.storage[i]; probs[2 * i + 1] = out.storage[i]; }
  return { probs, classes: 2 };
}

/** The index and value of the largest of each row of `probs`. */
export function argmaxRows(probs: Float32Array, classes: number): { predicted: Int32Array; confidence: Float32Array } {
  const n = probs.length / classes, predicted = new Int32Array(n), confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + best]) best = c;
    predicted[i] = best;
    confidence[i] = probs[i * classes + best];
  }
  return { predicted, confidence };
}

/**
 * Predicts `x` and scores it against class ids `y`: loss (the model's training loss), accuracy, confusion matrix.
 * @example const { accuracy } = evaluateClassifier(model, xTest, yTest)
 */
export function evaluateClassifier(model: LayersModel, x: Tensor, y: Tensor, batchSize = 256): Evaluation {
  const units = modelOutputUnits(model);
  const raw = noGrad(() => model.predict(x, { batchSize })) as Tensor;
  const loss = noGrad(() => (units === 1 ? binaryCrossentropy(targetsFor(y, 1), raw) : sparseCategoricalCrossentropy(y, raw))).item();
  const { probs, classes } = probabilitiesOf(raw);
  const { predicted, confidence } = argmaxRows(probs, classes);
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === y.storage[i]) correct++;
  const confusion = confusionMatrix(y, Tensor.fromStorage(predicted, [predicted.length], 'int32'), classes).arraySync() as number[][];
  return { n: y.size, loss, accuracy: y.size ? correct / y.size : NaN, predicted, confidence, confusion };
}
