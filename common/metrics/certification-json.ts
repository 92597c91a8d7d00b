// JSON forms (snake_case, rates as fractions) of the counted rates, profile verdicts and leakage
// report, shared by `uad metrics --json`, `uad report` and the renderer. Pure shared code (common/).

import { ATTACK_CLASSES } from './attack-classes.js';
import type { CountedRate, RateInterval } from './binomial.js';
import type { AttackRates, CertificationRates } from './certification.js';
import type { LeakageReport } from './leakage.js';
import type { ProfileResult } from './profiles.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function intervalJson(ci: RateInterval): { [key: string]: Json } {
  return { method: ci.method, level: ci.level, low: ci.low, high: ci.high };
}

export function countedJson(rate: CountedRate | null): Json {
  if (rate === null) return null;
  return { rate: rate.rate, errors: rate.errors, attempts: rate.attempts, ci: intervalJson(rate.ci) };
}

function attackRatesJson(rates: AttackRates): { [key: string]: Json } {
  return {
    attacks: rates.attacks,
    apcer_ap: rates.apcerAp === null ? null : { species: rates.apcerAp.species, ...(countedJson(rates.apcerAp) as { [key: string]: Json }) },
    apcer_pooled: countedJson(rates.apcerPooled),
    apcer_by_species: Object.fromEntries(rates.apcerBySpecies.map((s) => [s.species, countedJson(s)])),
    apnrr: countedJson(rates.apnrr),
  };
}

/**
 * The counted rates. `ci` maps each rate to its Clopper-Pearson interval, so a reader finds every
 * interval in one place; the same intervals sit inside each rate object.
 */
export function certificationJson(rates: CertificationRates): { [key: string]: Json } {
  const ci: { [key: string]: Json } = { bpcer: intervalJson(rates.bpcer.ci) };
  if (rates.all.apcerAp !== null) ci.apcer_ap = intervalJson(rates.all.apcerAp.ci);
  if (rates.all.apcerPooled !== null) ci.apcer_pooled = intervalJson(rates.all.apcerPooled.ci);
  if (rates.all.apnrr !== null) ci.apnrr = intervalJson(rates.all.apnrr.ci);
  if (rates.bpnrr !== null) ci.bpnrr = intervalJson(rates.bpnrr.ci);
  ci.apcer_by_species = Object.fromEntries(rates.all.apcerBySpecies.map((s) => [s.species, intervalJson(s.ci)]));
  ci.bpcer20 = intervalJson(rates.bpcer20.bpcer.ci);
  ci.bpcer100 = intervalJson(rates.bpcer100.bpcer.ci);
  return {
    ci,
    apcer_ap: rates.all.apcerAp === null ? null : { species: rates.all.apcerAp.species, ...(countedJson(rates.all.apcerAp) as { [key: string]: Json }) },
    bpcer20: { threshold: rates.bpcer20.threshold, ...(countedJson(rates.bpcer20.bpcer) as { [key: string]: Json }) },
    bpcer100: { threshold: rates.bpcer100.threshold, ...(countedJson(rates.bpcer100.bpcer) as { [key: string]: Json }) },
    questioned_left_out: rates.questionedLeftOut,
    out_of_domain: { samples: rates.outOfDomain.samples, decided_by_score: rates.outOfDomain.decidedByScore },
    apnrr: countedJson(rates.all.apnrr),
    bpnrr: countedJson(rates.bpnrr),
    counted_rates: {
      threshold: rates.threshold,
      level: rates.level,
      basis: rates.basis,
      bpcer: countedJson(rates.bpcer),
      acer: rates.acer,
      hter: rates.hter,
      hter_components: { apcer_pooled: countedJson(rates.all.apcerPooled), bpcer: countedJson(rates.bpcer) },
      all_attacks: attackRatesJson(rates.all),
    },
    // presentation, adversarial and digital always (null without such attacks); unclassified when present.
    by_class: Object.fromEntries(
      ATTACK_CLASSES.filter((c) => c !== 'unclassified' || rates.byClass.some((r) => r.attackClass === c)).map((c) => {
        const found = rates.byClass.find((r) => r.attackClass === c);
        return [c, found === undefined ? null : attackRatesJson(found)];
      }),
    ),
    non_responses: {
      count: rates.nonResponses.length,
      basis: rates.basis,
      samples: rates.nonResponses.map((n) => ({ line: n.line, path: n.path, label: n.label, species: n.species, class: n.attackClass, identity: n.identity, reason: n.reason })),
    },
  };
}

export function profileResultJson(result: ProfileResult): { [key: string]: Json } {
  const p = result.profile;
  return {
    id: p.id,
    name: p.name,
    status: p.status,
    source: { title: p.source.title, url: p.source.url },
    further_sources: (p.further_sources ?? []).map((s) => ({ title: s.title, url: s.url })),
    unverified: [...p.unverified],
    attack_classes: [...p.attack_classes],
    operating_point: p.operating_point,
    summary: { ...result.summary },
    requirements: result.results.map((r) => ({
      id: r.requirementId,
      subject: r.subject,
      text: r.text,
      verdict: r.verdict,
      reason: r.reason,
      rate: countedJson(r.rate),
    })),
  };
}

export function leakageJson(report: LeakageReport): { [key: string]: Json } {
  return {
    pairs: report.pairs.map((p) => ({ a: p.splitA, b: p.splitB, identities_a: p.identitiesA, identities_b: p.identitiesB, shared: p.shared, examples: [...p.examples] })),
    without_identities: [...report.withoutIdentities],
    warnings: [...report.warnings],
  };
}
