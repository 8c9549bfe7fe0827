import { ArgumentError, describe } from '../core/errors.js';

/** A test sample shown in the report's sample grid. */
export interface ReportSample {
  /** Row-major pixels, grey or RGB interleaved (see imageGrid for value ranges). */
  pixels: number[] | Uint8Array | Float32Array;
  width: number;
  height: number;
  /** Class index (named through dataset.classNames) or class name. */
  trueLabel: number | string;
  predLabel: number | string;
}

/**
 * Everything the training report shows, as plain JSON (it can be saved next to a model and re-rendered).
 * `history` follows Keras' History.history: one array per metric, `val_`-prefixed for validation.
 */
export interface TrainingReportData {
  title: string;
  dataset: { name: string; trainSize: number; testSize: number; classNames?: string[] };
  hyperparameters: Record<string, string | number | boolean>;
  history: { epoch: number[]; [metric: string]: number[] };
  /** Rows are true classes, columns predicted classes. */
  confusion?: number[][];
  samples?: ReportSample[];
  /** Model summary text (as printed by model.summary()). */
  summary: string;
  timings: { totalSeconds: number; perEpochSeconds: number[] };
  testMetrics: Record<string, number>;
  /** ISO 8601 time the report was made. */
  createdAt: string;
}

/** A training metric and its validation counterpart, as found in a history. */
export interface MetricPair {
  /** Base name, e.g. 'loss' or 'accuracy'. */
  name: string;
  train?: number[];
  val?: number[];
}

const FN = 'renderReport';

function fail(message: string): never {
  throw new ArgumentError(FN, message);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${name} must be a finite number, received ${describe(v)}`);
}

function str(name: string, v: unknown): void {
  if (typeof v !== 'string') fail(`${name} must be a string, received ${describe(v)}`);
}

function numberArray(name: string, v: unknown, finiteOnly: boolean): void {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) fail(`${name} must be an array of numbers, received ${describe(v)}`);
  const a = v as ArrayLike<unknown>;
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] !== 'number' || (finiteOnly && !Number.isFinite(a[i]))) {
      fail(`${name}[${i}] must be a ${finiteOnly ? 'finite ' : ''}number, received ${describe(a[i])}`);
    }
  }
}

/**
 * Throws an ArgumentError naming renderReport for the first thing in `data` that does not match
 * TrainingReportData (history arrays must all have one value per epoch; losses may be NaN).
 * @example validateReportData(JSON.parse(readFileSync('report.json', 'utf8')));
 */
export function validateReportData(data: unknown): asserts data is TrainingReportData {
  if (!isRecord(data)) fail(`expected a TrainingReportData object, received ${describe(data)}`);
  str('title', data.title);
  str('summary', data.summary);
  str('createdAt', data.createdAt);
  const ds = data.dataset;
  if (!isRecord(ds)) fail(`dataset must be {name, trainSize, testSize}, received ${describe(ds)}`);
  str('dataset.name', ds.name);
  finite('dataset.trainSize', ds.trainSize);
  finite('dataset.testSize', ds.testSize);
  const classNames = ds.classNames;
  if (classNames !== undefined && (!Array.isArray(classNames) || classNames.some((c) => typeof c !== 'string'))) {
    fail(`dataset.classNames must be an array of strings, received ${describe(classNames)}`);
  }
  if (!isRecord(data.hyperparameters)) fail(`hyperparameters must be an object, received ${describe(data.hyperparameters)}`);
  for (const [k, v] of Object.entries(data.hyperparameters)) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) fail(`hyperparameters.${k} must be a string, number or boolean, received ${describe(v)}`);
  }
  const h = data.history;
  if (!isRecord(h)) fail(`history must be {epoch: number[], loss: number[], ...}, received ${describe(h)}`);
  numberArray('history.epoch', h.epoch, true);
  const epochs = (h.epoch as number[]).length;
  for (const [k, v] of Object.entries(h)) {
    numberArray(`history.${k}`, v, false);
    if ((v as number[]).length !== epochs) fail(`history.${k} must have one value per epoch (${epochs}), received ${(v as number[]).length}`);
  }
  const t = data.timings;
  if (!isRecord(t)) fail(`timings must be {totalSeconds, perEpochSeconds}, received ${describe(t)}`);
  finite('timings.totalSeconds', t.totalSeconds);
  numberArray('timings.perEpochSeconds', t.perEpochSeconds, true);
  if (!isRecord(data.testMetrics)) fail(`testMetrics must be an object of numbers, received ${describe(data.testMetrics)}`);
  for (const [k, v] of Object.entries(data.testMetrics)) if (typeof v !== 'number') fail(`testMetrics.${k} must be a number, received ${describe(v)}`);
  if (data.confusion !== undefined) {
    const c = data.confusion;
    if (!Array.isArray(c) || c.length === 0) fail(`confusion must be a non-empty square matrix (number[][]), received ${describe(c)}`);
    c.forEach((row, i) => {
      numberArray(`confusion[${i}]`, row, true);
      if ((row as number[]).length !== c.length) fail(`confusion must be square, received row ${i} of length ${(row as number[]).length} in ${c.length} rows`);
    });
    if (classNames && classNames.length !== c.length) fail(`confusion has ${c.length} classes but dataset.classNames has ${classNames.length}`);
  }
  if (data.samples !== undefined) {
    if (!Array.isArray(data.samples)) fail(`samples must be an array, received ${describe(data.samples)}`);
    data.samples.forEach((s: unknown, i) => {
      if (!isRecord(s)) fail(`samples[${i}] must be {pixels, width, height, trueLabel, predLabel}, received ${describe(s)}`);
      for (const k of ['trueLabel', 'predLabel']) {
        if (typeof s[k] !== 'number' && typeof s[k] !== 'string') fail(`samples[${i}].${k} must be a number or string, received ${describe(s[k])}`);
      }
    });
  }
}

/** Pairs each history metric with its `val_` counterpart, loss first, then in history order. */
export function metricPairs(history: TrainingReportData['history']): MetricPair[] {
  const pairs = new Map<string, MetricPair>();
  for (const [key, values] of Object.entries(history)) {
    if (key === 'epoch') continue;
    const val = key.startsWith('val_');
    const name = val ? key.slice(4) : key;
    const p = pairs.get(name) ?? { name };
    if (val) p.val = values; else p.train = values;
    pairs.set(name, p);
  }
  return [...pairs.values()].sort((a, b) => Number(b.name === 'loss') - Number(a.name === 'loss'));
}

const PRETTY: Record<string, string> = {
  loss: 'Loss', acc: 'Accuracy', accuracy: 'Accuracy', categoricalAccuracy: 'Categorical accuracy',
  mae: 'Mean absolute error', mse: 'Mean squared error', rmse: 'Root mean squared error', auc: 'AUC',
  precision: 'Precision', recall: 'Recall', f1: 'F1 score', lr: 'Learning rate', learning_rate: 'Learning rate',
};

/** A display name for a metric key: 'acc' -> 'Accuracy', 'top_k' -> 'Top k'. */
export function prettyMetric(key: string): string {
  if (PRETTY[key]) return PRETTY[key];
  const words = key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether a metric is a fraction best shown as a percentage. */
export function isFraction(key: string, v: number): boolean {
  return /acc|precision|recall|f1|auc/i.test(key) && v >= 0 && v <= 1;
}
