// Contract handlers of the `explain` namespace: nearest neighbours and the embedding map's projection over a
// model's stored embeddings, and
// occlusion / perturbation probes of one sample on the engine (one at a time, with progress and cancel),
// saved with the sample. Node side.
import type { EventSink, NamespaceHandlers } from '../../common/api.js';
import type { ProbeJob, ProbeKind, SavedProbe } from '../../common/contract/explain.js';
import type { ModelSlot } from '../../common/contract/model.js';
import { DEFAULT_DETECTOR_OPTIONS } from '../../common/faces/blazeface.js';
import { NO_FACE_REASON, reasonSentence } from '../../common/metrics/outcome.js';
import { fail, ok, type Result } from '../../common/result.js';
import { AnalysisError } from '../explain/analysis.js';
import { EmbeddingError } from '../workspace/embeddings.js';
import { sampleLocation, saveProbe, savedProbes } from '../workspace/probes.js';
import { guarded } from './guarded.js';
import { SessionError, type WorkbenchSession } from './session.js';

/** Like guarded, keeping the codes of the analysis and embedding errors. */
async function explained<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (err) {
    if (err instanceof AnalysisError || err instanceof EmbeddingError) return fail(err.code, err.message);
    return guarded(() => { throw err; });
  }
}

export function explainHandlers(session: WorkbenchSession, emit: EventSink): NamespaceHandlers<'explain'> {
  let active: AbortController | null = null;
  let projecting: AbortController | null = null;

  const probe = async (sampleId: number, slot: ModelSlot, kind: ProbeKind, job: ProbeJob): Promise<Result<SavedProbe>> => {
    if (active) return fail('busy', 'A probe is already running; cancel it or wait for it to finish.');
    const controller = new AbortController();
    active = controller;
    try {
      return await guarded(async () => {
        const workspace = session.requireWorkspace();
        const engine = session.requireEngine(slot);
        const location = sampleLocation(workspace, sampleId);
        if (!location) throw new SessionError('not-found', `No sample ${sampleId} in this workspace.`);
        // No face, no score: a photograph without a face is probed never (its whole image only ever at a recorded request).
        if (location.nonResponse === NO_FACE_REASON) throw new SessionError('no-face', reasonSentence({ kind: 'no-face', minConfidence: DEFAULT_DETECTOR_OPTIONS.minScore }));
        const { sha256, result } = await engine.probe(location.absPath, job, {
          signal: controller.signal,
          ...(location.keypoints ? { face: { keypoints: location.keypoints } } : {}),
          onProgress: (done, total) => emit('explain', 'onProbeProgress', { sampleId, kind, done, total }),
        }).catch((err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          if (controller.signal.aborted && message === 'cancelled') throw new SessionError('cancelled', 'The probe was cancelled; nothing was saved.');
          throw new SessionError('probe-error', `Cannot probe ${location.path}: ${message}`);
        });
        return saveProbe(workspace, { kind, sampleId, modelSha256: engine.model.sha256, sampleSha256: sha256, result });
      });
    } finally {
      active = null;
    }
  };

  return {
    similar: async ({ sampleId, modelSha256, k }) => explained(() =>
      session.analysis.similar(session.requireWorkspace(), modelSha256, sampleId, k)),
    occlusion: async ({ sampleId, slot, grid }) => {
      const engine = session.engines.get(slot);
      const cells: [number, number] = grid === '7x7' ? [7, 7] : engine?.sidecar.architecture.grid ?? [7, 7];
      return probe(sampleId, slot, grid === '7x7' ? 'occlusion-7x7' : 'occlusion-tokens', { kind: 'occlusion', grid: cells });
    },
    perturbation: async ({ sampleId, slot }) => probe(sampleId, slot, 'perturbation', { kind: 'perturbation' }),
    cancelProbe: async () => {
      if (!active) return ok(false);
      active.abort();
      return ok(true);
    },
    savedProbes: async ({ sampleId, modelSha256 }) => guarded(() => savedProbes(session.requireWorkspace(), sampleId, modelSha256)),
    projection: async ({ modelSha256, method }) => {
      if (projecting) return fail('busy', 'A projection is already being computed; cancel it or wait for it to finish.');
      const controller = new AbortController();
      projecting = controller;
      try {
        return await explained(() => session.analysis.projection(session.requireWorkspace(), modelSha256, method, {
          signal: controller.signal,
          onProgress: (phase, done, total) => emit('explain', 'onProjectionProgress', { modelSha256, phase, done, total }),
        }));
      } finally {
        projecting = null;
      }
    },
    cancelProjection: async () => {
      if (!projecting) return ok(false);
      projecting.abort();
      return ok(true);
    },
  };
}
