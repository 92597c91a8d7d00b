// Contract handlers of the `samples` namespace: the sample table, original images and routing detail.
// Node side.
import sharp from 'sharp';
import type { NamespaceHandlers } from '../../common/api.js';
import { encodeSampleTable } from '../../common/contract/sample-table-codec.js';
import type { SampleTable } from '../../common/contract/samples.js';
import { bytesToBase64, float32ToBase64 } from '../../common/encoding.js';
import type { SampleFace } from '../../common/dataset/types.js';
import { domainVerdict } from '../../common/faces/domain.js';
import { fail } from '../../common/result.js';
import { MAX_INPUT_PIXELS } from '../inference/preprocess.js';
import { appendCustody } from '../workspace/custody.js';
import type { Workspace } from '../workspace/workspace.js';
import { guarded } from './session-handlers.js';
import { SessionError, type WorkbenchSession } from './session.js';

export function sampleTable(workspace: Workspace, modelSha256: string | null): SampleTable {
  const rows = workspace.sql.allRaw(
    `SELECT s.id, s.dataset_id, s.path, s.label, s.category, s.species, s.split, s.identity, s.file_status, p.score, p.dominant_expert, p.in_domain, p.domain_distance
     FROM samples s LEFT JOIN predictions p ON p.sample_id = s.id AND p.model_sha256 = ? ORDER BY s.id`,
    [modelSha256 ?? ''],
  );
  const n = rows.length;
  const table: SampleTable = {
    modelSha256, id: new Array(n), datasetId: new Array(n), path: new Array(n), label: new Array(n), category: new Array(n), species: new Array(n),
    split: new Array(n), identity: new Array(n), fileStatus: new Array(n), score: new Array(n), dominantExpert: new Array(n),
    inDomain: new Array(n), domainDistance: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    table.id[i] = row[0] as number;
    table.datasetId[i] = row[1] as number;
    table.path[i] = row[2] as string;
    table.label[i] = row[3] as number;
    table.category[i] = row[4] as string;
    table.species[i] = row[5] as string;
    table.split[i] = row[6] as string;
    table.identity[i] = row[7] as string;
    table.fileStatus[i] = row[8] as string;
    table.score[i] = (row[9] as number | null) ?? null;
    table.dominantExpert[i] = (row[10] as number | null) ?? null;
    table.inDomain![i] = (row[11] as number | null) ?? null;
    table.domainDistance![i] = (row[12] as number | null) ?? null;
  }
  return table;
}

function samplePath(workspace: Workspace, sampleId: number): { path: string; absPath: string; face: SampleFace | null } {
  const row = workspace.sql.get<{ path: string; abs_path: string; face_index: number | null; face_box: string | null; face_keypoints: string | null; face_confidence: number | null }>(
    'SELECT path, abs_path, face_index, face_box, face_keypoints, face_confidence FROM samples WHERE id = ?', [sampleId]);
  if (!row) throw new SessionError('not-found', `No sample ${sampleId} in this workspace.`);
  const face = row.face_index !== null && row.face_box && row.face_keypoints
    ? { index: row.face_index, box: JSON.parse(row.face_box) as SampleFace['box'], keypoints: JSON.parse(row.face_keypoints) as SampleFace['keypoints'], confidence: row.face_confidence ?? 0 }
    : null;
  return { path: row.path, absPath: row.abs_path, face };
}

export function samplesHandlers(session: WorkbenchSession): NamespaceHandlers<'samples'> {
  return {
    list: async ({ modelSha256 }) => guarded(() => {
      const workspace = session.requireWorkspace();
      const model = modelSha256 ?? workspace.scoredModels()[0]?.sha256 ?? null;
      return encodeSampleTable(sampleTable(workspace, model));
    }),
    unscored: async ({ modelSha256 }) => guarded(() => {
      const rows = session.requireWorkspace().unscored(modelSha256);
      const samples = rows.filter((r) => r.reason !== null).map((r) => ({
        path: r.path, label: (r.label === 1 ? 1 : 0) as 0 | 1, category: r.category, species: r.species, identity: r.identity, split: r.split, reason: r.reason!,
      }));
      return { samples, neverAttempted: rows.length - samples.length };
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
      const { path, absPath, face } = samplePath(workspace, sampleId);
      // A face of a photograph: the model's input is the aligned face crop it was scored on.
      const detail = await engine.detail(absPath, face ? { keypoints: face.keypoints } : undefined).catch((err: unknown) => {
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
        ...(face ? { face, originalSize: { width: detail.original.width, height: detail.original.height } } : {}),
        domain: domainVerdict(sidecar.domain, detail.embedding),
      };
    }),
  };
}
