// `npm run bench:appearance-sides [-- --sides 160,128,112] [--data models/.work/synth-domain]`: how far the domain
// check's verdicts move when its appearance view runs below 224 px. For each bundled model and side, the domain
// statistics are refitted at that side with `uad domain-stats` (the README's data and settings, in a temp copy of the
// model), then the in/out verdicts of the fixtures' photographs (whole and their detected faces) and of the demo set
// (P1 dev + test) are compared with the bundled sidecar's (224 px); with the appearance network's cost per face.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runDomainStatsCommand } from '../../electron/cli/domain-stats-command.js';
import { AppearanceNetwork } from '../../electron/faces/appearance-network.js';
import { decodeOriented, FaceDetector } from '../../electron/faces/detector.js';
import { InferenceEngine } from '../../electron/inference/engine.js';
import type { ScoreItem } from '../../electron/inference/protocol.js';
import { loadModelFiles } from '../../electron/onnx/model-files.js';
import { preprocessImage } from '../../electron/onnx/preprocess.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({ options: {
  sides: { type: 'string', default: '160,128,112' },
  data: { type: 'string', default: path.join(REPO, 'models/.work/synth-domain') },
  models: { type: 'string', default: 'lasoftmoe-tiny,softmoe-tiny,dense-tiny' },
  /** Where each refitted sidecar is kept (`<model>-<side>.model.json`); by default they are dropped. */
  keep: { type: 'string' },
} });
const SIDES = args.sides!.split(',').map(Number);
const DATA = path.resolve(args.data!);
const DEMO = path.join(REPO, 'assets/demo');
const PHOTOS = path.join(REPO, 'test/fixtures/photos');

async function verdicts(modelPath: string, items: ScoreItem[]): Promise<boolean[]> {
  const engine = await InferenceEngine.start({ modelPath, provider: 'cpu' });
  try {
    const out: boolean[] = [];
    for (let i = 0; i < items.length; i += 32) {
      for (const item of (await engine.score(items.slice(i, i + 32))).items) {
        if (!item.ok || !item.domain?.known) throw new Error(`${items[item.key]?.path}: ${item.ok ? (item.domain && !item.domain.known ? item.domain.reason : 'no verdict') : item.reason}`);
        out.push(item.domain.inDomain);
      }
    }
    return out;
  } finally {
    await engine.close();
  }
}

/** ms per image of the appearance network alone at `side`, batches of 16, one thread. */
async function networkMs(side: number, modelPath: string, files: string[]): Promise<number> {
  const { sidecar } = await loadModelFiles(modelPath);
  const pre = sidecar.preprocessing;
  const plane = 3 * pre.crop * pre.crop;
  const pixels = new Float32Array(16 * plane);
  for (let i = 0; i < 16; i++) pixels.set((await preprocessImage(readFileSync(files[i % files.length]!), pre)).tensor, i * plane);
  const network = await AppearanceNetwork.open(['cpu'], 1);
  try {
    await network.pooled(pixels, 16, pre.crop, pre, side);
    const times: number[] = [];
    for (let r = 0; r < 7; r++) { const t0 = performance.now(); await network.pooled(pixels, 16, pre.crop, pre, side); times.push(performance.now() - t0); }
    return times.sort((a, b) => a - b)[3]! / 16;
  } finally {
    await network.close();
  }
}

async function main(): Promise<void> {
  const train = path.join(DATA, 'SynthUAD@p1_image_train.txt');
  const dev = path.join(DATA, 'SynthUAD@p1_image_dev.txt');
  if (!existsSync(train) || !existsSync(dev)) throw new Error(`no SynthUAD subset in ${DATA} (README "Domain check": python3 -m lasoftmoe.synth.subset)`);
  console.log(`load ${loadavg().map((v) => v.toFixed(2)).join(' ')} at start`);
  const photoFiles = ['astronaut.jpg', 'camera.jpg', 'chelsea.jpg', 'coffee.jpg', 'grace_hopper.jpg', 'flower_hat.jpg', 'ouster.png', 'qt-logo.jpg'].map((f) => path.join(PHOTOS, f));
  const fixtures: ScoreItem[] = photoFiles.map((p, key) => ({ key, path: p }));
  const detector = await FaceDetector.open(['cpu']);
  try {
    for (const file of photoFiles) {
      for (const face of await detector.detect(await decodeOriented(readFileSync(file)))) fixtures.push({ key: fixtures.length, path: file, face: { keypoints: face.keypoints } });
    }
  } finally {
    await detector.close();
  }
  const demo: ScoreItem[] = ['SynthUAD-demo@p1_image_dev.txt', 'SynthUAD-demo@p1_image_test.txt']
    .flatMap((list) => readFileSync(path.join(DEMO, list), 'utf8').trim().split('\n'))
    .map((line, key) => ({ key, path: path.join(DEMO, line.split(' ')[0]!) }));
  console.log(`fixtures: ${photoFiles.length} photographs whole + ${fixtures.length - photoFiles.length} detected faces; demo: ${demo.length} images (P1 dev + test)`);
  const rows: string[] = ['| model | side (px) | fixtures agreeing with 224 | fixtures outside | demo agreeing with 224 | demo inside |', '|---|---|---|---|---|---|'];
  for (const name of args.models!.split(',')) {
    const shipped = path.join(REPO, 'models', `${name}.onnx`);
    const base = { fixtures: await verdicts(shipped, fixtures), demo: await verdicts(shipped, demo) };
    const line = (side: number, v: typeof base) => {
      const agree = (a: boolean[], b: boolean[]) => a.filter((x, i) => x === b[i]).length;
      const row = `| \`${name}\` | ${side} | ${agree(v.fixtures, base.fixtures)} / ${v.fixtures.length} | ${v.fixtures.filter((x) => !x).length} | ` +
        `${agree(v.demo, base.demo)} / ${v.demo.length} (${(100 * agree(v.demo, base.demo) / v.demo.length).toFixed(1)} %) | ${v.demo.filter(Boolean).length} |`;
      rows.push(row);
      console.log(row);
    };
    line(224, base);
    for (const side of SIDES) {
      const dir = mkdtempSync(path.join(tmpdir(), 'uad-appearance-side-'));
      try {
        copyFileSync(shipped, path.join(dir, `${name}.onnx`));
        copyFileSync(shipped.replace(/\.onnx$/, '.model.json'), path.join(dir, `${name}.model.json`));
        const t0 = performance.now();
        const code = await runDomainStatsCommand(['--model', path.join(dir, `${name}.onnx`), '--train', train, '--reference', dev, '--image-root', DATA,
          '--percentile', '99.25', '--appearance-side', String(side), '--write']);
        if (code !== 0) throw new Error(`domain-stats at ${side} px exited ${code}`);
        console.log(`  refit of ${name} at ${side} px: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        if (args.keep) copyFileSync(path.join(dir, `${name}.model.json`), path.join(args.keep, `${name}-${side}.model.json`));
        line(side, { fixtures: await verdicts(path.join(dir, `${name}.onnx`), fixtures), demo: await verdicts(path.join(dir, `${name}.onnx`), demo) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const costs = [];
  for (const side of [224, ...SIDES]) costs.push(`${side} px ${(await networkMs(side, path.join(REPO, 'models/dense-tiny.onnx'), demo.map((d) => d.path))).toFixed(2)} ms`);
  console.log(`\n${rows.join('\n')}\n\nappearance network per image (B=16, 1 thread): ${costs.join(', ')}\nload ${loadavg().map((v) => v.toFixed(2)).join(' ')} at end`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exitCode = 1;
});
