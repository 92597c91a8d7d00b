// Gathers what a case file says from the workspace: evidence with hashes (re-checked against the files
// on disk), the model's identity, per-sample results and routing summaries, the operating point and
// its recorded provenance, annotations with history and the custody chain. Node side (cases).
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CASE_FORMAT, LIMITATIONS, REPORT_HTML, type CaseEvidence, type CaseFile, type CaseResult, type CaseRoutingLayer } from '../../common/cases/case-types.js';
import type { CaseSource, EvidenceMode, OperatingPoint } from '../../common/contract/cases.js';
import { DECISION_RULE, decisionOf } from '../../common/metrics/decision.js';
import { parseSidecar, type ModelSidecar } from '../../common/model/sidecar.js';
import { dominantExperts, dominantImageExpert, meanImageTokenMass } from '../../common/routing/expert-mass.js';
import { unpackRoutingRow } from '../../common/routing/summary.js';
import { sha256File } from '../inference/model-files.js';
import { runtimeVersions } from '../services/versions.js';
import { annotationsOf } from '../workspace/annotations.js';
import { verifyCustody, type CustodyEntry } from '../workspace/custody.js';
import type { Workspace } from '../workspace/workspace.js';

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

interface SampleRow {
  id: number; path: string; abs_path: string; sha256: string | null; size_bytes: number | null;
  label: number; category: string; species: string; split: string; identity: string;
  face_index: number | null; face_box: string | null; face_keypoints: string | null; face_confidence: number | null;
}

interface PredictionRow { score: number; logits: string; run_id: number; scored_at: string; sample_sha256: string; domain_distance: number | null; in_domain: number | null }

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

async function fileIntegrity(row: SampleRow): Promise<{ sha256: string; integrity: CaseEvidence['integrityAtExport']; warning?: string }> {
  const info = await stat(row.abs_path).catch(() => null);
  if (!info?.isFile()) {
    if (!row.sha256) throw new CaseExportError('missing-evidence', `Sample ${row.id} (${row.path}) has no recorded hash and its file is missing; score it or restore the file first.`);
    return { sha256: row.sha256, integrity: 'missing', warning: `${row.path}: the file is missing now; the case keeps the hash recorded when it was scored.` };
  }
  const now = await sha256File(row.abs_path);
  if (!row.sha256) return { sha256: now, integrity: 'hashed-at-export' };
  if (now === row.sha256) return { sha256: row.sha256, integrity: 'matches' };
  return { sha256: row.sha256, integrity: 'changed', warning: `${row.path}: the file changed since it was scored; the case keeps the scored file's hash and does not embed it.` };
}

function parseLogits(text: string): number[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'number') ? parsed as number[] : null;
  } catch {
    return null;
  }
}

function modelIdentity(workspace: Workspace, modelSha256: string): { model: CaseFile['model']; sidecar: ModelSidecar } {
  const row = workspace.sql.get<{ name: string; onnx_path: string; sidecar_json: string }>('SELECT name, onnx_path, sidecar_json FROM models WHERE sha256 = ?', [modelSha256]);
  if (!row) throw new CaseExportError('no-model', `Model ${modelSha256.slice(0, 12)}… is not registered in this workspace; score with it first.`);
  const sidecar = parseSidecar(JSON.parse(row.sidecar_json));
  const moe = sidecar.moe;
  const training = sidecar.training as { data?: unknown } | undefined;
  const note = typeof sidecar.metrics_note === 'string' ? sidecar.metrics_note : '';
  return {
    sidecar,
    model: {
      name: sidecar.name, version: sidecar.version, sha256: modelSha256, onnxFile: path.basename(row.onnx_path),
      sidecarSha256: createHash('sha256').update(row.sidecar_json).digest('hex'),
      architecture: { variant: sidecar.architecture.variant, imageSize: sidecar.architecture.image_size, patchSize: sidecar.architecture.patch_size, grid: sidecar.architecture.grid, tokens: sidecar.architecture.tokens },
      moe: moe ? { layers: moe.layers, experts: moe.experts, slots: moe.slots, weighting: moe.weighting, placement: moe.placement } : null,
      classes: { names: sidecar.classes.names, prompts: sidecar.classes.prompts, attackIndex: sidecar.classes.attack_index },
      score: sidecar.score ?? {},
      trainingNote: [typeof training?.data === 'string' ? `Trained on: ${training.data}.` : '', note].filter(Boolean).join(' '),
    },
  };
}

function recordedThreshold(workspace: Workspace, modelSha256: string, point: OperatingPoint): CaseFile['operatingPoint']['recorded'] {
  const row = workspace.sql.get<{ id: number; created_at: string; provenance: string }>(
    `SELECT id, created_at, provenance FROM thresholds WHERE (model_sha256 = ? OR model_sha256 IS NULL) AND criterion = ? AND abs(value - ?) < 1e-12
     ORDER BY id DESC LIMIT 1`, [modelSha256, point.criterion, point.threshold]);
  if (!row) return null;
  let provenance: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.provenance);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) provenance = parsed as Record<string, unknown>;
  } catch { /* unreadable provenance is reported as empty */ }
  return { id: row.id, createdAt: row.created_at, provenance };
}

export interface GatherOptions {
  header: CaseHeader;
  sampleIds: number[];
  modelSha256: string;
  operatingPoint: OperatingPoint;
}

/** Reads everything the case says. Overlay lists and evidence file names are filled in by the exporter. */
export async function gatherCase(workspace: Workspace, options: GatherOptions): Promise<GatheredCase> {
  const { model, sidecar } = modelIdentity(workspace, options.modelSha256);
  const threshold = options.operatingPoint.threshold;
  const warnings: string[] = [];
  const samples: GatheredSample[] = [];
  const runIds = new Set<number>();
  for (const id of [...new Set(options.sampleIds)].sort((a, b) => a - b)) {
    const row = workspace.sql.get<SampleRow & Record<string, unknown>>(
      'SELECT id, path, abs_path, sha256, size_bytes, label, category, species, split, identity, face_index, face_box, face_keypoints, face_confidence FROM samples WHERE id = ?', [id]);
    if (!row) throw new CaseExportError('not-found', `No sample ${id} in this workspace.`);
    const integrity = await fileIntegrity(row);
    if (integrity.warning) warnings.push(integrity.warning);
    const prediction = workspace.sql.get<PredictionRow & Record<string, unknown>>(
      'SELECT score, logits, run_id, scored_at, sample_sha256, domain_distance, in_domain FROM predictions WHERE sample_id = ? AND model_sha256 = ?', [id, options.modelSha256]);
    if (!prediction) warnings.push(`${row.path}: not scored by ${model.name}; the case lists it without a result.`);
    if (prediction) runIds.add(prediction.run_id);
    const mass = workspace.sql.all<{ layer: number; tokens: number; experts: number; expert_mass_f16: Uint8Array }>(
      'SELECT layer, tokens, experts, expert_mass_f16 FROM routing_summaries WHERE sample_id = ? AND model_sha256 = ? ORDER BY layer', [id, options.modelSha256])
      .filter((r) => r.experts > 0)
      .flatMap((r) => unpackRoutingRow(r.expert_mass_f16, r.layer, r.tokens, r.experts, sidecar.moe?.layers ?? [])
        .map(({ layer, mass }) => ({ layer, tokens: r.tokens, experts: r.experts, values: mass })));
    const score = prediction?.score ?? null;
    samples.push({
      absPath: row.abs_path,
      mass,
      evidence: {
        sampleId: id, path: row.path, fileName: path.basename(row.path), sha256: integrity.sha256, sizeBytes: row.size_bytes ?? null,
        dataset: { label: row.label === 1 ? 'attack' : 'bona-fide', category: row.category, species: row.species, split: row.split, identity: row.identity },
        file: null, integrityAtExport: integrity.integrity,
      },
      result: {
        sampleId: id, score,
        decision: decisionOf(score, threshold),
        margin: score === null ? null : score - threshold,
        ...(row.face_index !== null && row.face_box && row.face_keypoints
          ? { face: { index: row.face_index, box: JSON.parse(row.face_box) as number[], keypoints: JSON.parse(row.face_keypoints) as number[][], confidence: row.face_confidence ?? 0 } }
          : {}),
        ...(prediction ? { domain: { distance: prediction.domain_distance, inDomain: prediction.in_domain === null ? null : prediction.in_domain === 1 } } : {}),
        logits: prediction ? parseLogits(prediction.logits) : null,
        runId: prediction?.run_id ?? null, scoredAt: prediction?.scored_at ?? null,
        routing: mass.map((m) => routingSummary(m.layer, m.tokens, m.experts, m.values)),
        overlays: [],
      },
    });
  }
  if (samples.length === 0) throw new CaseExportError('empty', 'No samples to export: bookmark, annotate or select samples first.');

  const runs = workspace.sql.all<Record<string, unknown>>('SELECT * FROM runs ORDER BY id').filter((r) => runIds.has(r.id as number)).map((r) => ({
    runId: r.id as number, provider: r.provider as string, providerAttempts: safeJson(r.provider_attempts as string),
    versions: stringMap(safeJson(r.versions as string)), startedAt: r.started_at as string, finishedAt: (r.finished_at as string | null) ?? null, status: r.status as string,
  }));
  const chain = verifyCustody(workspace.sql);
  if (!chain.ok) warnings.push(`The workspace custody chain is broken at entry ${chain.seq} (${chain.problem}); the case records this.`);
  const entries = workspace.sql.all<CustodyEntry & Record<string, unknown>>('SELECT seq, at, actor, action, detail, prev_hash, hash FROM custody_log ORDER BY seq');
  const caseFile: CaseFile = {
    format: CASE_FORMAT,
    case: { ...options.header, createdAt: new Date().toISOString(), workspace: { file: workspace.file, schemaVersion: workspace.schemaVersion() } },
    limitations: [...LIMITATIONS],
    software: { exporter: runtimeVersions(), runs },
    model,
    operatingPoint: {
      threshold, rule: DECISION_RULE, criterion: options.operatingPoint.criterion,
      split: options.operatingPoint.split ?? '', dataHash: options.operatingPoint.dataHash ?? '', setAt: options.operatingPoint.at,
      recorded: recordedThreshold(workspace, options.modelSha256, options.operatingPoint),
    },
    evidence: samples.map((s) => s.evidence),
    results: samples.map((s) => s.result),
    annotations: annotationsOf(workspace, samples.map((s) => s.evidence.sampleId)),
    custody: { verifiedAtExport: chain.ok, head: entries.at(-1)?.hash ?? '0'.repeat(64), entries },
    report: REPORT_HTML,
  };
  return { caseFile, samples, sidecar, warnings };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
}
