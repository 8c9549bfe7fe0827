// Transfer learning: convolution layers trained to tell digits 0-4 apart have learned strokes, curves and their
// combinations, which digits 5-9 are made of too. Frozen (layer.trainable = false) under a new classification
// head, they let a few examples of 5-9 train a better classifier than the same network learns from scratch.
import { imageGrid, lineChart, loadDigits, setSeed, takeRows } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { layers, sequential } from '../../src/node.js';
import type { Sequential } from '../../src/node.js';
import { Conv2D } from '../../src/node.js';
import { AveragePooling2D, MaxPooling2D } from '../../src/node.js';
import { train } from '../../src/node.js';
const { adam } = train;
import type { ExampleOptions } from '../catalog.js';
import { plotWriter } from '../plots.js';

/** Test accuracy on digits 5-9 after training on `shots` examples of each, over several runs. */
export interface ShotResult {
  shots: number;
  transfer: number[];
  scratch: number[];
  transferMean: number;
  scratchMean: number;
}

/** The result of the transfer-learning example. */
export interface TransferLearningResult {
  /** Test accuracy of the pretrained network on digits 0-4. */
  pretrainAccuracy: number;
  /** Weights training may change: the new head only, against the whole network from scratch. */
  trainableWeights: { transfer: number; scratch: number };
  results: ShotResult[];
  plots: string[];
}

interface Settings { pretrainSamples: number; pretrainEpochs: number; shots: number[]; repeats: number; epochs: number; testSamples: number }

const QUICK: Settings = { pretrainSamples: 1000, pretrainEpochs: 2, shots: [5], repeats: 1, epochs: 30, testSamples: 400 };
const FULL: Settings = { pretrainSamples: 4000, pretrainEpochs: 4, shots: [1, 2, 5, 10, 20], repeats: 5, epochs: 50, testSamples: 1000 };

/**
 * The feature extractor: halve the image to 14x14, two 3x3 convolutions with 16 filters each (max-pooling
 * between), flattened to 256 features.
 */
function convolutionBase(): Sequential {
  return sequential({ name: 'base', layers: [
    new AveragePooling2D({ poolSize: 2, inputShape: [28, 28, 1] }),
    new Conv2D({ filters: 16, kernelSize: 3, activation: 'relu' }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({ filters: 16, kernelSize: 3, activation: 'relu' }),
    layers.flatten(),
  ] });
}

/** A five-way classifier on top of `base`, compiled for class ids 0-4. */
function classifier(base: Sequential, learningRate: number, hidden = 0): Sequential {
  const model = sequential({ layers: [
    base, ...(hidden > 0 ? [layers.dense({ units: hidden, activation: 'relu' })] : []), layers.dense({ units: 5, activation: 'softmax' }),
  ] });
  model.compile({ optimizer: adam({ learningRate }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function count(weights: { value: Tensor }[]): number {
  return weights.reduce((a, w) => a + w.value.size, 0);
}

const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;

/**
 * Pretrains a CNN on digits 0-4, freezes its convolutions, trains a new head on a few examples of each digit
 * 5-9, and compares it with the same network trained from scratch on the same examples; prints and plots both.
 * @example const r = await run({ quick: true }); r.results[0].transferMean > r.results[0].scratchMean // true
 */
export async function run(opts: ExampleOptions = {}): Promise<TransferLearningResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/transfer-learning';
  const s = opts.quick ? QUICK : FULL;
  const digits = await loadDigits();
  const images = digits.x.reshape([digits.x.shape[0], 28, 28, 1]), labels = Array.from(digits.y.dataSync());
  const ids = (keep: (label: number) => boolean): number[] => labels.flatMap((l, i) => (keep(l) ? [i] : []));
  const low = ids((l) => l < 5), high = ids((l) => l >= 5);
  // Training rows come from the front of each list and test rows from the back; they must not meet.
  if (s.pretrainSamples + s.testSamples > low.length || 5 * Math.max(...s.shots) + s.testSamples > high.length) {
    throw new Error(`transfer-learning: not enough digits for ${s.pretrainSamples} pretraining and ${s.testSamples} test samples`);
  }
  // Targets 5-9 become class ids 0-4 of the new head.
  const subset = (rows: number[], shift: number): [Tensor, Tensor] => [takeRows(images, rows), takeRows(digits.y, rows).sub(shift)];
  const testLow = subset(low.slice(-s.testSamples), 0), testHigh = subset(high.slice(-s.testSamples), 5);
  const accuracy = (model: Sequential, [x, y]: [Tensor, Tensor]): number => (model.evaluate(x, y, { batchSize: 500 }) as Tensor[])[1].item();

  setSeed(0);
  const base = convolutionBase();
  const pretrained = classifier(base, 0.01, 64);
  await pretrained.fit(...subset(low.slice(0, s.pretrainSamples), 0), { epochs: s.pretrainEpochs, batchSize: 20, verbose: 0 });
  const pretrainAccuracy = accuracy(pretrained, testLow);
  log(`Pretrained on ${s.pretrainSamples} digits 0-4 (${s.pretrainEpochs} epochs): test accuracy ${pretrainAccuracy.toFixed(3)} on digits 0-4.`);
  // Freeze the convolutions; the old head (dense 64 + dense 5 for 0-4) is dropped and a new one put on top.
  base.trainable = false;

  const results: ShotResult[] = [];
  let trainableWeights = { transfer: 0, scratch: 0 };
  let losses: { transfer: number[]; scratch: number[] } | null = null;
  let shown: number[] = [];
  for (const shots of s.shots) {
    const few = [5, 6, 7, 8, 9].flatMap((d) => high.filter((i) => labels[i] === d).slice(0, shots));
    const train = subset(few, 5);
    const r: ShotResult = { shots, transfer: [], scratch: [], transferMean: 0, scratchMean: 0 };
    for (let k = 0; k < s.repeats; k++) {
      setSeed(100 + k);
      const transfer = classifier(base, 0.03);
      const th = await transfer.fit(...train, { epochs: s.epochs, batchSize: few.length, verbose: 0 });
      r.transfer.push(accuracy(transfer, testHigh));
      setSeed(200 + k);
      const scratch = classifier(convolutionBase(), 0.03);
      const sh = await scratch.fit(...train, { epochs: s.epochs, batchSize: few.length, verbose: 0 });
      r.scratch.push(accuracy(scratch, testHigh));
      if (k === 0 && shots === s.shots[Math.floor(s.shots.length / 2)]) {
        trainableWeights = { transfer: count(transfer.trainableWeights), scratch: count(scratch.trainableWeights) };
        losses = { transfer: th.history.loss, scratch: sh.history.loss };
        shown = few;
      }
    }
    r.transferMean = mean(r.transfer);
    r.scratchMean = mean(r.scratch);
    results.push(r);
    log(`${shots} examples of each digit 5-9: transfer ${r.transferMean.toFixed(3)} [${r.transfer.map((a) => a.toFixed(3)).join(', ')}], from scratch ${r.scratchMean.toFixed(3)} [${r.scratch.map((a) => a.toFixed(3)).join(', ')}] (test accuracy on ${s.testSamples} digits 5-9, ${s.repeats} run${s.repeats > 1 ? 's' : ''} each).`);
  }
  log(`Trainable weights: ${trainableWeights.transfer} with the frozen base (the new head only), ${trainableWeights.scratch} from scratch.`);

  const { plots, save } = plotWriter(outDir);
  const shotsAxis = results.map((r) => r.shots);
  await save('accuracy-by-shots.svg', await lineChart({
    title: 'Digits 5-9 from a few examples each', xLabel: 'Training examples per digit', yLabel: 'Test accuracy', points: true,
    series: [
      { name: 'pretrained on 0-4, frozen, new head', x: shotsAxis, y: results.map((r) => r.transferMean) },
      { name: 'same network from scratch', x: shotsAxis, y: results.map((r) => r.scratchMean), dashed: true },
    ],
  }));
  const epochs = losses!.transfer.map((_, e) => e + 1);
  await save('training-loss.svg', await lineChart({
    title: `Training loss on ${shown.length} examples`, xLabel: 'Epoch', yLabel: 'Cross-entropy', logY: true,
    series: [{ name: 'transfer (head only)', x: epochs, y: losses!.transfer }, { name: 'from scratch', x: epochs, y: losses!.scratch, dashed: true }],
  }));
  const pixels = takeRows(digits.x, shown).dataSync();
  await save('few-shot-set.svg', imageGrid(shown.map((i, k) => ({ pixels: pixels.slice(k * 784, (k + 1) * 784), width: 28, height: 28, caption: String(labels[i]) })),
    { columns: shown.length / 5, title: 'The whole training set for digits 5-9' }));
  return { pretrainAccuracy, trainableWeights, results, plots };
}
