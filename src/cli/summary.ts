// `tensorgrad summary MODEL`: the layer table of a saved model, or of a preset built for a dataset's shape.
import { setSeed } from '../core/random.js';
import { resolveDataset } from './datasets.js';
import type { DatasetOptions } from './datasets.js';
import { loadModel } from './model-files.js';
import { buildPreset, isPreset } from './presets.js';
import { summaryText } from './shared.js';

/** The options of `summary`, as parsed. */
export interface SummaryOptions extends DatasetOptions {
  /** Presets: the dataset whose sample shape and classes the preset is built for. */
  dataset: string;
}

/**
 * Runs `tensorgrad summary`: prints the summary table of a preset or a saved model.
 * @example await runSummary('cnn', { dataset: 'digits' })
 */
export async function runSummary(spec: string, o: SummaryOptions): Promise<void> {
  if (isPreset(spec)) {
    setSeed(0);
    const data = await resolveDataset(o.dataset, { ...o, limit: o.limit ?? 1 });
    const model = buildPreset(spec, { inputShape: data.x.shape.slice(1), numClasses: data.classNames.length });
    process.stdout.write(`preset ${spec} for ${data.name} (samples of shape [${data.x.shape.slice(1).join(',')}], ${data.classNames.length} classes)\n`);
    process.stdout.write(`${summaryText(model)}\n`);
    return;
  }
  const { model, meta, location } = await loadModel(spec);
  process.stdout.write(`${location.modelJson}${meta ? ` (trained on ${meta.datasetName}: ${meta.classNames.length} classes)` : ''}\n`);
  process.stdout.write(`${summaryText(model)}\n`);
}
