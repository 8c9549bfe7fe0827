// The output folder of `train`, written all at once: every file goes into a temporary sibling folder that is
// renamed into place at the end, so a failure or Ctrl-C leaves either the old folder or the complete new one.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './errors.js';

/** Files whose presence marks a folder as a tensorgrad training output (safe to replace). */
const RUN_MARKERS = ['report.json', 'report.html', 'history.csv', 'model'];

/**
 * The default output folder of a run: tensorgrad-out/<dataset>-<model>.
 * @example defaultOutDir('digits', 'cnn') // 'tensorgrad-out/digits-cnn'
 */
export function defaultOutDir(dataset: string, model: string): string {
  const safe = (s: string): string => s.replace(/[^\w.-]+/g, '_');
  return join('tensorgrad-out', `${safe(dataset)}-${safe(model)}`);
}

/**
 * Throws a CliError unless `out` can receive a run: absent, an empty folder, or an earlier tensorgrad output
 * (which is replaced). Checked before training so a long run cannot fail at the end for this.
 * @example checkOutDir('tensorgrad-out/digits-cnn')
 */
export function checkOutDir(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new CliError(`--out ${out}: exists and is not a folder`);
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.some((e) => RUN_MARKERS.includes(e))) {
    throw new CliError(`--out ${out}: folder exists and is not a tensorgrad output folder; choose another --out or remove it`);
  }
}

/** The missing ancestors of `dir`, outermost first (created by us, so removed again on failure). */
function missingAncestors(dir: string): string[] {
  const out: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) out.unshift(d);
  return out;
}

/**
 * Runs `write(tmp)` with a fresh temporary folder next to `out`, then puts it in `out`'s place (replacing an
 * earlier run). On an error, or Ctrl-C while writing, the temporary folder and any parent folders created for it
 * are removed, and `out` is left as it was.
 * @example await writeAtomically('tensorgrad-out/digits-cnn', async (dir) => { await writeFile(join(dir, 'a.txt'), 'a') })
 */
export async function writeAtomically(out: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const parent = dirname(resolve(out));
  const created = missingAncestors(parent);
  const tmp = join(parent, `.${basename(out)}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`);
  const cleanup = (): void => {
    rmSync(tmp, { recursive: true, force: true });
    for (const d of [...created].reverse()) {
      try { if (readdirSync(d).length === 0) rmSync(d, { recursive: true }); } catch { /* already gone or not empty */ }
    }
  };
  const onSignal = (): void => { cleanup(); process.exit(130); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await mkdir(tmp, { recursive: true });
    await write(tmp);
    if (existsSync(out)) {
      const old = join(parent, `.${basename(out)}.old-${process.pid}-${randomBytes(3).toString('hex')}`);
      await rename(out, old);
      await rename(tmp, out);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, out);
    }
  } catch (e) {
    cleanup();
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
