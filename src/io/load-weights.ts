// Assigning saved weights to a model's variables by name (the names TensorFlow.js writes: `<layer>/<weight>`).
import { fmtShape } from '../core/errors.js';
import { shapesEqual } from '../core/shape.js';
import type { Variable } from '../core/variable.js';
import type { NamedTensor } from './weights.js';

/** The first and last parts of a weight name: 'lstm_1/lstm_cell/kernel' and 'lstm_1/kernel' both give 'lstm_1/kernel'. */
function shortName(name: string): string {
  const parts = name.split('/');
  return parts.length <= 2 ? name : `${parts[0]}/${parts[parts.length - 1]}`;
}

function matchWeights(variables: readonly Variable[], saved: readonly NamedTensor[]): Map<Variable, NamedTensor> {
  const byName = new Map(saved.map((w) => [w.name, w]));
  const used = new Set<NamedTensor>();
  const out = new Map<Variable, NamedTensor>();
  for (const v of variables) {
    const w = byName.get(v.name);
    if (w && !used.has(w)) { out.set(v, w); used.add(w); }
  }
  // Files from tools that scope cell weights differently (Keras 'lstm/lstm_cell/kernel') match on layer and weight
  // name, when that pairing is unambiguous.
  const rest = saved.filter((w) => !used.has(w));
  const count = (names: string[]): Map<string, number> => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());
  const restCounts = count(rest.map((w) => shortName(w.name)));
  const varCounts = count(variables.filter((v) => !out.has(v)).map((v) => shortName(v.name)));
  for (const v of variables) {
    if (out.has(v)) continue;
    const key = shortName(v.name);
    if (restCounts.get(key) !== 1 || varCounts.get(key) !== 1) continue;
    const w = rest.find((x) => shortName(x.name) === key)!;
    out.set(v, w);
    used.add(w);
  }
  return out;
}

/**
 * Assigns `saved` weights to `variables` by name, after checking every shape. With `strict` (the default, as
 * TensorFlow.js) every variable must be found and every saved weight used; errors name `source`.
 * @example assignWeights(model.weights, decodeWeights(data, specs), true, 'dir/model.json')
 */
export function assignWeights(variables: readonly Variable[], saved: readonly NamedTensor[], strict = true, source = 'weights'): void {
  const dup = saved.find((w, i) => saved.findIndex((x) => x.name === w.name) !== i);
  if (dup) throw new Error(`${source}: the weights manifest names weight '${dup.name}' more than once`);
  const matched = matchWeights(variables, saved);
  if (strict) {
    const missing = variables.filter((v) => !matched.has(v));
    if (missing.length > 0) {
      const names = saved.map((w) => w.name);
      throw new Error(`${source}: missing weight ${missing.map((v) => `'${v.name}' ${fmtShape(v.shape)}`).join(', ')} in the weights manifest`
        + ` (the manifest has ${names.length > 0 ? names.join(', ') : 'no weights'})`);
    }
    const usedSet = new Set(matched.values());
    const extra = saved.filter((w) => !usedSet.has(w));
    if (extra.length > 0) {
      throw new Error(`${source}: the weights manifest has weight ${extra.map((w) => `'${w.name}'`).join(', ')} that the model does not have`
        + ` (model weights: ${variables.map((v) => v.name).join(', ')})`);
    }
  }
  for (const [v, w] of matched) {
    if (!shapesEqual(v.shape, w.tensor.shape)) {
      throw new Error(`${source}: weight '${w.name}' has shape ${fmtShape(w.tensor.shape)} in the manifest, the model expects ${fmtShape(v.shape)}`);
    }
  }
  for (const [v, w] of matched) v.assign(w.tensor);
}
