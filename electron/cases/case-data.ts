// Gathers what a case file says from the workspace: evidence with hashes (re-checked against the files
// on disk), the model's identity, per-sample results and routing summaries, the operating point and
// its recorded provenance, annotations with history and the custody chain. Node side (cases).
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CASE_FORMAT, LIMITATIONS, REPORT_HTML, type CaseEvidence, type CaseFile, type CaseResult, type CaseRoutingLayer } from '../../common/cases/case-types.js';
import type { CaseSource, EvidenceMode, OperatingPoint } from '../../common/contract/cases.js';
import { DECISION_RULE, decisionOf } from '../../common/metrics/decision.js';
import { domainLimit, outcomeOf, reasonText, unscoredInput } from '../../common/metrics/outcome.js';
import { usableDomain } from '../../common/model/domain-validity.js';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import { dominantExperts, dominantImageExpert, meanImageTokenMass } from '../../common/routing/expert-mass.js';
import { unpackRoutingRow } from '../../common/routing/summary.js';
import { fileFacts } from '../dataset/evidence-details.js';
import { sha256File } from '../onnx/model-files.js';
import { runtimeVersions } from '../base/versions.js';
import { annotationsOf } from '../workspace/annotations.js';
import { custodyEntries } from '../workspace/custody.js';
import { modelRecord } from '../workspace/models.js';
import { failureOf, predictionOf, routingOf } from '../workspace/predictions.js';
import { listRuns } from '../workspace/runs.js';
import { sampleRecord, type SampleRecord } from '../workspace/samples.js';
import { matchingThreshold } from '../workspace/thresholds.js';
import type { Workspace } from '../workspace/workspace.js';
import { CASE_REPORT_VERSION } from './report-html.js';

export class CaseExportError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'CaseExportError';
  }
}

export interface CaseHeader {
  id: string;
  title: string;
  examiner: string;
  description: string;
  source: CaseSource;
  evidenceMode: EvidenceMode;
}

/** A sample as the exporter needs it: its case.json parts plus what overlays and embedding read. */
export interface GatheredSample {
  evidence: CaseEvidence;
  result: CaseResult;
  absPath: string;
  /** Per layer: expert mass [tokens, experts] decoded from float16. */
  mass: { layer: number; tokens: number; experts: number; values: Float32Array }[];
}

export interface GatheredCase {
  caseFile: CaseFile;
  samples: GatheredSample[];
  sidecar: ModelSidecar;
  warnings: string[];
}


function routingSummary(layer: number, tokens: number, experts: number, mass: Float32Array): CaseRoutingLayer {
  const argmax = dominantExperts(mass, tokens, experts);
  const share = new Array<number>(experts).fill(0);
  for (let token = 1; token < tokens; token++) share[argmax[token]!]! += 1;
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    layer, tokens, experts,
    meanExpertMass: Array.from(meanImageTokenMass(mass, tokens, experts), round),
    argmaxShare: share.map((count) => round(count / Math.max(1, tokens - 1))),
    dominantExpert: dominantImageExpert(mass, tokens, experts),
  };
}

async function fileIntegrity(row: SampleRecord): Promise<{ sha256: string; integrity: CaseEvidence['integrityAtExport']; warning?: string }> {
  const info = await stat(row.absPath).catch(() => null);
  if (!info?.isFile()) {
    if (!row.sha256) throw new CaseExportError('missing-evidence', `Sample ${row.id} (${row.path}) has no recorded hash and its file is missing; score it or restore the file first.`);
    return { sha256: row.sha256, integrity: 'missing', warning: `${row.path}: the file is missing now; the case keeps the hash recorded when it was scored.` };
  }
  const now = await sha256File(row.absPath);
  if (!row.sha256) return { sha256: now, integrity: 'hashed-at-export' };
  if (now === row.sha256) return { sha256: row.sha256, integrity: 'matches' };
  return { sha256: row.sha256, integrity: 'changed', warning: `${row.path}: the file changed since it was scored; the case keeps the scored file's hash and does not embed it.` };
}

function modelIdentity(workspace: Workspace, modelSha256: string): { model: CaseFile['model']; sidecar: ModelSidecar } {
  const row = modelRecord(workspace, modelSha256);
  if (!row) throw new CaseExportError('no-model', `Model ${modelSha256.slice(0, 12)}… is not registered in this workspace; score with it first.`);
  const sidecar = row.sidecar;
  const moe = sidecar.moe;
  const training = sidecar.training as { data?: unknown } | undefined;
  const note = typeof sidecar.metrics_note === 'string' ? sidecar.metrics_note : '';
  return {
    sidecar,
    model: {
      name: sidecar.name, version: sidecar.version, sha256: modelSha256, onnxFile: path.basename(row.onnxPath),
      sidecarSha256: createHash('sha256').update(row.sidecarJson).digest('hex'),
      architecture: { variant: sidecar.architecture.variant, imageSize: sidecar.architecture.image_size, patchSize: sidecar.architecture.patch_size, grid: sidecar.architecture.grid, tokens: sidecar.architecture.tokens },
      moe: moe ? { layers: moe.layers, experts: moe.experts, slots: moe.slots, weighting: moe.weighting, placement: moe.placement } : null,
      classes: { names: sidecar.classes.names, prompts: sidecar.classes.prompts, attackIndex: sidecar.classes.attack_index },
      score: sidecar.score ?? {},
      trainingNote: [typeof training?.data === 'string' ? `Trained on: ${training.data}.` : '', note].filter(Boolean).join(' '),
    },
  };
}

function recordedThreshold(workspace: Workspace, modelSha256: string, point: OperatingPoint): CaseFile['operatingPoint']['recorded'] {
  const saved = matchingThreshold(workspace, modelSha256, point.criterion, point.threshold);
  return saved ? { id: saved.id, createdAt: saved.createdAt, provenance: saved.provenance } : null;
}

export interface GatherOptions {
  header: CaseHeader;
  sampleIds: number[];
  modelSha256: string;
  operatingPoint: OperatingPoint;
  /** How the evaluation that set τ counted out-of-domain samples; absent: not said (a CLI export). */
  decideOutOfDomainByScore?: boolean;
}

/**
 * The sample's outcome at τ, as export-scores and the grid give it (common/metrics/outcome.ts): a sample
 * outside the model's domain is inconclusive whatever the evaluation's switch, since the case states evidence.
 */
function caseOutcome(workspace: Workspace, row: SampleRecord, modelSha256: string, sidecar: ModelSidecar, threshold: number, score: number | null,
  prediction: { domainDistance: number | null; inDomain: boolean | null } | null): Pick<CaseResult, 'outcome' | 'outcomeReason'> {
  const failure = prediction ? null : failureOf(workspace, row.id, modelSha256) ?? (row.fileStatus !== 'ok' ? row.fileStatus : 'not scored by this model');
  const o = outcomeOf({
    score, threshold,
    domain: prediction ? { inDomain: prediction.inDomain, distance: prediction.domainDistance, limit: domainLimit(usableDomain(sidecar.domain)) } : null,
    ...(failure === null ? {} : unscoredInput(failure)),
  });
  return { outcome: o.outcome, outcomeReason: o.reason ? reasonText(o.reason) : '' };
}

/** Reads everything the case says. Overlay lists and evidence file names are filled in by the exporter. */
export async function gatherCase(workspace: Workspace, options: GatherOptions): Promise<GatheredCase> {
  const { model, sidecar } = modelIdentity(workspace, options.modelSha256);
  const threshold = options.operatingPoint.threshold;
  const warnings: string[] = [];
  const samples: GatheredSample[] = [];
  const runIds = new Set<number>();
  for (const id of [...new Set(options.sampleIds)].sort((a, b) => a - b)) {
    const row = sampleRecord(workspace, id);
    if (!row) throw new CaseExportError('not-found', `No sample ${id} in this workspace.`);
    const integrity = await fileIntegrity(row);
    if (integrity.warning) warnings.push(integrity.warning);
    const prediction = predictionOf(workspace, id, options.modelSha256);
    if (!prediction) warnings.push(`${row.path}: not scored by ${model.name}; the case lists it without a result.`);
    if (prediction) runIds.add(prediction.runId);
    const mass = routingOf(workspace, id, options.modelSha256)
      .filter((r) => r.experts > 0)
      .flatMap((r) => unpackRoutingRow(r.expertMassF16, r.layer, r.tokens, r.experts, sidecar.moe?.layers ?? [])
        .map(({ layer, mass }) => ({ layer, tokens: r.tokens, experts: r.experts, values: mass })));
    const score = prediction?.score ?? null;
    samples.push({
      absPath: row.absPath,
      mass,
      evidence: {
        sampleId: id, path: row.path, fileName: path.basename(row.path), sha256: integrity.sha256, sizeBytes: row.sizeBytes ?? null,
        dataset: { label: row.label === 1 ? 'attack' : row.label === 0 ? 'bona-fide' : '', category: row.category, species: row.species, split: row.split, identity: row.identity },
        file: null, integrityAtExport: integrity.integrity,
        // Only the bytes the hash names are described: a missing or changed file is not the evidence.
        details: integrity.integrity === 'matches' || integrity.integrity === 'hashed-at-export' ? await fileFacts(row.absPath) : null,
      },
      result: {
        sampleId: id, score,
        decision: decisionOf(score, threshold),
        ...caseOutcome(workspace, row, options.modelSha256, sidecar, threshold, score, prediction),
        margin: score === null ? null : score - threshold,
        ...(row.face && row.face.box && row.face.keypoints
          ? { face: { index: row.face.index, box: row.face.box, keypoints: row.face.keypoints, confidence: row.face.confidence ?? 0 } }
          : {}),
        ...(prediction ? { domain: { distance: prediction.domainDistance, inDomain: prediction.inDomain } } : {}),
        logits: prediction?.logits ?? null,
        runId: prediction?.runId ?? null, scoredAt: prediction?.scoredAt ?? null,
        routing: mass.map((m) => routingSummary(m.layer, m.tokens, m.experts, m.values)),
        overlays: [],
      },
    });
  }
  if (samples.length === 0) throw new CaseExportError('empty', 'No samples to export: bookmark, annotate or select samples first.');

  const runs = listRuns(workspace, { order: 'oldest' }).filter((r) => runIds.has(r.id)).map((r) => ({
    runId: r.id, provider: r.provider, providerAttempts: r.providerAttempts, versions: r.versions, startedAt: r.startedAt, finishedAt: r.finishedAt, status: r.status,
  }));
  const chain = workspace.verifyCustody();
  if (!chain.ok) warnings.push(`The workspace custody chain is broken at entry ${chain.seq} (${chain.problem}); the case records this.`);
  const entries = custodyEntries(workspace);
  const caseFile: CaseFile = {
    format: CASE_FORMAT,
    case: { ...options.header, createdAt: new Date().toISOString(), account: workspace.actor, workspace: { file: workspace.file, schemaVersion: workspace.schemaVersion() } },
    limitations: [...LIMITATIONS],
    software: { exporter: runtimeVersions(), runs },
    model,
    operatingPoint: {
      threshold, rule: DECISION_RULE, criterion: options.operatingPoint.criterion,
      split: options.operatingPoint.split ?? '', dataHash: options.operatingPoint.dataHash ?? '', setAt: options.operatingPoint.at,
      ...(options.decideOutOfDomainByScore !== undefined ? { outOfDomainSamples: options.decideOutOfDomainByScore ? 'decided-by-score' as const : 'non-responses' as const } : {}),
      recorded: recordedThreshold(workspace, options.modelSha256, options.operatingPoint),
    },
    evidence: samples.map((s) => s.evidence),
    results: samples.map((s) => s.result),
    annotations: annotationsOf(workspace, samples.map((s) => s.evidence.sampleId)),
    custody: { verifiedAtExport: chain.ok, head: entries.at(-1)?.hash ?? '0'.repeat(64), entries },
    report: REPORT_HTML,
    reportVersion: CASE_REPORT_VERSION,
  };
  return { caseFile, samples, sidecar, warnings };
}
