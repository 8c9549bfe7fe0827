// Names the command definitions show in their help and check, kept apart from the modules that implement them so
// that `--help` and usage errors load nothing heavy.
import { existsSync } from 'node:fs';
import { CliError } from './errors.js';

/** The model presets of `train --model`. */
export const PRESET_NAMES = ['mlp', 'cnn', 'lstm'] as const;

/** The optimizers `train --optimizer` accepts. */
export const OPTIMIZERS = ['adam', 'sgd', 'momentum', 'rmsprop', 'adagrad', 'adadelta', 'adamax', 'nadam', 'adamw'] as const;

/** The built-in datasets (src/cli/datasets.ts loads them). */
export const DATASET_NAMES = ['digits', 'mnist', 'fashion-mnist', 'xor', 'circles', 'moons', 'spirals', 'oysters'] as const;

/**
 * Throws a CliError unless `spec` is a built-in dataset name or an existing path (checked before anything heavy
 * is loaded).
 * @example checkDatasetSpec('digitz') // throws: unknown dataset 'digitz'; expected ...
 */
export function checkDatasetSpec(spec: string): void {
  if ((DATASET_NAMES as readonly string[]).includes(spec) || existsSync(spec)) return;
  throw new CliError(/[/\\.]/.test(spec)
    ? `${spec}: no such file or folder`
    : `unknown dataset '${spec}'; expected a built-in dataset (${DATASET_NAMES.join(', ')}) or a path to a CSV file, IDX file or folder`);
}

/**
 * Throws a CliError unless `spec` is a preset name, or an existing model.json file or folder holding a saved
 * model (for `train --model`).
 * @example checkModelSpec('resnet') // throws: unknown model 'resnet'; expected a preset ...
 */
export function checkModelSpec(spec: string): void {
  if ((PRESET_NAMES as readonly string[]).includes(spec) || existsSync(spec)) return;
  throw new CliError(/[/\\.]/.test(spec)
    ? `${spec}: no such file or folder`
    : `unknown model '${spec}'; expected a preset (${PRESET_NAMES.join(', ')}), a model.json file or a folder holding a saved model`);
}
