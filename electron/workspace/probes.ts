// Occlusion and perturbation probes saved with the sample: one result per sample, model and kind (a new
// probe replaces the old one), with the file's hash at probing time. Node side (workspace).
import type { ProbeKind, ProbeResult, SavedProbe } from '../../common/contract/explain.js';
import { connectionOf as sql } from './connection.js';
import { appendCustody } from './custody.js';
import type { Workspace } from './workspace.js';

interface ProbeRow {
  sample_id: number;
  model_sha256: string;
  kind: ProbeKind;
  sample_sha256: string;
  result: string;
  created_at: string;
}

const fromRow = (row: ProbeRow): SavedProbe => ({
  kind: row.kind, sampleId: row.sample_id, modelSha256: row.model_sha256, sampleSha256: row.sample_sha256,
  createdAt: row.created_at, result: JSON.parse(row.result) as ProbeResult,
});

/** Saves a probe (replacing this sample's earlier one of the same kind) and logs it in the custody chain. */
export function saveProbe(workspace: Workspace, probe: Omit<SavedProbe, 'createdAt'>): SavedProbe {
  const createdAt = new Date().toISOString();
  sql(workspace).transaction(() => {
    sql(workspace).run(
      `INSERT INTO probes (sample_id, model_sha256, kind, sample_sha256, result, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (sample_id, model_sha256, kind) DO UPDATE SET sample_sha256 = excluded.sample_sha256, result = excluded.result, created_at = excluded.created_at`,
      [probe.sampleId, probe.modelSha256, probe.kind, probe.sampleSha256, JSON.stringify(probe.result), createdAt]);
    appendCustody(sql(workspace), workspace.actor, 'view', { probe: probe.kind, sample: probe.sampleId, model: probe.modelSha256, sha256: probe.sampleSha256 });
  });
  return { ...probe, createdAt };
}

/** The probes saved for one sample under one model, in kind order. */
export function savedProbes(workspace: Workspace, sampleId: number, modelSha256: string): SavedProbe[] {
  return sql(workspace).all<ProbeRow & Record<string, unknown>>(
    'SELECT sample_id, model_sha256, kind, sample_sha256, result, created_at FROM probes WHERE sample_id = ? AND model_sha256 = ? ORDER BY kind',
    [sampleId, modelSha256]).map(fromRow);
}

/**
 * The sample's workspace path, file location and, for a face of a photograph, the face's keypoints (the
 * model's input is the aligned crop); null when the sample is not in this workspace.
 */
export function sampleLocation(workspace: Workspace, sampleId: number): { path: string; absPath: string; keypoints: [number, number][] | null; nonResponse: string | null } | null {
  const row = sql(workspace).get<{ path: string; abs_path: string; face_keypoints: string | null; non_response: string | null }>(
    'SELECT path, abs_path, face_keypoints, non_response FROM samples WHERE id = ?', [sampleId]);
  return row ? { path: row.path, absPath: row.abs_path, keypoints: row.face_keypoints ? (JSON.parse(row.face_keypoints) as [number, number][]) : null, nonResponse: row.non_response } : null;
}
