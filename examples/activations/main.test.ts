import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '../../src/node.js';
import { ACTIVATIONS, run } from './main.js';

test('activations: autograd derivatives match finite differences; the step has zero gradient and never trains', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'activations-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  assert.equal(r.curves.length, 8);
  const h = 1e-6;
  for (const [k, c] of r.curves.entries()) {
    // Central differences away from the kinks at 0.
    const xs = r.xs.filter((v) => Math.abs(v) > 0.01);
    const f = (d: number): number[] => Array.from(ACTIVATIONS[k].f(tensor(xs.map((v) => v + d), [xs.length], 'float64')).dataSync());
    const plus = f(h), minus = f(-h);
    xs.forEach((v, i) => {
      const fd = (plus[i] - minus[i]) / (2 * h), ad = c.derivative[r.xs.indexOf(v)];
      assert.ok(Math.abs(fd - ad) < 1e-6, `${c.name} at ${v}: autograd ${ad}, finite difference ${fd}`);
    });
  }
  assert.ok(r.curves[0].derivative.every((d) => d === 0), 'step derivative all zeros');
  const softmax = r.curves[7], sigmoid = r.curves[1];
  softmax.values.forEach((v, i) => assert.ok(Math.abs(v - sigmoid.values[i]) < 1e-12));
  assert.ok(r.stepFiniteDifferenceAtZero > 1e4);
  assert.equal(r.stepNeuron.initialGradientNorm, 0);
  assert.equal(r.stepNeuron.weightChange, 0);
  assert.ok(r.stepNeuron.losses[0] > 0 && r.stepNeuron.losses.every((l) => l === r.stepNeuron.losses[0]));
  assert.ok(r.sigmoidNeuron.losses.at(-1)! < r.sigmoidNeuron.losses[0] / 2);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
