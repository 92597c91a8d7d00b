// `uad score … --queue redis://…`: the coordinator's side of a queued run (ARCHITECTURE.md §13). The dataset is
// listed (and faces detected) here, workers score, and this process alone writes the workspace. Prints the
// workers alive at the start and each worker's progress; the same summary and exit codes as a local run.
// Node side (CLI).
import type { DatasetListing } from '../../common/dataset/types.js';
import { escapeForDisplay as shown } from '../../common/display-text.js';
import { FaceDetector } from '../faces/detector.js';
import { expandFaces, resolveFaces, type FacesChoice } from '../faces/expand.js';
import { loadModelFiles, type ModelFiles } from '../onnx/model-files.js';
import { providerOrder, type ProviderName } from '../onnx/providers.js';
import { runtimeVersions } from '../base/versions.js';
import { WorkspaceBusyError } from '../workspace/scoring-lock.js';
import { Workspace } from '../workspace/workspace.js';
import { DEFAULT_JOB_SIZE, MAX_JOB_SIZE } from '../queue/contract.js';
import { queueConnection, redactedUrl, redisClient } from '../queue/connection.js';
import { listWorkers, scoreThroughQueue, wholeBatches, type WorkerProgress } from '../queue/coordinator.js';
import { progressReporter, type ProgressStyle } from './progress-bar.js';
import { scoreExitCode } from './score-command.js';

export interface QueuedScoreArgs {
  datasetArg: string;
  listing: DatasetListing;
  modelPath: string;
  workspacePath: string;
  queueUrl: string;
  jobSize: string | undefined;
  attempts: string | undefined;
  rootName: string | undefined;
  batchSize: number;
  faces: FacesChoice;
  provider: ProviderName | undefined;
  progress: ProgressStyle;
  json: boolean;
  skippedLines: { reason: string; path?: string }[];
  skippedCount: number;
}

function workerLine(w: WorkerProgress): string {
  return `worker ${shown(w.host)} (${shown(w.id)}, ${shown(w.provider)}): ${w.samples} samples in ${w.jobs} jobs, ${w.samplesPerSecond.toFixed(1)} samples/s, ${w.failures} failed`;
}

/** The job size as used: whole batches of the local run, so a job boundary is a batch boundary. */
function jobSizeText(asked: number, batchSize: number): string {
  const used = wholeBatches(asked, batchSize);
  return used === asked ? `job size ${used}` : `job size ${used} (${asked} rounded to whole batches of ${batchSize})`;
}

export async function runQueuedScore(args: QueuedScoreArgs): Promise<number> {
  const jobSize = args.jobSize === undefined ? undefined : Number(args.jobSize);
  if (jobSize !== undefined && (!Number.isInteger(jobSize) || jobSize < 1 || jobSize > MAX_JOB_SIZE)) {
    console.error(`uad score: --job-size must be an integer from 1 to ${MAX_JOB_SIZE}, got '${args.jobSize}'`);
    return 2;
  }
  const attempts = args.attempts === undefined ? undefined : Number(args.attempts);
  if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1 || attempts > 100)) {
    console.error(`uad score: --attempts must be an integer from 1 to 100, got '${args.attempts}'`);
    return 2;
  }
  try {
    queueConnection(args.queueUrl);
  } catch (err) {
    console.error(`uad score: ${(err as Error).message}`);
    return 2;
  }
  let model: ModelFiles;
  try {
    model = await loadModelFiles(args.modelPath);
  } catch (err) {
    console.error(`uad score: cannot load the model: ${(err as Error).message}`);
    return 1;
  }
  let workspace: Workspace;
  try {
    workspace = Workspace.open(args.workspacePath);
  } catch (err) {
    console.error(`uad score: cannot open the workspace: ${(err as Error).message}`);
    return 1;
  }
  try {
    const faces = resolveFaces(args.faces, model.sidecar);
    let dataset = args.listing;
    if (faces === 'detect') {
      try {
        const detector = await FaceDetector.open(providerOrder(args.provider));
        try {
          const found = await expandFaces(dataset, detector);
          dataset = found.listing;
          console.error(`face detection (BlazeFace on ${detector.info.provider}): ${found.faces} faces in ${found.photos} photographs, ${found.withoutFace} without a face`);
        } finally {
          await detector.close();
        }
      } catch (err) {
        console.error(`uad score: face detection failed: ${(err as Error).message}`);
        return 1;
      }
    }
    // Until Redis answers this waits (Ctrl-C ends it); its first error says why.
    let told = false;
    const peek = redisClient(args.queueUrl, (err) => {
      if (!told) console.error(`queue ${redactedUrl(args.queueUrl)}: ${shown(err.message)}; waiting for Redis (Ctrl-C stops)`);
      told = true;
    });
    try {
      const alive = await listWorkers(peek);
      console.error(`queue ${redactedUrl(args.queueUrl)}: ${alive.length} worker(s) reporting${alive.length ? ':' : ' (jobs wait until one starts)'}`);
      for (const w of alive) {
        const has = w.models.some((m) => m.sha256 === model.sha256);
        console.error(`  ${shown(w.host)} ${shown(w.id)} ${shown(w.provider)}${w.gpu ? ` (${shown(w.gpu)})` : ''} v${shown(w.version)}${has ? '' : ' — does not hold this model'}`);
      }
    } finally {
      peek.disconnect();
    }
    console.error(`model ${model.sidecar.name} (${model.sha256.slice(0, 12)}…) through the queue; ${dataset.samples.length} samples; faces ${faces}; batch ${args.batchSize}; ${jobSizeText(jobSize ?? DEFAULT_JOB_SIZE, args.batchSize)}`);

    const controller = new AbortController();
    const onSignal = () => { console.error('\ncancelling: jobs in Redis stay there; run the same command again to collect them…'); controller.abort(); };
    process.once('SIGINT', onSignal);
    const bar = progressReporter(args.progress);
    let lastWorkers = 0;
    try {
      let summary;
      try {
        summary = await scoreThroughQueue({
          workspace, listing: dataset, model, queueUrl: args.queueUrl, batchSize: args.batchSize, faces, signal: controller.signal,
          ...(jobSize !== undefined ? { jobSize } : {}), ...(attempts !== undefined ? { attempts } : {}), ...(args.rootName ? { rootName: args.rootName } : {}),
          versions: runtimeVersions(), onProgress: bar.update,
          onWorkers: (list) => {
            if (args.progress === 'none' || Date.now() - lastWorkers < 2000) return;
            lastWorkers = Date.now();
            for (const w of list) console.error(workerLine(w));
          },
          onNotice: (message) => console.error(shown(message)),
        });
      } catch (err) {
        bar.end();
        if (!(err instanceof WorkspaceBusyError)) throw err;
        console.error(`uad score: ${err.message}; wait for it to finish (one run writes to a workspace at a time)`);
        return 1;
      }
      bar.end();
      const { run, failures } = summary;
      const code = scoreExitCode(run);
      if (args.json) {
        console.log(JSON.stringify({ run, failures, skippedLines: args.skippedLines, skippedLineCount: args.skippedCount, wallSeconds: summary.wallSeconds, workspace: workspace.file, queue: summary.queue }));
        return code;
      }
      for (const w of summary.queue.workers) console.error(workerLine(w));
      const what = args.listing.source === 'folder' ? 'file(s)' : 'line(s)';
      console.log(`run ${run.id} ${run.status}: ${run.scored} scored, ${run.skipped} already scored by this model, ${run.failed} failed, ${args.skippedCount} ${what} not samples — ${summary.wallSeconds.toFixed(1)} s, through the queue (${summary.queue.enqueued} jobs enqueued, ${summary.queue.resumed} resumed)`);
      const listed = failures.slice(0, 20);
      for (const failure of listed) console.log(`  failed: ${shown(failure.path)}: ${shown(failure.reason)}`);
      if (failures.length > listed.length) console.log(`  … and ${failures.length - listed.length} more failures (see the workspace)`);
      if (run.error) console.error(`uad score: run ${run.id} ${run.status}: ${shown(run.error)}`);
      if (run.status === 'completed' && code !== 0) console.error('uad score: nothing could be scored: no sample of this dataset has a score from this model');
      console.log(`workspace: ${workspace.file}`);
      return code;
    } finally {
      process.off('SIGINT', onSignal);
    }
  } finally {
    workspace.close();
  }
}
