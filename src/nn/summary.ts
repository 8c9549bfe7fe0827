// The text table of `model.summary()`, in the TensorFlow.js / Keras layout.
import type { Variable } from '../core/variable.js';
import type { Container } from './container.js';
import type { Layer } from './layer.js';
import type { Node } from './symbolic.js';

/** Prints one line of the summary (console.log by default). */
export type PrintFn = (line: string) => void;

function countWeights(ws: readonly Variable[]): number {
  return ws.reduce((n, w) => n + w.value.size, 0);
}

/** True when the graph is a simple chain: one node per depth, one input per node, no shared layer. */
function isSequentialLike(model: Container): boolean {
  const nodes: Node[] = [];
  for (const ns of model.nodesByDepth.values()) {
    if (ns.length > 1 || (ns.length === 1 && ns[0].inboundLayers.length > 1)) return false;
    nodes.push(...ns);
  }
  return model.layers.every((l) => l.inboundNodes.filter((n) => nodes.includes(n)).length <= 1);
}

function row(fields: readonly string[], positions: readonly number[]): string {
  let line = '';
  fields.forEach((f, i) => {
    if (i > 0) line = `${line.slice(0, -1)} `;
    line = (line + f).slice(0, positions[i]);
    line += ' '.repeat(Math.max(0, positions[i] - line.length));
  });
  return line.trimEnd();
}

function outputShapeText(layer: Layer): string {
  try {
    return JSON.stringify(layer.outputShape);
  } catch {
    return 'multiple';
  }
}

/**
 * The lines of a model summary: a row per layer with its output shape and parameter count (and, for
 * non-sequential graphs, the layers it receives inputs from), then the parameter totals.
 * @example summaryLines(model).join('\n')
 */
export function summaryLines(model: Container, lineLength?: number, positions?: readonly number[]): string[] {
  const sequential = isSequentialLike(model);
  const length = lineLength ?? (sequential ? 65 : 98);
  let pos = positions ?? (sequential ? [0.45, 0.85, 1] : [0.33, 0.55, 0.67, 1]);
  if (pos[pos.length - 1] <= 1) pos = pos.map((p) => Math.floor(length * p));
  const headers = ['Layer (type)', 'Output shape', 'Param #'];
  if (!sequential) headers.push('Receives inputs');
  const relevant = new Set<Node>([...model.nodesByDepth.values()].flat());
  const lines = [`Model: "${model.name}"`, '_'.repeat(length), row(headers, pos), '='.repeat(length)];
  model.layers.forEach((layer, i) => {
    const fields = [`${layer.name} (${layer.getClassName()})`, outputShapeText(layer), String(layer.countParams())];
    if (sequential) {
      lines.push(row(fields, pos));
    } else {
      const connections = layer.inboundNodes.filter((n) => relevant.has(n)).flatMap((n) =>
        n.inboundLayers.map((l, k) => `${l.name}[${n.nodeIndices[k]}][${n.tensorIndices[k]}]`));
      lines.push(row([...fields, connections[0] ?? ''], pos));
      for (const c of connections.slice(1)) lines.push(row(['', '', '', c], pos));
    }
    lines.push((i === model.layers.length - 1 ? '=' : '_').repeat(length));
  });
  const trainable = countWeights(model.trainableWeights), frozen = countWeights(model.nonTrainableWeights);
  lines.push(`Total params: ${trainable + frozen}`, `Trainable params: ${trainable}`, `Non-trainable params: ${frozen}`, '_'.repeat(length));
  return lines;
}

/**
 * Prints the summary of `model` line by line with `printFn` (console.log by default).
 * @example printSummary(model, undefined, undefined, (l) => lines.push(l))
 */
export function printSummary(model: Container, lineLength?: number, positions?: readonly number[],
  printFn: PrintFn = console.log): void {
  for (const line of summaryLines(model, lineLength, positions)) printFn(line);
}
