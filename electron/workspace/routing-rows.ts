// Stored routing summaries of one model with each sample's species and label, for the routing statistics.
// Node side (workspace): the only place these rows are queried.
import { connectionOf } from './connection.js';
import type { Workspace } from './workspace.js';

export interface RoutingRow {
  sampleId: number;
  species: string;
  /** 0 bona fide, 1 attack. */
  /** 1 attack, 0 bona fide, null questioned. */
  label: number | null;
  layer: number;
  tokens: number;
  experts: number;
  expertMassF16: Uint8Array;
}

/** Every routing summary row of a model's scored samples, in sample order. */
export function routingRows(workspace: Workspace, modelSha256: string): RoutingRow[] {
  return connectionOf(workspace).all<{ sample_id: number; species: string; label: number | null; layer: number; tokens: number; experts: number; expert_mass_f16: Uint8Array }>(
    `SELECT r.sample_id AS sample_id, s.species AS species, s.label AS label, r.layer AS layer, r.tokens AS tokens, r.experts AS experts,
            r.expert_mass_f16 AS expert_mass_f16
     FROM routing_summaries r JOIN predictions p ON p.sample_id = r.sample_id AND p.model_sha256 = r.model_sha256
     JOIN samples s ON s.id = r.sample_id WHERE r.model_sha256 = ? ORDER BY r.sample_id, r.layer`, [modelSha256],
  ).map((r) => ({ sampleId: r.sample_id, species: r.species, label: r.label, layer: r.layer, tokens: r.tokens, experts: r.experts, expertMassF16: r.expert_mass_f16 }));
}
