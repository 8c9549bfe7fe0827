// Loads a CSV file of numbers (and categories) into a feature tensor and an optional label tensor.
import { parse } from 'csv-parse/sync';
import { ArgumentError, describe } from '../../core/errors.js';
import { Tensor } from '../../core/tensor.js';
import { DataFormatError } from '../errors.js';
import { checkPath, readBytes } from './read.js';

/** How a CSV column is read: numbers, categories (strings mapped to sorted class ids), or skipped. */
export type CsvColumnType = 'number' | 'category' | 'skip';

/** Options of `loadCsv`. */
export interface LoadCsvOptions {
  /** The first row names the columns (default true). */
  header?: boolean;
  /** Column names when there is no header (default 'column1', 'column2', ...), or to replace the header's. */
  columnNames?: readonly string[];
  /** Column split off as the target `y`. */
  labelColumn?: string;
  /** Columns that make up `x`, in this order (default: every column but the label and skipped ones). */
  featureColumns?: readonly string[];
  /** Per-column type (default 'number'); a 'category' label becomes int32 class ids. */
  columnTypes?: Readonly<Record<string, CsvColumnType>>;
  /** Field separator (default ','). */
  delimiter?: string;
  /** Value for missing cells (e.g. NaN or 0); by default a missing cell is an error. */
  missing?: number;
  /** Cell texts that mean "missing" besides an empty cell (default 'NA', 'N/A', 'NaN', 'nan', 'null', '?'). */
  missingMarkers?: readonly string[];
  /** Dtype of `x` and of a numeric `y` (default float32). */
  dtype?: 'float32' | 'float64';
}

/** What `loadCsv` returns. */
export interface CsvData {
  /** Features [rows, featureNames.length]. */
  x: Tensor;
  /** Targets [rows] when `labelColumn` was given: int32 class ids for a category label, else numbers. */
  y?: Tensor;
  featureNames: string[];
  labelName?: string;
  /** For each category column, its classes in class-id order. */
  categories: Record<string, string[]>;
}

const DEFAULT_MISSING = ['NA', 'N/A', 'NaN', 'nan', 'null', '?'];

interface Row { info: { lines: number }; record: string[] }

function parseRows(fn: string, path: string, bytes: Uint8Array, delimiter: string): Row[] {
  try {
    return parse(bytes, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true, delimiter }) as unknown as Row[];
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    throw new DataFormatError(fn, path, err.lines ? `row ${err.lines}` : '', `malformed CSV: ${String(err.message ?? e).replace(/\s+at line \d+/, '')}`);
  }
}

function checkOptions(fn: string, o: LoadCsvOptions): void {
  if (o === null || typeof o !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(o)}`);
  if (o.delimiter !== undefined && (typeof o.delimiter !== 'string' || o.delimiter === '')) throw new ArgumentError(fn, `delimiter must be a non-empty string, received ${describe(o.delimiter)}`);
  if (o.missing !== undefined && typeof o.missing !== 'number') throw new ArgumentError(fn, `missing must be a number (NaN allowed), received ${describe(o.missing)}`);
  if (o.dtype !== undefined && o.dtype !== 'float32' && o.dtype !== 'float64') throw new ArgumentError(fn, `dtype must be 'float32' or 'float64', received ${describe(o.dtype)}`);
  if (o.missingMarkers !== undefined && (!Array.isArray(o.missingMarkers) || !o.missingMarkers.every((m) => typeof m === 'string'))) {
    throw new ArgumentError(fn, `missingMarkers must be an array of strings, received ${describe(o.missingMarkers)}`);
  }
  for (const [col, t] of Object.entries(o.columnTypes ?? {})) {
    if (t !== 'number' && t !== 'category' && t !== 'skip') throw new ArgumentError(fn, `columnTypes.${col} must be 'number', 'category' or 'skip', received ${describe(t)}`);
  }
}

/**
 * Reads a CSV file into `x` [rows, features] (and `y` [rows] from `labelColumn`). A bad cell is an error naming
 * the file, the row (the file's line number, header included) and the column.
 * @example const { x, y, featureNames } = await loadCsv('iris.csv', { labelColumn: 'species', columnTypes: { species: 'category' } })
 */
export async function loadCsv(path: string, options: LoadCsvOptions = {}): Promise<CsvData> {
  const fn = 'loadCsv';
  checkPath(fn, path);
  checkOptions(fn, options);
  const rows = parseRows(fn, path, await readBytes(fn, path), options.delimiter ?? ',');
  const header = options.header ?? true;
  const first = header ? rows.shift() : rows[0];
  if (!first) throw new DataFormatError(fn, path, '', 'the file is empty');
  const width = first.record.length;
  const names = (options.columnNames ?? (header ? first.record.map((s) => s.trim()) : first.record.map((_, i) => `column${i + 1}`))).slice();
  if (names.length !== width) throw new ArgumentError(fn, `columnNames has ${names.length} names but the file has ${width} columns`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new DataFormatError(fn, path, 'row 1', `column name "${name}" appears twice`);
    seen.add(name);
  }
  const known = (col: string, arg: string): number => {
    const i = names.indexOf(col);
    if (i < 0) throw new ArgumentError(fn, `${arg} "${col}" is not a column of ${path} (columns: ${names.map((s) => `"${s}"`).join(', ')})`);
    return i;
  };
  const types = options.columnTypes ?? {};
  for (const col of Object.keys(types)) known(col, 'columnTypes names column');
  const typeOf = (col: string): CsvColumnType => types[col] ?? 'number';
  const labelIndex = options.labelColumn === undefined ? -1 : known(options.labelColumn, 'labelColumn');
  const featureNames = options.featureColumns
    ? options.featureColumns.map((c) => { known(c, 'featureColumns names column'); return c; })
    : names.filter((c, i) => i !== labelIndex && typeOf(c) !== 'skip');
  const featureIndex = featureNames.map((c) => names.indexOf(c));

  const markers = new Set(['', ...(options.missingMarkers ?? DEFAULT_MISSING).map((m) => m.trim())]);
  for (const r of rows) {
    if (r.record.length !== width) {
      throw new DataFormatError(fn, path, `row ${r.info.lines}`, `expected ${width} columns${header ? ' (as the header)' : ' (as the first row)'}, received ${r.record.length}`);
    }
  }
  // Category columns: classes sorted so ids do not depend on row order.
  const categories: Record<string, string[]> = {};
  const classIds = new Map<number, Map<string, number>>();
  for (const i of [...featureIndex, labelIndex]) {
    if (i < 0 || typeOf(names[i]) !== 'category' || classIds.has(i)) continue;
    const values = [...new Set(rows.map((r) => r.record[i].trim()).filter((v) => !markers.has(v)))].sort();
    categories[names[i]] = values;
    classIds.set(i, new Map(values.map((v, k) => [v, k])));
  }
  const cell = (r: Row, i: number): number => {
    const text = r.record[i].trim();
    const where = `row ${r.info.lines}, column "${names[i]}"`;
    if (markers.has(text)) {
      if (options.missing === undefined) throw new DataFormatError(fn, path, where, `missing value ${JSON.stringify(r.record[i])}; pass { missing: NaN } (or a number) to accept missing cells`);
      return options.missing;
    }
    const ids = classIds.get(i);
    if (ids) return ids.get(text)!;
    const v = Number(text);
    if (Number.isNaN(v)) throw new DataFormatError(fn, path, where, `expected a number, received ${JSON.stringify(r.record[i])}; mark the column with columnTypes: { "${names[i]}": "category" } if it holds categories`);
    return v;
  };
  const n = rows.length, f = featureIndex.length;
  const x = options.dtype === 'float64' ? new Float64Array(n * f) : new Float32Array(n * f);
  rows.forEach((r, k) => { for (let j = 0; j < f; j++) x[k * f + j] = cell(r, featureIndex[j]); });
  const out: CsvData = { x: Tensor.fromStorage(x, [n, f]), featureNames, categories };
  if (labelIndex >= 0) {
    const isCat = typeOf(names[labelIndex]) === 'category';
    const y = isCat ? new Int32Array(n) : options.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
    rows.forEach((r, k) => {
      const v = cell(r, labelIndex);
      if (isCat && !Number.isInteger(v)) throw new DataFormatError(fn, path, `row ${r.info.lines}, column "${names[labelIndex]}"`, 'a missing category label cannot be filled with a non-integer');
      y[k] = v;
    });
    out.y = Tensor.fromStorage(y, [n]);
    out.labelName = names[labelIndex];
  }
  return out;
}
