import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { fraction, integer, parseSize, positive } from './options.js';
import { openCommand, seconds } from './shared.js';

test('integer accepts whole numbers from the minimum and rejects the rest', () => {
  assert.equal(integer(1)('12'), 12);
  for (const bad of ['0', '-3', '1.5', 'abc', '', ' ']) assert.throws(() => integer(1)(bad), InvalidArgumentError, bad);
});

test('fraction and positive', () => {
  assert.equal(fraction(0, 1, true)('0'), 0);
  assert.throws(() => fraction(0, 1)('0'), /> 0 and < 1/);
  assert.throws(() => fraction(0, 1)('1'), InvalidArgumentError);
  assert.equal(positive('1e-3'), 0.001);
  assert.throws(() => positive('0'), /positive number/);
  assert.throws(() => positive('NaN'), InvalidArgumentError);
});

test('parseSize reads HxW or one number', () => {
  assert.deepEqual(parseSize('32x24'), [32, 24]);
  assert.deepEqual(parseSize('28'), [28, 28]);
  assert.throws(() => parseSize('0x3'), /HEIGHTxWIDTH/);
  assert.throws(() => parseSize('big'), InvalidArgumentError);
});

test('seconds and openCommand format for people and shells', () => {
  assert.equal(seconds(0.25), '250 ms');
  assert.equal(seconds(12.34), '12.3 s');
  assert.equal(seconds(75), '1 min 15 s');
  assert.match(openCommand('out/report.html'), /(xdg-open|open|start "") out\/report\.html$/);
  assert.match(openCommand('my runs/report.html'), /"my runs\/report\.html"$/);
});
