// Batches and epochs: an epoch is one pass over the data, one update per batch. 1,000 samples in batches of 20
// make 50 updates per epoch and 500 in 10 epochs; here they are counted as fit makes them, from its callbacks.
import { join } from 'node:path';
import { lineChart, regressionLine, setSeed, writeSvg } from '../../src/node.js';
import { layers, sequential } from '../../src/node.js';
import { train } from '../../src/node.js';
const { sgd } = train;
import type { ExampleOptions } from '../catalog.js';

/** What the callbacks saw for one batch size. */
export interface BatchCount {
  batchSize: number;
  epochs: number;
  /** onBatchEnd calls in each epoch. */
  updatesPerEpoch: number[];
  /** Sum of the batch sizes fit reported in each epoch. */
  samplesPerEpoch: number[];
  /** Size of the last batch of the first epoch. */
  lastBatchSize: number;
  /** onBatchEnd calls in all. */
  totalUpdates: number;
  /** onEpochEnd calls. */
  epochsSeen: number;
  /** The optimizer's own step counter after fit. */
  optimizerIterations: number;
  /** The loss fit logged at each update (the mean so far within the epoch, as Keras logs it). */
  losses: number[];
}

/** The result of the batch-epochs example. */
export interface BatchEpochsResult {
  samples: number;
  counts: BatchCount[];
  plots: string[];
}

/** Trains a one-neuron regression with `fit` and counts what the callbacks report. */
async function count(samples: number, batchSize: number, epochs: number): Promise<BatchCount> {
  const { x, y } = regressionLine({ n: samples, seed: 1 });
  const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
  const optimizer = sgd({ learningRate: 0.05 });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const updatesPerEpoch: number[] = [], samplesPerEpoch: number[] = [], losses: number[] = [];
  let epochsSeen = 0, lastBatchSize = 0;
  await model.fit(x, y, {
    batchSize, epochs, verbose: 0,
    callbacks: {
      onEpochBegin: () => { updatesPerEpoch.push(0); samplesPerEpoch.push(0); },
      onBatchEnd: (_batch, logs) => {
        updatesPerEpoch[updatesPerEpoch.length - 1]++;
        samplesPerEpoch[samplesPerEpoch.length - 1] += logs?.size ?? 0;
        if (updatesPerEpoch.length === 1) lastBatchSize = logs?.size ?? 0;
        losses.push(logs?.loss ?? NaN);
      },
      onEpochEnd: () => { epochsSeen++; },
    },
  });
  return {
    batchSize, epochs, updatesPerEpoch, samplesPerEpoch, lastBatchSize,
    totalUpdates: updatesPerEpoch.reduce((a, b) => a + b, 0), epochsSeen, optimizerIterations: optimizer.iterations, losses,
  };
}

/**
 * Trains the same small model with several batch sizes, counts updates per epoch from onBatchEnd, and plots the
 * cumulative updates per epoch and the loss at each update.
 * @example const r = await run({ quick: true }); r.counts[0].totalUpdates // 500
 */
export async function run(opts: ExampleOptions = {}): Promise<BatchEpochsResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/batch-epochs';
  const samples = 1000, epochs = 10;
  const batchSizes = opts.quick ? [20, 300, 1000] : [20, 1, 10, 32, 100, 300, 1000];
  setSeed(2);
  log(`${samples} samples, ${epochs} epochs. Updates counted with onBatchEnd; expected ceil(samples / batch) per epoch.`);
  log('batch size | updates per epoch (counted) | expected | total updates | optimizer steps | last batch');
  const counts: BatchCount[] = [];
  for (const b of batchSizes) {
    const c = await count(samples, b, epochs);
    counts.push(c);
    const perEpoch = [...new Set(c.updatesPerEpoch)].join('/');
    log(`${String(b).padStart(10)} | ${perEpoch.padStart(27)} | ${String(Math.ceil(samples / b)).padStart(8)} | ${String(c.totalUpdates).padStart(13)} | ${String(c.optimizerIterations).padStart(15)} | ${c.lastBatchSize} sample${c.lastBatchSize === 1 ? '' : 's'}`);
  }
  const main = counts[0];
  log(`Batch ${main.batchSize}: ${main.updatesPerEpoch[0]} updates per epoch x ${main.epochsSeen} epochs = ${main.totalUpdates} updates.`);
  log('Smaller batches: more, noisier updates per pass; one batch of everything: one exact-gradient step per epoch.');

  const plots = [join(outDir, 'updates-per-epoch.svg'), join(outDir, 'loss-per-update.svg')];
  const epochAxis = Array.from({ length: epochs + 1 }, (_, i) => i);
  await writeSvg(plots[0], await lineChart({
    title: `Updates made by fit, ${samples} samples`, xLabel: 'Epochs completed', yLabel: 'Updates so far (counted, log scale)', logY: true,
    series: counts.map((c) => ({
      name: `batch ${c.batchSize}`, x: epochAxis,
      y: epochAxis.map((e) => c.updatesPerEpoch.slice(0, e).reduce((a, b) => a + b, 0)),
    })),
  }));
  await writeSvg(plots[1], await lineChart({
    title: `Batch ${main.batchSize}: ${main.totalUpdates} updates, ${main.updatesPerEpoch[0]} per epoch`, xLabel: 'Update',
    yLabel: 'Loss (running mean, restarts each epoch)',
    logY: true, points: false,
    series: [{ name: `batch ${main.batchSize}`, x: main.losses.map((_, i) => i + 1), y: main.losses }],
  }));
  return { samples, counts, plots };
}
