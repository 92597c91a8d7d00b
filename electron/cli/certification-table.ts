// The text form of the counted rates, attack classes, non-responses, profile checklist and leakage
// warnings that `uad metrics` prints under its rate table. Node side (CLI), formatting only.
import { ATTACK_CLASS_TITLES, type CountedRate, type FullEvaluation } from '../../common/metrics/index.js';
import { formatCountedRate, formatRate as percent, formatThreshold } from '../../common/format/figures.js';

const counted = (rate: CountedRate | null): string => (rate === null ? 'no attempts' : `${percent(rate.rate).padStart(8)}   ${formatCountedRate(rate)}`);
const row = (name: string, value: string): string => `  ${name.padEnd(30)}${value}`;

export function formatCertification(full: FullEvaluation): string[] {
  const { counted: rates } = full;
  const lines: string[] = ['', 'Counted rates at the threshold, with exact 95 % intervals (Clopper-Pearson, two-sided):', `  ${rates.basis}`];
  lines.push(row('APCER_AP (worst species)', `${counted(rates.all.apcerAp)}${rates.all.apcerAp === null ? '' : `   ${rates.all.apcerAp.species}`}`));
  lines.push(row('APCER (pooled)', counted(rates.all.apcerPooled)));
  lines.push(row('BPCER', counted(rates.bpcer)));
  lines.push(row('APNRR', counted(rates.all.apnrr)));
  lines.push(row('BPNRR', counted(rates.bpnrr)));
  lines.push(row('BPCER20', `${counted(rates.bpcer20.bpcer)}   at threshold ${formatThreshold(rates.bpcer20.threshold)}`));
  lines.push(row('BPCER100', `${counted(rates.bpcer100.bpcer)}   at threshold ${formatThreshold(rates.bpcer100.threshold)}`));
  for (const species of rates.all.apcerBySpecies) lines.push(row(`APCER ${species.species}`, counted(species)));
  for (const cls of rates.byClass) {
    lines.push('', `  ${ATTACK_CLASS_TITLES[cls.attackClass]}: ${cls.attacks} attacks`);
    lines.push(row('  APCER_AP', `${counted(cls.apcerAp)}${cls.apcerAp === null ? '' : `   ${cls.apcerAp.species}`}`));
    lines.push(row('  APCER (pooled)', counted(cls.apcerPooled)));
    lines.push(row('  APNRR', counted(cls.apnrr)));
  }
  if (rates.nonResponses.length > 0) {
    lines.push('', `Non-responses (${rates.nonResponses.length}):`);
    for (const n of rates.nonResponses.slice(0, 50)) lines.push(`  line ${n.line}  ${n.label === 1 ? 'attack' : 'bona fide'}  ${n.reason}  ${n.path}`);
    if (rates.nonResponses.length > 50) lines.push(`  … and ${rates.nonResponses.length - 50} more (all of them in --json)`);
  }
  if (full.profile !== null) {
    const p = full.profile;
    lines.push('', `Profile: ${p.profile.name} — ${p.profile.status}`, `  source: ${p.profile.source.title} <${p.profile.source.url}>`);
    for (const further of p.profile.further_sources ?? []) lines.push(`  also: ${further.title} <${further.url}>`);
    for (const r of p.results) lines.push(`  [${r.verdict}] ${r.subject}: ${r.reason}`);
    lines.push(`  ${p.summary.pass} pass, ${p.summary.fail} fail, ${p.summary.insufficient} insufficient, ${p.summary['not-evaluated']} not evaluated`);
    for (const note of p.profile.unverified) lines.push(`  not verified: ${note}`);
  }
  if (full.leakage !== null) {
    for (const warning of full.leakage.warnings) lines.push('', `WARNING: ${warning}`);
    for (const split of full.leakage.withoutIdentities) lines.push(`  note: ${split} has no identity column; leakage not checked for it`);
  }
  return lines;
}
