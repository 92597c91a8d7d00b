// Inspects a third-party ONNX graph for `uad model init`: session metadata, the declared input checked before
// anything runs, one trial run on a batch of 2, then the model.json sidecar. Runs inside the memory-capped
// child process of electron/cli/model-trial.ts, never in the CLI process itself. Node side (CLI).
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { MAX_IMAGE_SIZE, parseSidecar, SidecarError, unusableTensorName, type IoSpec } from '../../common/model/sidecar.js';
import { sha256File } from '../onnx/model-files.js';
import { DECISION_RULE } from '../../common/metrics/decision.js';

export interface InitOptions {
  input?: string; score?: string; logits?: string; attackIndex?: number; higherMeans: 'attack' | 'live';
  size?: number; layout?: 'NCHW' | 'NHWC'; mean: [number, number, number]; std: [number, number, number];
  rescale: number; colourOrder: 'RGB' | 'BGR'; interpolation: string; resizeMode: string; embedding?: string;
  name?: string; note?: string;
}

type Meta = { name: string; isTensor: boolean; type?: string; shape?: readonly (number | string)[] };

function shapeText(dims: readonly (number | string)[]): string {
  return `[${dims.map((d) => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d !== '' ? d : '?')).join(', ')}]`;
}

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
  if (resolved > MAX_IMAGE_SIZE) throw new Error(`the input is ${resolved}×${resolved} (shape ${shapeText(dims)}): the workbench feeds at most ${MAX_IMAGE_SIZE}×${MAX_IMAGE_SIZE}; nothing was run`);
  return { size: resolved, layout: chosen };
}

async function openSession(modelPath: string): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (err) {
    throw new Error(`cannot open ${modelPath} with onnxruntime: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** The image input: named by --input or the only one; a float32 tensor whose declared size the workbench can feed. */
function chooseInput(inputs: readonly Meta[], o: InitOptions): { name: string; meta: Meta; size: number; layout: 'NCHW' | 'NHWC' } {
  const name = o.input ?? (inputs.length === 1 ? inputs[0]!.name : undefined);
  if (!name) throw new Error(`the graph has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}): name the image one with --input`);
  const meta = inputs.find((i) => i.name === name);
  if (!meta) throw new Error(`no input '${name}' (inputs: ${inputs.map((i) => i.name).join(', ')})`);
  if (inputs.length > 1) throw new Error(`the graph needs ${inputs.length} inputs; the workbench feeds only the image`);
  const unusable = unusableTensorName(name);
  if (unusable) throw new Error(`input ${unusable}`);
  if (!meta.isTensor || meta.type !== 'float32') throw new Error(`input '${name}' must be a float32 tensor, it is ${meta.type ?? 'not a tensor'}`);
  return { name, meta, ...inputGeometry(meta.shape ?? [], o.size, o.layout) };
}

/** The outputs to fetch (score, then embedding), each present in the graph and fetchable by name. */
function chooseOutputs(outputs: readonly Meta[], o: InitOptions): string[] {
  const wanted = [...new Set([(o.score ?? o.logits)!, ...(o.embedding ? [o.embedding] : [])])];
  for (const name of wanted) {
    if (!outputs.some((m) => m.name === name)) throw new Error(`no output '${name}' (outputs: ${describeOutputs(outputs)})`);
    const unusable = unusableTensorName(name);
    if (unusable) throw new Error(`output ${unusable}`);
  }
  return wanted;
}

/** One run on a batch of 2 mid-grey images: the actual output widths, and that batching works. */
async function trialRun(session: ort.InferenceSession, input: { name: string; size: number; layout: 'NCHW' | 'NHWC' }, fetched: string[]): Promise<Map<string, ort.Tensor>> {
  const { name, size, layout } = input;
  const dims = layout === 'NCHW' ? [2, 3, size, size] : [2, size, size, 3];
  try {
    const feeds = new Map([[name, new ort.Tensor('float32', new Float32Array(6 * size * size).fill(0.5), dims)]]);
    const result = await session.run(Object.fromEntries(feeds), fetched);
    return new Map(fetched.map((f) => [f, result[f]!] as const));
  } catch (err) {
    throw new Error(`a trial run on a batch of 2 failed (is the batch axis fixed?): ${(err as Error).message.split('\n')[0]}`);
  }
}

/** The score output's values per image, checked against --score / --logits and --attack-index. */
function scoreWidth(tensor: ort.Tensor, output: string, o: InitOptions): number {
  if (tensor.type !== 'float32') throw new Error(`output '${output}' must be float32, it is ${tensor.type}`);
  if (tensor.dims[0] !== 2) throw new Error(`output '${output}' has shape ${shapeText(tensor.dims)}: its first axis must be the batch`);
  const width = tensor.data.length / 2;
  const index = o.attackIndex ?? null;
  if (o.logits && width < 2) throw new Error(`--logits ${output} has ${width} value per image: class logits need ≥ 2 (use --score for a probability)`);
  if (o.score && width > 1 && index === null) throw new Error(`--score ${output} has ${width} values per image: pick the attack column with --attack-index`);
  if (index !== null && index >= width) throw new Error(`--attack-index ${index} is out of range: '${output}' has ${width} values per image`);
  if (o.score) {
    const values = Array.from(tensor.data as Float32Array);
    if (values.some((x) => !(x >= 0 && x <= 1))) throw new Error(`--score ${output} gave ${values.slice(0, 4).map((x) => x.toPrecision(4)).join(', ')} on a trial batch: a probability lies in [0, 1] (class logits need --logits)`);
  }
  return width;
}

interface Inspected { input: { name: string; meta: Meta; size: number; layout: 'NCHW' | 'NHWC' }; outputs: readonly Meta[]; scoreOutput: string; width: number; embeddingWidth: number | null }

/** The model.json of an inspected graph, as `parseSidecar` will read it back. */
async function buildSidecar(modelPath: string, o: InitOptions, g: Inspected): Promise<Record<string, unknown>> {
  const { input, scoreOutput, width } = g;
  const index = o.attackIndex ?? null;
  const classCount = o.logits ? width : 2;
  const attackIndex = o.logits ? index! : 1;
  const names = Array.from({ length: classCount }, (_, i) => (i === attackIndex ? 'attack' : classCount === 2 ? 'live' : `class ${i}`));
  const io: IoSpec = {
    input: input.name, layout: input.layout,
    score: { output: scoreOutput, kind: o.logits ? 'logits' : 'probability', index, higher_means: o.logits ? 'attack' : o.higherMeans },
    logits: scoreOutput, embedding: o.embedding ?? null,
  };
  const size = input.size;
  return {
    name: o.name ?? path.basename(modelPath).replace(/\.onnx$/i, ''),
    version: '0',
    format: 'uad-workbench-model/1',
    architecture: { family: 'third-party', variant: 'third-party', image_size: size },
    moe: null,
    routing_note: 'this model has no Soft-MoE routing outputs',
    classes: { names, prompts: [], attack_index: attackIndex },
    inputs: [{ name: input.name, shape: input.meta.shape?.map((d, i) => (i === 0 ? 'B' : d)) ?? [], dtype: 'float32' }],
    outputs: g.outputs.map((m) => ({ name: m.name, shape: m.shape ?? [] })),
    preprocessing: {
      resize: size, resize_mode: o.resizeMode, interpolation: o.interpolation, crop: size, crop_mode: 'center',
      rescale: o.rescale, mean: o.mean, std: o.std, colour_order: o.colourOrder, layout: input.layout,
    },
    io,
    score: {
      output: scoreOutput, range: [0, 1], higher_means: 'attack',
      definition: o.logits ? `softmax(${scoreOutput})[:, ${index}]`
        : `${o.higherMeans === 'live' ? '1 − ' : ''}${scoreOutput}${index !== null ? `[:, ${index}]` : ''}`,
      decision: DECISION_RULE,
    },
    thresholds: [],
    training: { note: o.note ?? 'unknown: a third-party model; its training data and metrics were not given' },
    metrics: {},
    ...(g.embeddingWidth !== null ? { embedding_dim: g.embeddingWidth } : {}),
    source: { file: path.basename(modelPath), inspected_by: 'uad model init', note: o.note ?? null },
    onnx_file: path.basename(modelPath),
    sha256: await sha256File(modelPath),
  };
}

/** Opens the graph, checks what it declares, runs it once and returns its sidecar (validated). */
export async function inspect(modelPath: string, o: InitOptions): Promise<Record<string, unknown>> {
  const session = await openSession(modelPath);
  try {
    const outputs = session.outputMetadata as readonly Meta[];
    const input = chooseInput(session.inputMetadata as readonly Meta[], o);
    const fetched = chooseOutputs(outputs, o);
    const result = await trialRun(session, input, fetched);
    const scoreOutput = fetched[0]!;
    const width = scoreWidth(result.get(scoreOutput)!, scoreOutput, o);
    const embeddingWidth = o.embedding ? result.get(o.embedding)!.data.length / 2 : null;
    const sidecar = await buildSidecar(modelPath, o, { input, outputs, scoreOutput, width, embeddingWidth });
    parseSidecar(sidecar); // what the app will read back
    return sidecar;
  } catch (err) {
    if (err instanceof SidecarError) throw new Error(`the sidecar would be invalid: ${err.message}`);
    throw err;
  } finally {
    await session.release();
  }
}
