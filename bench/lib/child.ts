// Runs one benchmark command in a child process and collects the JSON lines it prints.
import { spawn } from 'node:child_process';
import type { Measurement } from './common.js';

/** Exit status a runner uses to say "not available here" (library not installed, no data, ...). */
export const SKIP_EXIT_CODE = 3;

/** The outcome of one child run. */
export interface ChildResult {
  /** The JSON lines the child printed (lines not starting with `{` are ignored). */
  records: Measurement[];
  /** 'ok', 'skip' (exit status 3), or 'error' (any other failure, a timeout, or no output). */
  status: 'ok' | 'skip' | 'error';
  /** For skip and error: the reason, from the child's stderr. */
  message?: string;
  seconds: number;
}

function lastUsefulLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('npm warn'));
  const skip = lines.find((l) => l.startsWith('SKIP:'));
  if (skip) return skip.slice(5).trim();
  return lines.find((l) => /^[A-Za-z]*Error\b|Error:/.test(l)) ?? lines.at(-1) ?? '';
}

/** Runs `cmd args` from `cwd`, killing it after `timeoutSeconds`. */
export function runChild(cmd: string, args: readonly string[], cwd: string, timeoutSeconds: number): Promise<ChildResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TENSORGRAD_QUIET: '1' } });
    let out = '', err = '', timedOut = false, done = false;
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutSeconds * 1000);
    const finish = (code: number | null, spawnError?: Error): void => {
      if (done) return; // 'error' and 'close' can both arrive
      done = true;
      clearTimeout(timer);
      const seconds = (performance.now() - t0) / 1000;
      const records: Measurement[] = [];
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        try { records.push(JSON.parse(line) as Measurement); } catch { /* a partial line of a killed child */ }
      }
      if (spawnError) resolve({ records, status: 'error', message: spawnError.message, seconds });
      else if (timedOut) resolve({ records, status: 'error', message: `timed out after ${timeoutSeconds} s`, seconds });
      else if (code === SKIP_EXIT_CODE) resolve({ records, status: 'skip', message: lastUsefulLine(err), seconds });
      else if (code !== 0 || records.length === 0) {
        resolve({ records, status: 'error', message: `exit ${code}: ${lastUsefulLine(err) || 'no output'}`, seconds });
      } else resolve({ records, status: 'ok', seconds });
    };
    child.on('error', (e) => finish(null, e));
    child.on('close', (code) => finish(code));
  });
}
