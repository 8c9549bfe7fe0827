// How the CLI fails: a bad input is one line on stderr and exit code 2; anything else is one line and exit code 1
// (the stack only with TENSORGRAD_DEBUG=1), so a script can tell "you asked for something wrong" from "we broke".
import { ArgumentError } from '../core/errors.js';
import { DataFormatError } from '../data/errors.js';

/** Exit code of a usage or input error (unknown dataset, missing file, bad data, bad option value). */
export const EXIT_USAGE = 2;
/** Exit code of an unexpected failure. */
export const EXIT_FAILURE = 1;

/**
 * A problem with what the user asked for; the CLI prints `tensorgrad: <message>` and exits with code 2.
 * @example throw new CliError(`unknown dataset 'digitz'; expected one of digits, mnist, ...`)
 */
export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** The first line of an error's message, without the "Error: " prefix Node adds to some. */
export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line = msg.split('\n').find((l) => l.trim() !== '') ?? msg;
  return line.trim().replace(/^Error: /, '');
}

/**
 * Whether an error thrown while reading user data or options is the user's input being wrong: argument and data
 * format errors, and file system errors (missing file, directory given for a file, permission).
 * @example if (isInputError(e)) throw new CliError(firstLine(e), { cause: e })
 */
export function isInputError(e: unknown): boolean {
  if (e instanceof CliError || e instanceof ArgumentError || e instanceof DataFormatError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E(NOENT|ISDIR|NOTDIR|ACCES|PERM)$/.test(code)) return true;
  // The file loaders wrap file system errors as "fn: path: no such file or directory".
  return e instanceof Error && /: (no such file or directory|is a directory, expected a file|is not a directory|permission denied)/.test(e.message);
}

/**
 * Runs `fn` (which reads user files or options); an input error it throws becomes a CliError (with `prefix`
 * before its message). The loaders report content problems as plain Errors, so those count as input errors
 * too; TypeError, RangeError and the like are bugs and pass unchanged.
 * @example const data = await asInputError(() => loadCsv(path), `${path}: `)
 */
export async function asInputError<T>(fn: () => T | Promise<T>, prefix = ''): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (isInputError(e) || (e instanceof Error && e.constructor === Error)) throw new CliError(`${prefix}${firstLine(e)}`, { cause: e });
    throw e;
  }
}

/**
 * Prints `e` as one line on stderr and returns the exit code: 2 for a CliError, 1 for anything else. With
 * TENSORGRAD_DEBUG=1 the full stack follows.
 * @example process.exitCode = reportError(e)
 */
export function reportError(e: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  const debug = process.env.TENSORGRAD_DEBUG === '1';
  if (e instanceof CliError) {
    write(`tensorgrad: ${firstLine(e)}\n`);
    if (debug && e.cause instanceof Error && e.cause.stack) write(`${e.cause.stack}\n`);
    return EXIT_USAGE;
  }
  write(`tensorgrad: internal error: ${firstLine(e)}${debug ? '' : ' (set TENSORGRAD_DEBUG=1 for details)'}\n`);
  if (debug && e instanceof Error && e.stack) write(`${e.stack}\n`);
  return EXIT_FAILURE;
}
