// The columns of the benchmark: tensorgrad on each backend, the peer libraries, and the FMA-peak probe.
// Each knows how to start its runner as a child process; `probePeers` finds out which ones work here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './child.js';
import { BENCH_DIR } from './common.js';

/** One column of the table. */
export interface Peer {
  /** Column name, e.g. 'tensorgrad-native', 'pytorch-1t'. */
  name: string;
  family: 'tensorgrad' | 'pytorch' | 'tfjs' | 'hw';
  /** Threads its kernels use (the FMA peak it is compared with); the native backend reports its own. */
  threads: number;
  /** Command and arguments that run `workload` (a key of workloads.json, 'peak' or 'probe'). */
  command(workload: string, extra: readonly string[]): { cmd: string; args: string[] };
  /** Whether it runs this workload at all (the accuracy check runs on tensorgrad and one-thread PyTorch). */
  runs(workload: string): boolean;
}

/** A peer found unusable here, and why. */
export interface Unavailable {
  name: string;
  reason: string;
}

const ROOT = join(BENCH_DIR, '..');
const tsx = (script: string, pre: readonly string[], workload: string, extra: readonly string[]) =>
  ({ cmd: process.execPath, args: ['--import', 'tsx', join(BENCH_DIR, script), ...pre, workload, ...extra] });

/** The Python that runs the PyTorch peer: $PYTHON, else Debian's /usr/bin/python3, else python3 on the PATH. */
export function pythonExecutable(): string {
  if (process.env.PYTHON) return process.env.PYTHON;
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

/** backend: 'cpu', 'native' (its default thread count, named after the probe) or 'native:N'. */
function tensorgrad(backend: string): Peer {
  const [name, threads] = backend.split(':');
  return {
    name: threads ? `tensorgrad-${name}-${threads}t` : `tensorgrad-${name}`, family: 'tensorgrad', threads: Number(threads ?? 1),
    command: (w, extra) => tsx('tensorgrad_bench.ts', [backend], w, extra),
    runs: () => true,
  };
}

function pytorch(threads: number): Peer {
  return {
    name: `pytorch-${threads}t`, family: 'pytorch', threads,
    command: (w, extra) => ({ cmd: pythonExecutable(), args: [join(BENCH_DIR, 'peers', 'torch_bench.py'), String(threads), w, ...extra] }),
    runs: (w) => threads === 1 || !w.endsWith('_acc5ep'),
  };
}

const tfjs: Peer = {
  name: 'tfjs-cpu', family: 'tfjs', threads: 1,
  command: (w, extra) => tsx('peers/tfjs_bench.ts', [], w, extra),
  runs: (w) => !w.endsWith('_acc5ep'),
};

/** Every peer the benchmark knows, in column order. */
export function allPeers(): Peer[] {
  return [tensorgrad('cpu'), tensorgrad('native:1'), tensorgrad('native'), pytorch(1), pytorch(2), tfjs];
}

/**
 * Starts each peer's runner with the `probe` workload (concurrently: nothing is timed) and splits them into those
 * that work and those that do not. The native backend at its default thread count takes its name and thread
 * count from the probe ('tensorgrad-native-2t'), and is dropped when that duplicates 'tensorgrad-native-1t'.
 */
export async function probePeers(peers: readonly Peer[]): Promise<{ available: Peer[]; unavailable: Unavailable[] }> {
  const results = await Promise.all(peers.map(async (p) => {
    const { cmd, args } = p.command('probe', []);
    return { p, r: await runChild(cmd, args, ROOT, 120) };
  }));
  const available: Peer[] = [], unavailable: Unavailable[] = [];
  for (const { p, r } of results) {
    if (r.status !== 'ok') {
      unavailable.push({ name: p.name, reason: r.message ?? r.status });
      continue;
    }
    const { threads, peer } = r.records[0] ?? {};
    const q = typeof threads === 'number' && threads > 0 ? { ...p, threads } : p;
    if (p.family === 'tensorgrad' && typeof peer === 'string') q.name = peer;
    if (!available.some((a) => a.name === q.name)) available.push(q);
  }
  return { available, unavailable };
}

/**
 * Compiles bench/peak.c with the system C compiler into a temporary folder (removed when this process exits); the
 * path of the program, or the reason it could not be built.
 */
export function buildPeakProbe(): { path: string } | { reason: string } {
  const cc = process.env.CC || 'cc';
  // A folder of this process's own: two benchmarks at once must not overwrite each other's running program.
  const dir = mkdtempSync(join(tmpdir(), 'tensorgrad-bench-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'peak');
  const flags = ['-O3', '-march=native', '-ffp-contract=fast', '-pthread', join(BENCH_DIR, 'peak.c'), '-o', path];
  let r = spawnSync(cc, flags, { encoding: 'utf8' });
  // Compilers without -march=native (some ARM and older ones) still give a usable, if narrower, probe.
  if (r.status !== 0 && !r.error) r = spawnSync(cc, flags.filter((f) => f !== '-march=native'), { encoding: 'utf8' });
  if (r.error) return { reason: `no C compiler (${cc}: ${r.error.message})` };
  if (r.status !== 0) return { reason: `${cc} failed on bench/peak.c: ${(r.stderr || '').split('\n')[0]}` };
  return { path };
}

/** The FMA-peak column for `threads` threads, run from the compiled probe. */
export function peakPeer(path: string, threads: number, windowSeconds: number): Peer {
  return {
    name: `hw-peak-${threads}t`, family: 'hw', threads,
    command: () => ({ cmd: path, args: [String(threads), String(windowSeconds)] }),
    runs: (w) => w === 'peak',
  };
}
