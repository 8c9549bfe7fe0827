// Datasets from single files: CSV tables (label column found by name, numeric or category) and IDX image files
// with their labels file.
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Tensor } from '../core/tensor.js';
import { DataFormatError } from '../data/errors.js';
import { loadImagesAndLabels } from '../data/node/digits.js';
import { loadCsv } from '../data/node/csv.js';
import type { CsvData, LoadCsvOptions } from '../data/node/csv.js';
import { asInputError, CliError, firstLine } from './errors.js';

/** The columns of a CSV file and whether its first row is a header (a first row of numbers is data). */
export interface CsvLayout {
  names: string[];
  header: boolean;
  delimiter: string;
}

/**
 * Reads the first row of a CSV file to learn its column names.
 * @example const { names } = await csvLayout('iris.csv')
 */
export async function csvLayout(path: string): Promise<CsvLayout> {
  const delimiter = /\.tsv$/i.test(path) ? '\t' : ',';
  const text = await asInputError(() => readFile(path, 'utf8'), `${path}: `);
  let first: string[] | undefined;
  try {
    first = (parse(text, { to_line: 1, bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][])[0];
  } catch (e) {
    throw new CliError(`${path}: malformed CSV (${firstLine(e)})`, { cause: e });
  }
  if (!first || first.length === 0) throw new CliError(`${path}: the file is empty`);
  const header = !first.every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
  return { names: header ? first.map((c) => c.trim()) : first.map((_, i) => `column${i + 1}`), header, delimiter };
}

/** loadCsv's messages end with hints about its own options; the CLI has other ways, so drop them. */
function csvMessage(e: unknown): string {
  return firstLine(e).replace(/^loadCsv: /, '').replace(/; (mark the column with columnTypes|pass \{ missing).*$/, '');
}

async function readCsv(path: string, options: LoadCsvOptions): Promise<CsvData> {
  try {
    return await loadCsv(path, options);
  } catch (e) {
    // Everything loadCsv throws here is about the file or the columns asked for.
    throw new CliError(csvMessage(e), { cause: e });
  }
}

/** Integer class ids >= 0 from numeric labels, or a CliError naming the first bad one. */
function numericClassIds(path: string, label: string, y: Tensor, header: boolean): Tensor {
  const ids = new Int32Array(y.size);
  for (let i = 0; i < y.size; i++) {
    const v = y.storage[i];
    if (!Number.isInteger(v) || v < 0) {
      throw new CliError(`${path} row ${i + (header ? 2 : 1)}: label ${v} in column "${label}" is not a class id (labels must be whole numbers >= 0 or class names)`);
    }
    ids[i] = v;
  }
  return Tensor.fromStorage(ids, [y.size], 'int32');
}

/**
 * Loads a CSV file as a classification table: `label` (default the last column) holds class ids or class names,
 * every other column must be numeric.
 * @example const d = await loadCsvDataset('iris.csv', 'iris', 'species')
 */
export async function loadCsvDataset(path: string, name: string, label?: string) {
  const layout = await csvLayout(path);
  const labelColumn = label ?? layout.names[layout.names.length - 1];
  if (!layout.names.includes(labelColumn)) {
    throw new CliError(`--label "${labelColumn}" is not a column of ${path} (columns: ${layout.names.join(', ')})`);
  }
  if (layout.names.length < 2) throw new CliError(`${path}: needs at least one feature column besides the label column "${labelColumn}"`);
  const base: LoadCsvOptions = { header: layout.header, columnNames: layout.names, labelColumn, delimiter: layout.delimiter };
  let data: CsvData;
  let category = false;
  try {
    data = await loadCsv(path, { ...base, columnTypes: { [labelColumn]: 'number' } });
  } catch (e) {
    // A label column of names is read again as categories; any other bad cell is the user's to fix.
    if (!(e instanceof DataFormatError && e.position.includes(`column "${labelColumn}"`) && /expected a number/.test(e.message))) {
      throw new CliError(csvMessage(e), { cause: e });
    }
    category = true;
    data = await readCsv(path, { ...base, columnTypes: { [labelColumn]: 'category' } });
  }
  if (data.x.shape[0] === 0) throw new CliError(`${path}: no data rows`);
  const y = category ? data.y! : numericClassIds(path, labelColumn, data.y!, layout.header);
  const classNames = category ? data.categories[labelColumn] : classNamesFor(y);
  return {
    name, description: `${data.x.shape[0]} rows of ${path}, ${data.featureNames.length} features, label column "${labelColumn}"`,
    kind: 'table' as const, x: data.x, y, classNames, featureNames: data.featureNames, labelName: labelColumn,
  };
}

/**
 * Loads the feature columns of a CSV file for prediction: `featureNames` when the header has them all (the label
 * column and others are then ignored), otherwise every column.
 * @example const x = await loadCsvFeatures('new.csv', ['sepal_length', 'sepal_width'])
 */
export async function loadCsvFeatures(path: string, featureNames?: readonly string[]): Promise<Tensor> {
  const layout = await csvLayout(path);
  const useNames = featureNames && layout.header && featureNames.every((f) => layout.names.includes(f));
  const data = await readCsv(path, {
    header: layout.header, columnNames: layout.names, delimiter: layout.delimiter, ...(useNames ? { featureColumns: featureNames } : {}),
  });
  if (data.x.shape[0] === 0) throw new CliError(`${path}: no data rows`);
  return data.x;
}

/** Class names '0' .. 'max' for numeric class ids. */
export function classNamesFor(y: Tensor): string[] {
  let max = 0;
  for (let i = 0; i < y.size; i++) max = Math.max(max, y.storage[i]);
  return Array.from({ length: max + 1 }, (_, i) => String(i));
}

/**
 * Whether `path` is an IDX file: by name (idx3-ubyte, .idx, ...) or by its first bytes.
 * @example await isIdxFile('t10k-images-idx3-ubyte.gz') // true
 */
export async function isIdxFile(path: string): Promise<boolean> {
  if (/idx\d|ubyte|\.idx(\.gz)?$/i.test(basename(path))) return true;
  const f = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await f.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer[0] === 0 && buffer[1] === 0 && [8, 9, 11, 12, 13, 14].includes(buffer[2]) && buffer[3] > 0;
  } finally {
    await f.close();
  }
}

/**
 * The labels file that goes with an IDX images file, by MNIST naming (images-idx3 -> labels-idx1), or a CliError.
 * @example labelsFileFor('data/train-images-idx3-ubyte.gz') // 'data/train-labels-idx1-ubyte.gz'
 */
export function labelsFileFor(imagesPath: string): string {
  const name = basename(imagesPath);
  const candidate = name.replace(/images/i, 'labels').replace(/idx3/i, 'idx1');
  const path = join(dirname(imagesPath), candidate);
  if (candidate !== name && existsSync(path)) return path;
  throw new CliError(`${imagesPath}: IDX images need their labels: pass --labels <labels IDX file>`);
}

/**
 * Loads IDX images (as floats in [0, 1]) and their labels.
 * @example const { x, y } = await loadIdxPair('train-images-idx3-ubyte', 'train-labels-idx1-ubyte')
 */
export async function loadIdxPair(imagesPath: string, labelsPath: string): Promise<{ x: Tensor; y: Tensor; classNames: string[] }> {
  const d = await asInputError(() => loadImagesAndLabels('tensorgrad', imagesPath, labelsPath, [], { normalize: true }));
  return { x: d.x, y: d.y, classNames: classNamesFor(d.y) };
}
