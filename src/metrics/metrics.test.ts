import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../core/random.js';
import { tensor } from '../ops/convert.js';
import { expectClose } from '../testing/expect-close.js';
import * as metrics from './index.js';
import {
  AUC, Accuracy, F1Score, Mean, Precision, R2Score, Recall, RootMeanSquaredError, confusionMatrix, getMetric,
} from './index.js';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('accuracies per sample', () => {
  expectClose(metrics.binaryAccuracy(tensor([[1], [0], [1], [0]]), tensor([[0.7], [0.6], [0.2], [0.1]])), [1, 0, 0, 1]);
  expectClose(metrics.binaryAccuracy(tensor([[1, 0], [1, 1]]), tensor([[0.9, 0.6], [0.8, 0.7]])), [0.5, 1]);
  expectClose(metrics.binaryAccuracy(tensor([1, 0]), tensor([[0.2], [0.4]]), 0.1), [1, 0]);
  expectClose(metrics.categoricalAccuracy(tensor([[0, 1, 0], [1, 0, 0]]), tensor([[0.1, 0.7, 0.2], [0.2, 0.5, 0.3]])), [1, 0]);
  expectClose(metrics.sparseCategoricalAccuracy(tensor([1, 0]), tensor([[0.1, 0.7, 0.2], [0.2, 0.5, 0.3]])), [1, 0]);
  expectClose(metrics.sparseCategoricalAccuracy(tensor([[1], [2]]), tensor([[0.1, 0.7, 0.2], [0.2, 0.5, 0.3]])), [1, 0]);
  const p = tensor([[0.5, 0.3, 0.2, 0], [0.1, 0.2, 0.3, 0.4]]);
  expectClose(metrics.topKCategoricalAccuracy(tensor([[0, 0, 1, 0], [0, 1, 0, 0]]), p, 2), [0, 0]);
  expectClose(metrics.topKCategoricalAccuracy(tensor([[0, 0, 1, 0], [0, 1, 0, 0]]), p, 3), [1, 1]);
  expectClose(metrics.sparseTopKCategoricalAccuracy(tensor([3, 3]), p, 1), [0, 1]);
  // Ties at the boundary count as in the top k, as tf.nn.in_top_k.
  expectClose(metrics.sparseTopKCategoricalAccuracy(tensor([1]), tensor([[0.4, 0.4, 0.2]]), 1), [1]);
  assert.deepEqual(metrics.categoricalAccuracy(tensor([], [0, 3]), tensor([], [0, 3])).shape, [0]);
  assert.throws(() => metrics.sparseCategoricalAccuracy(tensor([1, 0, 1]), tensor([[0.1, 0.9]])),
    /sparseCategoricalAccuracy: yTrue must hold one class index per sample/);
  assert.throws(() => metrics.topKCategoricalAccuracy(tensor([[1]]), tensor([[1]]), 0), /k must be a positive integer/);
});

test('Mean and MeanMetricWrapper accumulate weighted means across batches', () => {
  const m = new Mean('loss');
  assert.ok(Number.isNaN(m.result()));
  m.updateState(0.5, 32);
  m.updateState(0.2, 16);
  close(m.result(), 0.4);
  const acc = getMetric('binaryAccuracy');
  acc.updateState(tensor([1, 0]), tensor([0.9, 0.9]));
  acc.updateState(tensor([1, 1, 1]), tensor([0.9, 0.9, 0.9]), tensor([1, 1, 2]));
  close(acc.result(), 5 / 6);
  acc.resetState();
  acc.updateState(tensor([1]), tensor([0.1]));
  close(acc.result(), 0);
});

test('precision and recall with thresholds, weights, classId and topK', () => {
  const t = tensor([0, 1, 1, 1, 0]), p = tensor([0.8, 0.9, 0.2, 0.6, 0.3]);
  const pr = new Precision(), rc = new Recall();
  pr.updateState(t, p); rc.updateState(t, p);
  close(pr.result(), 2 / 3); close(rc.result(), 2 / 3);
  const pr2 = new Precision({ thresholds: 0.7 });
  pr2.updateState(t, p, tensor([3, 1, 1, 1, 1]));
  close(pr2.result(), 1 / 4);
  const tm = tensor([[1, 0, 0], [0, 1, 0]]), pm = tensor([[0.9, 0.8, 0.1], [0.6, 0.7, 0.1]]);
  const c1 = new Precision({ classId: 1 });
  c1.updateState(tm, pm);
  close(c1.result(), 0.5);
  const top = new Precision({ topK: 1 });
  top.updateState(tm, pm);
  close(top.result(), 1);
  close(metrics.precision(t, p).item(), 2 / 3, 1e-6);
  close(metrics.recall(t, p).item(), 2 / 3, 1e-6);
  close(new Precision().result(), 0);
  assert.throws(() => new Precision({ classId: 5 }).updateState(tm, pm), /precision: classId must be in \[0, 3\), received number 5/);
});

test('F1 score: binary, macro, micro and weighted', () => {
  const f = new F1Score();
  f.updateState(tensor([[1], [0], [1], [1]]), tensor([[0.8], [0.6], [0.3], [0.9]]));
  close(f.result(), 2 / 3);
  // Arg-max decisions: class 0 tp 1 fp 1 fn 0; class 1 tp 1 fp 0 fn 1; class 2 tp 1 fp 0 fn 0.
  const t = tensor([[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]]);
  const p = tensor([[0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.5, 0.4, 0.1], [0.1, 0.2, 0.7]]);
  const scores = [2 / 3, 2 / 3, 1];
  const macro = new F1Score(); macro.updateState(t, p);
  close(macro.result(), (scores[0] + scores[1] + scores[2]) / 3);
  const micro = new F1Score({ average: 'micro' }); micro.updateState(t, p);
  close(micro.result(), 0.75);
  const weighted = new F1Score({ average: 'weighted' }); weighted.updateState(t, p);
  close(weighted.result(), (scores[0] * 1 + scores[1] * 2 + scores[2] * 1) / 4);
});

test('AUC: ROC and PR on known cases, and the exact rank statistic on distinct predictions', () => {
  const auc = new AUC();
  auc.updateState(tensor([0, 0, 1, 1]), tensor([0.1, 0.4, 0.35, 0.8]));
  close(auc.result(), 0.75, 1e-12);
  const perfect = new AUC({ curve: 'PR' });
  perfect.updateState(tensor([0, 1]), tensor([0.2, 0.9]));
  close(perfect.result(), 1, 1e-12);
  const flat = new AUC();
  flat.updateState(tensor([0, 1, 0, 1]), tensor([0.5, 0.5, 0.5, 0.5]));
  close(flat.result(), 0.5, 1e-12);
  // Predictions on a grid coarser than the thresholds: each falls in its own bucket, so the trapezoid sum is exact.
  const rng = new Random(7);
  const preds = rng.shuffle(Array.from({ length: 40 }, (_, i) => (i + 0.5) / 40));
  const labels = preds.map((p) => (rng.uniform() < p ? 1 : 0));
  let pairs = 0, wins = 0;
  labels.forEach((a, i) => labels.forEach((b, j) => { if (a === 1 && b === 0) { pairs++; if (preds[i] > preds[j]) wins++; } }));
  const roc = new AUC({ numThresholds: 1000 });
  roc.updateState(tensor(labels.slice(0, 20)), tensor(preds.slice(0, 20)));
  roc.updateState(tensor(labels.slice(20)), tensor(preds.slice(20)));
  close(roc.result(), wins / pairs, 1e-9);
  const logits = new AUC({ fromLogits: true });
  logits.updateState(tensor([0, 0, 1, 1]), tensor([0.1, 0.4, 0.35, 0.8].map((p) => Math.log(p / (1 - p)))));
  close(logits.result(), 0.75, 1e-9);
  const minoring = new AUC({ summationMethod: 'minoring' });
  minoring.updateState(tensor([0, 0, 1, 1]), tensor([0.1, 0.4, 0.35, 0.8]));
  close(minoring.result(), 0.75, 1e-12);
  assert.throws(() => new AUC({ curve: 'XY' as never }), /AUC: curve must be 'ROC' or 'PR'/);
});

test('RMSE and R2', () => {
  const rmse = new RootMeanSquaredError();
  rmse.updateState(tensor([0, 0]), tensor([3, 4]));
  close(rmse.result(), Math.sqrt(12.5));
  const r2 = new R2Score();
  r2.updateState(tensor([[1], [2]]), tensor([[1], [2]]));
  r2.updateState(tensor([[3]]), tensor([[4]]));
  close(r2.result(), 0.5);
  const multi = new R2Score();
  multi.updateState(tensor([[1, 0], [2, 0], [3, 2]]), tensor([[1, 0], [2, 1], [4, 2]]));
  // Column 0: 0.5; column 1: ss_tot = 8/3, ss_res = 1.
  close(multi.result(), (0.5 + (1 - 1 / (8 / 3))) / 2);
  close(metrics.r2Score(tensor([1, 2, 3]), tensor([1, 2, 4])).item(), 0.5, 1e-6);
});

test('confusionMatrix counts and weights', () => {
  assert.deepEqual(confusionMatrix([0, 1, 1, 2], [0, 1, 0, 2]).arraySync(), [[1, 0, 0], [1, 1, 0], [0, 0, 1]]);
  assert.deepEqual(confusionMatrix(tensor([1, 1]), tensor([0, 1]), 3).arraySync(), [[0, 0, 0], [1, 1, 0], [0, 0, 0]]);
  expectClose(confusionMatrix([0, 1], [1, 1], 2, tensor([0.5, 2])), [[0, 0.5], [0, 2]]);
  assert.equal(confusionMatrix([0], [0]).dtype, 'int32');
  assert.throws(() => confusionMatrix([0, 3], [0, 1], 2), /confusionMatrix: values must be below numClasses 2, received 3/);
  assert.throws(() => confusionMatrix([0, 1], [0]), /labels and predictions must have the same size/);
});

test('getMetric resolves accuracy from the loss and shapes, and keeps the name as given', () => {
  const pick = (loss: string | undefined, yTrue: number[][] | number[], yPred: number[][]): number => {
    const m = getMetric('acc', { loss });
    m.updateState(tensor(yTrue), tensor(yPred));
    assert.equal(m.name, 'acc');
    return m.result();
  };
  // [0.6, 0.4] against target 0: categorical -> 1, binary (threshold per element) -> 0.5 per row.
  assert.equal(pick('categoricalCrossentropy', [[1, 0]], [[0.6, 0.4]]), 1);
  assert.equal(pick('binaryCrossentropy', [[1, 0]], [[0.6, 0.4]]), 1);
  assert.equal(pick('binaryCrossentropy', [[0, 0]], [[0.6, 0.4]]), 0.5);
  assert.equal(pick('sparseCategoricalCrossentropy', [1], [[0.6, 0.4]]), 0);
  assert.equal(pick(undefined, [[1]], [[0.7]]), 1);
  assert.equal(pick('mse', [0], [[0.6, 0.4]]), 1);
  assert.ok(getMetric('accuracy') instanceof Accuracy);
  assert.equal(getMetric('mse').name, 'mse');
  assert.equal(getMetric('AUC').name, 'AUC');
  const m = getMetric('mean_absolute_error');
  m.updateState(tensor([[1, 2]]), tensor([[2, 4]]));
  close(m.result(), 1.5);
  const ce = getMetric('ce', { loss: 'sparse_categorical_crossentropy' });
  ce.updateState(tensor([0]), tensor([[0.5, 0.5]]));
  close(ce.result(), Math.LN2, 1e-6);
  const custom = getMetric(function halfs(t, p) { return metrics.meanAbsoluteError(t, p); });
  assert.equal(custom.name, 'halfs');
  assert.throws(() => getMetric('nope'), /getMetric: unknown metric 'nope'/);
});
