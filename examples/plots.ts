// Where the examples put their plots: one folder per example, and the list of files written that `run` returns.
import { join } from 'node:path';
import { writeSvg } from '../src/node.js';

/** The plots an example has written so far, and the function that writes the next one. */
export interface PlotWriter {
  /** Paths of the SVG files written, in order. */
  readonly plots: string[];
  /** Writes `svg` to `<outDir>/<file>` and records its path in `plots`. */
  save(file: string, svg: string): Promise<void>;
}

/**
 * A writer of SVG plots into `outDir` that remembers every path it wrote.
 * @example const { plots, save } = plotWriter(outDir); await save('loss.svg', await lineChart(opts)); plots // [<outDir>/loss.svg]
 */
export function plotWriter(outDir: string): PlotWriter {
  const plots: string[] = [];
  return {
    plots,
    async save(file: string, svg: string): Promise<void> {
      const path = join(outDir, file);
      await writeSvg(path, svg);
      plots.push(path);
    },
  };
}
