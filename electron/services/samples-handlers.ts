// Contract handlers of the `samples` namespace: the sample table, original images and routing detail.
// Node side.
import sharp from 'sharp';
import type { NamespaceHandlers } from '../../common/api.js';
import type { SampleTable } from '../../common/contract/samples.js';
import { bytesToBase64, float32ToBase64 } from '../../common/encoding.js';
import { fail } from '../../common/result.js';
import { MAX_INPUT_PIXELS } from '../inference/preprocess.js';
import { appendCustody } from '../workspace/custody.js';
import type { Workspace } from '../workspace/workspace.js';
import { guarded } from './session-handlers.js';
import { SessionError, type WorkbenchSession } from './session.js';

export function sampleTable(workspace: Workspace, modelSha256: string | null): SampleTable {
  const rows = workspace.sql.all<{
    id: number; dataset_id: number; path: string; label: number; category: string; species: string; split: string;
    identity: string; file_status: string; score: number | null; dominant_expert: number | null;
  }>(
    `SELECT s.id AS id, s.dataset_id AS dataset_id, s.path AS path, s.label AS label, s.category AS category, s.species AS species,
            s.split AS split, s.identity AS identity, s.file_status AS file_status, p.score AS score, p.dominant_expert AS dominant_expert
     FROM samples s LEFT JOIN predictions p ON p.sample_id = s.id AND p.model_sha256 = ? ORDER BY s.id`,
    [modelSha256 ?? ''],
  );
  const table: SampleTable = {
    modelSha256, id: [], datasetId: [], path: [], label: [], category: [], species: [], split: [], identity: [], fileStatus: [], score: [], dominantExpert: [],
  };
  for (const row of rows) {
    table.id.push(row.id);
    table.datasetId.push(row.dataset_id);
    table.path.push(row.path);
    table.label.push(row.label);
    table.category.push(row.category);
    table.species.push(row.species);
    table.split.push(row.split);
    table.identity.push(row.identity);
    table.fileStatus.push(row.file_status);
    table.score.push(row.score ?? null);
    table.dominantExpert.push(row.dominant_expert ?? null);
  }
  return table;
}

function samplePath(workspace: Workspace, sampleId: number): { path: string; absPath: string } {
  const row = workspace.sql.get<{ path: string; abs_path: string }>('SELECT path, abs_path FROM samples WHERE id = ?', [sampleId]);
  if (!row) throw new SessionError('not-found', `No sample ${sampleId} in this workspace.`);
  return { path: row.path, absPath: row.abs_path };
}

export function samplesHandlers(session: WorkbenchSession): NamespaceHandlers<'samples'> {
  return {
    list: async ({ modelSha256 }) => guarded(() => {
      const workspace = session.requireWorkspace();
      const model = modelSha256 ?? workspace.scoredModels()[0]?.sha256 ?? null;
      return sampleTable(workspace, model);
    }),
    image: async ({ sampleId }) => {
      const located = await guarded(() => samplePath(session.requireWorkspace(), sampleId));
      if (!located.ok) return located;
      try {
        const { data, info } = await sharp(located.value.absPath, { limitInputPixels: MAX_INPUT_PIXELS })
          .rotate()
          .resize({ width: 1024, height: 1024, fit: 'inside', withoutEnlargement: true })
          .jpeg({ quality: 90 })
          .toBuffer({ resolveWithObject: true });
        return { ok: true, value: { mime: 'image/jpeg' as const, base64: data.toString('base64'), width: info.width, height: info.height } };
      } catch (err) {
        return fail('image-error', `Cannot show ${located.value.path}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
    },
    detail: async ({ sampleId, slot }) => guarded(async () => {
      const workspace = session.requireWorkspace();
      const engine = session.requireEngine(slot);
      const { path, absPath } = samplePath(workspace, sampleId);
      const detail = await engine.detail(absPath).catch((err: unknown) => {
        throw new SessionError('detail-error', `Cannot inspect ${path}: ${err instanceof Error ? err.message : String(err)}`);
      });
      const png = await sharp(Buffer.from(detail.rgb.buffer, detail.rgb.byteOffset, detail.rgb.byteLength), { raw: { width: detail.size, height: detail.size, channels: 3 } }).png().toBuffer();
      workspace.sql.transaction(() => appendCustody(workspace.sql, workspace.actor, 'view', { sample: sampleId, path, model: engine.model.sha256, sha256: detail.sha256 }));
      const sidecar = engine.sidecar;
      return {
        sampleId, path, sha256: detail.sha256, modelSha256: engine.model.sha256, modelName: sidecar.name,
        score: detail.score, logits: detail.logits, probabilities: detail.probabilities,
        classNames: sidecar.classes.names, prompts: sidecar.classes.prompts, attackIndex: sidecar.classes.attack_index,
        inputPng: bytesToBase64(png), size: detail.size, grid: sidecar.architecture.grid,
        tokens: detail.tokens, experts: detail.experts, slots: detail.slots,
        layers: detail.layers.map((l) => ({ layer: l.layer, dispatch: float32ToBase64(l.dispatch), combine: float32ToBase64(l.combine) })),
      };
    }),
  };
}
