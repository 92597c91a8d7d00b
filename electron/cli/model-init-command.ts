// `uad model init <model.onnx> [--input NAME] [--score OUTPUT | --logits OUTPUT --attack-index K] …`: inspects a
// third-party ONNX graph (onnxruntime-node session metadata plus one trial run, in a memory-capped child process:
// electron/cli/model-trial.ts) and writes its model.json sidecar. Node side (CLI).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { inRange, PREPROCESSING_RANGES, type IoSpec } from '../../common/model/sidecar.js';
import type { InitOptions } from './model-inspect.js';
import { defaultTrialMemoryMiB, inspectBounded } from './model-trial.js';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';

const USAGE = `usage: uad model init <model.onnx> [--input NAME] [--score OUTPUT [--higher-means attack|live] | --logits OUTPUT --attack-index K]
                      [--size N] [--layout NCHW|NHWC] [--mean M[,M,M]] [--std S[,S,S]] [--rescale R] [--colour-order RGB|BGR]
                      [--interpolation bilinear|bicubic|nearest|lanczos] [--resize-mode exact|shorter_side] [--embedding OUTPUT]
                      [--name NAME] [--note TEXT] [--trial-memory MiB] [--out FILE] [--force] [--json]

Writes <model>.model.json beside the model (or --out) so the workbench can open it. Pixels are rescaled
(default 1/255: [0, 1]), then (x - mean) / std per channel (default mean 0, std 1).
--score names an output holding a probability (one value per image, or pick a column with --attack-index);
--higher-means live flips it. --logits names a class-logit output; the attack score is softmax(logits)[K].
The graph is opened and run once on a batch of 2 in a child process that may use at most --trial-memory MiB
beyond the runtime itself (default 256 plus 3× the model file); a model that needs more is refused.

examples:
  uad model init detector.onnx --score prob --size 224 --mean 0.485,0.456,0.406 --std 0.229,0.224,0.225
  uad model init classifier.onnx --logits logits --attack-index 1 --json

exit status: 0 sidecar written, 1 the model cannot be read or does not fit the options, 2 bad usage`;

class UsageError extends Error {}

function triple(value: string | undefined, fallback: number, what: 'mean' | 'std'): [number, number, number] {
  if (value === undefined) return [fallback, fallback, fallback];
  const parts = value.split(',').map((v) => Number(v.trim()));
  if (!(parts.length === 1 || parts.length === 3) || parts.some((v) => !Number.isFinite(v))) {
    throw new UsageError(`--${what} takes one number or three comma-separated numbers, got '${value}'`);
  }
  const out = (parts.length === 1 ? [parts[0]!, parts[0]!, parts[0]!] : parts) as [number, number, number];
  out.forEach((v) => inRangeOrUsage(v, `--${what}`, PREPROCESSING_RANGES[what]));
  return out;
}

function inRangeOrUsage(value: number, what: string, range: { min: number; max: number }): number {
  try {
    return inRange(value, what, range);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export async function runModelInitCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        input: { type: 'string' }, score: { type: 'string' }, logits: { type: 'string' }, 'attack-index': { type: 'string' },
        'higher-means': { type: 'string' }, size: { type: 'string' }, layout: { type: 'string' }, mean: { type: 'string' },
        std: { type: 'string' }, rescale: { type: 'string' }, 'colour-order': { type: 'string' }, interpolation: { type: 'string' },
        'resize-mode': { type: 'string' }, embedding: { type: 'string' }, name: { type: 'string' }, note: { type: 'string' },
        'trial-memory': { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`uad model: ${shown((err as Error).message)}\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  if (v.help) { console.log(USAGE); return 0; }
  if (positionals[0] !== 'init' || positionals.length !== 2) {
    console.error(`uad model: the subcommand is 'init <model.onnx>'\n${USAGE}`);
    return 2;
  }
  let options;
  try {
    options = checkOptions(v);
  } catch (err) {
    if (err instanceof UsageError) { console.error(`uad model init: ${shown(err.message)}\n${USAGE}`); return 2; }
    throw err;
  }
  const modelPath = path.resolve(positionals[1]!);
  const out = path.resolve(v.out ?? modelPath.replace(/\.onnx$/i, '') + '.model.json');
  if (existsSync(out) && !v.force) {
    console.error(`uad model init: ${shown(out)} exists (give --force to replace it)`);
    return 1;
  }
  try {
    const trialMemory = options.trialMemoryMiB ?? defaultTrialMemoryMiB(modelPath);
    const sidecar = await inspectBounded(modelPath, options.init, trialMemory);
    await writeFile(out, JSON.stringify(sidecar, null, 1) + '\n');
    const io = sidecar.io as IoSpec;
    const summary = { sidecar: out, name: sidecar.name, input: io.input, layout: io.layout, size: (sidecar.preprocessing as { crop: number }).crop, score: io.score, embedding: io.embedding, routing: 'none: this model has no Soft-MoE routing outputs' };
    if (v.json) console.log(jsonForDisplay(summary));
    else console.log(`wrote ${shown(out)}\n  input ${shown(io.input)} ${io.layout} ${summary.size}×${summary.size}; score ${io.score.kind} from ${shown(io.score.output)}${io.score.index !== null ? `[${io.score.index}]` : ''}, higher means ${io.score.higher_means}; embedding ${io.embedding === null || io.embedding === undefined ? 'none' : shown(io.embedding)}; no Soft-MoE routing outputs`);
    return 0;
  } catch (err) {
    console.error(`uad model init: ${shown((err as Error).message)}`);
    return 1;
  }
}

function checkOptions(v: Record<string, string | boolean | undefined>): { init: InitOptions; trialMemoryMiB?: number } {
  const str = (k: string) => v[k] as string | undefined;
  if (str('score') && str('logits')) throw new UsageError('give --score or --logits, not both');
  if (!str('score') && !str('logits')) throw new UsageError('name the output that scores an image: --score OUTPUT or --logits OUTPUT --attack-index K');
  const intOf = (k: string, min: number): number | undefined => {
    const raw = str(k);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > 8192) throw new UsageError(`--${k} must be an integer ≥ ${min}, got '${raw}'`);
    return n;
  };
  const attackIndex = intOf('attack-index', 0);
  if (str('logits') && attackIndex === undefined) throw new UsageError('--logits needs --attack-index K (the attack class column)');
  const pick = <T extends string>(k: string, allowed: readonly T[], fallback?: T): T | undefined => {
    const raw = str(k);
    if (raw === undefined) return fallback;
    if (!allowed.includes(raw as T)) throw new UsageError(`--${k} must be one of ${allowed.join(', ')}`);
    return raw as T;
  };
  const std = triple(str('std'), 1, 'std');
  const rescale = str('rescale') === undefined ? 1 / 255 : inRangeOrUsage(Number(str('rescale')), '--rescale', PREPROCESSING_RANGES.rescale);
  const trialRaw = str('trial-memory');
  const trialMemoryMiB = trialRaw === undefined ? undefined : Number(trialRaw);
  if (trialMemoryMiB !== undefined && !(Number.isInteger(trialMemoryMiB) && trialMemoryMiB >= 64 && trialMemoryMiB <= 1 << 20)) {
    throw new UsageError(`--trial-memory must be a whole number of MiB from 64 to 1048576, got '${trialRaw}'`);
  }
  const init: InitOptions = {
    input: str('input'), score: str('score'), logits: str('logits'), attackIndex,
    higherMeans: pick('higher-means', ['attack', 'live'] as const, 'attack')!,
    size: intOf('size', 1), layout: pick('layout', ['NCHW', 'NHWC'] as const),
    mean: triple(str('mean'), 0, 'mean'), std, rescale,
    colourOrder: pick('colour-order', ['RGB', 'BGR'] as const, 'RGB')!,
    interpolation: pick('interpolation', ['bilinear', 'bicubic', 'nearest', 'lanczos'] as const, 'bilinear')!,
    resizeMode: pick('resize-mode', ['exact', 'shorter_side'] as const, 'exact')!,
    embedding: str('embedding'), name: str('name'), note: str('note'),
  };
  return { init, ...(trialMemoryMiB !== undefined ? { trialMemoryMiB } : {}) };
}
