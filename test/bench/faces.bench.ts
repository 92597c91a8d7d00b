// `npm run bench:faces -- [--model models/lasoftmoe-tiny.onnx] [--list assets/demo/SynthUAD-demo@p1_image_test.txt]
// [--repeat 3]`: the photograph pipeline's cost on the CPU, stage by stage, as `uad score --faces detect` runs it:
// face detection per image (decode and EXIF orientation included), then scoring of the faces found with the model's
// full domain check and with its appearance view left out (same faces, same engine settings), and each stage's share
// of the whole. Prints a table and writes test/bench/results/faces-<model>.json. Median of --repeat passes.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeOriented, FaceDetector } from '../../electron/faces/detector.js';
import { InferenceEngine } from '../../electron/inference/engine.js';
import type { ScoreItem } from '../../electron/inference/protocol.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..', '..');
const { values: args } = parseArgs({ options: {
  model: { type: 'string', default: 'models/lasoftmoe-tiny.onnx' },
  list: { type: 'string', default: 'assets/demo/SynthUAD-demo@p1_image_test.txt' },
  repeat: { type: 'string', default: '3' },
  batch: { type: 'string', default: '32' },
} });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The model with its sidecar's domain block minus the appearance view, in a temporary folder. */
function withoutAppearance(modelPath: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-bench-faces-'));
  const sidecar = JSON.parse(readFileSync(modelPath.replace(/\.onnx$/, '.model.json'), 'utf8')) as { domain?: { appearance?: unknown } };
  if (sidecar.domain) delete sidecar.domain.appearance;
  const name = path.basename(modelPath, '.onnx');
  writeFileSync(path.join(dir, `${name}.model.json`), JSON.stringify(sidecar));
  writeFileSync(path.join(dir, `${name}.onnx`), readFileSync(modelPath));
  return path.join(dir, `${name}.onnx`);
}

async function scoreSeconds(modelPath: string, faces: ScoreItem[], batch: number): Promise<number> {
  const engine = await InferenceEngine.start({ modelPath, provider: 'cpu' });
  try {
    await engine.score(faces.slice(0, Math.min(batch, faces.length))); // warm-up
    const started = performance.now();
    for (let i = 0; i < faces.length; i += batch) await engine.score(faces.slice(i, i + batch));
    return (performance.now() - started) / 1000;
  } finally {
    await engine.close();
  }
}

async function main(): Promise<void> {
  const modelPath = path.resolve(ROOT, args.model!);
  const listPath = path.resolve(ROOT, args.list!);
  const images = readFileSync(listPath, 'utf8').trim().split('\n').map((line) => path.join(path.dirname(listPath), line.split(' ')[0]!));
  const repeat = Math.max(1, Number(args.repeat));
  const batch = Math.max(1, Number(args.batch));
  const loadStart = loadavg()[0]!;
  const detector = await FaceDetector.open(['cpu']);
  const detectRuns: number[] = [];
  let faces: ScoreItem[] = [];
  try {
    await detector.detect(await decodeOriented(readFileSync(images[0]!))); // warm-up
    for (let r = 0; r < repeat; r++) {
      const found: ScoreItem[] = [];
      const started = performance.now();
      for (const file of images) {
        for (const face of await detector.detect(await decodeOriented(readFileSync(file)))) found.push({ key: found.length, path: file, face: { keypoints: face.keypoints } });
      }
      detectRuns.push((performance.now() - started) / 1000);
      faces = found;
    }
  } finally {
    await detector.close();
  }
  const lean = withoutAppearance(modelPath);
  const fullRuns: number[] = [];
  const leanRuns: number[] = [];
  for (let r = 0; r < repeat; r++) {
    fullRuns.push(await scoreSeconds(modelPath, faces, batch));
    leanRuns.push(await scoreSeconds(lean, faces, batch));
  }
  const detect = median(detectRuns), full = median(fullRuns), leanS = median(leanRuns);
  const result = {
    model: path.basename(modelPath), list: path.relative(ROOT, listPath), images: images.length, faces: faces.length, repeat, batch,
    load_1min_start: +loadStart.toFixed(2), load_1min_end: +loadavg()[0]!.toFixed(2), cores: (await import('node:os')).cpus().length,
    detect_seconds: +detect.toFixed(3), detect_ms_per_image: +(1000 * detect / images.length).toFixed(2),
    score_seconds: +full.toFixed(3), score_ms_per_face: +(1000 * full / Math.max(1, faces.length)).toFixed(2),
    score_without_appearance_seconds: +leanS.toFixed(3), score_without_appearance_ms_per_face: +(1000 * leanS / Math.max(1, faces.length)).toFixed(2),
    appearance_ms_per_face: +(1000 * (full - leanS) / Math.max(1, faces.length)).toFixed(2),
    detect_share: +(detect / (detect + full)).toFixed(3), appearance_share: +((full - leanS) / (detect + full)).toFixed(3),
  };
  console.log(`load ${result.load_1min_start} → ${result.load_1min_end} (1 min), ${result.cores} cores, median of ${repeat}`);
  console.log(`| stage | seconds | per item | share of detect + score |`);
  console.log(`|---|---|---|---|`);
  console.log(`| detect (${images.length} images, ${faces.length} faces found) | ${detect.toFixed(2)} | ${result.detect_ms_per_image} ms/image | ${(100 * result.detect_share).toFixed(1)} % |`);
  console.log(`| score with the full domain check | ${full.toFixed(2)} | ${result.score_ms_per_face} ms/face | ${(100 * (1 - result.detect_share)).toFixed(1)} % |`);
  console.log(`| … of it, the appearance view | ${(full - leanS).toFixed(2)} | ${result.appearance_ms_per_face} ms/face | ${(100 * result.appearance_share).toFixed(1)} % |`);
  console.log(`| score without the appearance view | ${leanS.toFixed(2)} | ${result.score_without_appearance_ms_per_face} ms/face | |`);
  const out = path.join(HERE, 'results');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `faces-${path.basename(modelPath, '.onnx')}.json`);
  writeFileSync(file, JSON.stringify({ ...result, runs: { detect: detectRuns, score: fullRuns, score_without_appearance: leanRuns } }, null, 1) + '\n');
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
