// `npm run example -- <name> [--quick] [--out <dir>]`: runs one example; without a name, lists them all.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalog, findExample } from './catalog.js';
import type { ExampleOptions } from './catalog.js';

/** Where `main` prints: ordinary lines and error lines. */
export interface RunIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = 'usage: npm run example -- <name> [--quick] [--out <dir>]';

/** The catalog as printed when no example is named. */
function listing(): string[] {
  const width = Math.max(...catalog.map((e) => e.name.length));
  return [
    USAGE, '', 'Examples:',
    ...catalog.map((e) => `  ${e.name.padEnd(width)}  ${e.title}: ${e.concept}`),
  ];
}

type RunFn = (opts: ExampleOptions) => Promise<unknown>;

/**
 * Runs the example named in `argv` (the arguments after `npm run example --`) and returns the exit code:
 * 0 done (or the list printed), 2 unknown example or bad arguments.
 * @example process.exitCode = await main(['perceptron', '--quick'])
 */
export async function main(argv: readonly string[], io: RunIO = { out: console.log, err: console.error }): Promise<number> {
  let name: string | undefined, quick = false, outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--out' && i + 1 < argv.length) outDir = argv[++i];
    else if (a === '--help' || a === '-h') { listing().forEach((l) => io.out(l)); return 0; }
    else if (a.startsWith('-') || name !== undefined) { io.err(`example: unexpected argument '${a}'; ${USAGE}`); return 2; }
    else name = a;
  }
  if (name === undefined) { listing().forEach((l) => io.out(l)); return 0; }
  const entry = findExample(name);
  if (!entry) {
    io.err(`example: unknown example '${name}'; expected one of ${catalog.map((e) => e.name).join(', ')}`);
    return 2;
  }
  const mod = (await import(new URL(`./${entry.name}/main.ts`, import.meta.url).href)) as { run?: RunFn };
  if (typeof mod.run !== 'function') { io.err(`example: examples/${entry.name}/main.ts exports no run function`); return 2; }
  const dir = outDir ?? `tensorgrad-out/examples/${entry.name}`;
  io.out(`== ${entry.title} (${entry.name}${quick ? ', quick settings' : ''}) ==`);
  await mod.run({ quick, outDir: dir, log: io.out });
  io.out(`plots written to ${dir}/`);
  return 0;
}

// Run as a program (not when a test imports `main`).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
