// Contract handlers of the `run` namespace: one scoring pass at a time (one slot's model, or several in one pass:
// one run each), progress and results as events; it scores here, or (one model) through the queue of the settings
// (ARCHITECTURE.md §13) with each worker's progress.
// Node side.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EventSink, NamespaceHandlers, RunWorkerProgress } from '../../common/api.js';
import { DEFAULT_DETECTOR_OPTIONS } from '../../common/faces/blazeface.js';
import { DEFAULT_FACE_CAP, type CappedPhoto } from '../../common/faces/face-cap.js';
import { domainLimit } from '../../common/metrics/outcome.js';
import { usableDomain, unusableDomainReason } from '../../common/model/domain-validity.js';
import { userDataDir } from '../base/paths.js';
import { checkImage } from '../scoring/check-image.js';
import { fail, ok } from '../../common/result.js';
import { openDataset } from '../dataset/open-dataset.js';
import { defaultDetectorPath, FaceDetector } from '../faces/detector.js';
import { expandFaces, resolveFaces } from '../faces/expand.js';
import { providerOrder } from '../onnx/providers.js';
import { DEFAULT_BATCH_SIZE, scoreDatasetWithModels, type RunSummary } from '../scoring/scoring-run.js';
import type { ScoredItem } from '../inference/protocol.js';
import type { RunProgress } from '../../common/contract/run.js';
import { guarded } from './guarded.js';
import type { WorkbenchSession } from './session.js';
import { runtimeVersions } from '../base/versions.js';
import type { SettingsStore } from './settings-store.js';

export function runHandlers(session: WorkbenchSession, emit: EventSink, settings: SettingsStore): NamespaceHandlers<'run'> {
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
    settings: async () => ok(settings.get()),
    saveSettings: async (next) => {
      if (session.activeRun) return fail('busy', 'A scoring run is in progress; change where Score runs after it.');
      try {
        return ok(settings.save(next));
      } catch (err) {
        return fail('bad-settings', (err as Error).message);
      }
    },
    start: async ({ datasetPath, imageRoot, slot, slots, batchSize, faces: facesChoice, maxFaces = DEFAULT_FACE_CAP }) => {
      if (session.activeRun) return fail('busy', 'A scoring run is already in progress.');
      const prepared = await guarded(() => ({ workspace: session.requireWorkspace(), engines: (slots ?? [slot]).map((s) => session.requireEngine(s)) }));
      if (!prepared.ok) return prepared;
      const { workspace, engines } = prepared.value;
      const engine = engines[0]!;
      const shas = engines.map((e) => e.model.sha256);
      if (new Set(shas).size !== shas.length) return fail('same-model', 'Two slots hold the same model (same SHA-256); score it once.');
      if (engines.length > 1 && settings.get().queueUrl !== '') return fail('queue-one-model', 'Scoring through a queue takes one model; score the slots one at a time, or score here.');
      const modes = engines.map((e) => resolveFaces(facesChoice ?? 'auto', e.sidecar));
      if (modes.some((m) => m !== modes[0])) {
        return fail('faces-disagree', `The models' sidecars disagree on face detection (${engines.map((e, k) => `${e.sidecar.name}: ${modes[k]}`).join(', ')}); choose detect or none.`);
      }
      const listing = await openDataset(datasetPath, imageRoot ? { imageRoot } : {});
      if (!listing.ok) return listing;
      if (listing.value.samples.length === 0) return fail('empty-dataset', `No samples found in ${datasetPath}.`);
      const faces = modes[0]!;
      let dataset = listing.value;
      let facesCapped: CappedPhoto[] = [];
      if (faces === 'detect') {
        const detected = await guarded(async () => {
          const detector = await FaceDetector.open(providerOrder(engine.provider), 1, defaultDetectorPath(), { ...DEFAULT_DETECTOR_OPTIONS, maxDetections: maxFaces });
          try {
            return await expandFaces(dataset, detector);
          } finally {
            await detector.close();
          }
        });
        if (!detected.ok) return detected;
        dataset = detected.value.listing;
        facesCapped = detected.value.capped;
      }

      const controller = new AbortController();
      let resolveStarted!: (runId: number) => void;
      const started = new Promise<number>((resolve) => { resolveStarted = resolve; });
      const start: { error: string | null } = { error: null };
      const { queueUrl, jobSize } = settings.get();
      /** A queued run's workers, as last reported (shown with each progress and in the summary). */
      let workers: RunWorkerProgress[] | null = null;
      const onProgress = (progress: RunProgress) => {
        resolveStarted(progress.runId);
        emit('run', 'onProgress', workers ? { ...progress, workers } : progress);
      };
      const onBatch = (items: ScoredItem[], runId: number, dominantExperts: readonly (number | null)[], modelSha256 = engine.model.sha256) => emit('run', 'onResults', {
        runId,
        modelSha256,
        rows: items.map((item, index) => item.ok
          ? { sampleId: item.key, ok: true, score: item.score, dominantExpert: dominantExperts[index] ?? null }
          : { sampleId: item.key, ok: false, score: null, dominantExpert: null, reason: item.reason }),
      });
      const common = { workspace, listing: dataset, signal: controller.signal, faces, batchSize: batchSize ?? DEFAULT_BATCH_SIZE, versions: runtimeVersions(), onProgress, onBatch };
      const scoring: Promise<(RunSummary & { queue?: { workers: RunWorkerProgress[] } })[]> = queueUrl === ''
        ? scoreDatasetWithModels({ ...common, engines }).then((pass) => pass.runs)
        // Loaded only when a queue is set: a local run never touches BullMQ.
        : import('../queue/coordinator.js').then(({ scoreThroughQueue }) => scoreThroughQueue({
          ...common, model: engine.model, queueUrl, jobSize,
          onWorkers: (list) => { workers = list; },
          onNotice: (message) => console.warn(message),
        })).then((summary) => [summary]);
      const done = scoring.then((summaries) => {
        summaries.forEach((summary, k) => emit('run', 'onFinished', {
          runId: summary.run.id, modelSha256: engines[k]!.model.sha256, status: summary.run.status as 'completed' | 'cancelled' | 'failed',
          scored: summary.run.scored, failed: summary.run.failed, skipped: summary.run.skipped, wallSeconds: summary.wallSeconds,
          faces, ...(faces === 'detect' ? { maxFaces, ...(facesCapped.length > 0 ? { facesCapped } : {}) } : {}),
          domain: { ...workspace.runDomainCounts(summary.run.id), ...unusableDomainReason(engines[k]!.sidecar) },
          ...(summary.run.status === 'failed' ? { error: summary.run.error ?? workspace.run(summary.run.id)?.error ?? 'run failed' } : {}),
          // A cancelled run keeps its reason when it has one (a queue whose Redis was not there).
          ...(summary.run.status === 'cancelled' && summary.run.error ? { error: summary.run.error } : {}),
          ...(summary.queue ? { workers: summary.queue.workers } : {}),
          ...(k < summaries.length - 1 ? { more: true } : {}),
        }));
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

