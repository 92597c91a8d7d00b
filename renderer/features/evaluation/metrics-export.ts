// The metrics CSV: the same numbers as the JSON export (the CLI's `metrics --json` object plus
// bootstrap intervals and the comparison), one value per row. Renderer (pure).
import { DECISION_RULE } from '../../../common/metrics/decision';
import type { BootstrapResult, Interval } from '../../../common/metrics/index';
import type { ComparisonRow } from '../../workers/metrics-protocol';

type Cell = string | number | null | undefined;

interface ReportJson {
  threshold?: number;
  criterion?: string;
  source?: string;
  split?: string;
  data_hash?: string;
  auc?: number;
  eer?: number;
  eer_threshold?: number;
  apcer_max?: number;
  worst_species?: string;
  apcer_pooled?: number;
  bpcer?: number;
  acer?: number;
  acer_pooled?: number;
  hter?: number;
  acc?: number;
  apcer_by_species?: Record<string, number>;
  bpcer_at_apcer?: Record<string, number>;
  apcer_at_bpcer?: Record<string, number>;
  counts?: { samples: number; attacks: number; bona_fide: number };
  confusion?: { rows: string[]; called_bona_fide: number[]; called_attack: number[] };
  bootstrap?: BootstrapResult | null;
  comparison?: ComparisonRow[];
  provenance?: { criterion?: string; split?: string; dataHash?: string };
}

/** Rows `group,name,value,ci_lower,ci_upper,note`; rates are fractions in [0, 1] as in the JSON. */
export function metricsCsvRows(report: ReportJson): Cell[][] {
  const ci = report.bootstrap ?? null;
  const at = ci?.atThreshold;
  const row = (group: string, name: string, value: Cell, interval?: Interval, note = ''): Cell[] =>
    [group, name, value, interval?.lower, interval?.upper, note];
  const rows: Cell[][] = [['group', 'name', 'value', 'ci_lower', 'ci_upper', 'note']];
  rows.push(row('data', 'source', report.source), row('data', 'split', report.split), row('data', 'data_hash', report.data_hash));
  if (report.counts) rows.push(row('data', 'samples', report.counts.samples), row('data', 'attacks', report.counts.attacks), row('data', 'bona_fide', report.counts.bona_fide));
  rows.push(row('threshold', 'threshold', report.threshold, undefined, DECISION_RULE));
  rows.push(row('threshold', 'criterion', report.provenance?.criterion ?? report.criterion, undefined, report.provenance?.split ? `chosen on ${report.provenance.split}` : ''));
  rows.push(row('rates', 'apcer_max', report.apcer_max, at?.apcerMax, `worst species: ${report.worst_species ?? ''}`));
  rows.push(row('rates', 'apcer_pooled', report.apcer_pooled, at?.apcerPooled));
  rows.push(row('rates', 'bpcer', report.bpcer, at?.bpcer));
  rows.push(row('rates', 'acer', report.acer, at?.acer, 'ISO: (APCER max + BPCER) / 2'));
  rows.push(row('rates', 'hter', report.hter, at?.hter, '(APCER pooled + BPCER) / 2'));
  rows.push(row('rates', 'acc', report.acc));
  rows.push(row('curve', 'auc', report.auc, ci?.auc));
  rows.push(row('curve', 'eer', report.eer, ci?.eer, `at threshold ${report.eer_threshold ?? ''}`));
  for (const [bound, value] of Object.entries(report.bpcer_at_apcer ?? {})) rows.push(row('curve', `bpcer_at_apcer<=${bound}`, value));
  for (const [bound, value] of Object.entries(report.apcer_at_bpcer ?? {})) rows.push(row('curve', `apcer_at_bpcer<=${bound}`, value));
  for (const [species, value] of Object.entries(report.apcer_by_species ?? {})) rows.push(row('apcer_by_species', species, value));
  const confusion = report.confusion;
  if (confusion) {
    confusion.rows.forEach((name, r) => {
      rows.push(row('confusion', `${name}: called bona fide`, confusion.called_bona_fide[r]));
      rows.push(row('confusion', `${name}: called attack`, confusion.called_attack[r]));
    });
  }
  if (ci) rows.push(row('bootstrap', 'settings', `${ci.replicates} replicates by ${ci.resample}, seed ${ci.seed}`, undefined, `${Math.round(ci.level * 100)} % percentile intervals`));
  for (const run of report.comparison ?? []) {
    const group = `comparison: ${run.name}`;
    if (run.error) {
      rows.push(row(group, 'error', run.error));
      continue;
    }
    rows.push(row(group, 'auc', run.auc), row(group, 'eer', run.eer), row(group, 'bpcer20', run.bpcer20), row(group, 'bpcer100', run.bpcer100), row(group, 'threshold', run.threshold));
    if (run.rates) {
      rows.push(row(group, 'apcer_max', run.rates.apcerMax), row(group, 'apcer_pooled', run.rates.apcerPooled), row(group, 'bpcer', run.rates.bpcer));
      rows.push(row(group, 'acer', run.rates.acer), row(group, 'hter', run.rates.hter), row(group, 'acc', run.rates.acc));
    }
  }
  return rows;
}
