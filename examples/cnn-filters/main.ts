// What a convolutional network learns: each first-layer filter is a small image slid over the input, and its
// feature map lights up where the input looks like the filter (an edge or a stroke at one angle). Training turns
// random filters into such detectors; the layers after them combine the maps into digits.
import { argmax, heatmap, imageGrid, loadDigits, setSeed, takeRows } from '../../src/node.js';
import type { GridImage, Tensor } from '../../src/node.js';
import { layers, sequential } from '../../src/node.js';
import type { Layer } from '../../src/node.js';
import { Conv2D } from '../../src/node.js';
import { MaxPooling2D } from '../../src/node.js';
import { confusionMatrix } from '../../src/node.js';
import { train } from '../../src/node.js';
const { adam } = train;
import type { ExampleOptions } from '../catalog.js';
import { plotWriter } from '../plots.js';

/** The result of the CNN example. */
export interface CnnFiltersResult {
  trainAccuracy: number;
  testAccuracy: number;
  /** Test samples per class and what they were predicted as: confusion[true][predicted]. */
  confusion: number[][];
  /** First-layer filters after training, [filters][height * width]. */
  filters: number[][];
  plots: string[];
}

interface Settings { nTrain: number; nTest: number; filters: number; secondConv: number; epochs: number; batchSize: number; learningRate: number }

// One convolution in the quick run (the reference backend computes convolutions in plain TypeScript).
const QUICK: Settings = { nTrain: 600, nTest: 500, filters: 6, secondConv: 0, epochs: 2, batchSize: 20, learningRate: 0.01 };
const FULL: Settings = { nTrain: 8000, nTest: 2000, filters: 8, secondConv: 16, epochs: 4, batchSize: 32, learningRate: 0.003 };
const KERNEL = 5;

/** Rows [start, start + n) of a tensor. */
function rows(x: Tensor, start: number, n: number): Tensor {
  return takeRows(x, Array.from({ length: n }, (_, i) => start + i));
}

/** Channel `c` of a [height, width, channels] feature map (flat, row-major). */
function channel(map: ArrayLike<number>, height: number, width: number, channels: number, c: number): Float32Array {
  const out = new Float32Array(height * width);
  for (let i = 0; i < height * width; i++) out[i] = map[i * channels + c];
  return out;
}

/** Values rescaled to [0, 1] (min -> black, max -> white), so every filter or map uses the full grey range. */
function stretch(v: ArrayLike<number>): Float32Array {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) { lo = Math.min(lo, v[i]); hi = Math.max(hi, v[i]); }
  const span = hi - lo || 1;
  return Float32Array.from(v, (a) => (a - lo) / span);
}

/** The [kh, kw, 1, filters] kernel as one image per filter. */
function filterImages(kernel: Tensor): number[][] {
  const [kh, kw, , n] = kernel.shape, k = kernel.dataSync();
  return Array.from({ length: n }, (_, f) => Array.from({ length: kh * kw }, (_, i) => k[i * n + f]));
}

/**
 * Trains a small CNN on the embedded handwritten digits, prints its accuracy, and draws its first-layer filters
 * before and after training, the feature maps they produce on a few test digits, and the confusion matrix.
 * @example const r = await run({ quick: true }); r.testAccuracy // about 0.9
 */
export async function run(opts: ExampleOptions = {}): Promise<CnnFiltersResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/cnn-filters';
  const s = opts.quick ? QUICK : FULL;
  const digits = await loadDigits();
  const images = digits.x.reshape([digits.x.shape[0], 28, 28, 1]);
  const xTrain = rows(images, 0, s.nTrain), yTrain = rows(digits.y, 0, s.nTrain);
  const testStart = digits.x.shape[0] - s.nTest;
  const xTest = rows(images, testStart, s.nTest), yTest = rows(digits.y, testStart, s.nTest);

  setSeed(0);
  const conv1 = new Conv2D({ filters: s.filters, kernelSize: KERNEL, activation: 'relu', inputShape: [28, 28, 1], name: 'conv1' });
  const body: Layer[] = [conv1, new MaxPooling2D({ poolSize: 2 })];
  if (s.secondConv > 0) body.push(new Conv2D({ filters: s.secondConv, kernelSize: KERNEL, activation: 'relu' }), new MaxPooling2D({ poolSize: 2 }));
  const model = sequential({ layers: [...body, layers.flatten(), layers.dense({ units: 10, activation: 'softmax' })] });
  model.compile({ optimizer: adam({ learningRate: s.learningRate }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const before = filterImages(conv1.kernel!.value);
  log(`CNN: conv ${s.filters}x${KERNEL}x${KERNEL} + max-pool${s.secondConv ? `, conv ${s.secondConv}x${KERNEL}x${KERNEL} + max-pool` : ''}, dense 10 (softmax); ${model.countParams()} weights.`);
  log(`Training on ${s.nTrain} digits for ${s.epochs} epochs, testing on ${s.nTest} others.`);
  const history = await model.fit(xTrain, yTrain, { epochs: s.epochs, batchSize: s.batchSize, verbose: 0 });
  const trainAccuracy = history.history.accuracy.at(-1)!;
  const predicted = argmax(model.predict(xTest, { batchSize: 250 }) as Tensor, 1);
  const confusion = confusionMatrix(yTest, predicted, 10).arraySync() as number[][];
  const testAccuracy = confusion.reduce((a, row, i) => a + row[i], 0) / s.nTest;
  history.history.loss.forEach((loss, e) => log(`  epoch ${e + 1}: loss ${loss.toFixed(4)}, training accuracy ${history.history.accuracy[e].toFixed(3)}`));
  log(`Test accuracy ${testAccuracy.toFixed(3)}.`);

  const filters = filterImages(conv1.kernel!.value);
  const filterGrid = (ws: number[][], when: string): GridImage[] =>
    ws.map((w, f) => ({ pixels: stretch(w), width: KERNEL, height: KERNEL, caption: `${when} ${f + 1}` }));

  // Feature maps: the first test digit of a few classes, through the trained first convolution (with its ReLU).
  const labels = Array.from(yTest.dataSync());
  const picks = [0, 1, 2, 3, 7].map((d) => labels.indexOf(d)).filter((i) => i >= 0);
  const maps: GridImage[] = [];
  for (const i of picks) {
    const x = rows(xTest, i, 1);
    const out = conv1.apply(x) as Tensor; // [1, 24, 24, filters]
    const [, h, w, c] = out.shape, data = out.dataSync();
    maps.push({ pixels: x.dataSync(), width: 28, height: 28, caption: `input (${labels[i]})` });
    for (let f = 0; f < c; f++) maps.push({ pixels: stretch(channel(data, h, w, c, f)), width: w, height: h, caption: `filter ${f + 1}` });
  }
  log(`Feature maps of digits ${picks.map((i) => labels[i]).join(', ')}: bright where the input matches the filter.`);

  const { plots, save } = plotWriter(outDir);
  await save('filters.svg', imageGrid([...filterGrid(before, 'initial'), ...filterGrid(filters, 'trained')], {
    columns: s.filters, scale: 10, title: `${KERNEL}x${KERNEL} filters: initial, trained`,
  }));
  await save('feature-maps.svg', imageGrid(maps, { columns: s.filters + 1, scale: 2, title: 'Feature maps of the first convolution (after ReLU)' }));
  await save('confusion.svg', await heatmap({
    title: `Test confusion matrix (accuracy ${testAccuracy.toFixed(3)})`, matrix: confusion, rowLabels: digits.classNames,
    colLabels: digits.classNames, xLabel: 'Predicted', yLabel: 'True', valueLabel: 'samples', showValues: true,
  }));
  return { trainAccuracy, testAccuracy, confusion, filters, plots };
}
