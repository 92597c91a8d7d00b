// Predictions and their routing summaries as records: one sample's result under a model, the stored
// per-layer expert mass, and the tallies tests and analytics read. Repository functions. Node side (workspace).
import { connectionOf } from './connection.js';
import type { Workspace } from './workspace.js';

export interface PredictionRecord {
  score: number;
  /** The model's logits as stored; null when unreadable. */
  logits: number[] | null;
  runId: number;
  scoredAt: string;
  sampleSha256: string;
  /** Domain check: distance and verdict; both null = domain unknown (no statistics in the sidecar). */
  domainDistance: number | null;
  inDomain: boolean | null;
}

/** One stored routing summary row: a layer's expert mass (or a packed dominant-expert row), float16 bytes. */
export interface RoutingRecord {
  layer: number;
  tokens: number;
  experts: number;
  expertMassF16: Uint8Array;
  dispatchMassF16: Uint8Array | null;
}

function numbers(text: string): number[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'number') ? parsed as number[] : null;
  } catch {
    return null;
  }
}

/** The sample's prediction by the model, or null when it has none. */
export function predictionOf(workspace: Workspace, sampleId: number, modelSha256: string): PredictionRecord | null {
  const row = connectionOf(workspace).get<{ score: number; logits: string; run_id: number; scored_at: string; sample_sha256: string; domain_distance: number | null; in_domain: number | null }>(
    'SELECT score, logits, run_id, scored_at, sample_sha256, domain_distance, in_domain FROM predictions WHERE sample_id = ? AND model_sha256 = ?', [sampleId, modelSha256]);
  return row ? {
    score: row.score, logits: numbers(row.logits), runId: row.run_id, scoredAt: row.scored_at, sampleSha256: row.sample_sha256,
    domainDistance: row.domain_distance, inDomain: row.in_domain === null ? null : row.in_domain === 1,
  } : null;
}

/** Why the model's latest run that tried this sample gave it no score (null when no run failed on it). */
export function failureOf(workspace: Workspace, sampleId: number, modelSha256: string): string | null {
  const row = connectionOf(workspace).get<{ reason: string }>(
    'SELECT f.reason AS reason FROM failures f JOIN runs r ON r.id = f.run_id WHERE f.sample_id = ? AND r.model_sha256 = ? ORDER BY f.run_id DESC LIMIT 1',
    [sampleId, modelSha256]);
  return row?.reason ?? null;
}

type RoutingRow = { layer: number; tokens: number; experts: number; expert_mass_f16: Uint8Array; dispatch_mass_f16: Uint8Array | null };
const routingFromRow = (r: RoutingRow): RoutingRecord => ({ layer: r.layer, tokens: r.tokens, experts: r.experts, expertMassF16: r.expert_mass_f16, dispatchMassF16: r.dispatch_mass_f16 });

/** The routing summaries stored for one sample under one model, in layer order. */
export function routingOf(workspace: Workspace, sampleId: number, modelSha256: string): RoutingRecord[] {
  return connectionOf(workspace).all<RoutingRow>(
    'SELECT layer, tokens, experts, expert_mass_f16, dispatch_mass_f16 FROM routing_summaries WHERE sample_id = ? AND model_sha256 = ? ORDER BY layer',
    [sampleId, modelSha256]).map(routingFromRow);
}

/** Every routing summary of the model's current predictions, each with its sample's species (unordered). */
export function routingWithSpecies(workspace: Workspace, modelSha256: string): (RoutingRecord & { sampleId: number; species: string })[] {
  return connectionOf(workspace).all<RoutingRow & { sample_id: number; species: string }>(
    `SELECT r.sample_id AS sample_id, s.species AS species, r.layer AS layer, r.tokens AS tokens, r.experts AS experts,
            r.expert_mass_f16 AS expert_mass_f16, r.dispatch_mass_f16 AS dispatch_mass_f16
     FROM routing_summaries r JOIN predictions p ON p.sample_id = r.sample_id AND p.model_sha256 = r.model_sha256
     JOIN samples s ON s.id = r.sample_id WHERE r.model_sha256 = ?`, [modelSha256]).map((r) => ({ ...routingFromRow(r), sampleId: r.sample_id, species: r.species }));
}

/** The species of the samples the model has scored, sorted. */
export function scoredSpecies(workspace: Workspace, modelSha256: string): string[] {
  return connectionOf(workspace).all<{ species: string }>(
    'SELECT DISTINCT s.species AS species FROM predictions p JOIN samples s ON s.id = p.sample_id WHERE p.model_sha256 = ? ORDER BY s.species', [modelSha256],
  ).map((r) => r.species);
}

/** Prediction rows and distinct samples they cover (equal unless something was stored twice). */
export function predictionTally(workspace: Workspace): { rows: number; samples: number } {
  const row = connectionOf(workspace).get<{ rows: number; samples: number }>('SELECT COUNT(*) AS rows, COUNT(DISTINCT sample_id) AS samples FROM predictions')!;
  return { rows: row.rows, samples: row.samples };
}

/** Routing summary rows and the distinct layers they cover, over every model. */
export function routingTally(workspace: Workspace): { rows: number; layers: number } {
  const row = connectionOf(workspace).get<{ rows: number; layers: number }>('SELECT COUNT(*) AS rows, COUNT(DISTINCT layer) AS layers FROM routing_summaries')!;
  return { rows: row.rows, layers: row.layers };
}
