// `tensorgrad train DATASET`: loads the data, holds out a test part, builds a preset (or loads a model.json),
// trains with a progress bar, scores the test part, and writes model, report and history into one output folder.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { StandardScaler } from '../data/scalers.js';
import { trainTestSplit } from '../data/split.js';
import '../io/node/index.js';
import { saveModel } from '../io/model-io.js';
import type { LayersModel } from '../nn/model.js';
import { getOptimizer } from '../optimizers/index.js';
import { initBackend } from './backend.js';
import { checkLabelsFit, checkShapeFits, evaluateClassifier, lossFor, targetsFor } from './classify.js';
import { datasetKey, resolveDataset } from './datasets.js';
import type { CliDataset, DatasetOptions } from './datasets.js';
import { asInputError } from './errors.js';
import { loadModel, modelOutputUnits, PREPROCESSING_FILE } from './model-files.js';
import type { ModelMeta } from './model-files.js';
import { checkOutDir, defaultOutDir, writeAtomically } from './output.js';
import { buildPreset, defaultPreset, isPreset, presetDefaults } from './presets.js';
import { checkModelSpec } from './names.js';
import type { TrainingDefaults } from './presets.js';
import { historyCsv, pickSamples, reportData } from './run-report.js';
import { openCommand, seconds, summaryText } from './shared.js';

/** The options of `train`, as parsed. */
export interface TrainOptions extends DatasetOptions {
  model?: string;
  epochs?: number;
  batchSize?: number;
  optimizer?: string;
  lr?: number;
  validationSplit: number;
  testSplit: number;
  seed: number;
  out?: string;
  quiet?: boolean;
}

/** Train and test parts, features prepared (tables standardized on the training part). */
interface Parts {
  xTrain: Tensor; yTrain: Tensor; xTest: Tensor; yTest: Tensor;
  standardize?: { mean: number[]; std: number[] };
}

async function split(data: CliDataset, o: TrainOptions): Promise<Parts> {
  let p: Parts;
  if (data.test) {
    p = { xTrain: data.x, yTrain: data.y, xTest: data.test.x, yTest: data.test.y };
  } else {
    const s = await asInputError(() => trainTestSplit(data.x, data.y, { testSize: o.testSplit, seed: o.seed, stratify: data.y.size >= 20 }), `${data.name}: `);
    p = { xTrain: s.xTrain, yTrain: s.yTrain!, xTest: s.xTest, yTest: s.yTest! };
  }
  if (data.kind === 'table') {
    const scaler = new StandardScaler();
    p.xTrain = await asInputError(() => scaler.fitTransform(p.xTrain), `${data.name}: `);
    p.xTest = scaler.transform(p.xTest);
    p.standardize = { mean: Array.from(scaler.mean!), std: Array.from(scaler.std!) };
  }
  return p;
}

/** The model to train, what to call it, and its training defaults. */
async function makeModel(spec: string | undefined, data: CliDataset): Promise<{ model: LayersModel; label: string; defaults: TrainingDefaults }> {
  const sample = data.x.shape.slice(1);
  const name = spec ?? defaultPreset(sample);
  if (isPreset(name)) {
    const model = buildPreset(name, { inputShape: sample, numClasses: data.classNames.length });
    return { model, label: name, defaults: presetDefaults(name, sample) };
  }
  checkModelSpec(name);
  const { model, location } = await loadModel(name);
  return { model, label: modelLabel(location.runDir ?? location.modelJson), defaults: presetDefaults('mlp', sample) };
}

/** A short name for a model file, for the output folder: 'runs/xor/model/model.json' -> 'xor'. */
function modelLabel(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.' && p !== 'model' && p !== 'model.json');
  return (parts.pop() ?? 'model').replace(/\.json$/i, '') || 'model';
}

function countParams(model: LayersModel): number {
  return model.weights.reduce((n, w) => n + w.value.size, 0);
}

/** Seconds per epoch, measured around each epoch. */
function epochTimer(): { seconds: number[]; callback: { onEpochBegin(): void; onEpochEnd(): void } } {
  const seconds: number[] = [];
  let start = 0;
  return { seconds, callback: { onEpochBegin: () => { start = performance.now(); }, onEpochEnd: () => { seconds.push((performance.now() - start) / 1000); } } };
}

/**
 * Runs `tensorgrad train`: everything from loading the data to the closing summary.
 * @example await runTrain('digits', { validationSplit: 0.1, testSplit: 0.2, seed: 42 })
 */
export async function runTrain(datasetSpec: string, o: TrainOptions): Promise<void> {
  const say = (line: string): void => { process.stdout.write(`${line}\n`); };
  const backendLine = initBackend();
  setSeed(o.seed);
  const data = await resolveDataset(datasetSpec, o);
  const parts = await split(data, o);
  const { model, label, defaults } = await makeModel(o.model, data);
  checkShapeFits(model, parts.xTrain, datasetSpec);
  checkLabelsFit(model, parts.yTrain, datasetSpec);
  checkLabelsFit(model, parts.yTest, datasetSpec);
  const out = o.out ?? defaultOutDir(data.name, label);
  checkOutDir(out);
  const epochs = o.epochs ?? defaults.epochs, batchSize = o.batchSize ?? defaults.batchSize;
  const optimizerName = o.optimizer ?? defaults.optimizer, learningRate = o.lr ?? defaults.learningRate;
  const units = modelOutputUnits(model);
  const optimizer = await asInputError(() => getOptimizer({ className: optimizerName, config: { learningRate } }));
  model.compile({ optimizer, loss: lossFor(units), metrics: ['accuracy'] });

  say(`tensorgrad train: ${data.name}: ${data.description}`);
  say(backendLine);
  say(`data: ${parts.xTrain.shape[0]} training samples (${Math.round(o.validationSplit * 100)}% of them for validation), ${parts.xTest.shape[0]} test samples, ${data.classNames.length} classes`);
  say(`model: ${label} (${model.layers.length} layers, ${countParams(model).toLocaleString('en-US')} parameters); ${optimizerName}, learning rate ${learningRate}, batch size ${batchSize}, ${epochs} epochs`);

  const timer = epochTimer();
  const t0 = performance.now();
  const history = await model.fit(parts.xTrain, targetsFor(parts.yTrain, units), {
    epochs, batchSize, validationSplit: o.validationSplit, verbose: o.quiet ? 0 : 1, callbacks: [timer.callback],
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const ev = evaluateClassifier(model, parts.xTest, parts.yTest);

  const meta: ModelMeta = {
    dataset: datasetKey(datasetSpec), datasetName: data.name, kind: data.kind, inputShape: data.x.shape.slice(1), classNames: data.classNames,
    featureNames: data.featureNames, labelName: data.labelName, standardize: parts.standardize, model: label,
    split: data.test ? undefined : { testSize: o.testSplit, seed: o.seed, limit: o.limit },
    darkBackground: data.kind === 'images' ? meanOf(parts.xTrain) < 0.5 : undefined,
  };
  const report = reportData({
    title: `${label} on ${data.name}`, datasetName: data.name, trainSize: parts.xTrain.shape[0], testSize: parts.xTest.shape[0],
    classNames: data.classNames,
    hyperparameters: {
      model: label, epochs, batchSize, optimizer: optimizerName, learningRate, validationSplit: o.validationSplit, seed: o.seed,
      backend: backendLine.replace(/^backend: /, ''), parameters: countParams(model),
    },
    history: history.history, epochs: history.epoch, perEpochSeconds: timer.seconds, totalSeconds: trainSeconds,
    summary: summaryText(model), evaluation: ev, samples: pickSamples(parts.xTest, parts.yTest, ev),
  });
  await writeAtomically(out, async (dir) => {
    await saveModel(model, join(dir, 'model'));
    await writeFile(join(dir, 'model', PREPROCESSING_FILE), `${JSON.stringify(meta, null, 2)}\n`);
    await writeFile(join(dir, 'report.json'), JSON.stringify(report));
    await writeFile(join(dir, 'history.csv'), historyCsv(history.history, history.epoch, timer.seconds));
    // The report renderer (vega) is loaded only now: a bad input fails without paying for it.
    const { writeReport } = await import('../report/node/write.js');
    await writeReport(dir, report);
  });

  const correct = Math.round(ev.accuracy * ev.n);
  say('');
  say(`Test accuracy: ${(ev.accuracy * 100).toFixed(2)}% (${correct}/${ev.n} held-out samples), test loss ${ev.loss.toFixed(4)}`);
  say(`Time: ${seconds(process.uptime())} in all, of which training ${seconds(trainSeconds)} (${history.epoch.length} epoch${history.epoch.length === 1 ? '' : 's'})`);
  say(`Model:   ${join(out, 'model', 'model.json')}`);
  say(`Report:  ${join(out, 'report.html')} (history: ${join(out, 'history.csv')})`);
  say(`Open the report: ${openCommand(join(out, 'report.html'))}`);
}

function meanOf(x: Tensor): number {
  let s = 0;
  for (let i = 0; i < x.size; i++) s += x.storage[i];
  return x.size ? s / x.size : 0;
}
