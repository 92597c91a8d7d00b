// Benchmark record of `npm run bench:ui`: each bench writes its rows to test/bench/results/ui-<name>.json,
// which scripts/bench-ui.mjs merges into ui.json and prints as a table. Test support (Node).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BenchRow {
  /** What was measured, e.g. "first grid render". */
  metric: string;
  /** Data size, e.g. 100000 samples. */
  samples: number;
  value: number;
  unit: string;
  /** The target as text ("≤ 1000"), or '' when the figure has none. */
  target: string;
  /** Whether the measured value meets the target; null without one. */
  met: boolean | null;
  note?: string;
}

export const RESULTS_DIR = path.resolve('test', 'bench', 'results');

/** Appends rows to this bench's part file (created on first use by the run). */
export function record(bench: string, rows: BenchRow[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `ui-${bench}.json`);
  let existing: BenchRow[] = [];
  try {
    existing = JSON.parse(readFileSync(file, 'utf8')) as BenchRow[];
  } catch {
    existing = [];
  }
  writeFileSync(file, `${JSON.stringify([...existing, ...rows], null, 2)}\n`);
}

export const atMost = (value: number, limit: number): Pick<BenchRow, 'target' | 'met'> => ({ target: `≤ ${limit}`, met: value <= limit });
export const atLeast = (value: number, limit: number): Pick<BenchRow, 'target' | 'met'> => ({ target: `≥ ${limit}`, met: value >= limit });
export const noTarget: Pick<BenchRow, 'target' | 'met'> = { target: '', met: null };

/** Resident and peak resident memory of a process, in MiB, from /proc (Linux); null elsewhere. */
export function processMemoryMiB(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? NaN);
    return { rss: kib('VmRSS:') / 1024, peak: kib('VmHWM:') / 1024 };
  } catch {
    return null;
  }
}
