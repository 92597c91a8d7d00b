// The model contract's sidecar (model.json): types and validation of untrusted JSON (DESIGN §3).
// Pure shared code (common/): the TypeScript side's only source of preprocessing constants and shapes.
import { parseDomainSpec, parseFaceSpec, type DomainSpec, type FaceSpec } from './face-domain.js';

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
  score?: Record<string, unknown>;
  training?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  exporter?: Record<string, unknown>;
  /** SHA-256 of the .onnx file, hex. */
  sha256?: string;
  /** Reference statistics of `embedding` for the domain check; absent = domain unknown. */
  domain?: DomainSpec;
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

function triple(value: unknown, where: string, positive: boolean): [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3) throw new SidecarError(`${where} must be a list of 3 numbers`);
  const out = value.map((v, i) => finite(v, `${where}[${i}]`)) as [number, number, number];
  if (positive && out.some((v) => v <= 0)) throw new SidecarError(`${where} must be positive`);
  return out;
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
  const imageSize = positiveInt(arch.image_size, 'architecture.image_size', 4096);
  const patch = positiveInt(arch.patch_size, 'architecture.patch_size', 1024);
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
    rescale: pre.rescale === undefined ? 1 / 255 : finite(pre.rescale, 'preprocessing.rescale'),
    mean: triple(pre.mean, 'preprocessing.mean', false),
    std: triple(pre.std, 'preprocessing.std', true),
    colour_order: oneOf(pre.colour_order, ['RGB', 'BGR'] as const, 'preprocessing.colour_order', 'RGB'),
  };
  let face: FaceSpec | undefined;
  let domain: DomainSpec | undefined;
  try {
    face = parseFaceSpec(pre.face);
    domain = parseDomainSpec(root.domain);
  } catch (err) {
    throw new SidecarError((err as Error).message);
  }
  if (face) preprocessing.face = face;
  if (preprocessing.crop !== imageSize) throw new SidecarError(`preprocessing.crop (${preprocessing.crop}) must equal architecture.image_size (${imageSize})`);
  if (preprocessing.resize < preprocessing.crop) throw new SidecarError('preprocessing.resize must be ≥ crop');
  if (root.sha256 !== undefined && (typeof root.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(root.sha256))) {
    throw new SidecarError('sha256 must be 64 lowercase hex digits');
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
  } as ModelSidecar;
}

/** Names of the routing outputs the contract requires for a sidecar's MoE layers. */
export function routingOutputNames(sidecar: ModelSidecar): { layer: number; dispatch: string; combine: string }[] {
  return (sidecar.moe?.layers ?? []).map((layer) => ({ layer, dispatch: `moe${layer}_dispatch`, combine: `moe${layer}_combine` }));
}
