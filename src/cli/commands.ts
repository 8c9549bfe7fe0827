// The definitions of the CLI's commands: arguments, options with their checks, help texts. Each action loads its
// implementation (train.ts, evaluate.ts, ...) only when it runs, so `--help` and usage errors answer at once.
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkDatasetSpec, checkModelSpec, DATASET_NAMES, OPTIMIZERS, PRESET_NAMES } from './names.js';
import { fraction, integer, parseSize, positive } from './options.js';

const MODEL_ARG = 'a training output folder, a model folder or a model.json';

function channelCount(value: string): number {
  if (value !== '1' && value !== '3') throw new InvalidArgumentError('expected 1 (gray) or 3 (RGB)');
  return Number(value);
}

/** Adds the options that say how to read a dataset (limit, CSV label, IDX labels, image size, MNIST folder). */
function dataOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--limit <n>', 'use only the first n samples of each part (quick runs)').argParser(integer(1)))
    .addOption(new Option('--label <column>', 'CSV: the label column (default: the last column)'))
    .addOption(new Option('--labels <file>', 'IDX images: the labels file (default: found by MNIST naming)'))
    .addOption(new Option('--image-size <HxW>', 'image folders: resize every image, e.g. 32x32').argParser(parseSize))
    .addOption(new Option('--channels <n>', 'image folders: 1 (gray) or 3 (RGB); default: the first image\'s').argParser(channelCount))
    .addOption(new Option('--data-dir <dir>', 'mnist, fashion-mnist: the folder of the four IDX files'));
}

/**
 * The `train` command.
 * @example program.addCommand(trainCommand())
 */
export function trainCommand(): Command {
  const cmd = new Command('train')
    .description('train a classifier on a dataset; write the model, a report and the history to an output folder')
    .argument('<dataset>', `a built-in dataset (${DATASET_NAMES.join(', ')}), a CSV file, an IDX images file, or a folder (MNIST IDX files, or one subfolder of images per class)`)
    .addOption(new Option('-m, --model <preset|file>', `${PRESET_NAMES.join(', ')}, or a saved model to train further (model.json or its folder); default: cnn for images, mlp for tables`))
    .addOption(new Option('-e, --epochs <n>', 'epochs (default: the preset\'s)').argParser(integer(1)))
    .addOption(new Option('-b, --batch-size <n>', 'samples per step (default: the preset\'s)').argParser(integer(1)))
    .addOption(new Option('--optimizer <name>', 'optimizer (default adam)').choices(OPTIMIZERS))
    .addOption(new Option('--lr, --learning-rate <x>', 'learning rate (default: the preset\'s)').argParser(positive))
    .addOption(new Option('--validation-split <f>', 'fraction of the training part used for validation').argParser(fraction(0, 1, true)).default(0.1))
    .addOption(new Option('--test-split <f>', 'fraction held out as the test part (datasets without one)').argParser(fraction(0, 1)).default(0.2))
    .addOption(new Option('--seed <n>', 'seed of the split, the initial weights and the shuffling').argParser(integer(0)).default(42))
    .addOption(new Option('-o, --out <dir>', 'output folder (default: tensorgrad-out/<dataset>-<model>)'))
    .addOption(new Option('-q, --quiet', 'no progress bar'));
  dataOptions(cmd).addHelpText('after', `
Examples:
  tensorgrad train digits                        the demo: a small CNN on the embedded digits
  tensorgrad train digits --model mlp --epochs 20
  tensorgrad train spirals --lr 0.01
  tensorgrad train iris.csv --label species
  tensorgrad train photos/ --image-size 32x32 --channels 3`);
  return cmd.action(async (dataset: string, o: Record<string, unknown>) => {
    checkDatasetSpec(dataset);
    if (typeof o.model === 'string') checkModelSpec(o.model);
    const { runTrain } = await import('./train.js');
    await runTrain(dataset, { ...(o as unknown as Parameters<typeof runTrain>[1]), lr: o.learningRate as number | undefined });
  });
}

/**
 * The `evaluate` command.
 * @example program.addCommand(evaluateCommand())
 */
export function evaluateCommand(): Command {
  const cmd = new Command('evaluate')
    .description('score a saved model on a dataset: accuracy, loss, confusion matrix')
    .argument('<model>', MODEL_ARG)
    .argument('[dataset]', 'the dataset, as for train (default: the one the model was trained on)')
    .addOption(new Option('--all', 'score every sample, not only the test part'))
    .addOption(new Option('-b, --batch-size <n>', 'samples per forward pass').argParser(integer(1)).default(256));
  dataOptions(cmd).addHelpText('after', `
Without --all, a dataset with a test part is scored on it, and the training dataset on the part held out in training.

Examples:
  tensorgrad evaluate tensorgrad-out/digits-cnn
  tensorgrad evaluate tensorgrad-out/digits-cnn mnist --data-dir ~/mnist`);
  return cmd.action(async (model: string, dataset: string | undefined, o: Record<string, unknown>) => {
    const { runEvaluate } = await import('./evaluate.js');
    await runEvaluate(model, dataset, o as unknown as Parameters<typeof runEvaluate>[2]);
  });
}

/**
 * The `predict` command.
 * @example program.addCommand(predictCommand())
 */
export function predictCommand(): Command {
  return new Command('predict')
    .description('classify images, CSV rows or IDX images with a saved model')
    .argument('<model>', MODEL_ARG)
    .argument('<inputs...>', 'PNG/JPEG images, or one CSV file (feature columns as in training), or one IDX images file')
    .addOption(new Option('-k, --top <k>', 'show the k most likely classes').argParser(integer(1)).default(1))
    .addHelpText('after', `
Images are converted to the model's size and channels and scaled to [0, 1]; an image whose background is the
opposite of the training images' (a dark digit on white paper for a digits model) is inverted first.
Predictions go to stdout, one line per sample; notes and the backend line to stderr.

Examples:
  tensorgrad predict tensorgrad-out/digits-cnn my-digit.png --top 3
  tensorgrad predict tensorgrad-out/iris-mlp new-flowers.csv`)
    .action(async (model: string, inputs: string[], o: { top: number }) => {
      const { runPredict } = await import('./predict.js');
      await runPredict(model, inputs, o);
    });
}

/**
 * The `summary` command.
 * @example program.addCommand(summaryCommand())
 */
export function summaryCommand(): Command {
  const cmd = new Command('summary')
    .description('print the layers, output shapes and parameter counts of a preset or a saved model')
    .argument('<model>', `a preset (${PRESET_NAMES.join(', ')}), ${MODEL_ARG}`)
    .addOption(new Option('-d, --dataset <dataset>', 'presets: the dataset whose samples and classes the preset is built for').default('digits'));
  dataOptions(cmd).addHelpText('after', `
Examples:
  tensorgrad summary cnn                         the preset as built for the digits
  tensorgrad summary mlp --dataset spirals
  tensorgrad summary tensorgrad-out/digits-cnn`);
  return cmd.action(async (model: string, o: Record<string, unknown>) => {
    const { runSummary } = await import('./summary.js');
    await runSummary(model, o as unknown as Parameters<typeof runSummary>[1]);
  });
}

/**
 * The `report` command.
 * @example program.addCommand(reportCommand())
 */
export function reportCommand(): Command {
  return new Command('report')
    .description('render the training report of a run again (report.html and SVG charts) from its report.json')
    .argument('<run>', 'a folder written by train (holding report.json), or a report.json file')
    .addOption(new Option('-o, --out <dir>', 'write the report into this folder (default: beside report.json)'))
    .addHelpText('after', `
Example:
  tensorgrad report tensorgrad-out/digits-cnn`)
    .action(async (run: string, o: { out?: string }) => {
      const { runReport } = await import('./report.js');
      await runReport(run, o);
    });
}
