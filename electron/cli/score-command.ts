// `uad score <dataset> --model <model.onnx> [--model …] --workspace <dir> [options]` (options and exit codes: USAGE below).
// Scores a folder, protocol list or manifest into a workspace; resumable. With --queue, workers score (score-queued.ts). Node side (CLI).
import { parseArgs } from 'node:util';
import { openDataset } from '../dataset/open-dataset.js';
import type { DatasetListing } from '../../common/dataset/types.js';
import { InferenceEngine } from '../inference/engine.js';
import { DEFAULT_DETECTOR_OPTIONS } from '../../common/faces/blazeface.js';
import { cappedFacesText, DEFAULT_FACE_CAP, FACE_CAP_MAX, FACE_CAP_MIN, isFaceCap } from '../../common/faces/face-cap.js';
import { defaultDetectorPath, FaceDetector } from '../faces/detector.js';
import { expandFaces, FACES_CHOICES, resolveFaces, type FaceExpansion, type FacesChoice } from '../faces/expand.js';
import { fallbackAttempts } from '../../common/model/provider-attempts.js';
import { KNOWN_PROVIDERS, providerOrder, type ProviderName } from '../onnx/providers.js';
import { scoreDatasetWithModels, DEFAULT_BATCH_SIZE, type RunSummary } from '../scoring/scoring-run.js';
import type { RunProgress } from '../../common/contract/run.js';
import { animatedFrameNote } from '../onnx/preprocess.js';
import { runtimeVersions } from '../base/versions.js';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';
import { roundMs, roundSeconds } from '../../common/format/figures.js';
import { WorkspaceBusyError } from '../workspace/scoring-lock.js';
import { Workspace } from '../workspace/workspace.js';
import { unusableDomainReason } from '../../common/model/domain-validity.js';
import { failureLines, listingCountsText, listingJson, reportListing } from './listing-report.js';
import { progressReporter, type ProgressStyle } from './progress-bar.js';

const USAGE = `usage: uad score <dataset> --model <model.onnx> [--model <other.onnx> ...] --workspace <dir> [options]

Scores every image of a dataset with a model (or several) into a workspace (created if absent). Resumable: a
sample a model has already scored is skipped for it, so running it again after a crash or Ctrl+C finishes the rest.

  <dataset>          a folder of images (live/… bona fide, attack/<species>/… attacks, or a UniAttackData
                     layout), a protocol list (path label per line) or a manifest CSV
  --model FILE       the ONNX model; its <model>.model.json sidecar must lie beside it. Give it several times to
                     score the dataset with every model in one pass: each image is read and decoded once (once per
                     input size when the models' sizes differ; faces detected once) and every model runs on the
                     same pixels, each with its own normalisation; one run and one summary per model, and a sample
                     a model already scored is skipped for it; with --json, one object per model and line
  --workspace DIR    the workspace folder (workspace.sqlite inside)
  --batch N          images per inference batch, 1 to 1024 (default ${DEFAULT_BATCH_SIZE})
  --provider NAME    try this execution provider first: ${KNOWN_PROVIDERS.join(', ')} (default: the platform's order,
                     CPU last; a provider you name that cannot start is reported on stderr)
  --image-root DIR   resolve the relative paths of a list or manifest against DIR (default: the file's folder)
  --faces MODE       detect: one sample per detected face (aligned crop); a photograph without a face is a
                     non-response. none: whole images. auto (default): as the model sidecar says
                     (preprocessing.face.detect), else none
  --max-faces N      the most faces kept per photograph, best first, 1 to 1000 (default 20); a photograph
                     with more is reported
  --progress STYLE   bar (default; a status line every 5 s when stderr is not a terminal), lines (one
                     "progress done=N" line per batch) or none (default with --json)
  --json             one JSON object on stdout (the run, its failures, the skipped lines; times in ms
                     to 0.1 ms, seconds to 0.01 s; scores in full)

Scoring through a queue (uad worker processes on other machines score; this process lists, enqueues and
writes the workspace; README "Scoring on many machines"):
  --queue URL        redis://[user:pass@]host:port[/db] or rediss:// (TLS)
  --job-size K       samples per job (default 64), rounded up to whole batches
  --root-name NAME   the name workers map to their copy of the dataset (default: the dataset root's last folder name)
  --attempts N       tries per job before its samples fail with the last reason (default 3)

Every list or manifest line that does not become a sample is reported with its line number and reason.

examples:
  uad score data/ --model models/lasoftmoe-tiny.onnx --workspace ws/
  uad score UniAttackData@p1_image_test.txt --image-root /data --model m.onnx --workspace ws/ --batch 32
  uad score photos/ --model m.onnx --workspace ws/ --faces detect --provider cuda --json > run.json
  uad score list_test.txt --model m.onnx --workspace ws/ --queue redis://uad:PASSWORD@redis.lab:6379/0

exit status:
  0    completed, and at least one sample has a score from this model
  1    failed: bad dataset, model or workspace; the run failed; or it completed with no sample scored
       (every image unreadable or without a face: the reasons are listed)
  2    bad usage
  130  cancelled by Ctrl+C (the batches done are kept; run it again to resume)`;

/** How a finished run ends the process: a run in which no sample has a score is a failure, not a success. */
export function scoreExitCode(run: { status: string; scored: number; skipped: number }): number {
  if (run.status === 'cancelled') return 130;
  if (run.status !== 'completed') return 1;
  return run.scored + run.skipped === 0 ? 1 : 0;
}

/** The command line as parseArgs reads it (throws on an unknown option). */
function parseScoreArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      model: { type: 'string', multiple: true },
      workspace: { type: 'string' },
      batch: { type: 'string' },
      provider: { type: 'string' },
      'image-root': { type: 'string' },
      faces: { type: 'string' },
      'max-faces': { type: 'string' },
      progress: { type: 'string' },
      json: { type: 'boolean' },
      queue: { type: 'string' },
      'job-size': { type: 'string' },
      'root-name': { type: 'string' },
      attempts: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

type ScoreArgs = ReturnType<typeof parseScoreArgs>;

/** The checked numbers of the command line, or the usage problem (exit 2) in words. */
function checkScoreArgs({ values, positionals }: ScoreArgs): { batchSize: number; maxFaces: number } | string {
  const models = values.model ?? [];
  if (positionals.length !== 1 || models.length === 0 || !values.workspace) return `need one dataset, --model and --workspace\n${USAGE}`;
  const batchSize = values.batch === undefined ? DEFAULT_BATCH_SIZE : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1024) return `--batch must be an integer from 1 to 1024, got '${shown(String(values.batch))}'`;
  if (values.progress !== undefined && !['bar', 'lines', 'none'].includes(values.progress)) return '--progress must be bar, lines or none';
  if (values.faces !== undefined && !FACES_CHOICES.includes(values.faces as FacesChoice)) return `--faces must be one of ${FACES_CHOICES.join(', ')}`;
  const maxFaces = values['max-faces'] === undefined ? DEFAULT_FACE_CAP : Number(values['max-faces']);
  if (!isFaceCap(maxFaces)) return `--max-faces must be an integer from ${FACE_CAP_MIN} to ${FACE_CAP_MAX}, got '${values['max-faces']}'`;
  if (values.provider !== undefined && !KNOWN_PROVIDERS.includes(values.provider as ProviderName)) return `--provider must be one of ${KNOWN_PROVIDERS.join(', ')}`;
  if (values.queue !== undefined && models.length > 1) return '--queue takes one --model; queue each model in its own command';
  if (new Set(models).size !== models.length) return 'the same --model is given twice';
  return { batchSize, maxFaces };
}

export async function runScoreCommand(argv: string[]): Promise<number> {
  let args: ScoreArgs;
  try {
    args = parseScoreArgs(argv);
  } catch (err) {
    console.error(`uad score: ${shown((err as Error).message)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) { console.log(USAGE); return 0; }
  const limits = checkScoreArgs(args);
  if (typeof limits === 'string') {
    console.error(`uad score: ${limits}`);
    return 2;
  }
  const listing = await openDataset(positionals[0]!, values['image-root'] ? { imageRoot: values['image-root'] } : {});
  if (!listing.ok) {
    console.error(`uad score: ${shown(listing.error.message)}`);
    return 1;
  }
  if (values.queue === undefined) return scoreWithModels(values.model!, values, positionals[0]!, listing.value, limits);
  const { runQueuedScore } = await import('./score-queued.js');
  return runQueuedScore({
    datasetArg: positionals[0]!, listing: listing.value, modelPath: values.model![0]!, workspacePath: values.workspace!, queueUrl: values.queue,
    jobSize: values['job-size'], attempts: values.attempts, rootName: values['root-name'], batchSize: limits.batchSize, faces: (values.faces ?? 'auto') as FacesChoice,
    provider: values.provider as ProviderName | undefined, progress: (values.progress ?? (values.json ? 'none' : 'bar')) as ProgressStyle,
    json: values.json ?? false, skippedLines: listing.value.skipped, skippedCount: listing.value.skippedCount ?? listing.value.skipped.length,
  });
}

type ScoreValues = { workspace?: string; provider?: string; faces?: string; progress?: string; json?: boolean };

/** Starts an engine per model, in order; on a failure closes those started and says which model. */
async function startEngines(modelPaths: string[], provider: string | undefined): Promise<InferenceEngine[] | string> {
  const engines: InferenceEngine[] = [];
  for (const modelPath of modelPaths) {
    try {
      engines.push(await InferenceEngine.start({ modelPath, ...(provider ? { provider: provider as ProviderName } : {}) }));
    } catch (err) {
      await Promise.all(engines.map((e) => e.close()));
      return `cannot load the model${modelPaths.length > 1 ? ` ${shown(modelPath)}` : ''}: ${shown((err as Error).message)}`;
    }
  }
  const shas = engines.map((e) => e.model.sha256);
  const twice = shas.findIndex((sha, k) => shas.indexOf(sha) !== k);
  if (twice >= 0) {
    await Promise.all(engines.map((e) => e.close()));
    return `${shown(modelPaths[twice]!)} is the same model as ${shown(modelPaths[shas.indexOf(shas[twice]!)]!)} (same SHA-256)`;
  }
  return engines;
}

/** The face mode every model agrees on, or the disagreement in words (auto follows each sidecar). */
function agreedFaces(choice: FacesChoice, engines: InferenceEngine[]): 'detect' | 'none' | string {
  const modes = engines.map((e) => resolveFaces(choice, e.sidecar));
  if (modes.every((m) => m === modes[0])) return modes[0]!;
  return `the models' sidecars disagree on face detection (${engines.map((e, k) => `${shown(e.sidecar.name)}: ${modes[k]}`).join(', ')}); give --faces detect or --faces none`;
}

/** The progress of several runs of one pass as one: their counts summed (each run counts the whole listing). */
function combinedProgress(update: (progress: RunProgress) => void): (progress: RunProgress) => void {
  const latest = new Map<number, RunProgress>();
  return (progress) => {
    latest.set(progress.runId, progress);
    const all = [...latest.values()];
    const sum = (f: (p: RunProgress) => number) => all.reduce((t, p) => t + f(p), 0);
    const remaining = sum((p) => p.total - p.done);
    const rate = sum((p) => p.imagesPerSecond);
    update({ ...all[0]!, total: sum((p) => p.total), done: sum((p) => p.done), scored: sum((p) => p.scored), failed: sum((p) => p.failed), skipped: sum((p) => p.skipped), imagesPerSecond: rate, etaSeconds: rate > 0 ? remaining / rate : null });
  };
}

/**
 * The models' pass over the listing (one --model or several): every image decoded once for all of them
 * (scoreDatasetWithModels), one run and one summary per model; faces detected once.
 */
async function scoreWithModels(modelPaths: string[], values: ScoreValues, datasetArg: string, listed: DatasetListing, limits: { batchSize: number; maxFaces: number }): Promise<number> {
  const { batchSize, maxFaces } = limits;
  const listing = { value: listed };
  const started = await startEngines(modelPaths, values.provider);
  if (typeof started === 'string') {
    console.error(`uad score: ${started}`);
    return 1;
  }
  const engines = started;
  const several = engines.length > 1;
  const closeEngines = () => Promise.all(engines.map((e) => e.close()));
  const faces = agreedFaces((values.faces ?? 'auto') as FacesChoice, engines);
  if (faces !== 'detect' && faces !== 'none') {
    await closeEngines();
    console.error(`uad score: ${faces}`);
    return 2;
  }
  let workspace: Workspace;
  try {
    workspace = Workspace.open(values.workspace!);
  } catch (err) {
    await closeEngines();
    console.error(`uad score: cannot open the workspace: ${shown((err as Error).message)}`);
    return 1;
  }
  if (!values.json) reportListing(listing.value, datasetArg);
  for (const engine of engines) {
    for (const attempt of fallbackAttempts(engine.providerAttempts)) console.error(`provider ${attempt.provider} unavailable: ${shown(String(attempt.error))}`);
  }
  let dataset = listing.value;
  let facesCapped: FaceExpansion['capped'] = [];
  if (faces === 'detect') {
    try {
      const detector = await FaceDetector.open(providerOrder(values.provider as ProviderName | undefined), 1, defaultDetectorPath(), { ...DEFAULT_DETECTOR_OPTIONS, maxDetections: maxFaces });
      try {
        const found = await expandFaces(dataset, detector);
        dataset = found.listing;
        console.error(`face detection (BlazeFace on ${detector.info.provider}): ${found.faces} faces in ${found.photos} photographs, ${found.withoutFace} without a face — ${(found.detectMs / 1000).toFixed(1)} s${several ? `, once for the ${engines.length} models` : ''}`);
        facesCapped = found.capped;
        if (facesCapped.length > 0) {
          console.error(`${facesCapped.length} photograph(s) had more than ${maxFaces} faces (--max-faces): only the best ${maxFaces} of each became samples`);
          for (const c of facesCapped.slice(0, 20)) console.error(`  ${shown(c.path)}: ${cappedFacesText(c)}`);
          if (facesCapped.length > 20) console.error(`  … and ${facesCapped.length - 20} more (--json lists them all)`);
        }
      } finally {
        await detector.close();
      }
    } catch (err) {
      workspace.close();
      await closeEngines();
      console.error(`uad score: face detection failed: ${shown((err as Error).message)}`);
      return 1;
    }
  }
  for (const [k, engine] of engines.entries()) {
    const device = engine.providerAttempts.find((a) => a.ok)?.device;
    console.error(`${several ? `model ${k + 1} of ${engines.length}: ` : 'model '}${shown(engine.sidecar.name)} (${engine.model.sha256.slice(0, 12)}…) on ${engine.provider}${device ? ` (${device})` : ''}; ${dataset.samples.length} samples; faces ${faces}; batch ${batchSize}`);
    const unusable = unusableDomainReason(engine.sidecar).unknownReason;
    if (unusable !== undefined) console.error(`domain check${several ? ` of ${shown(engine.sidecar.name)}` : ''}: unknown for every sample, ${shown(unusable)}`);
  }

  const controller = new AbortController();
  const onSignal = () => { console.error('\ncancelling after the batches in flight…'); controller.abort(); };
  process.once('SIGINT', onSignal);
  const bar = progressReporter((values.progress ?? (values.json ? 'none' : 'bar')) as ProgressStyle);
  try {
    let pass;
    try {
      pass = await scoreDatasetWithModels({
        workspace, listing: dataset, engines, batchSize, signal: controller.signal, faces,
        versions: runtimeVersions(), onProgress: several ? combinedProgress(bar.update) : bar.update,
      });
    } catch (err) {
      bar.end();
      if (!(err instanceof WorkspaceBusyError)) throw err;
      console.error(`uad score: ${shown(err.message)}; wait for it to finish (one run writes to a workspace at a time)`);
      return 1;
    }
    bar.end();
    const codes = pass.runs.map((summary, k) => reportRun(summary, engines[k]!, { json: values.json ?? false, several, listing: listing.value, facesCapped, maxFaces, workspaceFile: workspace.file, decodedImages: pass.decodedImages }));
    if (several && !values.json) console.log(`${pass.decodedImages ?? 0} image decode(s) shared by the ${engines.length} models (each image decoded once per input size)`);
    if (!values.json) console.log(`workspace: ${shown(workspace.file)}`);
    return codes.includes(130) ? 130 : Math.max(...codes);
  } finally {
    process.off('SIGINT', onSignal);
    workspace.close();
    await closeEngines();
  }
}

/** Prints one model's run (a JSON line, or its summary lines) and returns its exit code. */
function reportRun(summary: RunSummary, engine: InferenceEngine, context: { json: boolean; several: boolean; listing: DatasetListing; facesCapped: FaceExpansion['capped']; maxFaces: number; workspaceFile: string; decodedImages: number | null }): number {
  const { run, failures, animated } = summary;
  const { listing, facesCapped, maxFaces } = context;
  const code = scoreExitCode(run);
  const outcome = code === 130 ? 'cancelled' : run.status !== 'completed' ? 'failed' : code === 0 ? 'completed' : 'nothing-scored';
  const name = shown(engine.sidecar.name);
  if (context.json) {
    const timed = { ...run, inferMs: roundMs(run.inferMs), decodeMs: roundMs(run.decodeMs) };
    console.log(jsonForDisplay({
      outcome, model: { name: engine.sidecar.name, sha256: engine.model.sha256 }, run: timed, failures,
      animated: animated.map((a) => ({ ...a, frame: 1, note: animatedFrameNote(a.frames) })), ...listingJson(listing), facesCapped,
      wallSeconds: roundSeconds(summary.wallSeconds), workspace: context.workspaceFile, ...(context.several ? { decodedImages: context.decodedImages } : {}),
    }));
    return code;
  }
  if (context.several) console.log(`model ${name} (${engine.model.sha256.slice(0, 12)}…):`);
  console.log(`run ${run.id} ${outcome === 'nothing-scored' ? 'completed with nothing scored' : run.status}: ${run.scored} scored, ${run.skipped} already scored by this model, ${run.failed} failed, ${listingCountsText(listing)} — ${summary.wallSeconds.toFixed(1)} s, provider ${run.provider}`);
  if (run.skipped > 0) console.log(`  ${run.skipped} already scored by ${name}, skipped`);
  if (facesCapped.length > 0) console.log(`  ${facesCapped.length} photograph(s) had more than ${maxFaces} faces; ${facesCapped.map((c) => `${shown(c.path)} ${cappedFacesText(c)}`).slice(0, 5).join('; ')}${facesCapped.length > 5 ? '; …' : ''}`);
  if (animated.length > 0) console.log(`  ${animated.length} animated image(s): only the first frame of each was scored`);
  for (const a of animated.slice(0, 20)) console.log(`  ${shown(a.path)}: ${animatedFrameNote(a.frames)}`);
  if (animated.length > 20) console.log(`  … and ${animated.length - 20} more (--json lists them all)`);
  for (const line of failureLines(failures, 20, 'see the workspace')) console.log(line);
  if (run.status === 'failed') console.error(`uad score: the run${context.several ? ` of ${name}` : ''} failed: ${shown(run.error ?? 'no reason was recorded')}`);
  if (outcome === 'nothing-scored') console.error(`uad score: nothing could be scored: no sample of this dataset has a score from ${context.several ? name : 'this model'} (${run.failed} failed, reasons above); exit status 1`);
  return code;
}
