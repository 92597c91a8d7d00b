// Contract handlers of the `run` namespace: one scoring run at a time, progress and results as events.
// Node side.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EventSink, NamespaceHandlers } from '../../common/api.js';
import { DEFAULT_DETECTOR_OPTIONS } from '../../common/faces/blazeface.js';
import { domainLimit } from '../../common/metrics/outcome.js';
import { usableDomain, unusableDomainReason } from '../../common/model/domain-validity.js';
import { userDataDir } from '../base/paths.js';
import { checkImage } from '../scoring/check-image.js';
import { fail, ok } from '../../common/result.js';
import { openDataset } from '../dataset/open-dataset.js';
import { FaceDetector } from '../faces/detector.js';
import { expandFaces, resolveFaces } from '../faces/expand.js';
import { providerOrder } from '../onnx/providers.js';
import { DEFAULT_BATCH_SIZE, scoreDataset } from '../scoring/scoring-run.js';
import { guarded } from './guarded.js';
import type { WorkbenchSession } from './session.js';
import { runtimeVersions } from '../base/versions.js';

export function runHandlers(session: WorkbenchSession, emit: EventSink): NamespaceHandlers<'run'> {
  return {
    check: async ({ path: image, slot }) => {
      if (session.activeRun) return fail('busy', 'A scoring run is in progress; check the image when it has finished.');
      return guarded(async () => {
        const engine = session.requireEngine(slot);
        // No workspace open: the image lands in a new scratch workspace, named in the reply.
        let scratchWorkspace: string | null = null;
        if (!session.workspace) {
          scratchWorkspace = path.join(userDataDir(), 'scratch-workspaces', `check-${new Date().toISOString().replace(/[:.]/g, '-')}`);
          mkdirSync(scratchWorkspace, { recursive: true });
          session.openWorkspace(scratchWorkspace);
        }
        const workspace = session.requireWorkspace();
        const detector = await FaceDetector.open(providerOrder(engine.provider));
        let faces;
        try {
          faces = await checkImage({ workspace, engine, detector, image, versions: runtimeVersions() });
        } finally {
          await detector.close();
        }
        return {
          path: image, workspace: session.summary()!, scratchWorkspace, modelSha256: engine.model.sha256, modelName: engine.sidecar.name,
          domainLimit: domainLimit(usableDomain(engine.sidecar.domain)), minConfidence: DEFAULT_DETECTOR_OPTIONS.minScore, faces,
        };
      }, 'check-error');
    },
    start: async ({ datasetPath, imageRoot, slot, batchSize, faces: facesChoice }) => {
      if (session.activeRun) return fail('busy', 'A scoring run is already in progress.');
      const prepared = await guarded(() => ({ workspace: session.requireWorkspace(), engine: session.requireEngine(slot) }));
      if (!prepared.ok) return prepared;
      const { workspace, engine } = prepared.value;
      const listing = await openDataset(datasetPath, imageRoot ? { imageRoot } : {});
      if (!listing.ok) return listing;
      if (listing.value.samples.length === 0) return fail('empty-dataset', `No samples found in ${datasetPath}.`);
      const faces = resolveFaces(facesChoice ?? 'auto', engine.sidecar);
      let dataset = listing.value;
      if (faces === 'detect') {
        const detected = await guarded(async () => {
          const detector = await FaceDetector.open(providerOrder(engine.provider));
          try {
            return (await expandFaces(dataset, detector)).listing;
          } finally {
            await detector.close();
          }
        });
        if (!detected.ok) return detected;
        dataset = detected.value;
      }

      const controller = new AbortController();
      let resolveStarted!: (runId: number) => void;
      const started = new Promise<number>((resolve) => { resolveStarted = resolve; });
      const start: { error: string | null } = { error: null };
      const done = scoreDataset({
        workspace, listing: dataset, engine, signal: controller.signal, faces,
        batchSize: batchSize ?? DEFAULT_BATCH_SIZE, versions: runtimeVersions(),
        onProgress: (progress) => {
          resolveStarted(progress.runId);
          emit('run', 'onProgress', progress);
        },
        onBatch: (items, runId, dominantExperts) => emit('run', 'onResults', {
          runId,
          modelSha256: engine.model.sha256,
          rows: items.map((item, index) => item.ok
            ? { sampleId: item.key, ok: true, score: item.score, dominantExpert: dominantExperts[index] ?? null }
            : { sampleId: item.key, ok: false, score: null, dominantExpert: null, reason: item.reason }),
        }),
      }).then((summary) => {
        emit('run', 'onFinished', {
          runId: summary.run.id, modelSha256: engine.model.sha256, status: summary.run.status as 'completed' | 'cancelled' | 'failed',
          scored: summary.run.scored, failed: summary.run.failed, skipped: summary.run.skipped, wallSeconds: summary.wallSeconds,
          faces, domain: { ...workspace.runDomainCounts(summary.run.id), ...unusableDomainReason(engine.sidecar) },
          ...(summary.run.status === 'failed' ? { error: summary.run.error ?? workspace.run(summary.run.id)?.error ?? 'run failed' } : {}),
        });
      }).catch((err: unknown) => {
        start.error = err instanceof Error ? err.message : String(err);
        emit('run', 'onFinished', { runId: -1, modelSha256: engine.model.sha256, status: 'failed', scored: 0, failed: 0, skipped: 0, wallSeconds: 0, error: err instanceof Error ? err.message : String(err) });
      }).finally(() => {
        session.activeRun = null;
        resolveStarted(-1);
      });
      const runId = await started;
      if (runId < 0) {
        const busy = start.error?.startsWith('workspace busy') ?? false;
        return fail(busy ? 'workspace-busy' : 'run-failed', start.error ?? 'The run could not start; see the run log.');
      }
      session.activeRun = { runId, controller, done };
      return ok({ runId, total: dataset.samples.length });
    },
    cancel: async () => {
      const active = session.activeRun;
      if (!active) return ok(false);
      active.controller.abort();
      return ok(true);
    },
  };
}

