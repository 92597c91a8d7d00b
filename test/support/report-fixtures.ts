// Test support: the evaluation report and the case report rendered with every user-controlled field
// (species, identity, path, status, file names, model, profile, examiner, title, annotations, tags,
// custody, software…) taken from one function of the field's name, so a test can render the same page
// from benign and from hostile values.
import { LIMITATIONS, type CaseFile } from '../../common/cases/case-types.js';
import { csvText } from '../../common/csv/write.js';
import { fullEvaluation } from '../../common/metrics/full-evaluation.js';
import { comparePaired } from '../../common/metrics/paired-comparison.js';
import { builtinProfile, type ReadinessProfile } from '../../common/metrics/profiles.js';
import { parseScoresCsv } from '../../common/metrics/scores-csv.js';
import { evaluationReportHtml, type ReportProvenance } from '../../common/report/evaluation-report.js';
import { renderReportHtml } from '../../electron/cases/report-html.js';

// ---- the evaluation report -------------------------------------------------------------------------

export function scoresCsv(value: (field: string) => string, withStatus: boolean): string {
  const rows: (string | number)[][] = [['score', 'label', 'species', 'identity', 'path', 'status']];
  for (let i = 0; i < 60; i++) {
    const attack = i % 3 !== 0;
    const species = value(`species-${i % 2}`);
    const score = attack ? 0.5 + ((i * 7) % 40) / 100 : 0.1 + ((i * 11) % 50) / 100;
    rows.push([withStatus && i === 5 ? '' : score, attack ? 1 : 0, attack ? species : '', value(`identity-${i % 9}`), value(`path-${i}`), withStatus && i === 5 ? value('status') : 'ok']);
  }
  return csvText(rows);
}

export function evaluationPage(value: (field: string) => string): string {
  const base = builtinProfile('ibeta-level1')!;
  const profile: ReadinessProfile = {
    ...base,
    name: value('profile-name'),
    status: value('profile-status'),
    source: { title: value('source-title'), url: `https://example.org/${value('source-url')}` },
    further_sources: [{ title: value('further-title'), url: `https://example.org/${value('further-url')}` }],
    unverified: [value('unverified')],
    operating_point: value('operating-point'),
    requirements: base.requirements.map((r, i) => ({ ...r, text: value(`requirement-${i}`) })),
  };
  const scores = parseScoresCsv(scoresCsv(value, true), 'scores.csv');
  const dev = parseScoresCsv(scoresCsv(value, false), 'dev.csv');
  const full = fullEvaluation({
    scores: { data: scores, description: value('scores-file') },
    dev: { data: dev, description: value('dev-file') },
    train: { data: dev, description: value('train-file') },
    criterion: { kind: 'eer' },
    profile,
    bootstrap: { replicates: 20, seed: 3 },
  });
  const provenance: ReportProvenance = {
    generatedAt: value('generated-at'),
    generator: value('generator'),
    scores: { description: value('scores-file'), fileSha256: value('scores-sha'), scoreLabelSha256: value('scores-label-sha') },
    dev: { description: value('dev-file'), scoreLabelSha256: value('dev-label-sha') },
    train: { description: value('train-file') },
    model: { name: value('model-name'), sha256: value('model-sha') },
    thresholdOrigin: value('threshold-origin'),
    thresholdChosenOnEvaluatedData: true,
    examiner: value('sign-off-examiner'),
  };
  // A second model (other scores of the same samples) compared with this one: the comparison section's fields.
  const paired = { ...scores, scoresA: scores.scores, scoresB: Float64Array.from(scores.scores, (x, i) => (i % 3 === 0 ? 1 - x : x)) };
  const comparison = comparePaired(paired, 0.5, 0.4, { replicates: 20, seed: 1, resample: 'sample' });
  return evaluationReportHtml(full, provenance, {}, [{ a: value('comparison-a'), b: value('comparison-b'), thresholdSaysA: value('threshold-says-a'), thresholdSaysB: value('threshold-says-b'), onlyA: 1, onlyB: 2, comparison }]);
}

// ---- the case report -------------------------------------------------------------------------------

/** Custody entries of every action the report puts in words, each detail field from `value`. */
function custodyInWords(value: (field: string) => string): CaseFile['custody']['entries'] {
  const details: [string, Record<string, unknown>][] = [
    ['ingest', { dataset: value('custody-dataset'), source: 'folder', samples: 2, added: 2 }],
    ['model', { name: value('custody-model'), sha256: value('custody-model-sha') }],
    ['run', { event: 'start', run: 1, provider: value('custody-provider'), total: 2 }],
    ['run', { event: value('custody-run-event'), run: 1, scored: 2, failed: 0, skipped: 0 }],
    ['threshold', { threshold: 1, value: 0.417625, criterion: value('custody-criterion'), split: value('custody-split') }],
    ['annotate', { annotation: 1, sample: 1, verdict: value('custody-verdict'), species: value('custody-species'), status: value('custody-status') }],
    ['annotate', { event: 'bulk-tag', samples: [1, 2], tags: [value('custody-tag')], annotations: [] }],
    ['import', { case: value('custody-case'), signer: value('custody-signer'), manifestSha256: value('custody-manifest') }],
  ];
  return details.map(([action, detail], i) => ({
    seq: i + 2, at: value(`custody-at-${i}`), actor: value(`custody-actor-${i}`), action, detail: JSON.stringify(detail), prev_hash: value('prev'), hash: value('hash'),
  }));
}

export function casePage(value: (field: string) => string): string {
  const sample = (sampleId: number): CaseFile['evidence'][number] => ({
    sampleId, path: value(`path-${sampleId}`), fileName: value(`file-${sampleId}`), sha256: value(`sha-${sampleId}`), sizeBytes: 10,
    dataset: { label: 'attack', category: value('category'), species: value('species'), split: value('split'), identity: value('identity') },
    file: value(`embedded-${sampleId}`), integrityAtExport: 'matches',
  });
  const c: CaseFile = {
    format: 'uad-workbench-case/1',
    case: {
      id: value('case-id'), title: value('title'), examiner: value('examiner'), description: value('description'), createdAt: value('created-at'),
      source: value('source') as CaseFile['case']['source'], evidenceMode: 'embed', account: value('account'), workspace: { file: value('workspace'), schemaVersion: 1 },
    },
    limitations: [...LIMITATIONS, value('limitation')],
    software: {
      exporter: { [value('software-name')]: value('software-version') },
      runs: [{ runId: 1, provider: value('provider'), providerAttempts: [], versions: {}, startedAt: value('started'), finishedAt: null, status: value('run-status') }],
    },
    model: {
      name: value('model-name'), version: value('model-version'), sha256: value('model-sha'), onnxFile: value('onnx'), sidecarSha256: value('sidecar-sha'),
      architecture: { variant: value('variant'), imageSize: 224, patchSize: 16, grid: [14, 14], tokens: 197 },
      moe: { layers: [3, 7], experts: 4, slots: 1, weighting: value('weighting'), placement: value('placement') },
      classes: { names: [value('class-0'), value('class-1')], prompts: [], attackIndex: 1 },
      score: { definition: value('score-definition') }, trainingNote: value('training-note'),
    },
    operatingPoint: {
      threshold: 0.5, rule: value('rule'), criterion: value('criterion'), split: value('op-split'), dataHash: value('data-hash'), setAt: value('set-at'),
      recorded: { id: 3, createdAt: value('recorded-at'), provenance: {} },
    },
    evidence: [sample(1), sample(2)],
    results: [1, 2].map((sampleId) => ({
      sampleId, score: 0.75, decision: 'attack' as const, margin: 0.25, logits: null, runId: 1, scoredAt: value('scored-at'),
      face: { index: 0, box: [1, 2, 3, 4], keypoints: [], confidence: 0.9 }, domain: { distance: 1.5, inDomain: true },
      routing: [{ layer: 3, tokens: 196, experts: 2, meanExpertMass: [0.5, 0.5], argmaxShare: [0.4, 0.6], dominantExpert: 1 }],
      overlays: [{ kind: 'model-input' as const, file: value(`overlay-${sampleId}`) }, { kind: 'expert-mass' as const, file: value(`mass-${sampleId}`), layer: 3, expert: 1, range: [0, 1] as [number, number] }],
    })),
    annotations: [1, 2].map((sampleId) => ({
      id: sampleId, sampleId, author: value('examiner-name'), createdAt: value('annotated-at'), verdict: 'attack' as const, attackSpecies: value('annotation-species'),
      tags: [value('tag-a'), value('tag-b')], note: value('note'), status: 'reviewed' as const,
    })),
    custody: {
      verifiedAtExport: true, head: value('head'),
      entries: [
        { seq: 1, at: value('custody-at'), actor: value('actor'), action: value('action'), detail: value('detail'), prev_hash: value('prev'), hash: value('hash') },
        ...custodyInWords(value),
      ],
    },
    report: 'report.html',
    reportVersion: 2,
  };
  return renderReportHtml(c);
}
