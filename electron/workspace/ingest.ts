// Ingest into the workspace: a dataset listing's samples and a model's identity, each in one transaction with
// its custody entry. Called through Workspace.ingest / Workspace.registerModel (ARCHITECTURE.md §7). Node side (workspace).
import path from 'node:path';
import type { DatasetListing } from '../../common/dataset/types.js';
import type { ModelFiles } from '../onnx/model-files.js';
import { appendCustody } from './custody.js';
import type { Sql } from './sqlite.js';

/** Registers a dataset listing's samples; returns their workspace ids in listing order. */
export function ingestListing(sql: Sql, actor: string, listing: DatasetListing, listPath: string | null = null): { datasetId: number; sampleIds: number[] } {
  return sql.transaction(() => {
    const now = new Date().toISOString();
    sql.run('INSERT INTO datasets (root, source, list_path, opened_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [listing.root, listing.source, listPath ?? '', now]);
    const datasetId = sql.get<{ id: number }>('SELECT id FROM datasets WHERE root = ? AND source = ? AND list_path = ?',
      [listing.root, listing.source, listPath ?? ''])!.id;
    const sampleIds: number[] = [];
    let added = 0;
    for (const sample of listing.samples) {
      const existing = sql.get<{ id: number }>('SELECT id FROM samples WHERE dataset_id = ? AND path = ?', [datasetId, sample.path]);
      const face = sample.face;
      const values = [path.resolve(listing.root, sample.file ?? sample.path), sample.label, sample.category, sample.species, sample.split, sample.identity, sample.status, sample.reason ?? null,
        sample.file ?? null, face?.index ?? null, face ? JSON.stringify(face.box) : null, face ? JSON.stringify(face.keypoints) : null, face?.confidence ?? null, sample.nonResponse ?? null];
      if (existing) {
        sql.run(`UPDATE samples SET abs_path = ?, label = ?, category = ?, species = ?, split = ?, identity = ?, file_status = ?, file_reason = ?,
          file_path = ?, face_index = ?, face_box = ?, face_keypoints = ?, face_confidence = ?, non_response = ? WHERE id = ?`,
          [...values, existing.id]);
        sampleIds.push(existing.id);
      } else {
        const info = sql.run(`INSERT INTO samples (dataset_id, path, abs_path, label, category, species, split, identity, file_status, file_reason,
          file_path, face_index, face_box, face_keypoints, face_confidence, non_response) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [datasetId, sample.path, ...values]);
        sampleIds.push(info.lastInsertRowid);
        added += 1;
      }
    }
    appendCustody(sql, actor, 'ingest', { dataset: listing.root, source: listing.source, list: listPath, samples: listing.samples.length, added });
    return { datasetId, sampleIds };
  });
}

export function registerModelFiles(sql: Sql, actor: string, model: ModelFiles): void {
  sql.transaction(() => {
    const known = sql.get('SELECT sha256 FROM models WHERE sha256 = ?', [model.sha256]);
    if (known) return;
    sql.run('INSERT INTO models (sha256, name, onnx_path, sidecar_json, registered_at) VALUES (?, ?, ?, ?, ?)',
      [model.sha256, model.sidecar.name, model.onnxPath, JSON.stringify(model.sidecar), new Date().toISOString()]);
    appendCustody(sql, actor, 'model', { sha256: model.sha256, name: model.sidecar.name, path: model.onnxPath });
  });
}

