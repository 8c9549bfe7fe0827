// `npm run bench`: runs the reference workloads of bench/workloads.json for tensorgrad (each backend) and for the
// peers installed here (PyTorch on 1 and 2 threads, TensorFlow.js cpu), each run in its own child process, peers
// interleaved per workload and rotated each round; prints one markdown table of medians over the rounds with
// ratios tensorgrad/peer and GEMM % of the FMA peak measured in the same run, then the accuracy check.
// Usage: npm run bench -- [--rounds N] [--quick] [--filter REGEX] [--peers REGEX] [--out FILE] [--timeout S]
//                          [--test-acc] [--max-repeat-seconds S]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runChild } from './lib/child.js';
import type { ChildResult } from './lib/child.js';
import { BENCH_DIR, median, readWorkloads } from './lib/common.js';
import type { Budget, Measurement, WorkloadConfig } from './lib/common.js';
import { fashionMnistMissing } from './lib/fmnist.js';
import { allPeers, buildPeakProbe, peakPeer, probePeers } from './lib/peers.js';
import type { Peer } from './lib/peers.js';
import { accuracyCheck, addRecords, fmt, formatTable, NOISY_SPREAD } from './lib/report.js';
import type { Cells } from './lib/report.js';

const USAGE = `Usage: npm run bench -- [options]
  --rounds N             interleaved rounds; each cell is the median over rounds (default 3, --quick: 1)
  --quick                reduced schedule (smoke test: seconds per peer, numbers only indicative)
  --filter REGEX         only rows whose name matches (peak_fma, sgemm_<n>, w1_mlp_b64_train, ..., w1_mlp_b64_acc5ep)
  --peers REGEX          only columns whose name matches (tensorgrad-cpu, tensorgrad-native, pytorch-1t, pytorch-2t, tfjs-cpu)
  --out FILE             where to write the JSON results (default bench/results/<date>.json)
  --timeout S            kill a run after S seconds (default 900)
  --test-acc             also report test accuracy (10k images) after each training workload, in the JSON
  --max-repeat-seconds S a run longer than this in round 1 is not repeated (default 120)`;

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string' }, quick: { type: 'boolean', default: false }, filter: { type: 'string' },
    peers: { type: 'string' }, out: { type: 'string' }, timeout: { type: 'string', default: '900' },
    'test-acc': { type: 'boolean', default: false }, 'max-repeat-seconds': { type: 'string', default: '120' },
    help: { type: 'boolean', default: false },
  },
});
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
const rounds = Number(opts.rounds ?? (opts.quick ? 1 : 3));
const timeout = Number(opts.timeout), maxRepeat = Number(opts['max-repeat-seconds']);
if (!(rounds >= 1) || !(timeout > 0) || !(maxRepeat > 0)) {
  console.error(`bench: --rounds, --timeout and --max-repeat-seconds must be positive numbers\n${USAGE}`);
  process.exit(2);
}
const rowFilter = new RegExp(opts.filter ?? '.');
const peerFilter = new RegExp(opts.peers ?? '.');
const log = (s: string): void => { process.stderr.write(`${s}\n`); };

// --- the schedule: full or quick, rows selected by --filter
const file = readWorkloads();
const budget: Budget = opts.quick ? file.quick.budget : file.budget;
const notes: string[] = [];
const workloads = new Map<string, WorkloadConfig>();
for (const [name, base] of Object.entries(file.workloads)) {
  const q = opts.quick ? file.quick.workloads[name] : {};
  if (q === null) continue;
  workloads.set(name, { ...base, ...q });
}
const rowsOf = (w: string, c: WorkloadConfig): string[] => (w === 'sgemm' ? c.sizes!.map((n) => `sgemm_${n}`) : [w]);
const allRows = ['peak_fma', ...[...workloads].flatMap(([w, c]) => rowsOf(w, c))];
const rows = allRows.filter((r) => rowFilter.test(r));
const dataMissing = fashionMnistMissing();
const needsData = (w: string): boolean => w.endsWith('_train') || w.endsWith('_acc5ep');
if (dataMissing && rows.some(needsData)) notes.push(`training workloads skipped: ${dataMissing}`);
const accWorkload = file.accuracy.workload;

/** Why a peer's schedule was cut (from workloads.json `peers`), once per peer that is affected. */
const overrideNotes = new Set<string>();

/** A peer's schedule for a workload (its overrides applied, sgemm sizes narrowed to the selected rows), or null. */
function configFor(peer: Peer, w: string): WorkloadConfig | null {
  const base = workloads.get(w);
  if (!base || !peer.runs(w) || (needsData(w) && dataMissing)) return null;
  if (!rowsOf(w, base).some((r) => rows.includes(r))) return null;
  const overrides = file.peers[peer.name] ?? {};
  const override = overrides[w];
  const why = (): void => { if (typeof overrides._why === 'string') overrideNotes.add(`${peer.name}: ${overrides._why}`); };
  if (override === null) { why(); return null; }
  const { max_size: maxSize, ...rest } = typeof override === 'object' && override ? override : {};
  const c: WorkloadConfig = { ...base, ...rest };
  if (w === 'sgemm') {
    const selected = c.sizes!.filter((n) => rows.includes(`sgemm_${n}`));
    c.sizes = selected.filter((n) => maxSize === undefined || n <= maxSize);
    if (c.sizes.length < selected.length) why();
    return c.sizes.length ? c : null;
  }
  return c;
}

// --- which peers work here
// The native backend's column is named after its thread count, known only once probed: 'tensorgrad-native-2t'.
const namesBeforeProbe = (p: Peer): string[] => (p.name === 'tensorgrad-native'
  ? [p.name, ...cpus().map((_, i) => `${p.name}-${i + 1}t`)] : [p.name]);
const chosen = allPeers().filter((p) => namesBeforeProbe(p).some((n) => peerFilter.test(n)));
log(`bench: probing ${chosen.map((p) => p.name).join(', ')} ...`);
const probed = await probePeers(chosen);
const available = probed.available.filter((p) => peerFilter.test(p.name));
const { unavailable } = probed;
for (const u of unavailable) notes.push(`${u.name} not run: ${u.reason}`);
const peaks: Peer[] = [];
if (rows.some((r) => r === 'peak_fma' || r.startsWith('sgemm_'))) {
  const probe = buildPeakProbe();
  if ('reason' in probe) notes.push(`% of peak not shown: ${probe.reason}`);
  else {
    const threads = [...new Set([1, ...available.filter((p) => configFor(p, 'sgemm')).map((p) => p.threads)])].sort((a, b) => a - b);
    peaks.push(...threads.map((t) => peakPeer(probe.path, t, opts.quick ? 0.1 : 0.25)));
  }
}
log(`bench: running ${available.map((p) => `${p.name} (${p.threads}t)`).join(', ') || 'no peer'}; ${rounds} round(s)`);

// --- the runs: per round, the FMA peak first, then each workload with the peers in rotated order
interface Run { round: number; peer: string; workload: string; status: ChildResult['status']; message?: string; seconds: number; records: Measurement[] }
const runs: Run[] = [];
const cells: Cells = new Map();
const failed = new Map<string, string>();
const noRepeat = new Set<string>();
const root = join(BENCH_DIR, '..');

async function runJob(round: number, peer: Peer, w: string, config: WorkloadConfig | null): Promise<void> {
  const key = `${peer.name} ${w}`;
  if (noRepeat.has(key) || failed.has(key)) return;
  const extra = config ? ['--config', JSON.stringify(config), '--budget', JSON.stringify(budget)] : [];
  if (opts['test-acc'] && w.endsWith('_train')) extra.push('--test', '10000');
  const { cmd, args } = peer.command(w, extra);
  process.stderr.write(`[${round + 1}/${rounds}] ${key} ... `);
  const r = await runChild(cmd, args, root, timeout);
  log(`${r.status} ${r.seconds.toFixed(1)} s${r.message ? `: ${r.message}` : ''}`);
  runs.push({ round, peer: peer.name, workload: w, ...r });
  addRecords(cells, r.records.map((m) => ({ ...m, peer: peer.name, round })));
  if (r.status !== 'ok') failed.set(key, `${r.status === 'skip' ? 'skipped' : 'failed'}: ${r.message}`);
  else if (r.seconds > maxRepeat && round + 1 < rounds) {
    noRepeat.add(key);
    notes.push(`${key}: ran once (${r.seconds.toFixed(0)} s > --max-repeat-seconds ${maxRepeat})`);
  }
}

const loadStart = loadavg();
const order = [...workloads.keys()].filter((w) => w !== accWorkload);
for (let round = 0; round < rounds; round++) {
  for (const p of peaks) await runJob(round, p, 'peak', null);
  for (const w of order) {
    const ps = available.filter((p) => configFor(p, w));
    const k = round % Math.max(1, ps.length);
    for (const p of [...ps.slice(k), ...ps.slice(0, k)]) await runJob(round, p, w, configFor(p, w));
  }
}
// The accuracy workload trains for 5 epochs: once, not per round, and on one tensorgrad backend (the last
// column: native on every thread when built; the reference backend would take minutes).
const accPeers = available.filter((p) => p.family !== 'tensorgrad' || p === available.filter((q) => q.family === 'tensorgrad').at(-1));
for (const p of accPeers) {
  const c = configFor(p, accWorkload);
  if (c) await runJob(0, p, accWorkload, c);
}
const loadEnd = loadavg();

// --- the report
const peakByThreads = new Map<number, number>();
for (const p of peaks) {
  const ms = cells.get('peak_fma')?.get(p.name);
  if (ms?.length) peakByThreads.set(p.threads, median(ms.map((m) => m.median)));
}
const table = formatTable({ cells, rows: rows.filter((r) => r !== 'peak_fma'), peers: available, peaks: peakByThreads });
const peakLine = peaks.map((p) => {
  const ms = cells.get('peak_fma')?.get(p.name) ?? [];
  return ms.length ? `${p.threads} thread(s) ${fmt(peakByThreads.get(p.threads)!)} GFLOP/s (rounds: ${ms.map((m) => fmt(m.median)).join(', ')})` : '';
}).filter(Boolean).join('; ');
const acc = rows.includes(accWorkload) && cells.has(accWorkload)
  ? accuracyCheck(cells, accWorkload, available, file.accuracy.max_drop, file.accuracy.pytorch_reference) : undefined;
for (const n of overrideNotes) notes.push(n);
for (const [key, why] of failed) notes.push(`${key} ${why}`);
const shrunk: string[] = [];
for (const r of runs) {
  const m = r.records[0];
  const c = workloads.get(r.workload);
  if (r.round !== 0 || !m || !c?.steps || typeof m.steps_per_window !== 'number') continue;
  if (m.steps_per_window < c.steps || m.values.length < c.windows!) {
    shrunk.push(`${r.peer} ${r.workload} ${m.warmup_steps} + ${m.values.length} x ${m.steps_per_window}`);
  }
}
if (shrunk.length) notes.push(`training schedules shrunk to the time budget (warm-up + windows x steps; see workloads.json): ${shrunk.join('; ')}`);

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const out: string[] = [
  `## tensorgrad benchmark${opts.quick ? ' (--quick: reduced schedule, indicative only)' : ''}`, '',
  `${cpu}, ${cpus().length} logical cores, ${platform()} ${release()}, Node ${process.version}; load average `
  + `${loadStart[0].toFixed(2)} at start, ${loadEnd[0].toFixed(2)} at end. Medians over ${rounds} interleaved round(s).`,
];
if (peakLine) out.push(`FMA peak (bench/peak.c): ${peakLine}.`);
out.push('', table, '',
  'Cells: median; GEMM in brackets: % of the FMA peak at the column\'s thread count. Ratios: tensorgrad speed / peer speed '
  + 'at the same thread count (> 1: tensorgrad faster; for us/call the inverse time ratio), the median of the per-round '
  + 'ratios (each round runs the peers back to back, so a ratio compares runs under the same machine load). '
  + `* = the rounds' medians spread more than ${NOISY_SPREAD * 100}% (noisy machine).`);
if (acc) out.push('', `Accuracy check (${accWorkload}: W1 MLP, batch 64, Adam 1e-3, 5 epochs):`, ...acc.lines.map((l) => `- ${l}`));
if (notes.length) out.push('', 'Notes:', ...notes.map((n) => `- ${n}`));
console.log(out.join('\n'));

const date = new Date().toISOString().slice(0, 10);
let outPath = opts.out ?? join(BENCH_DIR, 'results', `${date}${opts.quick ? '-quick' : ''}.json`);
if (!opts.out) for (let i = 2; existsSync(outPath); i++) outPath = join(BENCH_DIR, 'results', `${date}${opts.quick ? '-quick' : ''}-${i}.json`);
mkdirSync(join(outPath, '..'), { recursive: true });
writeFileSync(outPath, `${JSON.stringify({
  date: new Date().toISOString(), argv: process.argv.slice(2), rounds, quick: opts.quick, budget,
  machine: { cpu, cores: cpus().length, platform: platform(), release: release(), node: process.version, loadavg_start: loadStart, loadavg_end: loadEnd },
  peers: available.map((p) => ({ name: p.name, threads: p.threads })), unavailable, peaks: Object.fromEntries(peakByThreads),
  accuracy: acc, notes, table, runs,
}, null, 1)}\n`);
log(`bench: wrote ${outPath}`);
const tgFailed = runs.some((r) => r.status === 'error' && r.peer.startsWith('tensorgrad-'));
if (acc?.flagged || tgFailed) process.exitCode = 1;
