// Optional sidecar blocks of the model contract: `preprocessing.face` (face detection and alignment) and
// `domain` (reference statistics of the `embedding` output). Types and validation of untrusted JSON.
// Pure shared code (common/). Absent block = unknown: no default that claims more (ARCHITECTURE.md §3).
import { APPEARANCE_NETWORK, APPEARANCE_SIDE_RANGE } from '../faces/appearance.js';

export type Pair = [number, number];

export interface FaceSpec {
  /** Whether photographs should go through face detection before this model (the `auto` choice). */
  detect: boolean;
  detector: string;
  /** Extra context on each side of the face square, as a fraction of it. */
  margin: number;
  /** Canonical right eye, left eye, nose tip, mouth centre in the face square, fractions in [0, 1]. */
  canonical: [Pair, Pair, Pair, Pair];
}

export interface DomainClassStats {
  name: string;
  mean: number[];
}

/** One view's statistics: distance = the smallest Mahalanobis distance to a class mean under one pooled, shrunk covariance. */
export interface ViewStats {
  method: 'mahalanobis-min-class';
  classes: DomainClassStats[];
  /** Inverse of the shrunk pooled covariance, row-major (dims × dims of the view). */
  precision: number[];
  shrinkage: number;
  /** Samples from outside this distance are out of the model's domain. */
  threshold: number;
  /** The threshold is this percentile of the distances of the reference split (jointly over the views). */
  percentile: number;
}

export interface DomainSpec extends ViewStats {
  /** Output the statistics describe (the contract's `embedding`). */
  output: string;
  dims: number;
  reference: { split: string; count: number; data: string };
  /** Training samples the means and covariance came from. */
  fitted_on: { split: string; count: number; data: string };
  /**
   * Optional second, model-independent view: the same statistics of low-level features of the classifier's input
   * tensor (common/faces/image-stats.ts). When present a sample is in domain only if every view's distance is within
   * its threshold. Older sidecars without it use the embedding alone.
   */
  image?: ImageDomainSpec;
  /**
   * Optional third view: the same statistics of appearance features, what a network trained on real face
   * photographs makes of the input (common/faces/appearance.ts). When present a sample is in domain only if every
   * view's distance is within its threshold.
   */
  appearance?: AppearanceDomainSpec;
}

export interface ImageDomainSpec extends ViewStats {
  /** Feature names in order (IMAGE_STAT_FEATURES of common/faces/image-stats.ts). */
  features: string[];
}

export interface AppearanceDomainSpec extends ImageDomainSpec {
  /**
   * The network and the output the features come from; its file's sha256 must match the one the app ships. `side`:
   * the input size the statistics were fitted at, the size the network runs at for this model (a sidecar without it
   * was fitted at the network's own 224, APPEARANCE_NETWORK.side).
   */
  network: { file: string; sha256: string; input: string; output: string; side: number };
  /** c [D]: training mean of log(r + ε). */
  center: number[];
  /** B [k, D] row-major: principal axes of the training rows; features are k projections and the residual. */
  basis: number[];
}

class BlockError extends Error {}

function num(value: unknown, where: string, lo = -Infinity, hi = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < lo || value > hi) throw new BlockError(`${where} must be a number in [${lo}, ${hi}]`);
  return value;
}

function obj(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BlockError(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function numbers(value: unknown, where: string, length: number): number[] {
  if (!Array.isArray(value) || value.length !== length) throw new BlockError(`${where} must be a list of ${length} numbers`);
  return value.map((v, i) => num(v, `${where}[${i}]`));
}

/** Validates `preprocessing.face`; undefined when absent. Throws Error naming the field. */
export function parseFaceSpec(value: unknown): FaceSpec | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    const f = obj(value, 'preprocessing.face');
    if (typeof f.detect !== 'boolean') throw new BlockError('preprocessing.face.detect must be true or false');
    if (!Array.isArray(f.canonical) || f.canonical.length !== 4) throw new BlockError('preprocessing.face.canonical must list 4 points (right eye, left eye, nose tip, mouth centre)');
    const canonical = f.canonical.map((p, i) => numbers(p, `preprocessing.face.canonical[${i}]`, 2).map((v) => num(v, `preprocessing.face.canonical[${i}]`, 0, 1)) as Pair) as FaceSpec['canonical'];
    return { detect: f.detect, detector: String(f.detector ?? 'blazeface'), margin: num(f.margin, 'preprocessing.face.margin', 0, 4), canonical };
  } catch (err) {
    throw new Error(err instanceof Error ? err.message : String(err));
  }
}

function split(value: unknown, where: string): { split: string; count: number; data: string } {
  const s = obj(value, where);
  return { split: String(s.split ?? ''), count: num(s.count, `${where}.count`, 1), data: String(s.data ?? '') };
}

/** The statistics every view has, for features of `k` dims; `minThreshold` is the smallest threshold accepted. */
function viewStats(d: Record<string, unknown>, where: string, k: number, minThreshold: number): ViewStats {
  if (d.method !== 'mahalanobis-min-class') throw new BlockError(`${where}.method must be 'mahalanobis-min-class', got ${JSON.stringify(d.method)}`);
  if (!Array.isArray(d.classes) || d.classes.length < 1) throw new BlockError(`${where}.classes must list at least one class`);
  const classes = d.classes.map((c, i) => {
    const o = obj(c, `${where}.classes[${i}]`);
    return { name: String(o.name ?? i), mean: numbers(o.mean, `${where}.classes[${i}].mean`, k) };
  });
  return {
    method: 'mahalanobis-min-class', classes,
    precision: numbers(d.precision, `${where}.precision`, k * k),
    shrinkage: num(d.shrinkage, `${where}.shrinkage`, 0, 1),
    threshold: num(d.threshold, `${where}.threshold`, minThreshold),
    percentile: num(d.percentile, `${where}.percentile`, 0, 100),
  };
}

/** A feature view (`domain.image`, `domain.appearance`): named features and their statistics. */
function viewBlock(d: Record<string, unknown>, where: string): ImageDomainSpec {
  if (!Array.isArray(d.features) || d.features.length < 1) throw new BlockError(`${where}.features must list at least one feature`);
  const features = d.features.map(String);
  return { features, ...viewStats(d, where, features.length, Number.MIN_VALUE) };
}

function imageBlock(value: unknown): ImageDomainSpec | undefined {
  if (value === undefined || value === null) return undefined;
  return viewBlock(obj(value, 'domain.image'), 'domain.image');
}

function appearanceBlock(value: unknown): AppearanceDomainSpec | undefined {
  if (value === undefined || value === null) return undefined;
  const d = obj(value, 'domain.appearance');
  const view = viewBlock(d, 'domain.appearance');
  const n = obj(d.network, 'domain.appearance.network');
  const network = {
    file: String(n.file ?? ''), sha256: String(n.sha256 ?? ''), input: String(n.input ?? ''), output: String(n.output ?? ''),
    side: n.side === undefined ? APPEARANCE_NETWORK.side : num(n.side, 'domain.appearance.network.side', APPEARANCE_SIDE_RANGE[0], APPEARANCE_SIDE_RANGE[1]),
  };
  if (!Number.isInteger(network.side)) throw new BlockError('domain.appearance.network.side must be a whole number of pixels');
  if (!/^[0-9a-f]{64}$/.test(network.sha256)) throw new BlockError('domain.appearance.network.sha256 must be 64 hex digits');
  if (!Array.isArray(d.center) || d.center.length < 1) throw new BlockError('domain.appearance.center must list the feature means');
  const dims = d.center.length;
  const k = view.features.length - 1;
  if (k < 1) throw new BlockError('domain.appearance.features must name k projections and the residual');
  return { ...view, network, center: numbers(d.center, 'domain.appearance.center', dims), basis: numbers(d.basis, 'domain.appearance.basis', k * dims) };
}

/** Validates the `domain` block; undefined when absent. Throws Error naming the field. */
export function parseDomainSpec(value: unknown): DomainSpec | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    const d = obj(value, 'domain');
    const dims = num(d.dims, 'domain.dims', 1, 65536);
    if (!Number.isInteger(dims)) throw new BlockError('domain.dims must be an integer');
    const spec: DomainSpec = {
      output: String(d.output ?? 'embedding'), dims, ...viewStats(d, 'domain', dims, 0),
      reference: split(d.reference, 'domain.reference'),
      fitted_on: split(d.fitted_on, 'domain.fitted_on'),
    };
    const image = imageBlock(d.image);
    const appearance = appearanceBlock(d.appearance);
    return { ...spec, ...(image ? { image } : {}), ...(appearance ? { appearance } : {}) };
  } catch (err) {
    throw new Error(err instanceof Error ? err.message : String(err));
  }
}
