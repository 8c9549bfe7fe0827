// Turns the runs' measurements into the printed report: medians over rounds, one markdown table with throughputs,
// ratios tensorgrad/peer and GEMM % of the FMA peak, then the accuracy check and notes.
import type { Measurement } from './common.js';
import { median } from './common.js';
import type { Peer } from './peers.js';

/** Measurements per table row and column, one per round that produced one. */
export type Cells = Map<string, Map<string, Measurement[]>>;

/** Adds a run's measurements to the cells. */
export function addRecords(cells: Cells, records: readonly Measurement[]): void {
  for (const r of records) {
    if (typeof r.median !== 'number' || !r.workload) continue;
    if (!cells.has(r.workload)) cells.set(r.workload, new Map());
    const row = cells.get(r.workload)!;
    if (!row.has(r.peer)) row.set(r.peer, []);
    row.get(r.peer)!.push(r);
  }
}

/** The median over rounds of a cell's per-round medians, with the rounds' values. */
export interface CellValue {
  value: number;
  rounds: number[];
  unit: string;
}

/** A cell's median over rounds, or undefined when it has no measurement. */
export function cellValue(cells: Cells, row: string, peer: string): CellValue | undefined {
  const ms = cells.get(row)?.get(peer);
  if (!ms || ms.length === 0) return undefined;
  const rounds = ms.map((m) => m.median);
  return { value: median(rounds), rounds, unit: ms[0].unit };
}

/** A number with 3 significant digits, k/M suffixes for large ones. */
export function fmt(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toPrecision(3)}k`;
  if (a >= 1000) return v.toFixed(0);
  return `${+v.toPrecision(3)}`;
}

function pct(v: number): string {
  return v >= 0.1 ? `${+(v * 100).toPrecision(2)}%` : `${+(v * 100).toPrecision(1)}%`;
}

/** Round-to-round spread above which a cell is marked as noisy. */
export const NOISY_SPREAD = 0.25;

function spread(c: CellValue): number {
  return c.rounds.length < 2 ? 0 : (Math.max(...c.rounds) - Math.min(...c.rounds)) / c.value;
}

/** How many times faster `tg` is than `peer`: throughput ratio, or inverse time ratio for per-call times. */
export function speedRatio(tg: CellValue, peer: CellValue): number {
  return tg.unit.startsWith('us/') || tg.unit === 's' ? peer.value / tg.value : tg.value / peer.value;
}

/**
 * `tg`'s speed relative to `peer` on `row`: the median over rounds of each round's ratio, the rounds being
 * interleaved so that both ran within seconds of each other, under the same load of a shared machine; the ratio
 * of the cells' medians when the measurements carry no common round.
 */
export function pairedRatio(cells: Cells, row: string, tg: string, peer: string): number | undefined {
  const a = cells.get(row)?.get(tg), b = cells.get(row)?.get(peer);
  if (!a?.length || !b?.length) return undefined;
  const ratios: number[] = [];
  for (const m of a) {
    const o = typeof m.round === 'number' ? b.find((x) => x.round === m.round) : undefined;
    if (o) ratios.push(speedRatio({ value: m.median, rounds: [], unit: m.unit }, { value: o.median, rounds: [], unit: o.unit }));
  }
  if (ratios.length > 0) return median(ratios);
  return speedRatio(cellValue(cells, row, tg)!, cellValue(cells, row, peer)!);
}

/** What `formatTable` needs. */
export interface TableInput {
  cells: Cells;
  /** Row names in order (sgemm_<n> rows, then the workloads). */
  rows: readonly string[];
  /** Columns in order (FMA-peak columns are not shown as columns). */
  peers: readonly Peer[];
  /** Median FMA peak per thread count. */
  peaks: ReadonlyMap<number, number>;
}

/** The markdown table: one row per workload, one column per peer, then ratio columns tensorgrad/peer at equal threads. */
export function formatTable({ cells, rows, peers, peaks }: TableInput): string {
  const shown = rows.filter((r) => cells.has(r));
  const has = (p: Peer) => shown.some((r) => cellValue(cells, r, p.name));
  const cols = peers.filter((p) => p.family !== 'hw' && has(p));
  const tgs = cols.filter((p) => p.family === 'tensorgrad');
  const others = cols.filter((p) => p.family !== 'tensorgrad');
  // Like against like: each tensorgrad column against the peers on as many threads.
  const pairs = tgs.flatMap((t) => others.filter((o) => o.threads === t.threads).map((o) => [t, o] as const));
  const header = ['workload', 'unit', ...cols.map((p) => p.name), ...pairs.map(([t, o]) => `${t.name.replace('tensorgrad-', 'tg-')} / ${o.name}`)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
  for (const row of shown) {
    const unit = [...cells.get(row)!.values()][0][0].unit;
    const isAcc = unit === 'test acc';
    const cell = (p: Peer): string => {
      const c = cellValue(cells, row, p.name);
      if (!c) return '';
      let s = isAcc ? c.value.toFixed(4) : fmt(c.value);
      const peak = peaks.get(p.threads);
      if (unit === 'GFLOP/s' && peak) s += ` (${pct(c.value / peak)})`;
      return spread(c) > NOISY_SPREAD ? `${s}*` : s;
    };
    const ratio = ([t, o]: readonly [Peer, Peer]): string => {
      const r = isAcc ? undefined : pairedRatio(cells, row, t.name, o.name);
      if (r === undefined) return '';
      return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toPrecision(2)}x`;
    };
    lines.push(`| ${[row, unit, ...cols.map(cell), ...pairs.map(ratio)].join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Outcome of the accuracy check. */
export interface AccuracyCheck {
  lines: string[];
  /** True when some tensorgrad backend is more than maxDrop below the PyTorch accuracy. */
  flagged: boolean;
}

/**
 * Compares tensorgrad's test accuracy on the accuracy workload with PyTorch's from the same run (or, without
 * PyTorch, with the recorded reference).
 */
export function accuracyCheck(cells: Cells, workload: string, peers: readonly Peer[], maxDrop: number, reference: number): AccuracyCheck {
  const torch = cellValue(cells, workload, 'pytorch-1t');
  const ref = torch?.value ?? reference;
  const refName = torch ? 'PyTorch (this run)' : 'PyTorch (recorded reference, not installed here)';
  const lines: string[] = [];
  let flagged = false;
  for (const p of peers.filter((q) => q.family === 'tensorgrad')) {
    const c = cellValue(cells, workload, p.name);
    if (!c) continue;
    const drop = ref - c.value;
    const bad = drop > maxDrop;
    flagged ||= bad;
    const perEpoch = cells.get(workload)?.get(p.name)?.[0].acc_per_epoch;
    lines.push(`${bad ? 'FLAG' : 'ok  '} ${p.name}: test accuracy ${c.value.toFixed(4)} vs ${refName} ${ref.toFixed(4)} `
      + `(${drop > 0 ? `${drop.toFixed(4)} below` : `${(-drop).toFixed(4)} above`}; allowed ${maxDrop} below)`
      + (Array.isArray(perEpoch) ? `; per epoch ${perEpoch.join(', ')}` : ''));
  }
  if (lines.length === 0) lines.push('no tensorgrad accuracy measured (workload skipped or failed)');
  return { lines, flagged };
}
