// The real `uad` CLI from e2e specs: export a workspace's scores and compute `metrics --json`, the
// reference the evaluation view's numbers are checked against.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './demo';
import { formatRate } from '../../../common/format/figures';

export function uad(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'cli', 'index.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

/** `uad export-scores --workspace W --out F [--split S]`; returns F. */
export function exportScores(workspace: string, out: string, split?: string): string {
  uad(['export-scores', '--workspace', workspace, '--out', out, ...(split ? ['--split', split] : [])]);
  return out;
}

export interface CliMetrics {
  auc: number;
  eer: number;
  threshold: number;
  criterion: string;
  apcer_max: number;
  apcer_pooled: number;
  worst_species: string;
  bpcer: number;
  acer: number;
  hter: number;
  acc: number;
  apcer_by_species: Record<string, number>;
  /** Counted rates with exact intervals (the certification panel's numbers). */
  apcer_ap: { species: string; errors: number; attempts: number; rate: number } | null;
  apnrr: { errors: number; attempts: number; rate: number } | null;
  counts: { samples: number; attacks: number; bona_fide: number };
  /** Scored samples outside the model's domain: non-responses unless decided by score. */
  out_of_domain?: { samples: number; decided_by_score: boolean };
  confusion: { rows: string[]; called_bona_fide: number[]; called_attack: number[] };
}

/** `uad metrics --json` with the given arguments. */
export function cliMetrics(args: string[]): CliMetrics {
  return JSON.parse(uad(['metrics', ...args, '--json'])) as CliMetrics;
}

/** The view's format of a rate (the shared one), e.g. "3.25 %". */
export const percentText = (rate: number): string => formatRate(rate);
