import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tokenizer, padSequences } from './tokenizer.js';

const texts = ['The cat sat on the mat.', 'The dog ate my homework!'];

test('Tokenizer indexes words by frequency, ties in first-seen order (as Keras)', () => {
  const tok = new Tokenizer().fitOnTexts(texts);
  assert.deepEqual([...tok.wordIndex], [['the', 1], ['cat', 2], ['sat', 3], ['on', 4], ['mat', 5], ['dog', 6], ['ate', 7], ['my', 8], ['homework', 9]]);
  assert.equal(tok.documentCount, 2);
  assert.equal(tok.wordCounts.get('the'), 3);
  assert.deepEqual(tok.textsToSequences(['The cat ate a fish']), [[1, 2, 7]]);
  assert.deepEqual(tok.sequencesToTexts([[1, 2, 7, 0, 99]]), ['the cat ate']);
});

test('oovToken takes index 1 and replaces unknown and rare words', () => {
  const tok = new Tokenizer({ oovToken: '<OOV>' }).fitOnTexts(texts);
  assert.equal(tok.wordIndex.get('<OOV>'), 1);
  assert.equal(tok.wordIndex.get('the'), 2);
  assert.deepEqual(tok.textsToSequences(['the cat ate a fish']), [[2, 3, 8, 1, 1]]);
  const small = new Tokenizer({ numWords: 3, oovToken: '<OOV>' }).fitOnTexts(texts);
  assert.deepEqual(small.textsToSequences(['the cat ate']), [[2, 1, 1]]);
  assert.deepEqual(small.sequencesToTexts([[2, 3]]), ['the <OOV>']);
  const noOov = new Tokenizer({ numWords: 3 }).fitOnTexts(texts);
  assert.deepEqual(noOov.textsToSequences(['the cat ate']), [[1, 2]]);
});

test('Tokenizer options: filters, lower, split, charLevel, and JSON round trip', () => {
  const keep = new Tokenizer({ lower: false, filters: '' }).fitOnTexts(['A a! a!']);
  assert.deepEqual([...keep.wordIndex.keys()], ['a!', 'A']);
  const csv = new Tokenizer({ split: ',' }).fitOnTexts(['x,y,,x']);
  assert.deepEqual([...csv.wordIndex.keys()], ['x', 'y']);
  const chars = new Tokenizer({ charLevel: true }).fitOnTexts(['abca']);
  assert.deepEqual(chars.textsToSequences(['cab']), [[3, 1, 2]]);
  assert.deepEqual(chars.sequencesToTexts([[3, 1, 2]]), ['cab']);
  const tok = new Tokenizer({ numWords: 5, oovToken: '?' }).fitOnTexts(texts);
  const back = Tokenizer.fromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
  assert.deepEqual([...back.wordIndex], [...tok.wordIndex]);
  assert.deepEqual(back.textsToSequences(['the dog ran']), tok.textsToSequences(['the dog ran']));
  assert.equal(back.numWords, 5);
});

test('Tokenizer validates arguments', () => {
  assert.throws(() => new Tokenizer({ numWords: 0 }), /Tokenizer: numWords must be an integer >= 1, received number 0/);
  assert.throws(() => new Tokenizer({ oovToken: '' }), /Tokenizer: oovToken must be a non-empty string/);
  assert.throws(() => new Tokenizer().fitOnTexts(['a', 3] as unknown as string[]), /Tokenizer\.fitOnTexts: texts must be strings, received number 3 at index 1/);
  assert.throws(() => new Tokenizer().textsToSequences('abc' as unknown as string[]), /Tokenizer\.textsToSequences: texts must be an array of strings/);
});

test('padSequences pads and truncates like Keras pad_sequences', () => {
  const seqs = [[1, 2, 3], [4, 5], [6]];
  const pre = padSequences(seqs, { maxlen: 2 });
  assert.equal(pre.dtype, 'int32');
  assert.deepEqual(pre.arraySync(), [[2, 3], [4, 5], [0, 6]]);
  assert.deepEqual(padSequences(seqs, { maxlen: 2, padding: 'post', truncating: 'post' }).arraySync(), [[1, 2], [4, 5], [6, 0]]);
  assert.deepEqual(padSequences(seqs).arraySync(), [[1, 2, 3], [0, 4, 5], [0, 0, 6]]);
  assert.deepEqual(padSequences(seqs, { value: -1, padding: 'post' }).arraySync(), [[1, 2, 3], [4, 5, -1], [6, -1, -1]]);
  assert.deepEqual(padSequences([]).shape, [0, 0]);
  assert.deepEqual(padSequences([[]], { maxlen: 2 }).arraySync(), [[0, 0]]);
  assert.equal(padSequences(seqs, { dtype: 'float32' }).dtype, 'float32');
  assert.throws(() => padSequences(seqs, { padding: 'middle' as 'pre' }), /padSequences: padding must be 'pre' or 'post', received 'middle'/);
  assert.throws(() => padSequences([[1, 'a' as unknown as number]]), /padSequences: sequence 0 holds 'a' at position 1, expected numbers/);
  assert.throws(() => padSequences(seqs, { maxlen: -1 }), /padSequences: maxlen must be an integer >= 0/);
});
