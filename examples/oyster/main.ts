// Oyster ripeness: the rule "ripe when size > 7.5 cm" written by hand, versus one neuron (logistic regression)
// that learns the threshold from noisy labelled oysters. When this season's oysters ripen at another size,
// the neuron follows the data and the hand-written rule does not.
import { join } from 'node:path';
import { StandardScaler, lineChart, oysters, setSeed, tensor, writeSvg } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { layers, sequential } from '../../src/node.js';
import { train } from '../../src/node.js';
const { adam } = train;
import type { ExampleOptions } from '../catalog.js';

/** The threshold of the hand-written rule, in cm. */
export const RULE_THRESHOLD = 7.5;

/** What one scenario (one true threshold) gave. */
export interface OysterScenario {
  /** The threshold the data was generated with. */
  trueThreshold: number;
  /** Where the trained neuron says P(ripe) = 0.5. */
  learnedThreshold: number;
  /** Held-out accuracy of `size > 7.5`. */
  ruleAccuracy: number;
  /** Held-out accuracy of the neuron (P(ripe) > 0.5). */
  modelAccuracy: number;
  /** Training loss (binary cross-entropy) after each epoch. */
  losses: number[];
}

/** The result of the oyster example: one scenario per true threshold, and the plots written. */
export interface OysterResult {
  scenarios: OysterScenario[];
  plots: string[];
}

/** Fraction of rows where `predicted` (0/1) equals the 0/1 label. */
function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) right += predicted[i] === labels[i] ? 1 : 0;
  return right / labels.length;
}

interface Settings { nTrain: number; nTest: number; epochs: number; noise: number }

async function scenario(trueThreshold: number, s: Settings, seed: number): Promise<OysterScenario & { chart: string }> {
  const train = oysters({ n: s.nTrain, noise: s.noise, threshold: trueThreshold, seed });
  const test = oysters({ n: s.nTest, noise: s.noise, threshold: trueThreshold, seed: seed + 1 });
  // Standardized sizes let one learning rate suit both the weight and the bias.
  const scaler = new StandardScaler().fit(train.x);
  const neuron = sequential({ layers: [layers.dense({ units: 1, inputShape: [1], activation: 'sigmoid' })] });
  neuron.compile({ optimizer: adam({ learningRate: 0.1 }), loss: 'binaryCrossentropy' });
  const history = await neuron.fit(scaler.transform(train.x), train.y, { epochs: s.epochs, batchSize: 50, verbose: 0 });

  // sigmoid(w z + b) = 0.5 where z = -b / w; back in centimetres: mean + std * z.
  const [kernel, bias] = neuron.getWeights();
  const w = kernel.item(), b = bias.item();
  const learnedThreshold = scaler.mean![0] + scaler.std![0] * (-b / w);

  const sizes = test.x.dataSync(), labels = test.y.dataSync();
  const pTest = (neuron.predict(scaler.transform(test.x)) as Tensor).dataSync();
  const ruleAccuracy = accuracy(Array.from(sizes, (d) => (d > RULE_THRESHOLD ? 1 : 0)), labels);
  const modelAccuracy = accuracy(Array.from(pTest, (p) => (p > 0.5 ? 1 : 0)), labels);

  const grid = Array.from({ length: 141 }, (_, i) => 4 + i * 0.05);
  const pGrid = (neuron.predict(scaler.transform(tensor(grid, [grid.length, 1]))) as Tensor).dataSync();
  const truth = grid.map((d) => (s.noise > 0 ? 1 / (1 + Math.exp(-(d - trueThreshold) / s.noise)) : d >= trueThreshold ? 1 : 0));
  const bins = Array.from({ length: 14 }, (_, i) => 4.25 + i * 0.5);
  const trainSizes = train.x.dataSync(), trainLabels = train.y.dataSync();
  const observed = bins.map((c) => {
    let n = 0, ripe = 0;
    trainSizes.forEach((d, i) => { if (Math.abs(d - c) <= 0.25) { n++; ripe += trainLabels[i]; } });
    return n > 0 ? ripe / n : NaN;
  });
  const chart = await lineChart({
    title: `Oysters ripening at ${trueThreshold} cm: learned threshold ${learnedThreshold.toFixed(2)} cm`,
    xLabel: 'Diameter (cm)', yLabel: 'P(ripe)', zero: true, points: false, width: 440,
    series: [
      { name: 'observed', x: bins, y: observed },
      { name: `rule: size > ${RULE_THRESHOLD}`, x: grid, y: grid.map((d) => (d > RULE_THRESHOLD ? 1 : 0)) },
      { name: 'learned neuron', x: grid, y: Array.from(pGrid) },
      { name: 'truth', x: grid, y: truth, dashed: true },
    ],
  });
  return { trueThreshold, learnedThreshold, ruleAccuracy, modelAccuracy, losses: history.history.loss, chart };
}

/**
 * Trains one neuron on oysters ripening at 7.5 cm and at 8.5 cm, prints the learned thresholds and the held-out
 * accuracies of the neuron and of the rule `size > 7.5`, and plots P(ripe) against size.
 * @example const { scenarios } = await run({ quick: true }); scenarios[1].learnedThreshold // about 8.5
 */
export async function run(opts: ExampleOptions = {}): Promise<OysterResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/oyster';
  const s: Settings = opts.quick
    ? { nTrain: 400, nTest: 1000, epochs: 30, noise: 0.3 }
    : { nTrain: 2000, nTest: 5000, epochs: 60, noise: 0.3 };
  setSeed(7);
  const scenarios: OysterScenario[] = [];
  const plots: string[] = [];
  log(`${s.nTrain} labelled oysters to learn from, ${s.nTest} new ones to test on; labels are noisy near the true threshold.`);
  log('true threshold | learned threshold | rule "size > 7.5" accuracy | neuron accuracy');
  for (const [k, truth] of [7.5, 8.5].entries()) {
    const { chart, ...r } = await scenario(truth, s, 100 + 10 * k);
    scenarios.push(r);
    log(`${truth.toFixed(1).padStart(14)} | ${r.learnedThreshold.toFixed(2).padStart(17)} | ${r.ruleAccuracy.toFixed(3).padStart(26)} | ${r.modelAccuracy.toFixed(3)}`);
    const path = join(outDir, `ripeness-${truth}.svg`);
    await writeSvg(path, chart);
    plots.push(path);
  }
  log('Where the truth is 7.5 the neuron rediscovers the rule; where it moved, the neuron moves with it and the rule falls behind.');
  return { scenarios, plots };
}
