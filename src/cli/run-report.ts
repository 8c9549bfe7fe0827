// Turns a finished training run into the report's data (TrainingReportData) and the history table.
import type { Tensor } from '../core/tensor.js';
import type { ReportSample, TrainingReportData } from '../report/report-data.js';
import type { Evaluation } from './classify.js';

/** Test samples shown in the report (the report puts the misclassified ones first). */
const MAX_SAMPLES = 40;
/** At most this many of them misclassified, so the grid also shows what the model gets right. */
const MAX_WRONG = 24;

/**
 * Picks test images for the report: up to MAX_WRONG misclassified ones, the rest correctly classified, in test
 * order. Only grey and RGB images are shown.
 * @example const samples = pickSamples(xTest, yTest, evaluation)
 */
export function pickSamples(x: Tensor, y: Tensor, ev: Evaluation): ReportSample[] {
  if (x.rank !== 4) return [];
  const [, height, width, channels] = x.shape;
  if (channels !== 1 && channels !== 3) return [];
  const per = height * width * channels;
  const wrong: number[] = [], right: number[] = [];
  for (let i = 0; i < ev.n; i++) {
    if (ev.predicted[i] !== y.storage[i]) { if (wrong.length < MAX_WRONG) wrong.push(i); } else if (right.length < MAX_SAMPLES) right.push(i);
  }
  const chosen = [...wrong, ...right.slice(0, MAX_SAMPLES - wrong.length)].sort((a, b) => a - b);
  return chosen.map((i) => ({
    // Plain numbers (3 decimals: plenty for display) so report.json holds them as JSON arrays.
    pixels: Array.from(x.storage.subarray(i * per, (i + 1) * per), (v) => Math.round(v * 1000) / 1000),
    width, height, trueLabel: y.storage[i], predLabel: ev.predicted[i],
  }));
}

/**
 * The history as CSV: one row per epoch, a column per logged value, and the epoch's seconds.
 * @example await writeFile('history.csv', historyCsv(history, perEpochSeconds))
 */
export function historyCsv(history: Record<string, number[]>, epochs: number[], seconds: number[]): string {
  const keys = Object.keys(history);
  const lines = [['epoch', ...keys, 'seconds'].join(',')];
  epochs.forEach((e, i) => {
    lines.push([e + 1, ...keys.map((k) => history[k][i] ?? ''), seconds[i]?.toFixed(3) ?? ''].join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** Everything about a run the report shows. */
export interface RunFacts {
  title: string;
  datasetName: string;
  trainSize: number;
  testSize: number;
  classNames: string[];
  hyperparameters: Record<string, string | number | boolean>;
  /** Keras-style history (loss, accuracy, val_loss, val_accuracy, ...), one value per epoch. */
  history: Record<string, number[]>;
  /** Epoch numbers (0-based as fit logs them). */
  epochs: number[];
  perEpochSeconds: number[];
  totalSeconds: number;
  summary: string;
  evaluation: Evaluation;
  samples: ReportSample[];
}

/**
 * The report's data for a run (epochs 1-based, as people count them).
 * @example await writeReport(dir, reportData(facts))
 */
export function reportData(f: RunFacts): TrainingReportData {
  const classes = f.evaluation.confusion.length;
  const classNames = f.classNames.length === classes ? f.classNames
    : Array.from({ length: classes }, (_, i) => f.classNames[i] ?? String(i));
  return {
    title: f.title,
    dataset: { name: f.datasetName, trainSize: f.trainSize, testSize: f.testSize, classNames },
    hyperparameters: f.hyperparameters,
    history: { ...f.history, epoch: f.epochs.map((e) => e + 1) },
    confusion: f.evaluation.confusion,
    samples: f.samples.length ? f.samples : undefined,
    summary: f.summary,
    timings: { totalSeconds: f.totalSeconds, perEpochSeconds: f.perEpochSeconds },
    testMetrics: { accuracy: f.evaluation.accuracy, loss: f.evaluation.loss },
    createdAt: new Date().toISOString(),
  };
}
