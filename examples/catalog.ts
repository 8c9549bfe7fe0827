// The list of examples: the entries of both example sets, merged and checked once.
import { entries as entriesA } from './catalog-a.js';
import { entries as entriesB } from './catalog-b.js';

/** One example: its folder name under examples/, a title, and the idea of the texts it shows. */
export interface ExampleEntry {
  readonly name: string;
  readonly title: string;
  readonly concept: string;
}

/** Options every example's `run` accepts. */
export interface ExampleOptions {
  /** Small settings (what the example's test uses); default false: the full settings. */
  quick?: boolean;
  /** Folder for the plots (default `tensorgrad-out/examples/<name>/`). */
  outDir?: string;
  /** Where the printed lines go (default console.log). */
  log?: (line: string) => void;
}

/**
 * Every example, in reading order: examples A (neurons, gradients, training mechanics) then examples B.
 * @example catalog.map((e) => e.name) // ['oyster', 'perceptron', ...]
 */
export const catalog: readonly ExampleEntry[] = [...entriesA, ...entriesB];

/**
 * The catalog entry of an example, or undefined for an unknown name.
 * @example findExample('perceptron')?.title // 'Perceptron and XOR'
 */
export function findExample(name: string): ExampleEntry | undefined {
  return catalog.find((e) => e.name === name);
}
