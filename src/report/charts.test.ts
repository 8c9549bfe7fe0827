import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgumentError } from '../core/errors.js';
import { Random } from '../core/random.js';
import { decisionBoundary, heatmap, imageGrid, lineChart, scatterChart } from './charts.js';
import { checkWellFormed } from './testing.js';

function assertSvg(svg: string): void {
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>$/);
  assert.equal(checkWellFormed(svg), null);
}

/** The visible text of an SVG, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

test('lineChart draws every series with title, axis titles and a dashed legend entry', async () => {
  const epochs = [1, 2, 3, 4];
  const svg = await lineChart({
    title: 'Loss', xLabel: 'Epoch', yLabel: 'Cross-entropy',
    series: [{ name: 'training', x: epochs, y: [1, 0.6, 0.4, 0.3] }, { name: 'validation', x: epochs, y: Float32Array.of(1.1, 0.7, 0.5, 0.45), dashed: true }],
  });
  assertSvg(svg);
  const t = texts(svg);
  for (const s of ['Loss', 'Epoch', 'Cross-entropy', 'training', 'validation']) assert.ok(t.includes(s), `missing '${s}' in ${t.join('|')}`);
  assert.match(svg, /stroke-dasharray="6,4"/);
});

test('lineChart leaves gaps for non-finite values and supports a log y axis', async () => {
  const svg = await lineChart({ series: [{ name: 'loss', x: [0, 1, 2, 3], y: [100, NaN, 1, 0.01] }], logY: true, xLabel: 'step', yLabel: 'loss' });
  assertSvg(svg);
  assert.ok(!texts(svg).includes('loss ') && !/NaN/.test(svg));
  assert.ok(texts(svg).some((s) => s === '0.01' || s === '1e-2'), texts(svg).join('|'));
});

test('lineChart rejects bad input with a clear ArgumentError', async () => {
  await assert.rejects(lineChart({ series: [{ name: 'loss', x: [1, 2, 3], y: [1, 2] }] }),
    (e: unknown) => e instanceof ArgumentError && /^lineChart: series 'loss' has 3 x values but 2 y values$/.test(e.message));
  await assert.rejects(lineChart({ series: [] }), /lineChart: series must be a non-empty array of \{name, x, y\}, received array of length 0/);
  await assert.rejects(lineChart({ series: [{ name: 'a', x: [1, NaN], y: [1, 2] }] }), /lineChart: series 'a' x\[1\] must be a finite number, received number NaN/);
  await assert.rejects(lineChart({ series: [{ name: 'a', x: [1], y: [1] }, { name: 'a', x: [1], y: [1] }] }), /series names must be distinct/);
  await assert.rejects(lineChart({ series: [{ name: 'a', x: [1], y: [1] }], width: -5 }), /lineChart: width must be a positive number, received number -5/);
  // @ts-expect-error: a string is not an options object
  await assert.rejects(lineChart('loss'), /lineChart: expected an options object, received 'loss'/);
});

test('scatterChart colours points by class with a legend of class names', async () => {
  const rnd = new Random(3);
  const x = Array.from({ length: 30 }, () => rnd.normal()), y = x.map(() => rnd.normal());
  const svg = await scatterChart({ x, y, labels: x.map((_, i) => i % 3), classNames: ['setosa', 'versicolor', 'virginica'], xLabel: 'petal length', yLabel: 'petal width' });
  assertSvg(svg);
  for (const s of ['setosa', 'versicolor', 'virginica', 'Class', 'petal length', 'petal width']) assert.ok(texts(svg).includes(s), s);
  assert.equal(new Set([...svg.matchAll(/aria-roledescription="circle"[^>]*fill="(#[0-9a-f]+)"/g)].map((m) => m[1])).size, 3);
  await assert.rejects(scatterChart({ x: [1, 2], y: [1] }), /scatterChart: x and y must have the same length, received 2 and 1/);
  await assert.rejects(scatterChart({ x: [1], y: [1], labels: [3], classNames: ['a', 'b'] }), /scatterChart: labels\[0\] = 3 is out of range for 2 classNames/);
  await assert.rejects(scatterChart({ x: [1], y: [1], labels: [0.5] }), /scatterChart: labels\[0\] must be a class index \(integer >= 0\), received 0.5/);
});

test('heatmap writes every count into its cell, labelled rows and columns', async () => {
  const matrix = [[50, 2, 0], [3, 45, 7], [0, 1, 60]];
  const svg = await heatmap({ title: 'Confusion matrix', matrix, rowLabels: ['cat', 'dog', 'bird'], colLabels: ['cat', 'dog', 'bird'], xLabel: 'Predicted', yLabel: 'True' });
  assertSvg(svg);
  const t = texts(svg);
  for (const v of matrix.flat()) assert.ok(t.includes(String(v)), `count ${v}`);
  for (const s of ['Confusion matrix', 'Predicted', 'True', 'cat', 'dog', 'bird']) assert.ok(t.includes(s), s);
  assert.equal((svg.match(/aria-roledescription="rect mark"/g) ?? []).length, 9);
  // the largest count is written in white on the darkest cell
  assert.match(svg, /<text[^>]*fill="white"[^>]*>60<\/text>/);
  assert.ok(texts(await heatmap({ matrix: [[0.25, 0.75]] })).includes('0.75'));
});

test('heatmap rejects ragged matrices and mismatched labels', async () => {
  await assert.rejects(heatmap({ matrix: [[1, 2], [3]] }), /heatmap: matrix rows must be non-empty and of equal length, received lengths \[2,1\]/);
  await assert.rejects(heatmap({ matrix: [] }), /heatmap: matrix must be a non-empty array of rows, received array of length 0/);
  await assert.rejects(heatmap({ matrix: [[1, 2]], colLabels: ['a'] }), /heatmap: colLabels must have 2 entries, received 1/);
  await assert.rejects(heatmap({ matrix: [[1, 2]], colLabels: ['a', 'a'] }), /heatmap: colLabels must be distinct/);
});

test('decisionBoundary draws class regions (merged per row) under the points', async () => {
  const xs = Array.from({ length: 40 }, (_, i) => -1 + i / 19.5), ys = xs;
  const values = ys.map((y) => xs.map((x) => (x + y > 0 ? 1 : 0)));
  const svg = await decisionBoundary({ title: 'Boundary', xs, ys, values, points: { x: [-0.5, 0.5], y: [-0.5, 0.5], labels: [0, 1] }, classNames: ['left', 'right'], xLabel: 'x1', yLabel: 'x2' });
  assertSvg(svg);
  for (const s of ['Boundary', 'left', 'right', 'x1', 'x2']) assert.ok(texts(svg).includes(s), s);
  assert.equal((svg.match(/aria-roledescription="circle"/g) ?? []).length, 2);
  // At most two runs per grid row instead of 40 cells.
  const rects = svg.match(/<path d="M[^"]*" fill="#[0-9a-f]+"\/>/g) ?? [];
  assert.ok(rects.length > 0 && rects.length <= 80, `${rects.length} rects`);
});

test('decisionBoundary shows probabilities with a gradient legend; accepts flat values', async () => {
  const xs = [0, 1, 2], ys = [0, 1];
  const svg = await decisionBoundary({ xs, ys, values: Float32Array.of(0.1, 0.5, 0.9, 0.2, 0.6, 0.95), classNames: ['no', 'yes'] });
  assertSvg(svg);
  assert.ok(texts(svg).includes('P(yes)'));
  assert.match(svg, /linearGradient/);
});

test('decisionBoundary rejects a grid that does not match its values', async () => {
  await assert.rejects(decisionBoundary({ xs: [0, 1], ys: [0, 1], values: [0, 1, 1] }), /decisionBoundary: values must hold ys.length \* xs.length = 2\*2 = 4 numbers, received 3/);
  await assert.rejects(decisionBoundary({ xs: [0, 1], ys: [0, 1, 2], values: [[0, 1], [1, 0]] }), /decisionBoundary: values must have ys.length = 3 rows, received 2/);
  await assert.rejects(decisionBoundary({ xs: [1, 0], ys: [0, 1], values: [0, 1, 1, 0] }), /decisionBoundary: xs must be strictly ascending, received 1 then 0 at index 1/);
  await assert.rejects(decisionBoundary({ xs: [0], ys: [0, 1], values: [0, 1] }), /decisionBoundary: xs must have at least 2 grid coordinates, received 1/);
  // @ts-expect-error: mode is 'class' or 'probability'
  await assert.rejects(decisionBoundary({ xs: [0, 1], ys: [0, 1], values: [0, 1, 1, 0], mode: 'regression' }), /mode must be 'class' or 'probability', received 'regression'/);
});

test('imageGrid draws grey and RGB images with escaped captions and red frames', () => {
  const grey = new Uint8Array(4 * 3).map((_, i) => i * 20);
  const rgb = new Float32Array(2 * 2 * 3).map((_, i) => (i % 3 === 0 ? 1 : 0));
  const svg = imageGrid([
    { pixels: grey, width: 4, height: 3, caption: 'pred <cat>\ntrue "dog" & co', highlight: true },
    { pixels: rgb, width: 2, height: 2, caption: 'red' },
    { pixels: [-1, 0, 1, 2], width: 2, height: 2 },
  ], { title: 'Samples', columns: 2 });
  assertSvg(svg);
  assert.deepEqual(texts(svg), ['Samples', 'pred &lt;cat&gt;', 'true &quot;dog&quot; &amp; co', 'red']);
  assert.equal((svg.match(/class="sample highlight"/g) ?? []).length, 1);
  assert.match(svg, /stroke="#dc2626"/);
  assert.match(svg, /fill="#ff0000"/); // the pure red RGB image
  assert.match(svg, /fill="#ffffff"/); // standardized values rescaled: the largest is white
});

test('imageGrid rejects pixel arrays of the wrong size', () => {
  assert.throws(() => imageGrid([{ pixels: new Float32Array(10), width: 28, height: 28 }]),
    /imageGrid: images\[0\].pixels must hold 28\*28 \(grey\), \*3 \(RGB\) or \*4 \(RGBA\) values, received 10/);
  assert.throws(() => imageGrid([]), /imageGrid: images must be a non-empty array of \{pixels, width, height\}, received array of length 0/);
  assert.throws(() => imageGrid([{ pixels: [0], width: 1.5, height: 1 }]), /imageGrid: images\[0\] width and height must be positive integers/);
});
