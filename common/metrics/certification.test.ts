// Counted rates, non-responses, attack classes, readiness-profile verdicts and identity leakage on
// hand-made score files whose every count is known. Pure code under test.
import { describe, expect, it } from 'vitest';
import { clopperPearson } from './binomial.js';
import { certificationRates } from './certification.js';
import { certificationJson } from './certification-json.js';
import { identityLeakage } from './leakage.js';
import { BUILTIN_PROFILES, builtinProfile, evaluateProfile, parseProfile, ProfileError, profileSources, type ReadinessProfile } from './profiles.js';
import { parseScoresCsv } from './scores-csv.js';

/** CSV rows: `n` samples of one kind, `errors` of them on the wrong side of threshold 0.5. */
function rows(n: number, errors: number, label: 0 | 1, species: string, cls = '', status = ''): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const wrong = i < errors;
    const score = label === 1 ? (wrong ? 0.2 : 0.9) : wrong ? 0.8 : 0.1;
    out.push(`${status === '' ? score : ''},${label},${label === 1 ? species : ''},${cls},id-${species}-${i % 7},${status}`);
  }
  return out;
}

function csv(...blocks: string[][]): string {
  return ['score,label,species,class,identity,status', ...blocks.flat()].join('\n');
}

describe('counted rates', () => {
  it('counts per species, worst species, pooled, BPCER and their exact intervals', () => {
    const data = parseScoresCsv(csv(rows(40, 4, 1, 'print', 'presentation'), rows(16, 0, 1, 'replay', 'presentation'), rows(50, 5, 0, '')), 'hand.csv');
    const rates = certificationRates(data, 0.5);
    const print = rates.all.apcerBySpecies.find((s) => s.species === 'print')!;
    const replay = rates.all.apcerBySpecies.find((s) => s.species === 'replay')!;
    expect([print.errors, print.attempts, replay.errors, replay.attempts]).toEqual([4, 40, 0, 16]);
    expect(replay.ci.high).toBeCloseTo(1 - Math.pow(0.025, 1 / 16), 12);
    expect(rates.all.apcerAp?.species).toBe('print');
    expect(rates.all.apcerPooled).toMatchObject({ errors: 4, attempts: 56 });
    expect(rates.all.apcerPooled?.ci).toEqual(clopperPearson(4, 56));
    expect(rates.bpcer).toMatchObject({ errors: 5, attempts: 50, rate: 0.1 });
    expect(rates.hter).toBeCloseTo((4 / 56 + 0.1) / 2, 15);
    expect(rates.acer).toBeCloseTo((0.1 + 0.1) / 2, 15);
    expect(rates.all.apnrr).toMatchObject({ errors: 0, attempts: 56 });
  });

  it('counts unreadable and skipped samples in APNRR / BPNRR and leaves them out of APCER / BPCER', () => {
    const text = csv(rows(30, 3, 1, 'print', 'presentation'), rows(5, 0, 1, 'print', 'presentation', 'unreadable'), rows(20, 2, 0, ''), rows(2, 0, 0, '', '', 'no-face'), rows(1, 0, 0, '', '', 'skipped'));
    const data = parseScoresCsv(text, 'nr.csv');
    expect(data.nonResponses.map((n) => n.reason)).toEqual(['unreadable', 'unreadable', 'unreadable', 'unreadable', 'unreadable', 'no-face', 'no-face', 'skipped']);
    expect(data.scores.length).toBe(50);
    const rates = certificationRates(data, 0.5);
    expect(rates.all.apnrr).toMatchObject({ errors: 5, attempts: 35 });
    expect(rates.bpnrr).toMatchObject({ errors: 3, attempts: 23 });
    expect(rates.all.apcerPooled).toMatchObject({ errors: 3, attempts: 30 });
    expect(rates.bpcer).toMatchObject({ errors: 2, attempts: 20 });
    expect(rates.basis).toMatch(/exclude the 8 non-responses/);
    const json = certificationJson(rates) as { apnrr: { rate: number; ci: { method: string } }; non_responses: { count: number; samples: { reason: string; line: number }[] } };
    expect(json.apnrr.rate).toBeCloseTo(5 / 35, 15);
    expect(json.apnrr.ci.method).toBe('clopper-pearson');
    expect(json.non_responses.count).toBe(8);
    expect(json.non_responses.samples[0]).toMatchObject({ reason: 'unreadable', line: 32 });
  });

  it('rejects a non-response that carries a score, and a scoreless row without a status', () => {
    expect(() => parseScoresCsv('score,label,status\n0.4,1,unreadable\n0.1,0,ok\n', 'x.csv')).toThrow(/x\.csv:2: .*non-response/);
    expect(() => parseScoresCsv('score,label,status\n,1,\n0.1,0,ok\n', 'x.csv')).toThrow(/x\.csv:2: score is empty.*needs a status/);
  });

  it('reports each attack class with its own APCER_AP and pools them', () => {
    const data = parseScoresCsv(csv(rows(20, 2, 1, 'print', '1'), rows(20, 10, 1, 'fgsm', '2'), rows(20, 1, 1, 'simswap', '3'), rows(20, 0, 0, '')), 'classes.csv');
    const rates = certificationRates(data, 0.5);
    expect(rates.byClass.map((c) => c.attackClass)).toEqual(['presentation', 'adversarial', 'digital']);
    expect(rates.byClass.map((c) => c.apcerAp?.species)).toEqual(['print', 'fgsm', 'simswap']);
    expect(rates.byClass[0].apcerAp).toMatchObject({ errors: 2, attempts: 20 });
    expect(rates.all.apcerAp?.species).toBe('fgsm');
    expect(rates.all.apcerPooled).toMatchObject({ errors: 13, attempts: 60 });
  });
});

describe('attack class and species fallback', () => {
  it('takes the class from UniAttackData paths and the species from the class when the path says nothing', () => {
    const text = [
      'path,score,label',
      'spoof/EA/EA-101/cloth-indoor/1.jpg,0.9,1',
      'adv-attacks/pgd/pgd_EA-112x112/EA-102/1.jpg,0.8,1',
      'simswap/EA/EA-103-To-EA-104/1.jpg,0.7,1',
      'scans/batch7/img_0042.png,0.6,1',
      'live/EA/EA-105/real.rssdk/1.jpg,0.1,0',
    ].join('\n');
    const data = parseScoresCsv(text, 'paths.csv');
    const classes = Array.from(data.classCodes.subarray(0, 4), (code) => ['presentation', 'adversarial', 'digital', 'unclassified'][code]);
    expect(classes).toEqual(['presentation', 'adversarial', 'digital', 'unclassified']);
    expect(data.speciesNames).toEqual(['cloth-indoor', 'pgd', 'simswap', 'unspecified']);
  });

  it('names the species after the class column when the species cell is empty (labels 1/2/3)', () => {
    const data = parseScoresCsv('score,label,species,class\n0.9,1,,1\n0.8,1,,3\n0.7,1,print,1\n0.1,0,,\n', 'cls.csv');
    expect(data.speciesNames).toEqual(['presentation', 'digital', 'print']);
    expect(() => parseScoresCsv('score,label,class\n0.9,1,mask\n0.1,0,\n', 'bad.csv')).toThrow(/bad\.csv:2: class 'mask'/);
  });
});

/** A score file for a profile: `species` species × `perSpecies` attacks with `errors` each, `bonaFide` with `bpErrors`. */
function profileFile(species: number, perSpecies: number, errors: number, bonaFide: number, bpErrors: number): string {
  return csv(...Array.from({ length: species }, (_, s) => rows(perSpecies, errors, 1, `species-${s + 1}`, 'presentation')), rows(bonaFide, bpErrors, 0, ''));
}

describe('readiness profiles', () => {
  const level1 = builtinProfile('ibeta-level1')!;
  const nist = builtinProfile('nist-800-63a-4')!;
  const verdicts = (profile: ReadinessProfile, text: string) => evaluateProfile(profile, certificationRates(parseScoresCsv(text, 'p.csv'), 0.5)).results.map((r) => r.verdict);

  it('ships four profiles, each citing a source and marked indicative', () => {
    expect(BUILTIN_PROFILES.map((p) => p.id)).toEqual(['ibeta-level1', 'ibeta-level2', 'fido-biometric-pad', 'nist-800-63a-4']);
    for (const profile of BUILTIN_PROFILES) {
      expect(profile.status).toBe('indicative, not a certification');
      expect(profile.source.url).toMatch(/^https:\/\//);
    }
  });

  it('passes a file that meets iBeta Level 1 with the attempts expected', () => {
    expect(verdicts(level1, profileFile(6, 150, 0, 60, 3))).toEqual(Array(8).fill('pass'));
  });

  it('fails a file with one successful attack', () => {
    const v = verdicts(level1, profileFile(6, 150, 0, 60, 3).replace('0.9,1,species-4', '0.3,1,species-4'));
    expect(v.filter((x) => x === 'fail')).toHaveLength(1);
  });

  it('says insufficient attempts when a file is short of species and of attempts', () => {
    const v = verdicts(level1, profileFile(4, 40, 0, 20, 0));
    expect(v[0]).toBe('insufficient'); // 4 of 6 species
    expect(v.slice(1, 5)).toEqual(Array(4).fill('insufficient')); // 40 of 150 attempts each
    expect(v[5]).toBe('insufficient'); // 20 of 50 bona fide
  });

  it('lets the interval upper bound decide a rate limit (NIST IAPAR < 0.07)', () => {
    // 2 of 100: estimate 2 %, upper bound 7.04 % → not yet shown below 7 %.
    expect(verdicts(nist, profileFile(1, 100, 2, 10, 0))).toEqual(['insufficient']);
    // 2 of 200: upper bound 3.57 % → pass.
    expect(verdicts(nist, profileFile(1, 200, 2, 10, 0))).toEqual(['pass']);
    // 20 of 100: even the lower bound is over 7 % → fail.
    expect(verdicts(nist, profileFile(1, 100, 20, 10, 0))).toEqual(['fail']);
  });

  describe('FIDO IAPAR thresholds (< 7 % or < 15 % per species)', () => {
    const fido = builtinProfile('fido-biometric-pad')!;
    /** Verdicts as [7 % rows…, 15 % rows…], one row per species in each. */
    const fidoVerdicts = (text: string) => evaluateProfile(fido, certificationRates(parseScoresCsv(text, 'fido.csv'), 0.5)).results.map((r) => `${r.requirementId} ${r.subject} ${r.verdict}`);

    it('has two strict per-species limits, no attempts count, and cites both sources', () => {
      expect(fido.requirements.map((r) => [r.rate, r.max, r.strict, r.min_attempts])).toEqual([['apcer_species', 0.07, true, null], ['apcer_species', 0.15, true, null]]);
      expect(fido.source.url).toMatch(/Biometrics-Requirements/);
      expect(profileSources(fido).map((s) => s.url)).toEqual([fido.source.url, 'https://fidoalliance.org/specs/mds/fido-metadata-statement-v3.1-ps-20250521.html#sctn-type-bad']);
    });

    it('passes both when every species is shown below 7 %', () => {
      // 2 of 200 per species: upper bound 3.57 %.
      expect(fidoVerdicts(profileFile(2, 200, 2, 10, 0))).toEqual([
        'iapar-species-7 APCER species-1 pass', 'iapar-species-7 APCER species-2 pass',
        'iapar-species-15 APCER species-1 pass', 'iapar-species-15 APCER species-2 pass',
      ]);
    });

    it('passes only the 15 % threshold when a species is between the two', () => {
      // 40 of 400: interval 7.24–13.37 %, over 7 % even at its lower bound, under 15 % at its upper bound.
      expect(fidoVerdicts(profileFile(1, 400, 40, 10, 0))).toEqual(['iapar-species-7 APCER species-1 fail', 'iapar-species-15 APCER species-1 pass']);
    });

    it('fails both when a species is over 15 %', () => {
      // 30 of 100: lower bound 21.2 %.
      expect(fidoVerdicts(profileFile(1, 100, 30, 10, 0))).toEqual(['iapar-species-7 APCER species-1 fail', 'iapar-species-15 APCER species-1 fail']);
    });

    it('lets the Clopper-Pearson upper bound decide when errors are few', () => {
      // 0 of 20: upper bound 16.8 % → neither threshold shown yet.
      expect(fidoVerdicts(profileFile(1, 20, 0, 10, 0))).toEqual(['iapar-species-7 APCER species-1 insufficient', 'iapar-species-15 APCER species-1 insufficient']);
      // 0 of 40: upper bound 8.81 % → shown below 15 %, not below 7 %.
      expect(fidoVerdicts(profileFile(1, 40, 0, 10, 0))).toEqual(['iapar-species-7 APCER species-1 insufficient', 'iapar-species-15 APCER species-1 pass']);
      // 0 of 60: upper bound 5.96 % → both.
      expect(fidoVerdicts(profileFile(1, 60, 0, 10, 0))).toEqual(['iapar-species-7 APCER species-1 pass', 'iapar-species-15 APCER species-1 pass']);
      // 8 of 200: estimate 4 %, upper bound 7.73 %.
      expect(fidoVerdicts(profileFile(1, 200, 8, 10, 0))).toEqual(['iapar-species-7 APCER species-1 insufficient', 'iapar-species-15 APCER species-1 pass']);
    });
  });

  it('reports a requirement without a verified limit as not evaluated', () => {
    const open = parseProfile(JSON.stringify({ ...nist, requirements: [{ id: 'open', rate: 'apcer_species', max: null, text: 'limit not yet read' }] }), 'open.json');
    expect(verdicts(open, profileFile(2, 50, 0, 10, 0))).toEqual(['not-evaluated', 'not-evaluated']);
  });

  it('reads a user profile and refuses one without a source or with a bad limit', () => {
    const user = { id: 'lab', name: 'Lab', status: 'indicative, not a certification', source: { title: 'Lab rule 4', url: 'https://lab.example/rules' }, unverified: [], attack_classes: ['presentation', 'digital'], operating_point: 'evaluated threshold', expected_species: null, requirements: [{ id: 'pooled', rate: 'apcer_pooled', max: 0.1, text: 'pooled APCER ≤ 10 %' }] };
    expect(parseProfile(JSON.stringify(user), 'lab.json').id).toBe('lab');
    expect(() => parseProfile(JSON.stringify({ ...user, source: undefined }), 'lab.json')).toThrow(ProfileError);
    expect(() => parseProfile(JSON.stringify({ ...user, requirements: [{ id: 'x', rate: 'bpcer', max: 7, text: 'x' }] }), 'lab.json')).toThrow(/'max' must be a rate/);
    expect(() => parseProfile('{', 'lab.json')).toThrow(/not valid JSON/);
    const cited = parseProfile(JSON.stringify({ ...user, further_sources: [{ title: 'Lab rule 4 annex', url: 'https://lab.example/annex' }] }), 'lab.json');
    expect(profileSources(cited).map((s) => s.title)).toEqual(['Lab rule 4', 'Lab rule 4 annex']);
    expect(() => parseProfile(JSON.stringify({ ...user, further_sources: { title: 'x', url: 'y' } }), 'lab.json')).toThrow(/'further_sources' must be a list/);
    expect(() => parseProfile(JSON.stringify({ ...user, further_sources: [{ title: 'annex' }] }), 'lab.json')).toThrow(/'further_sources' entry 1 needs/);
  });
});

describe('identity leakage', () => {
  it('counts identities shared per split pair', () => {
    const report = identityLeakage([
      { split: 'train', identities: ['a', 'b', 'c', 'd'] },
      { split: 'dev', identities: ['d', 'e', ''] },
      { split: 'test', identities: ['a', 'b', 'f', 'f'] },
      { split: 'extra', identities: [''] },
    ]);
    expect(report.pairs.map((p) => [p.splitA, p.splitB, p.shared])).toEqual([['train', 'dev', 1], ['train', 'test', 2], ['dev', 'test', 0]]);
    expect(report.withoutIdentities).toEqual(['extra']);
    expect(report.warnings).toEqual([
      '1 identity is in both train and dev (e.g. d): rates on dev are not on unseen subjects',
      '2 identities are in both train and test (e.g. a, b): rates on test are not on unseen subjects',
    ]);
  });
});
