// What every TypeScript runner of the benchmark shares: arguments, the schedule, timing and the JSON result line.
// A runner prints one JSON line per measurement on stdout; anything else it prints goes to stderr.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench/ folder. */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One workload's schedule (fields present depend on the workload kind). */
export interface WorkloadConfig {
  model?: string;
  batch?: number;
  warmup?: number;
  windows?: number;
  steps?: number;
  window_seconds?: number;
  sizes?: number[];
  /** Per-peer override: largest GEMM size this peer runs. */
  max_size?: number;
  epochs?: number;
  mflop_per_sample?: number;
}

/** Time limits that let slow peers shrink a training schedule. */
export interface Budget {
  warmup_seconds: number;
  window_seconds: number;
  /** Timed windows stop (at least 3) after about this many seconds in all. */
  timed_seconds: number;
}

/** What a runner receives from the orchestrator: workload name, its effective schedule and the budget. */
export interface RunnerArgs {
  workload: string;
  config: WorkloadConfig;
  budget: Budget;
  /** Test images to classify after a training workload (0: none). */
  testImages: number;
  /** Positional arguments before the workload (backend name, ...). */
  positional: string[];
}

/** The schedule file, bench/workloads.json. */
export interface WorkloadsFile {
  budget: Budget;
  workloads: Record<string, WorkloadConfig>;
  quick: { budget: Budget; workloads: Record<string, Partial<WorkloadConfig> | null> };
  peers: Record<string, Record<string, Partial<WorkloadConfig> | null | string>>;
  accuracy: { workload: string; max_drop: number; pytorch_reference: number };
}

/** Reads bench/workloads.json. */
export function readWorkloads(): WorkloadsFile {
  return JSON.parse(readFileSync(join(BENCH_DIR, 'workloads.json'), 'utf8')) as WorkloadsFile;
}

/**
 * Parses `<positional...> <workload> [--config JSON] [--budget JSON] [--test N]`; without --config the
 * workload's full schedule from workloads.json is used, so a runner can also be started by hand.
 */
export function parseRunnerArgs(argv: readonly string[], positionalCount: number): RunnerArgs {
  const pos: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) flags.set(argv[i].slice(2), argv[++i] ?? '');
    else pos.push(argv[i]);
  }
  if (pos.length !== positionalCount + 1) {
    throw new Error(`expected ${positionalCount} argument(s) before the workload, received: ${argv.join(' ')}`);
  }
  const workload = pos[positionalCount];
  const file = readWorkloads();
  // `probe` only checks that the runner starts (its library loads) and says what it is.
  const config = flags.has('config') ? JSON.parse(flags.get('config')!) as WorkloadConfig
    : workload === 'probe' ? {} : file.workloads[workload];
  if (!config) throw new Error(`unknown workload '${workload}', known: ${Object.keys(file.workloads).join(', ')}`);
  const budget = flags.has('budget') ? JSON.parse(flags.get('budget')!) as Budget : file.budget;
  return { workload, config, budget, testImages: Number(flags.get('test') ?? 0), positional: pos.slice(0, positionalCount) };
}

/** Seconds on a monotonic clock. */
export const now = (): number => performance.now() / 1000;

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One measurement as a runner prints it. */
export interface Measurement {
  peer: string;
  workload: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  values: number[];
  [extra: string]: unknown;
}

/** Prints one measurement line: {peer, workload, unit, min, median, max, values, ...extra}. */
export function emit(peer: string, workload: string, unit: string, values: readonly number[], extra: Record<string, unknown> = {}): void {
  const rec: Measurement = {
    peer, workload, unit, median: median(values), min: Math.min(...values), max: Math.max(...values),
    values: values.map((v) => +v.toPrecision(5)), ...extra,
  };
  process.stdout.write(`${JSON.stringify(rec)}\n`);
}

/** Calibrates calls per window to about `windowSeconds`, then times `windows` windows; seconds per call. */
export async function timedWindows(fn: () => unknown, windowSeconds: number, windows: number): Promise<{ secs: number[]; calls: number }> {
  // A synchronous fn runs in a plain loop: awaiting each call would time a microtask turn per call as well.
  const sync = !(fn() instanceof Promise);
  const repeat = async (n: number): Promise<void> => {
    if (sync) for (let c = 0; c < n; c++) fn();
    else for (let c = 0; c < n; c++) await fn();
  };
  let t0 = now();
  let calls = 0;
  while (now() - t0 < Math.min(0.3, windowSeconds)) { await repeat(1); calls++; }
  calls = Math.max(1, Math.floor((calls * windowSeconds) / (now() - t0)));
  const secs: number[] = [];
  for (let w = 0; w < windows; w++) {
    t0 = now();
    await repeat(calls);
    secs.push((now() - t0) / calls);
  }
  return { secs, calls };
}

/** What a training schedule actually ran. */
export interface TrainingTimes {
  /** Samples per second of each timed window. */
  values: number[];
  warmupSteps: number;
  stepsPerWindow: number;
  stepsDone: number;
}

/**
 * Runs a training schedule: warm-up steps (stopping early once `budget.warmup_seconds` have passed, at least one),
 * then timed windows. For slow peers steps per window shrink so that a window lasts about `budget.window_seconds`,
 * and the window count (at least 3) so that all windows last about `budget.timed_seconds`; fast peers run the
 * schedule as written. `run(n)` trains the next n batches.
 */
export async function timedTraining(run: (n: number) => unknown, config: WorkloadConfig, budget: Budget): Promise<TrainingTimes> {
  const batch = config.batch!, warmup = config.warmup ?? 0;
  let stepsDone = 0;
  let lastStep = 0;
  const t0 = now();
  while (stepsDone < Math.max(1, warmup) && (stepsDone === 0 || now() - t0 < budget.warmup_seconds)) {
    const s = now();
    await run(1);
    lastStep = now() - s;
    stepsDone++;
  }
  const warmupSteps = stepsDone;
  const stepsPerWindow = Math.min(config.steps!, Math.max(1, Math.floor(budget.window_seconds / lastStep)));
  const windowTime = stepsPerWindow * lastStep;
  const windows = Math.min(config.windows!, Math.max(3, Math.floor(budget.timed_seconds / windowTime)));
  const values: number[] = [];
  for (let w = 0; w < windows; w++) {
    const s = now();
    await run(stepsPerWindow);
    values.push((stepsPerWindow * batch) / (now() - s));
    stepsDone += stepsPerWindow;
  }
  return { values, warmupSteps, stepsPerWindow, stepsDone };
}

/** Prints the error to stderr and exits 1 when a runner's main function rejects. */
export function runMain(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
