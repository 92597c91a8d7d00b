// Readiness profiles (JSON under common/metrics/profiles/ or a user's file) and their evaluation
// against counted rates: pass / fail / insufficient attempts per requirement. Pure shared code (common/).

import fidoBiometricPad from './profiles/fido-biometric-pad.json' with { type: 'json' };
import ibetaLevel1 from './profiles/ibeta-level1.json' with { type: 'json' };
import ibetaLevel2 from './profiles/ibeta-level2.json' with { type: 'json' };
import nist80063a4 from './profiles/nist-800-63a-4.json' with { type: 'json' };
import { ATTACK_CLASSES, type AttackClass } from './attack-classes.js';
import { countedRate, type CountedRate } from './binomial.js';
import type { AttackRates, CertificationRates, SpeciesRate } from './certification.js';

export type ProfileRate = 'apcer_species' | 'apcer_ap' | 'apcer_pooled' | 'bpcer' | 'apnrr' | 'bpnrr';
const PROFILE_RATES: readonly ProfileRate[] = ['apcer_species', 'apcer_ap', 'apcer_pooled', 'bpcer', 'apnrr', 'bpnrr'];

export interface ProfileRequirement {
  readonly id: string;
  readonly rate: ProfileRate;
  /** Limit on the rate (the 95 % upper bound must meet it); null when the source's limit is not verified. */
  readonly max?: number | null;
  /** true: rate < max; false: rate ≤ max. */
  readonly strict?: boolean;
  /** Zero-tolerance form: at most this many errors (e.g. 0 for "no successful attack"). */
  readonly max_errors?: number;
  /** Attempts expected (per species for apcer_species); null when the source names none. */
  readonly min_attempts?: number | null;
  readonly text: string;
}

export interface ReadinessProfile {
  readonly id: string;
  readonly name: string;
  /** Always "indicative, not a certification". */
  readonly status: string;
  readonly source: { readonly title: string; readonly url: string; readonly publisher_reference?: string };
  /** Other public documents the limits were read from or checked against (e.g. where a limit is quoted). */
  readonly further_sources?: readonly { readonly title: string; readonly url: string }[];
  /** What could not be verified in the sources, said plainly. */
  readonly unverified: readonly string[];
  /** Which attack classes the profile's APCER requirements read. */
  readonly attack_classes: readonly AttackClass[];
  readonly operating_point: string;
  readonly expected_species: number | null;
  readonly requirements: readonly ProfileRequirement[];
}

export type Verdict = 'pass' | 'fail' | 'insufficient' | 'not-evaluated';

export interface RequirementResult {
  readonly requirementId: string;
  /** e.g. "APCER cloth-indoor" or "BPCER". */
  readonly subject: string;
  readonly text: string;
  readonly verdict: Verdict;
  readonly rate: CountedRate | null;
  /** Why, in one sentence. */
  readonly reason: string;
}

export interface ProfileResult {
  readonly profile: ReadinessProfile;
  readonly results: readonly RequirementResult[];
  readonly summary: Record<Verdict, number>;
}

export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

export const INDICATIVE = 'indicative, not a certification';

/** Every public document a profile cites: its source first, then its further sources. */
export function profileSources(profile: ReadinessProfile): readonly { readonly title: string; readonly url: string }[] {
  return [{ title: profile.source.title, url: profile.source.url }, ...(profile.further_sources ?? [])];
}

/** Checks a parsed JSON object (a shipped or user profile) and returns it typed. */
export function validateProfile(value: unknown, source: string): ReadinessProfile {
  const fail = (why: string): never => {
    throw new ProfileError(`${source}: ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('a profile is a JSON object');
  const p = value as Record<string, unknown>;
  for (const key of ['id', 'name', 'operating_point'] as const) if (typeof p[key] !== 'string' || p[key] === '') fail(`'${key}' must be a non-empty string`);
  if (p.status !== INDICATIVE) fail(`'status' must be "${INDICATIVE}"`);
  const src = p.source as Record<string, unknown> | undefined;
  if (typeof src !== 'object' || src === null || typeof src.title !== 'string' || typeof src.url !== 'string' || src.title === '') fail("'source' needs a 'title' and a 'url' (the public document the limits come from)");
  if (p.further_sources !== undefined) {
    const list = p.further_sources;
    if (!Array.isArray(list)) fail("'further_sources' must be a list of { title, url }");
    (list as unknown[]).forEach((entry, i) => {
      const e = entry as Record<string, unknown> | null;
      if (typeof e !== 'object' || e === null || typeof e.title !== 'string' || e.title === '' || typeof e.url !== 'string' || e.url === '') fail(`'further_sources' entry ${i + 1} needs a non-empty 'title' and 'url'`);
    });
  }
  if (!Array.isArray(p.unverified) || p.unverified.some((line) => typeof line !== 'string')) fail("'unverified' must be a list of strings (empty when everything was verified)");
  if (!Array.isArray(p.attack_classes) || p.attack_classes.length === 0 || p.attack_classes.some((c) => !ATTACK_CLASSES.includes(c as AttackClass))) {
    fail(`'attack_classes' must list some of ${ATTACK_CLASSES.join(', ')}`);
  }
  if (p.expected_species !== null && !(Number.isInteger(p.expected_species) && (p.expected_species as number) > 0)) fail("'expected_species' must be a positive integer or null");
  if (!Array.isArray(p.requirements) || p.requirements.length === 0) fail("'requirements' must be a non-empty list");
  (p.requirements as unknown[]).forEach((r, i) => {
    const req = r as Record<string, unknown>;
    const at = `requirement ${i + 1}`;
    if (typeof req !== 'object' || req === null) fail(`${at} must be an object`);
    if (typeof req.id !== 'string' || typeof req.text !== 'string') fail(`${at} needs 'id' and 'text'`);
    if (!PROFILE_RATES.includes(req.rate as ProfileRate)) fail(`${at}: 'rate' must be one of ${PROFILE_RATES.join(', ')}`);
    const hasMax = 'max' in req;
    const hasErrors = 'max_errors' in req;
    if (hasMax === hasErrors) fail(`${at}: give exactly one of 'max' (a rate limit, or null when not verified) and 'max_errors'`);
    if (hasMax && req.max !== null && !(typeof req.max === 'number' && req.max >= 0 && req.max <= 1)) fail(`${at}: 'max' must be a rate in [0, 1] or null`);
    if (hasErrors && !(Number.isInteger(req.max_errors) && (req.max_errors as number) >= 0)) fail(`${at}: 'max_errors' must be an integer ≥ 0`);
    if (req.min_attempts !== undefined && req.min_attempts !== null && !(Number.isInteger(req.min_attempts) && (req.min_attempts as number) > 0)) fail(`${at}: 'min_attempts' must be a positive integer or null`);
  });
  return value as ReadinessProfile;
}

/** The profiles shipped with the workbench. */
export const BUILTIN_PROFILES: readonly ReadinessProfile[] = [ibetaLevel1, ibetaLevel2, fidoBiometricPad, nist80063a4].map((json) =>
  validateProfile(json, `common/metrics/profiles/${(json as { id: string }).id}.json`),
);

export function builtinProfile(id: string): ReadinessProfile | undefined {
  return BUILTIN_PROFILES.find((profile) => profile.id === id);
}

/** Parses a user's profile file text. */
export function parseProfile(text: string, source: string): ReadinessProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProfileError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  return validateProfile(json, source);
}

const pct = (rate: number): string => `${(rate * 100).toFixed(2).replace(/\.?0+$/, '')} %`;

/**
 * The verdict for one counted rate. Rate limit L: fail when the estimate is over L with the
 * attempts expected (or the interval's lower bound is over L with any number); pass when the 95 %
 * upper bound meets L with the attempts expected; otherwise insufficient attempts. Zero-tolerance
 * (max_errors): fail when there are more errors, else pass with the attempts expected.
 */
export function judge(requirement: ProfileRequirement, rate: CountedRate | null): { verdict: Verdict; reason: string } {
  const minimum = requirement.min_attempts ?? 0;
  if (rate === null) return { verdict: 'insufficient', reason: 'no attempts of this kind in the data' };
  const short = rate.attempts < minimum;
  const shortText = `${rate.attempts} attempts, ${minimum} expected`;
  if (requirement.max_errors !== undefined) {
    if (rate.errors > requirement.max_errors) return { verdict: 'fail', reason: `${rate.errors} errors, at most ${requirement.max_errors} allowed` };
    return short ? { verdict: 'insufficient', reason: shortText } : { verdict: 'pass', reason: `${rate.errors} errors in ${rate.attempts} attempts (95 % upper bound ${pct(rate.ci.high)})` };
  }
  const limit = requirement.max;
  if (limit === null || limit === undefined) return { verdict: 'not-evaluated', reason: 'the profile gives no verified limit' };
  const meets = (value: number): boolean => (requirement.strict === true ? value < limit : value <= limit);
  const limitText = `${requirement.strict === true ? '<' : '≤'} ${pct(limit)}`;
  if (!meets(rate.ci.low)) return { verdict: 'fail', reason: `even the 95 % lower bound ${pct(rate.ci.low)} is over the limit ${limitText}` };
  if (!meets(rate.rate)) return short ? { verdict: 'insufficient', reason: `${shortText}; estimate ${pct(rate.rate)} over the limit ${limitText}` } : { verdict: 'fail', reason: `estimate ${pct(rate.rate)} over the limit ${limitText}` };
  if (short) return { verdict: 'insufficient', reason: shortText };
  if (meets(rate.ci.high)) return { verdict: 'pass', reason: `95 % upper bound ${pct(rate.ci.high)} meets ${limitText}` };
  return { verdict: 'insufficient', reason: `estimate ${pct(rate.rate)} meets ${limitText} but the 95 % upper bound ${pct(rate.ci.high)} does not; more attempts needed` };
}

/** Merges the attack rates of the profile's classes (species keep their own counts). */
function profileAttacks(rates: CertificationRates, classes: readonly AttackClass[]): { species: SpeciesRate[]; ap: SpeciesRate | null; pooled: CountedRate | null; apnrr: CountedRate | null } {
  const chosen: AttackRates[] = rates.byClass.filter((c) => classes.includes(c.attackClass));
  const species = chosen.flatMap((c) => c.apcerBySpecies);
  if (chosen.length === 1) return { species, ap: chosen[0].apcerAp, pooled: chosen[0].apcerPooled, apnrr: chosen[0].apnrr };
  // Several classes: recount pooled values from the per-class counts (same level, exact intervals).
  const sum = (pick: (c: AttackRates) => CountedRate | null) =>
    chosen.reduce((acc, c) => { const r = pick(c); return r === null ? acc : { k: acc.k + r.errors, n: acc.n + r.attempts }; }, { k: 0, n: 0 });
  const pooled = sum((c) => c.apcerPooled);
  const nr = sum((c) => c.apnrr);
  const ap = species.reduce<SpeciesRate | null>((worst, r) => (worst === null || r.rate > worst.rate ? r : worst), null);
  return { species, ap, pooled: countedRate(pooled.k, pooled.n, rates.level), apnrr: countedRate(nr.k, nr.n, rates.level) };
}

/** Evaluates every requirement of `profile`; apcer_species gives one row per species. */
export function evaluateProfile(profile: ReadinessProfile, rates: CertificationRates): ProfileResult {
  const attacks = profileAttacks(rates, profile.attack_classes);
  const results: RequirementResult[] = [];
  const push = (requirement: ProfileRequirement, subject: string, rate: CountedRate | null): void => {
    results.push({ requirementId: requirement.id, subject, text: requirement.text, rate, ...judge(requirement, rate) });
  };
  if (profile.expected_species !== null) {
    const found = attacks.species.length;
    results.push({
      requirementId: 'species-count',
      subject: 'Attack species',
      text: `${profile.expected_species} attack species expected (${profile.attack_classes.join(', ')})`,
      rate: null,
      verdict: found >= profile.expected_species ? 'pass' : 'insufficient',
      reason: `${found} species in the data`,
    });
  }
  for (const requirement of profile.requirements) {
    switch (requirement.rate) {
      case 'apcer_species':
        if (attacks.species.length === 0) push(requirement, 'APCER (no species)', null);
        for (const species of attacks.species) push(requirement, `APCER ${species.species}`, species);
        break;
      case 'apcer_ap':
        push(requirement, `APCER_AP${attacks.ap === null ? '' : ` (${attacks.ap.species})`}`, attacks.ap);
        break;
      case 'apcer_pooled':
        push(requirement, 'APCER pooled', attacks.pooled);
        break;
      case 'bpcer':
        push(requirement, 'BPCER', rates.bpcer);
        break;
      case 'apnrr':
        push(requirement, 'APNRR', attacks.apnrr);
        break;
      case 'bpnrr':
        push(requirement, 'BPNRR', rates.bpnrr);
        break;
    }
  }
  const summary: Record<Verdict, number> = { pass: 0, fail: 0, insufficient: 0, 'not-evaluated': 0 };
  for (const result of results) summary[result.verdict]++;
  return { profile, results, summary };
}
