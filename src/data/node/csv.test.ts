import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFormatError } from '../errors.js';
import { loadCsv } from './csv.js';

const tmp = mkdtempSync(join(tmpdir(), 'tensorgrad-csv-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string): string => { const p = join(tmp, name); writeFileSync(p, text); return p; };

const iris = file('iris.csv', [
  'sepal_length,sepal_width,species,id',
  '5.1,3.5,setosa,1',
  '7.0,3.2,versicolor,2',
  '',
  '6.3,"3.3",virginica,3',
  '4.9, 3.0 ,setosa,4',
].join('\n'));

test('loadCsv reads numbers, a category label, and skips columns', async () => {
  const d = await loadCsv(iris, { labelColumn: 'species', columnTypes: { species: 'category', id: 'skip' } });
  assert.deepEqual(d.featureNames, ['sepal_length', 'sepal_width']);
  assert.deepEqual(d.x.shape, [4, 2]);
  assert.deepEqual(Array.from(d.x.storage), [5.1, 3.5, 7.0, 3.2, 6.3, 3.3, 4.9, 3.0].map(Math.fround));
  assert.equal(d.y!.dtype, 'int32');
  assert.deepEqual(Array.from(d.y!.storage), [0, 1, 2, 0]);
  assert.deepEqual(d.categories, { species: ['setosa', 'versicolor', 'virginica'] });
  assert.equal(d.labelName, 'species');
  const numeric = await loadCsv(iris, { labelColumn: 'id', featureColumns: ['sepal_width'], dtype: 'float64' });
  assert.equal(numeric.x.dtype, 'float64');
  assert.deepEqual(Array.from(numeric.y!.storage), [1, 2, 3, 4]);
  assert.deepEqual(numeric.x.shape, [4, 1]);
});

test('loadCsv without a header, with another delimiter, and with a BOM', async () => {
  const p = file('plain.tsv', '\ufeff1\t2\n3\t4\n');
  const d = await loadCsv(p, { header: false, delimiter: '\t' });
  assert.deepEqual(d.featureNames, ['column1', 'column2']);
  assert.deepEqual(d.x.arraySync(), [[1, 2], [3, 4]]);
  const named = await loadCsv(p, { header: false, delimiter: '\t', columnNames: ['a', 'b'], labelColumn: 'b' });
  assert.deepEqual(named.featureNames, ['a']);
  const headerOnly = await loadCsv(file('head.csv', 'a,b\n'));
  assert.deepEqual(headerOnly.x.shape, [0, 2]);
});

test('loadCsv names the file, row and column of a bad cell', async () => {
  const p = file('people.csv', 'name,age,height\nann,31,1.7\nbob,40,1.8\ncid,abc,1.9\n');
  await assert.rejects(loadCsv(p, { columnTypes: { name: 'skip' } }), (e: unknown) => {
    assert.ok(e instanceof DataFormatError);
    assert.equal(e.position, 'row 4, column "age"');
    assert.match(e.message, new RegExp(`^loadCsv: ${p} row 4, column "age": expected a number, received "abc"`));
    return true;
  });
  const missing = file('missing.csv', 'a,b\n1,2\n3,\n4,NA\n');
  await assert.rejects(loadCsv(missing), new RegExp(`loadCsv: ${missing} row 3, column "b": missing value ""; pass \\{ missing: NaN \\}`));
  const filled = await loadCsv(missing, { missing: Number.NaN });
  assert.ok(Number.isNaN(filled.x.storage[3]) && Number.isNaN(filled.x.storage[5]));
  const zero = await loadCsv(missing, { missing: 0, missingMarkers: ['NA'] });
  assert.deepEqual(Array.from(zero.x.storage), [1, 2, 3, 0, 4, 0]);
});

test('loadCsv reports ragged rows, bad quotes, empty files and unknown columns', async () => {
  const ragged = file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
  await assert.rejects(loadCsv(ragged), new RegExp(`loadCsv: ${ragged} row 3: expected 3 columns \\(as the header\\), received 2`));
  const quote = file('quote.csv', 'a,b\n1,2\n3,"4\n');
  await assert.rejects(loadCsv(quote), new RegExp(`loadCsv: ${quote} row \\d+: malformed CSV: Quote Not Closed`));
  await assert.rejects(loadCsv(file('empty.csv', '')), /loadCsv: .*empty\.csv: the file is empty/);
  await assert.rejects(loadCsv(file('dup.csv', 'a,a\n1,2\n')), /dup\.csv row 1: column name "a" appears twice/);
  await assert.rejects(loadCsv(iris, { labelColumn: 'kind' }), /loadCsv: labelColumn "kind" is not a column of .*iris\.csv \(columns: "sepal_length", "sepal_width", "species", "id"\)/);
  await assert.rejects(loadCsv(iris, { columnTypes: { species: 'text' as 'category' } }), /loadCsv: columnTypes\.species must be 'number', 'category' or 'skip', received 'text'/);
  await assert.rejects(loadCsv(join(tmp, 'absent.csv')), /loadCsv: .*absent\.csv: no such file or directory/);
});
