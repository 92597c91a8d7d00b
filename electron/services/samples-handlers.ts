// Contract handlers of the `samples` namespace: the sample table, original images and routing detail.
// Node side.
import sharp from 'sharp';
import type { NamespaceHandlers } from '../../common/api.js';
import { encodeSampleTable } from '../../common/contract/sample-table-codec.js';
import { bytesToBase64, float32ToBase64 } from '../../common/encoding.js';
import type { SampleFace } from '../../common/dataset/types.js';
import { DEFAULT_DETECTOR_OPTIONS } from '../../common/faces/blazeface.js';
import { domainVerdict } from '../../common/faces/domain.js';
import { NO_FACE_REASON, reasonSentence } from '../../common/metrics/outcome.js';
import { fail } from '../../common/result.js';
import { evidenceDetails } from '../dataset/evidence-details.js';
import { MAX_INPUT_PIXELS } from '../onnx/preprocess.js';
import { sampleRecord } from '../workspace/samples.js';
import { SampleQueries } from './sample-query.js';
import type { Workspace } from '../workspace/workspace.js';
import { guarded } from './guarded.js';
import { SessionError, type WorkbenchSession } from './session.js';

function samplePath(workspace: Workspace, sampleId: number): { path: string; absPath: string; face: SampleFace | null; noFace: boolean } {
  const sample = sampleRecord(workspace, sampleId);
  if (!sample) throw new SessionError('not-found', `No sample ${sampleId} in this workspace.`);
  const f = sample.face;
  const face = f && f.box && f.keypoints
    ? { index: f.index, box: f.box as SampleFace['box'], keypoints: f.keypoints as SampleFace['keypoints'], confidence: f.confidence ?? 0 }
    : null;
  return { path: sample.path, absPath: sample.absPath, face, noFace: sample.nonResponse === NO_FACE_REASON };
}

export function samplesHandlers(session: WorkbenchSession): NamespaceHandlers<'samples'> {
  const queries = new SampleQueries(() => session.activeRun === null);
  return {
    query: async (query) => guarded(() => {
      const workspace = session.requireWorkspace();
      return queries.query(workspace, query, () => workspace.scoredModels()[0]?.sha256 ?? null);
    }),
    list: async ({ modelSha256 }) => guarded(async () => {
      const workspace = session.requireWorkspace();
      const model = modelSha256 ?? workspace.scoredModels()[0]?.sha256 ?? null;
      return encodeSampleTable(await queries.tableInTurns(workspace, model));
    }),
    unscored: async ({ modelSha256 }) => guarded(() => {
      const { samples: rows, neverAttempted } = session.requireWorkspace().nonResponses(modelSha256);
      const samples = rows.map((r) => ({
        path: r.path, label: r.label, category: r.category, species: r.species, identity: r.identity, split: r.split, reason: r.reason!,
      }));
      return { samples, neverAttempted };
    }),
    evidence: async ({ sampleId }) => guarded(async () => {
      const record = sampleRecord(session.requireWorkspace(), sampleId);
      if (!record) throw new SessionError('not-found', `No sample ${sampleId} in this workspace.`);
      const shown = record.face?.filePath ?? record.path;
      const details = await evidenceDetails(record.absPath).catch((err: unknown) => {
        throw new SessionError('evidence-error', `Cannot read ${shown}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      });
      return { sampleId, path: shown, recordedSha256: record.sha256, ...details };
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
    detail: async ({ sampleId, slot, wholeImage }) => guarded(async () => {
      const workspace = session.requireWorkspace();
      const engine = session.requireEngine(slot);
      const { path, absPath, face, noFace } = samplePath(workspace, sampleId);
      // No face, no score: a photograph without a face is scored only at the analyst's recorded request.
      const minConfidence = DEFAULT_DETECTOR_OPTIONS.minScore;
      if (noFace && wholeImage !== true) throw new SessionError('no-face', reasonSentence({ kind: 'no-face', minConfidence }));
      if (noFace) workspace.custody('score-whole-image', { sample: sampleId, path, model: engine.model.sha256, reason: NO_FACE_REASON });
      // A face of a photograph: the model's input is the aligned face crop it was scored on.
      const detail = await engine.detail(absPath, face ? { keypoints: face.keypoints } : undefined).catch((err: unknown) => {
        throw new SessionError('detail-error', `Cannot inspect ${path}: ${err instanceof Error ? err.message : String(err)}`);
      });
      const png = await sharp(Buffer.from(detail.rgb.buffer, detail.rgb.byteOffset, detail.rgb.byteLength), { raw: { width: detail.size, height: detail.size, channels: 3 } }).png().toBuffer();
      workspace.custody('view', { sample: sampleId, path, model: engine.model.sha256, sha256: detail.sha256 });
      const sidecar = engine.sidecar;
      return {
        sampleId, path, sha256: detail.sha256, modelSha256: engine.model.sha256, modelName: sidecar.name,
        score: detail.score, logits: detail.logits, probabilities: detail.probabilities,
        classNames: sidecar.classes.names, prompts: sidecar.classes.prompts, attackIndex: sidecar.classes.attack_index,
        inputPng: bytesToBase64(png), size: detail.size, grid: sidecar.architecture.grid,
        tokens: detail.tokens, experts: detail.experts, slots: detail.slots,
        layers: detail.layers.map((l) => ({ layer: l.layer, dispatch: float32ToBase64(l.dispatch), combine: float32ToBase64(l.combine) })),
        ...(face ? { face, originalSize: { width: detail.original.width, height: detail.original.height } } : {}),
        domain: detail.domain ?? domainVerdict(sidecar.domain, undefined),
        ...(noFace ? { wholeImageAtRequest: { minConfidence } } : {}),
      };
    }),
  };
}
