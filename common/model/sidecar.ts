// The model contract's sidecar (model.json): types and validation of untrusted JSON (ARCHITECTURE.md §3).
// Pure shared code (common/): the TypeScript side's only source of preprocessing constants and shapes.
import { readDomainBlock, type DomainBlock } from './domain-validity.js';
import { parseFaceSpec, type FaceSpec } from './face-domain.js';

export interface MoeSpec {
  layers: number[];
  experts: number;
  slots: number;
  weighting: 'softmax' | 'linear';
  placement: 'parallel' | 'replace';
  phi?: string | null;
  norm_axis?: string | null;
  expert_width?: number;
}

export interface PreprocessingSpec {
  /** Target of the shorter side (resize_mode 'shorter_side') or both sides ('exact'). */
  resize: number;
  resize_mode: 'shorter_side' | 'exact';
  interpolation: 'nearest' | 'bilinear' | 'bicubic' | 'lanczos';
  crop: number;
  crop_mode: 'center';
  rescale: number;
  mean: [number, number, number];
  std: [number, number, number];
  colour_order: 'RGB' | 'BGR';
  /** Face detection and alignment for photographs; absent = the model does not say. */
  face?: FaceSpec;
}

/**
 * How the graph's tensors map onto the contract (absent in our own exports: the contract's names apply).
 * Third-party models (`uad model init`) name their input, layout and score output here.
 */
export interface IoSpec {
  /** The image input's name. */
  input: string;
  layout: 'NCHW' | 'NHWC';
  /**
   * The attack score: `probability` = the output's value (its column `index` when it has several), flipped to
   * 1 − p when higher means live; `logits` = softmax over the output's row, column `index`.
   */
  score: { output: string; kind: 'probability' | 'logits'; index: number | null; higher_means: 'attack' | 'live' };
  /** The output kept as the sample's logits (its raw row); the score output when the model has no logits. */
  logits: string;
  /** Embedding output, or null (then embedding-based views say the model has none). */
  embedding: string | null;
}

export const CONTRACT_IO: IoSpec = {
  input: 'pixel_values', layout: 'NCHW',
  score: { output: 'attack_score', kind: 'probability', index: null, higher_means: 'attack' },
  logits: 'logits', embedding: 'embedding',
};

export interface ModelSidecar {
  name: string;
  version: string;
  architecture: {
    variant: string;
    image_size: number;
    patch_size: number;
    grid: [number, number];
    tokens: number;
    width?: number;
    depth?: number;
    heads?: number;
    [key: string]: unknown;
  };
  moe: MoeSpec | null;
  classes: { names: string[]; prompts: string[]; attack_index: number };
  preprocessing: PreprocessingSpec;
  /** Graph names and score semantics (CONTRACT_IO when the file has no `io` block). */
  io: IoSpec;
  score?: Record<string, unknown>;
  training?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  exporter?: Record<string, unknown>;
  /** SHA-256 of the .onnx file, hex. */
  sha256?: string;
  /** Reference statistics of `embedding` for the domain check, or why they are unusable; absent = domain unknown. */
  domain?: DomainBlock;
  [key: string]: unknown;
}

export class SidecarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SidecarError';
  }
}

type Json = Record<string, unknown>;

function record(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SidecarError(`${where} must be an object`);
  return value as Json;
}

function positiveInt(value: unknown, where: string, max = 1 << 20): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > max) {
    throw new SidecarError(`${where} must be a positive integer (≤ ${max}), got ${JSON.stringify(value)}`);
  }
  return value;
}

function finite(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SidecarError(`${where} must be a finite number`);
  return value;
}

/**
 * Sane ranges of the preprocessing numbers: outside them (a subnormal std, a rescale of 1e308) every pixel
 * becomes ±Infinity or NaN and so does every score. One definition, used by the sidecar and `uad model init`.
 */
export const PREPROCESSING_RANGES = {
  rescale: { min: 1e-9, max: 1e6 },
  mean: { min: -1e6, max: 1e6 },
  std: { min: 1e-6, max: 1e6 },
} as const;

/** The largest square model input (pixels a side) the workbench feeds. */
export const MAX_IMAGE_SIZE = 4096;

/** A finite number within [min, max], or an error naming the field and the range. */
export function inRange(value: unknown, where: string, range: { min: number; max: number }): number {
  const n = finite(value, where);
  if (n < range.min || n > range.max) throw new SidecarError(`${where} must lie in [${range.min}, ${range.max}], got ${n}`);
  return n;
}

function triple(value: unknown, where: string, range: { min: number; max: number }): [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3) throw new SidecarError(`${where} must be a list of 3 numbers`);
  return value.map((v, i) => inRange(v, `${where}[${i}]`, range)) as [number, number, number];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string, fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new SidecarError(`${where} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** Validates a parsed model.json; throws SidecarError naming the first offending field. */
export function parseSidecar(input: unknown): ModelSidecar {
  const root = record(input, 'model.json');
  if (typeof root.name !== 'string' || root.name === '') throw new SidecarError('name must be a non-empty string');
  const arch = record(root.architecture, 'architecture');
  const imageSize = positiveInt(arch.image_size, 'architecture.image_size', MAX_IMAGE_SIZE);
  // a model without patch tokens (a CNN) may leave patch_size out: one cell, no routing to place on a grid
  const hasMoe = root.moe !== null && root.moe !== undefined;
  const patch = arch.patch_size === undefined && !hasMoe ? imageSize : positiveInt(arch.patch_size, 'architecture.patch_size', 1024);
  const gridSide = Math.floor(imageSize / patch);
  const grid = Array.isArray(arch.grid) ? (arch.grid.map((g, i) => positiveInt(g, `architecture.grid[${i}]`, 4096)) as [number, number]) : [gridSide, gridSide] as [number, number];
  const tokens = arch.tokens === undefined ? grid[0] * grid[1] + 1 : positiveInt(arch.tokens, 'architecture.tokens');
  if (tokens !== grid[0] * grid[1] + 1) throw new SidecarError(`architecture.tokens (${tokens}) must equal grid cells + 1 CLS (${grid[0] * grid[1] + 1})`);

  let moe: MoeSpec | null = null;
  if (root.moe !== null && root.moe !== undefined) {
    const m = record(root.moe, 'moe');
    if (!Array.isArray(m.layers)) throw new SidecarError('moe.layers must be a list of layer indices');
    moe = {
      ...m,
      layers: m.layers.map((l, i) => { if (typeof l !== 'number' || !Number.isInteger(l) || l < 0) throw new SidecarError(`moe.layers[${i}] must be a layer index`); return l; }),
      experts: positiveInt(m.experts, 'moe.experts', 256),
      slots: positiveInt(m.slots, 'moe.slots', 65536),
      weighting: oneOf(m.weighting, ['softmax', 'linear'] as const, 'moe.weighting'),
      placement: oneOf(m.placement, ['parallel', 'replace'] as const, 'moe.placement', 'parallel'),
    };
  }

  const classes = record(root.classes, 'classes');
  const names = Array.isArray(classes.names) ? classes.names.map(String) : [];
  if (names.length < 2) throw new SidecarError('classes.names must list at least 2 classes');
  const attackIndex = typeof classes.attack_index === 'number' ? classes.attack_index : 1;
  if (!Number.isInteger(attackIndex) || attackIndex < 0 || attackIndex >= names.length) throw new SidecarError('classes.attack_index is out of range');

  const pre = record(root.preprocessing, 'preprocessing');
  const preprocessing: PreprocessingSpec = {
    resize: positiveInt(pre.resize, 'preprocessing.resize', 8192),
    resize_mode: oneOf(pre.resize_mode, ['shorter_side', 'exact'] as const, 'preprocessing.resize_mode', 'shorter_side'),
    interpolation: oneOf(pre.interpolation, ['nearest', 'bilinear', 'bicubic', 'lanczos'] as const, 'preprocessing.interpolation', 'bicubic'),
    crop: positiveInt(pre.crop ?? imageSize, 'preprocessing.crop', 8192),
    crop_mode: oneOf(pre.crop_mode, ['center'] as const, 'preprocessing.crop_mode', 'center'),
    rescale: pre.rescale === undefined ? 1 / 255 : inRange(pre.rescale, 'preprocessing.rescale', PREPROCESSING_RANGES.rescale),
    mean: triple(pre.mean, 'preprocessing.mean', PREPROCESSING_RANGES.mean),
    std: triple(pre.std, 'preprocessing.std', PREPROCESSING_RANGES.std),
    colour_order: oneOf(pre.colour_order, ['RGB', 'BGR'] as const, 'preprocessing.colour_order', 'RGB'),
  };
  let face: FaceSpec | undefined;
  try {
    face = parseFaceSpec(pre.face);
  } catch (err) {
    throw new SidecarError((err as Error).message);
  }
  // A bad domain block does not refuse the model: its verdicts are all "unknown" with the reason.
  const domain = readDomainBlock(root.domain);
  if (face) preprocessing.face = face;
  if (preprocessing.crop !== imageSize) throw new SidecarError(`preprocessing.crop (${preprocessing.crop}) must equal architecture.image_size (${imageSize})`);
  if (preprocessing.resize < preprocessing.crop) throw new SidecarError('preprocessing.resize must be ≥ crop');
  if (root.sha256 !== undefined && (typeof root.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(root.sha256))) {
    throw new SidecarError('sha256 must be 64 lowercase hex digits');
  }

  const io = parseIo(root.io);
  if (io.score.kind === 'logits' && io.score.index === null) throw new SidecarError('io.score.index is required for logits');
  if (io.score.index !== null && io.score.index >= names.length && io.score.kind === 'logits') {
    throw new SidecarError(`io.score.index (${io.score.index}) is out of range for ${names.length} classes`);
  }

  return {
    ...root,
    name: root.name,
    version: String(root.version ?? '0'),
    architecture: { ...arch, variant: String(arch.variant ?? (moe ? (moe.weighting === 'linear' ? 'lasoftmoe' : 'softmoe') : 'dense')), image_size: imageSize, patch_size: patch, grid, tokens },
    moe,
    classes: { names, prompts: Array.isArray(classes.prompts) ? classes.prompts.map(String) : [], attack_index: attackIndex },
    preprocessing,
    domain,
    io,
  } as ModelSidecar;
}

/**
 * Why a graph's tensor name cannot be fed or fetched, or null when it can. onnxruntime's JavaScript API keys
 * feeds and fetches by name in plain objects, where `__proto__` sets the prototype instead of a key.
 */
export function unusableTensorName(name: string): string | null {
  if (name === '' || name.length > 256) return 'a tensor name is 1 to 256 characters';
  if (name === '__proto__') return "'__proto__' cannot be fed or fetched through onnxruntime's JavaScript API (rename it in the graph)";
  return null;
}

function outputName(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new SidecarError(`${where} must be a tensor name`);
  const problem = unusableTensorName(value);
  if (problem) throw new SidecarError(`${where} must be a tensor name: ${problem}`);
  return value;
}

function parseIo(value: unknown): IoSpec {
  if (value === undefined || value === null) return CONTRACT_IO;
  const io = record(value, 'io');
  const score = record(io.score, 'io.score');
  const index = score.index === undefined || score.index === null ? null : positiveIntOrZero(score.index, 'io.score.index');
  const scoreOutput = outputName(score.output, 'io.score.output');
  return {
    input: outputName(io.input, 'io.input'),
    layout: oneOf(io.layout, ['NCHW', 'NHWC'] as const, 'io.layout', 'NCHW'),
    score: {
      output: scoreOutput,
      kind: oneOf(score.kind, ['probability', 'logits'] as const, 'io.score.kind'),
      index,
      higher_means: oneOf(score.higher_means, ['attack', 'live'] as const, 'io.score.higher_means', 'attack'),
    },
    logits: io.logits === undefined || io.logits === null ? scoreOutput : outputName(io.logits, 'io.logits'),
    embedding: io.embedding === undefined || io.embedding === null ? null : outputName(io.embedding, 'io.embedding'),
  };
}

function positiveIntOrZero(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1 << 20) throw new SidecarError(`${where} must be an integer ≥ 0`);
  return value;
}

/**
 * Attack score of one sample from its score-output row (ARCHITECTURE.md §3 score semantics, as the sidecar's io says):
 * a probability (one value, or column `index`), flipped when higher means live; or softmax(logits)[index].
 */
export function attackScoreOf(row: ArrayLike<number>, score: IoSpec['score']): number {
  if (score.kind === 'logits') {
    let max = -Infinity;
    for (let i = 0; i < row.length; i++) max = Math.max(max, row[i]!);
    let total = 0;
    for (let i = 0; i < row.length; i++) total += Math.exp(row[i]! - max);
    const p = Math.exp(row[score.index ?? 0]! - max) / total;
    return score.higher_means === 'live' ? 1 - p : p;
  }
  const p = row[score.index ?? 0]!;
  return score.higher_means === 'live' ? 1 - p : p;
}

/** Class probabilities shown for a sample: softmax of logits, or [live, attack] from a probability. */
export function classProbabilities(row: ArrayLike<number>, score: IoSpec['score']): number[] {
  if (score.kind === 'probability') {
    const attack = attackScoreOf(row, score);
    return [1 - attack, attack];
  }
  const values = Array.from(row);
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / total);
}

/** Every output the app fetches from this model: score, logits, embedding (when named) and routing. */
export function requiredOutputs(sidecar: ModelSidecar): string[] {
  const io = sidecar.io;
  const routing = routingOutputNames(sidecar).flatMap((r) => [r.dispatch, r.combine]);
  return [...new Set([io.score.output, io.logits, ...(io.embedding ? [io.embedding] : []), ...routing])];
}

/** Names of the routing outputs the contract requires for a sidecar's MoE layers. */
export function routingOutputNames(sidecar: ModelSidecar): { layer: number; dispatch: string; combine: string }[] {
  return (sidecar.moe?.layers ?? []).map((layer) => ({ layer, dispatch: `moe${layer}_dispatch`, combine: `moe${layer}_combine` }));
}
