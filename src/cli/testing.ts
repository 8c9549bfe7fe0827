/**
 * Test helper: runs the `tensorgrad` command (bin/tensorgrad.mjs) as a child process. Not part of the public API.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The launcher, as `npm install -g` or `npx tensorgrad` would run it. */
export const BIN = fileURLToPath(new URL('../../bin/tensorgrad.mjs', import.meta.url));

/** What a CLI run printed and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tensorgrad ...args` in `cwd` and collects its output.
 * @example const { code, stderr } = await runTensorgrad(['train', 'nope'], dir)
 */
export function runTensorgrad(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd, env: { ...process.env, NO_COLOR: '1', TENSORGRAD_DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A fresh temporary folder for a test.
 * @example const dir = tempDir('cli')
 */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `tensorgrad-${prefix}-`));
}

/**
 * The entries of `dir`, hidden ones included (left-over temporary folders would show here).
 * @example assert.deepEqual(entries(dir), [])
 */
export function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}
