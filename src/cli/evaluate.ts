// `tensorgrad evaluate MODEL [DATASET]`: scores a saved model on a dataset's test part (by default the one it was
// trained on, held out the same way) and prints accuracy, loss and the confusion matrix.
import type { Tensor } from '../core/tensor.js';
import { trainTestSplit } from '../data/split.js';
import { initBackend } from './backend.js';
import { checkLabelsFit, checkShapeFits, evaluateClassifier } from './classify.js';
import { datasetKey, resolveDataset } from './datasets.js';
import type { CliDataset, DatasetOptions } from './datasets.js';
import { asInputError, CliError } from './errors.js';
import { loadModel } from './model-files.js';
import type { ModelMeta } from './model-files.js';
import { standardizeLike } from './prepare.js';
import { seconds } from './shared.js';

/** The options of `evaluate`, as parsed. */
export interface EvaluateOptions extends DatasetOptions {
  all?: boolean;
  batchSize: number;
}

/** The samples to score and a phrase saying which they are. */
async function chooseSamples(data: CliDataset, spec: string, meta: ModelMeta | undefined, o: EvaluateOptions): Promise<{ x: Tensor; y: Tensor; what: string }> {
  if (o.all) return { x: data.x, y: data.y, what: `all ${data.y.size} samples` };
  if (data.test) return { x: data.test.x, y: data.test.y, what: `the test part, ${data.test.y.size} samples` };
  const split = meta?.dataset === datasetKey(spec) ? meta.split : undefined;
  if (!split) return { x: data.x, y: data.y, what: `all ${data.y.size} samples` };
  const s = await asInputError(() => trainTestSplit(data.x, data.y, { testSize: split.testSize, seed: split.seed, stratify: data.y.size >= 20 }));
  return { x: s.xTest, y: s.yTest!, what: `the test part held out in training, ${s.yTest!.size} samples (seed ${split.seed})` };
}

/**
 * The confusion matrix as aligned text rows (true classes down, predictions across).
 * @example confusionText([[5, 1], [0, 6]], ['cat', 'dog'])
 */
export function confusionText(m: number[][], classNames: readonly string[]): string[] {
  const names = m.map((_, i) => (classNames[i] ?? String(i)).slice(0, 10));
  const w = Math.max(...names.map((n) => n.length), ...m.flat().map((v) => String(v).length)) + 1;
  const pad = (s: string): string => s.padStart(w);
  const head = `${''.padEnd(w)} ${names.map(pad).join('')}`;
  return [head, ...m.map((row, i) => `${names[i].padEnd(w)} ${row.map((v) => pad(String(v))).join('')}`)];
}

/**
 * Runs `tensorgrad evaluate`.
 * @example await runEvaluate('tensorgrad-out/digits-cnn', undefined, { batchSize: 256 })
 */
export async function runEvaluate(modelPath: string, datasetArg: string | undefined, o: EvaluateOptions): Promise<void> {
  const started = performance.now();
  const { model, meta, location } = await loadModel(modelPath);
  const spec = datasetArg ?? meta?.dataset;
  if (!spec) throw new CliError(`${location.modelJson} does not record its dataset; name one: tensorgrad evaluate ${modelPath} <dataset>`);
  const same = meta?.dataset === datasetKey(spec);
  const limit = o.limit ?? (same ? meta.split?.limit : undefined);
  const data = await resolveDataset(spec, { ...o, limit, label: o.label ?? (same ? meta.labelName : undefined) });
  const { x, y, what } = await chooseSamples(data, spec, meta, o);
  const xs = data.kind === 'table' ? standardizeLike(x, meta, spec) : x;
  checkShapeFits(model, xs, spec);
  checkLabelsFit(model, y, spec);
  const say = (line: string): void => { process.stdout.write(`${line}\n`); };
  say(initBackend());
  const ev = evaluateClassifier(model, xs, y, o.batchSize);
  say(`evaluate: ${location.modelJson} on ${data.name}: ${what}`);
  say(`accuracy ${(ev.accuracy * 100).toFixed(2)}% (${Math.round(ev.accuracy * ev.n)}/${ev.n}), loss ${ev.loss.toFixed(4)}, ${seconds((performance.now() - started) / 1000)}`);
  if (ev.confusion.length <= 12) {
    say('confusion matrix (rows: true class, columns: predicted class):');
    for (const line of confusionText(ev.confusion, meta?.classNames ?? data.classNames)) say(`  ${line}`);
  }
}
