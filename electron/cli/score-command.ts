// `uad score <dataset> --model <model.onnx> --workspace <dir> [--batch N] [--provider cpu|cuda|…] [--image-root DIR] [--faces detect|none|auto] [--queue URL]`
// Scores a folder, protocol list or manifest into a workspace; resumable. With --queue, workers score (score-queued.ts). Node side (CLI).
import { parseArgs } from 'node:util';
import { openDataset } from '../dataset/open-dataset.js';
import { InferenceEngine } from '../inference/engine.js';
import { FaceDetector } from '../faces/detector.js';
import { expandFaces, FACES_CHOICES, resolveFaces, type FacesChoice } from '../faces/expand.js';
import { KNOWN_PROVIDERS, providerOrder, type ProviderName } from '../inference/providers.js';
import { scoreDataset, DEFAULT_BATCH_SIZE } from '../scoring/scoring-run.js';
import { runtimeVersions } from '../services/versions.js';
import { escapeForDisplay as shown } from '../../common/display-text.js';
import { WorkspaceBusyError } from '../workspace/scoring-lock.js';
import { Workspace } from '../workspace/workspace.js';
import { progressReporter, type ProgressStyle } from './progress-bar.js';

const USAGE = 'usage: uad score <dataset folder | list.txt | manifest.csv> --model <model.onnx> --workspace <dir> [--batch N] [--provider cpu|cuda|webgpu] [--image-root DIR] [--faces detect|none|auto] [--progress bar|lines|none] [--json] [--queue redis://… [--job-size K] [--root-name NAME] [--attempts N]]\n\n--queue: score through uad worker processes on a Redis queue (BullMQ); this process only lists, enqueues and writes the workspace. --job-size: samples per job (default 64). --root-name: the name workers map to their copy of the dataset (default: the last folder name of the dataset root). --attempts: tries per job before its samples fail with the last reason (default 3).\n\n--faces detect: one sample per detected face (aligned crop); a photograph without a face is a non-response. none: whole images. auto (default): as the model sidecar says (preprocessing.face.detect), else none.\n\nexit status: 0 completed, 1 failed (bad dataset, model or workspace; a failed run; nothing could be scored), 2 bad usage, 130 cancelled (resumable)\n\nevery list or manifest line that does not become a sample is reported with its line number and reason';

/** How a finished run ends the process: a run in which no sample has a score is a failure, not a success. */
export function scoreExitCode(run: { status: string; scored: number; skipped: number }): number {
  if (run.status === 'cancelled') return 130;
  if (run.status !== 'completed') return 1;
  return run.scored + run.skipped === 0 ? 1 : 0;
}

export async function runScoreCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        workspace: { type: 'string' },
        batch: { type: 'string' },
        provider: { type: 'string' },
        'image-root': { type: 'string' },
        faces: { type: 'string' },
        progress: { type: 'string' },
        json: { type: 'boolean' },
        queue: { type: 'string' },
        'job-size': { type: 'string' },
        'root-name': { type: 'string' },
        attempts: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`uad score: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(USAGE); return 0; }
  if (positionals.length !== 1 || !values.model || !values.workspace) {
    console.error(`uad score: need one dataset, --model and --workspace\n${USAGE}`);
    return 2;
  }
  const batchSize = values.batch === undefined ? DEFAULT_BATCH_SIZE : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1024) {
    console.error(`uad score: --batch must be an integer from 1 to 1024, got '${values.batch}'`);
    return 2;
  }
  if (values.progress !== undefined && !['bar', 'lines', 'none'].includes(values.progress)) {
    console.error('uad score: --progress must be bar, lines or none');
    return 2;
  }
  if (values.faces !== undefined && !FACES_CHOICES.includes(values.faces as FacesChoice)) {
    console.error(`uad score: --faces must be one of ${FACES_CHOICES.join(', ')}`);
    return 2;
  }
  if (values.provider !== undefined && !KNOWN_PROVIDERS.includes(values.provider as ProviderName)) {
    console.error(`uad score: --provider must be one of ${KNOWN_PROVIDERS.join(', ')}`);
    return 2;
  }

  const listing = await openDataset(positionals[0]!, values['image-root'] ? { imageRoot: values['image-root'] } : {});
  if (!listing.ok) {
    console.error(`uad score: ${listing.error.message}`);
    return 1;
  }
  if (values.queue !== undefined) {
    const { runQueuedScore } = await import('./score-queued.js');
    return runQueuedScore({
      datasetArg: positionals[0]!, listing: listing.value, modelPath: values.model, workspacePath: values.workspace, queueUrl: values.queue,
      jobSize: values['job-size'], attempts: values.attempts, rootName: values['root-name'], batchSize, faces: (values.faces ?? 'auto') as FacesChoice,
      provider: values.provider as ProviderName | undefined, progress: (values.progress ?? (values.json ? 'none' : 'bar')) as ProgressStyle,
      json: values.json ?? false, skippedLines: listing.value.skipped, skippedCount: listing.value.skippedCount ?? listing.value.skipped.length,
    });
  }
  let engine: InferenceEngine;
  try {
    engine = await InferenceEngine.start({ modelPath: values.model, ...(values.provider ? { provider: values.provider as ProviderName } : {}) });
  } catch (err) {
    console.error(`uad score: cannot load the model: ${(err as Error).message}`);
    return 1;
  }
  let workspace: Workspace;
  try {
    workspace = Workspace.open(values.workspace);
  } catch (err) {
    await engine.close();
    console.error(`uad score: cannot open the workspace: ${(err as Error).message}`);
    return 1;
  }
  const skippedLines = listing.value.skipped;
  const skippedCount = listing.value.skippedCount ?? skippedLines.length;
  if (skippedCount > 0 && !values.json) {
    console.error(`${skippedCount} ${listing.value.source === 'folder' ? 'file(s)' : 'line(s)'} of ${shown(positionals[0]!)} not turned into samples:`);
    for (const skip of skippedLines.slice(0, 50)) console.error(`  ${shown(skip.reason)}${skip.path ? ` (${shown(skip.path)})` : ''}`);
    if (skippedCount > 50) console.error(`  … and ${skippedCount - 50} more (--json lists the first ${skippedLines.length})`);
  }
  const fallback = engine.providerAttempts.filter((a) => !a.ok && a.error !== 'not available in this onnxruntime build');
  for (const attempt of fallback) console.error(`provider ${attempt.provider} unavailable: ${attempt.error}`);
  const faces = resolveFaces((values.faces ?? 'auto') as FacesChoice, engine.sidecar);
  let dataset = listing.value;
  if (faces === 'detect') {
    try {
      const detector = await FaceDetector.open(providerOrder(values.provider as ProviderName | undefined));
      try {
        const found = await expandFaces(dataset, detector);
        dataset = found.listing;
        console.error(`face detection (BlazeFace on ${detector.info.provider}): ${found.faces} faces in ${found.photos} photographs, ${found.withoutFace} without a face — ${(found.detectMs / 1000).toFixed(1)} s`);
      } finally {
        await detector.close();
      }
    } catch (err) {
      workspace.close();
      await engine.close();
      console.error(`uad score: face detection failed: ${(err as Error).message}`);
      return 1;
    }
  }
  const device = engine.providerAttempts.find((a) => a.ok)?.device;
  console.error(`model ${engine.sidecar.name} (${engine.model.sha256.slice(0, 12)}…) on ${engine.provider}${device ? ` (${device})` : ''}; ${dataset.samples.length} samples; faces ${faces}; batch ${batchSize}`);

  const controller = new AbortController();
  const onSignal = () => { console.error('\ncancelling after the batches in flight…'); controller.abort(); };
  process.once('SIGINT', onSignal);
  const bar = progressReporter((values.progress ?? (values.json ? 'none' : 'bar')) as ProgressStyle);
  try {
    let summary;
    try {
      summary = await scoreDataset({
        workspace, listing: dataset, engine, batchSize, signal: controller.signal, faces,
        versions: runtimeVersions(), onProgress: bar.update,
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
    if (values.json) {
      console.log(JSON.stringify({ run, failures, skippedLines, skippedLineCount: skippedCount, wallSeconds: summary.wallSeconds, workspace: workspace.file }));
      return code;
    }
    console.log(`run ${run.id} ${run.status}: ${run.scored} scored, ${run.skipped} already scored by this model, ${run.failed} failed, ${skippedCount} ${listing.value.source === 'folder' ? 'file(s)' : 'line(s)'} not samples — ${summary.wallSeconds.toFixed(1)} s, provider ${run.provider}`);
    const listed = failures.slice(0, 20);
    for (const failure of listed) console.log(`  failed: ${shown(failure.path)}: ${shown(failure.reason)}`);
    if (failures.length > listed.length) console.log(`  … and ${failures.length - listed.length} more failures (see the workspace)`);
    if (run.status === 'completed' && code !== 0) console.error('uad score: nothing could be scored: no sample of this dataset has a score from this model');
    console.log(`workspace: ${workspace.file}`);
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    workspace.close();
    await engine.close();
  }
}
