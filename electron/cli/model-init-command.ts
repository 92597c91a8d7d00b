// `uad model init <model.onnx> [--input NAME] [--score OUTPUT | --logits OUTPUT --attack-index K] …`: inspects a
// third-party ONNX graph (onnxruntime-node session metadata plus one trial run) and writes its model.json sidecar.
// Node side (CLI).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { parseSidecar, SidecarError, type IoSpec } from '../../common/model/sidecar.js';
import { sha256File } from '../onnx/model-files.js';

const USAGE = `usage: uad model init <model.onnx> [--input NAME] [--score OUTPUT [--higher-means attack|live] | --logits OUTPUT --attack-index K]
                      [--size N] [--layout NCHW|NHWC] [--mean M[,M,M]] [--std S[,S,S]] [--rescale R] [--colour-order RGB|BGR]
                      [--interpolation bilinear|bicubic|nearest|lanczos] [--resize-mode exact|shorter_side] [--embedding OUTPUT]
                      [--name NAME] [--note TEXT] [--out FILE] [--force] [--json]

Writes <model>.model.json beside the model (or --out) so the workbench can open it. Pixels are rescaled
(default 1/255: [0, 1]), then (x - mean) / std per channel (default mean 0, std 1).
--score names an output holding a probability (one value per image, or pick a column with --attack-index);
--higher-means live flips it. --logits names a class-logit output; the attack score is softmax(logits)[K].

exit status: 0 sidecar written, 1 the model cannot be read or does not fit the options, 2 bad usage`;

class UsageError extends Error {}

function triple(value: string | undefined, fallback: number, what: string): [number, number, number] {
  if (value === undefined) return [fallback, fallback, fallback];
  const parts = value.split(',').map((v) => Number(v.trim()));
  if (!(parts.length === 1 || parts.length === 3) || parts.some((v) => !Number.isFinite(v))) {
    throw new UsageError(`--${what} takes one number or three comma-separated numbers, got '${value}'`);
  }
  return (parts.length === 1 ? [parts[0]!, parts[0]!, parts[0]!] : parts) as [number, number, number];
}

function shapeText(dims: readonly (number | string)[]): string {
  return `[${dims.map((d) => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d !== '' ? d : '?')).join(', ')}]`;
}

type Meta = { name: string; isTensor: boolean; type?: string; shape?: readonly (number | string)[] };

function describeOutputs(outputs: readonly Meta[]): string {
  return outputs.map((o) => `${o.name} ${o.isTensor ? `${o.type} ${shapeText(o.shape ?? [])}` : '(not a tensor)'}`).join('; ');
}

/** Image size and layout from a rank-4 input's shape: a 3 beside two equal spatial dims fixes the layout. */
function inputGeometry(dims: readonly (number | string)[], size: number | undefined, layout: string | undefined): { size: number; layout: 'NCHW' | 'NHWC' } {
  if (dims.length !== 4) throw new Error(`the image input must have rank 4 (batch, channels and two spatial axes), it has shape ${shapeText(dims)}`);
  const known = (d: number | string | undefined) => (typeof d === 'number' && d > 0 ? d : undefined);
  let chosen = layout as 'NCHW' | 'NHWC' | undefined;
  if (!chosen) {
    if (known(dims[1]) === 3 && known(dims[3]) !== 3) chosen = 'NCHW';
    else if (known(dims[3]) === 3 && known(dims[1]) !== 3) chosen = 'NHWC';
    else throw new Error(`cannot tell the layout of input shape ${shapeText(dims)}: give --layout NCHW or NHWC`);
  }
  const spatial = chosen === 'NCHW' ? [known(dims[2]), known(dims[3])] : [known(dims[1]), known(dims[2])];
  const channels = known(chosen === 'NCHW' ? dims[1] : dims[3]);
  if (channels !== undefined && channels !== 3) throw new Error(`the image input must have 3 colour channels, shape ${shapeText(dims)} has ${channels}`);
  if (spatial[0] !== undefined && spatial[1] !== undefined && spatial[0] !== spatial[1]) {
    throw new Error(`only square inputs are supported, shape ${shapeText(dims)} is ${spatial[0]}×${spatial[1]}`);
  }
  const fixed = spatial[0] ?? spatial[1];
  if (size !== undefined && fixed !== undefined && size !== fixed) throw new Error(`--size ${size} contradicts the input shape ${shapeText(dims)}`);
  const resolved = size ?? fixed;
  if (resolved === undefined) throw new Error(`the input's spatial size is dynamic (${shapeText(dims)}): give --size N`);
  return { size: resolved, layout: chosen };
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
        out: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`uad model: ${(err as Error).message}\n${USAGE}`);
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
    if (err instanceof UsageError) { console.error(`uad model init: ${err.message}\n${USAGE}`); return 2; }
    throw err;
  }
  const modelPath = path.resolve(positionals[1]!);
  const out = path.resolve(v.out ?? modelPath.replace(/\.onnx$/i, '') + '.model.json');
  if (existsSync(out) && !v.force) {
    console.error(`uad model init: ${out} exists (give --force to replace it)`);
    return 1;
  }
  try {
    const sidecar = await inspect(modelPath, options);
    await writeFile(out, JSON.stringify(sidecar, null, 1) + '\n');
    const io = sidecar.io as IoSpec;
    const summary = { sidecar: out, name: sidecar.name, input: io.input, layout: io.layout, size: (sidecar.preprocessing as { crop: number }).crop, score: io.score, embedding: io.embedding, routing: 'none: this model has no Soft-MoE routing outputs' };
    if (v.json) console.log(JSON.stringify(summary));
    else console.log(`wrote ${out}\n  input ${io.input} ${io.layout} ${summary.size}×${summary.size}; score ${io.score.kind} from ${io.score.output}${io.score.index !== null ? `[${io.score.index}]` : ''}, higher means ${io.score.higher_means}; embedding ${io.embedding ?? 'none'}; no Soft-MoE routing outputs`);
    return 0;
  } catch (err) {
    console.error(`uad model init: ${(err as Error).message}`);
    return 1;
  }
}

interface InitOptions {
  input?: string; score?: string; logits?: string; attackIndex?: number; higherMeans: 'attack' | 'live';
  size?: number; layout?: 'NCHW' | 'NHWC'; mean: [number, number, number]; std: [number, number, number];
  rescale: number; colourOrder: 'RGB' | 'BGR'; interpolation: string; resizeMode: string; embedding?: string;
  name?: string; note?: string;
}

function checkOptions(v: Record<string, string | boolean | undefined>): InitOptions {
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
  if (std.some((s) => s <= 0)) throw new UsageError('--std must be positive');
  const rescale = str('rescale') === undefined ? 1 / 255 : Number(str('rescale'));
  if (!Number.isFinite(rescale) || rescale <= 0) throw new UsageError('--rescale must be a positive number');
  return {
    input: str('input'), score: str('score'), logits: str('logits'), attackIndex,
    higherMeans: pick('higher-means', ['attack', 'live'] as const, 'attack')!,
    size: intOf('size', 1), layout: pick('layout', ['NCHW', 'NHWC'] as const),
    mean: triple(str('mean'), 0, 'mean'), std, rescale,
    colourOrder: pick('colour-order', ['RGB', 'BGR'] as const, 'RGB')!,
    interpolation: pick('interpolation', ['bilinear', 'bicubic', 'nearest', 'lanczos'] as const, 'bilinear')!,
    resizeMode: pick('resize-mode', ['exact', 'shorter_side'] as const, 'exact')!,
    embedding: str('embedding'), name: str('name'), note: str('note'),
  };
}

async function inspect(modelPath: string, o: InitOptions): Promise<Record<string, unknown>> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'], intraOpNumThreads: 1 });
  } catch (err) {
    throw new Error(`cannot open ${modelPath} with onnxruntime: ${(err as Error).message.split('\n')[0]}`);
  }
  try {
    const inputs = session.inputMetadata as readonly Meta[];
    const outputs = session.outputMetadata as readonly Meta[];
    const inputName = o.input ?? (inputs.length === 1 ? inputs[0]!.name : undefined);
    if (!inputName) throw new Error(`the graph has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}): name the image one with --input`);
    const input = inputs.find((i) => i.name === inputName);
    if (!input) throw new Error(`no input '${inputName}' (inputs: ${inputs.map((i) => i.name).join(', ')})`);
    if (inputs.length > 1) throw new Error(`the graph needs ${inputs.length} inputs; the workbench feeds only the image`);
    if (!input.isTensor || input.type !== 'float32') throw new Error(`input '${inputName}' must be a float32 tensor, it is ${input.type ?? 'not a tensor'}`);
    const { size, layout } = inputGeometry(input.shape ?? [], o.size, o.layout);
    const scoreOutput = (o.score ?? o.logits)!;
    for (const name of [scoreOutput, ...(o.embedding ? [o.embedding] : [])]) {
      if (!outputs.some((m) => m.name === name)) throw new Error(`no output '${name}' (outputs: ${describeOutputs(outputs)})`);
    }
    // one trial run on a batch of 2 mid-grey images: actual output widths, and that batching works
    const dims = layout === 'NCHW' ? [2, 3, size, size] : [2, size, size, 3];
    const fetched = [...new Set([scoreOutput, ...(o.embedding ? [o.embedding] : [])])];
    let result: ort.InferenceSession.OnnxValueMapType;
    try {
      result = await session.run({ [inputName]: new ort.Tensor('float32', new Float32Array(6 * size * size).fill(0.5), dims) }, fetched);
    } catch (err) {
      throw new Error(`a trial run on a batch of 2 failed (is the batch axis fixed?): ${(err as Error).message.split('\n')[0]}`);
    }
    const scoreTensor = result[scoreOutput]!;
    if (scoreTensor.type !== 'float32') throw new Error(`output '${scoreOutput}' must be float32, it is ${scoreTensor.type}`);
    if (scoreTensor.dims[0] !== 2) throw new Error(`output '${scoreOutput}' has shape ${shapeText(scoreTensor.dims)}: its first axis must be the batch`);
    const width = scoreTensor.data.length / 2;
    const index = o.attackIndex ?? null;
    if (o.logits && width < 2) throw new Error(`--logits ${scoreOutput} has ${width} value per image: class logits need ≥ 2 (use --score for a probability)`);
    if (o.score && width > 1 && index === null) throw new Error(`--score ${scoreOutput} has ${width} values per image: pick the attack column with --attack-index`);
    if (index !== null && index >= width) throw new Error(`--attack-index ${index} is out of range: '${scoreOutput}' has ${width} values per image`);
    if (o.score) {
      const values = Array.from(scoreTensor.data as Float32Array);
      if (values.some((x) => !(x >= 0 && x <= 1))) throw new Error(`--score ${scoreOutput} gave ${values.slice(0, 4).map((x) => x.toPrecision(4)).join(', ')} on a trial batch: a probability lies in [0, 1] (class logits need --logits)`);
    }
    const embeddingWidth = o.embedding ? result[o.embedding]!.data.length / 2 : null;
    const classCount = o.logits ? width : 2;
    const attackIndex = o.logits ? index! : 1;
    const names = Array.from({ length: classCount }, (_, i) => (i === attackIndex ? 'attack' : classCount === 2 ? 'live' : `class ${i}`));
    const io: IoSpec = {
      input: inputName, layout,
      score: { output: scoreOutput, kind: o.logits ? 'logits' : 'probability', index, higher_means: o.logits ? 'attack' : o.higherMeans },
      logits: scoreOutput, embedding: o.embedding ?? null,
    };
    const sidecar: Record<string, unknown> = {
      name: o.name ?? path.basename(modelPath).replace(/\.onnx$/i, ''),
      version: '0',
      format: 'uad-workbench-model/1',
      architecture: { family: 'third-party', variant: 'third-party', image_size: size },
      moe: null,
      routing_note: 'this model has no Soft-MoE routing outputs',
      classes: { names, prompts: [], attack_index: attackIndex },
      inputs: [{ name: inputName, shape: input.shape?.map((d, i) => (i === 0 ? 'B' : d)) ?? [], dtype: 'float32' }],
      outputs: outputs.map((m) => ({ name: m.name, shape: m.shape ?? [] })),
      preprocessing: {
        resize: size, resize_mode: o.resizeMode, interpolation: o.interpolation, crop: size, crop_mode: 'center',
        rescale: o.rescale, mean: o.mean, std: o.std, colour_order: o.colourOrder, layout,
      },
      io,
      score: {
        output: scoreOutput, range: [0, 1], higher_means: 'attack',
        definition: o.logits ? `softmax(${scoreOutput})[:, ${index}]`
          : `${o.higherMeans === 'live' ? '1 − ' : ''}${scoreOutput}${index !== null ? `[:, ${index}]` : ''}`,
        decision: 'attack when the score >= threshold',
      },
      thresholds: [],
      training: { note: o.note ?? 'unknown: a third-party model; its training data and metrics were not given' },
      metrics: {},
      ...(embeddingWidth !== null ? { embedding_dim: embeddingWidth } : {}),
      source: { file: path.basename(modelPath), inspected_by: 'uad model init', note: o.note ?? null },
      onnx_file: path.basename(modelPath),
      sha256: await sha256File(modelPath),
    };
    parseSidecar(sidecar); // what the app will read back
    return sidecar;
  } catch (err) {
    if (err instanceof SidecarError) throw new Error(`the sidecar would be invalid: ${err.message}`);
    throw err;
  } finally {
    await session.release();
  }
}
