// Overfitting: a network large enough to memorise its training set learns the noise in the labels, so its
// training accuracy climbs to 100% while its validation accuracy falls. Early stopping, L1 and L2 weight
// penalties, dropout and an ensemble each limit that memorising and narrow the train-validation gap.
import {
  argmax, cast, chartGrid, equal, heatmap, lineChart, moons, randomUniform, setSeed, takeRows, where,
} from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { layers, regularizers, sequential } from '../../src/node.js';
import type { Layer, Sequential } from '../../src/node.js';
import { train } from '../../src/node.js';
const { adam } = train;
import { Callback, EarlyStopping } from '../../src/node.js';
import type { ExampleOptions } from '../catalog.js';
import { plotWriter } from '../plots.js';

/** What one training recipe reached: accuracies after training and the curves per epoch. */
export interface MethodResult {
  name: string;
  trainAccuracy: number;
  valAccuracy: number;
  /** trainAccuracy - valAccuracy: how much of what was learned does not carry over to new data. */
  gap: number;
  /** Epochs trained (early stopping ends sooner). */
  epochs: number;
  curves: { epoch: number[]; train: number[]; val: number[] };
}

/** The result of the overfitting example. */
export interface OverfittingResult {
  /** The plain network first, then each remedy. */
  methods: MethodResult[];
  /** The plain network's validation loss: its lowest value and its value at the end (it rises as it memorises). */
  overfitValLoss: { min: number; last: number };
  plots: string[];
}

interface Settings {
  nTrain: number; nVal: number; hidden: number; epochs: number; learningRate: number;
  /** Networks in the ensemble; its curves are measured every `every` epochs. */
  members: number; every: number;
  l1: number; l2: number; dropout: number;
}

const QUICK: Settings = { nTrain: 60, nVal: 200, hidden: 32, epochs: 100, learningRate: 0.03, members: 4, every: 5, l1: 0.005, l2: 0.02, dropout: 0.5 };
const FULL: Settings = { nTrain: 60, nVal: 1000, hidden: 32, epochs: 150, learningRate: 0.02, members: 10, every: 1, l1: 0.005, l2: 0.02, dropout: 0.5 };
/** Fraction of labels flipped: the noise a large network memorises. */
const LABEL_NOISE = 0.2;

/** Accuracy of class probabilities [n, 2] against labels [n, 1]. */
function accuracy(probs: Tensor, y: Tensor): number {
  const predicted = argmax(probs, 1);
  return cast(equal(predicted, cast(y.reshape([y.shape[0]]), 'int32')), 'float32').mean().item();
}

/** Two-moons points with a fifth of the labels flipped: a region's majority label is right, single points may lie. */
function noisyMoons(n: number, seed: number): { x: Tensor; y: Tensor } {
  const { x, y } = moons({ n, noise: 0.1, seed });
  const flip = randomUniform([n, 1]).less(LABEL_NOISE);
  return { x, y: where(flip, y.neg().add(1), y) };
}

/** A 2-h-h-2 ReLU network, optionally with weight penalties or dropout after each hidden layer. */
function network(s: Settings, remedy: 'none' | 'l1' | 'l2' | 'dropout'): Sequential {
  const kernelRegularizer = remedy === 'l1' ? regularizers.l1({ l1: s.l1 }) : remedy === 'l2' ? regularizers.l2({ l2: s.l2 }) : null;
  const hidden = (first: boolean): Layer[] => [
    layers.dense({ units: s.hidden, activation: 'relu', kernelRegularizer, ...(first ? { inputShape: [2] } : {}) }),
    ...(remedy === 'dropout' ? [layers.dropout({ rate: s.dropout })] : []),
  ];
  const model = sequential({ layers: [...hidden(true), ...hidden(false), layers.dense({ units: 2, activation: 'softmax' })] });
  model.compile({ optimizer: adam({ learningRate: s.learningRate }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Adds a member's class probabilities on the training and validation sets every `every` epochs into running sums. */
class SumProbabilities extends Callback {
  constructor(private readonly sets: { x: Tensor; sums: Tensor[] }[], private readonly every: number) { super(); }
  override onEpochEnd(epoch: number): void {
    if ((epoch + 1) % this.every !== 0) return;
    for (const set of this.sets) {
      const p = (this.model as Sequential).predict(set.x) as Tensor;
      set.sums[epoch] = set.sums[epoch] ? set.sums[epoch].add(p) : p;
    }
  }
}

/**
 * Trains the same network on 60 noisy points six ways (plain, early stopping, L1, L2, dropout, an ensemble of
 * networks trained on bootstrap samples), prints train and validation accuracy and their gap, and plots the
 * accuracy curves side by side.
 * @example const r = await run({ quick: true }); r.methods[0].gap > r.methods[1].gap // true
 */
export async function run(opts: ExampleOptions = {}): Promise<OverfittingResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/overfitting';
  const s = opts.quick ? QUICK : FULL;
  setSeed(1);
  const train = noisyMoons(s.nTrain, 1), val = noisyMoons(s.nVal, 2);
  const fitArgs = { epochs: s.epochs, batchSize: s.nTrain, verbose: 0 as const, validationData: [val.x, val.y] as [Tensor, Tensor], validationBatchSize: s.nVal };
  log(`Two moons, ${s.nTrain} training points and ${s.nVal} validation points, ${LABEL_NOISE * 100}% of all labels flipped.`);
  log(`Network 2-${s.hidden}-${s.hidden}-2 (ReLU, softmax), Adam, full-batch, up to ${s.epochs} epochs.`);

  const methods: MethodResult[] = [];
  const finish = (name: string, model: Sequential, curves: MethodResult['curves']): void => {
    const trainAccuracy = accuracy(model.predict(train.x) as Tensor, train.y);
    const valAccuracy = accuracy(model.predict(val.x) as Tensor, val.y);
    methods.push({ name, trainAccuracy, valAccuracy, gap: trainAccuracy - valAccuracy, epochs: curves.epoch.length, curves });
  };
  const curvesOf = (h: { epoch: number[]; history: Record<string, number[]> }): MethodResult['curves'] =>
    ({ epoch: h.epoch.map((e) => e + 1), train: h.history.accuracy, val: h.history.val_accuracy });

  setSeed(10);
  const plain = network(s, 'none');
  const plainHistory = await plain.fit(train.x, train.y, fitArgs);
  finish('no remedy', plain, curvesOf(plainHistory));
  const valLoss = plainHistory.history.val_loss;
  const overfitValLoss = { min: Math.min(...valLoss), last: valLoss.at(-1)! };

  setSeed(10);
  const early = network(s, 'none');
  const stopper = new EarlyStopping({ monitor: 'val_loss', patience: 20, restoreBestWeights: true });
  finish('early stopping', early, curvesOf(await early.fit(train.x, train.y, { ...fitArgs, callbacks: [stopper] })));

  for (const [name, remedy] of [['L1 penalty', 'l1'], ['L2 penalty', 'l2'], ['dropout', 'dropout']] as const) {
    setSeed(10);
    const model = network(s, remedy);
    finish(name, model, curvesOf(await model.fit(train.x, train.y, fitArgs)));
  }

  // Bagging: every member sees a bootstrap sample (drawn with replacement), so each memorises different noise,
  // and averaging their probabilities cancels much of it.
  setSeed(10);
  const sums = { train: [] as Tensor[], val: [] as Tensor[] };
  for (let k = 0; k < s.members; k++) {
    const rows = Array.from(randomUniform([s.nTrain], 0, s.nTrain).floor().dataSync());
    const member = network(s, 'none');
    const recorder = new SumProbabilities([{ x: train.x, sums: sums.train }, { x: val.x, sums: sums.val }], s.every);
    await member.fit(takeRows(train.x, rows), takeRows(train.y, rows), { epochs: s.epochs, batchSize: s.nTrain, verbose: 0, callbacks: [recorder] });
  }
  const recorded = [...sums.train.keys()].filter((e) => sums.train[e] !== undefined);
  const ensembleCurves = {
    epoch: recorded.map((e) => e + 1),
    train: recorded.map((e) => accuracy(sums.train[e], train.y)),
    val: recorded.map((e) => accuracy(sums.val[e], val.y)),
  };
  const ensemble: MethodResult = {
    name: `ensemble of ${s.members}`, trainAccuracy: ensembleCurves.train.at(-1)!, valAccuracy: ensembleCurves.val.at(-1)!,
    gap: ensembleCurves.train.at(-1)! - ensembleCurves.val.at(-1)!, epochs: s.epochs, curves: ensembleCurves,
  };
  methods.push(ensemble);

  log('');
  log(`${'method'.padEnd(16)} ${'epochs'.padStart(6)} ${'train acc'.padStart(9)} ${'val acc'.padStart(8)} ${'gap'.padStart(6)}`);
  for (const m of methods) {
    log(`${m.name.padEnd(16)} ${String(m.epochs).padStart(6)} ${m.trainAccuracy.toFixed(3).padStart(9)} ${m.valAccuracy.toFixed(3).padStart(8)} ${m.gap.toFixed(3).padStart(6)}`);
  }
  if (overfitValLoss.last > 1.1 * overfitValLoss.min) {
    log(`The plain network's validation loss fell to ${overfitValLoss.min.toFixed(3)}, then rose to ${overfitValLoss.last.toFixed(3)} as it memorised the flipped labels.`);
  }

  const { plots, save } = plotWriter(outDir);
  const panels = await Promise.all(methods.map((m) => lineChart({
    title: `${m.name}: gap ${m.gap.toFixed(2)}`, xLabel: 'Epoch', yLabel: 'Accuracy', width: 300, height: 200,
    series: [
      { name: 'training', x: m.curves.epoch, y: m.curves.train },
      { name: 'validation', x: m.curves.epoch, y: m.curves.val, dashed: true },
    ],
  })));
  await save('accuracy-curves.svg', chartGrid(panels, 3));
  const epochs = plainHistory.epoch.map((e) => e + 1);
  await save('overfit-loss.svg', await lineChart({
    title: 'No remedy: validation loss rises while training loss falls', xLabel: 'Epoch', yLabel: 'Cross-entropy', logY: true,
    series: [
      { name: 'training loss', x: epochs, y: plainHistory.history.loss },
      { name: 'validation loss', x: epochs, y: valLoss, dashed: true },
    ],
  }));
  await save('gaps.svg', await heatmap({
    title: 'Accuracy after training', matrix: methods.map((m) => [m.trainAccuracy, m.valAccuracy, m.gap]),
    rowLabels: methods.map((m) => m.name), colLabels: ['training', 'validation', 'gap'], xLabel: 'Measure', yLabel: 'Method',
    valueLabel: 'accuracy', showValues: true,
  }));
  return { methods, overfitValLoss, plots };
}
