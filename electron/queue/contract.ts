// The messages of queued scoring (ARCHITECTURE.md §13): a job names a model by SHA-256, a dataset root by
// name, and samples by relative path and SHA-256; a result carries the engine's ScoredItem with typed arrays
// as base64 and non-finite numbers as strings, so a queued score equals a local one bit for bit. Both sides
// read every message through the validators here: own properties only, known keys only, bounded sizes.
// A scored item also carries the routing rows its worker computed for the workspace (`routing`), so the
// coordinator only checks their shape against the model (electron/queue/wire-routing.ts) and writes them.
import type { DomainVerdict } from '../../common/faces/domain.js';
import type { RoutingSummaryKind, StoredRouting } from '../../common/routing/summary.js';
import type { ScoredItem } from '../inference/protocol.js';

export const CONTRACT_VERSION = 1;
/** The BullMQ queue every coordinator enqueues into and every worker takes from. */
export const QUEUE_NAME = 'uad-score';
/** Redis key prefix of the workers' self-reports (each with a TTL, refreshed while the worker lives). */
export const WORKER_KEY_PREFIX = 'uad:worker:';
export const DEFAULT_JOB_SIZE = 64;
export const MAX_JOB_SIZE = 1024;
const MAX_PATH = 4096;
const MAX_REASON = 4096;
const MAX_NAME = 256;
const MAX_ARRAY = 1 << 22;
const MAX_KEYPOINTS = 64;
const MAX_LAYERS = 64;
const MAX_BASE64 = 16 * 1024 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;
const RUN_KEY = /^[0-9a-f]{8,64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface JobItem {
  /** The coordinator's workspace sample id. */
  key: number;
  /** Relative to the dataset root, '/' separated. */
  path: string;
  sha256: string;
  face?: { keypoints: [number, number][] };
}

export interface ScoringJob {
  v: number;
  run: string;
  chunk: number;
  model: { sha256: string; name: string };
  /** The dataset root's name: each worker maps it to a local folder (--root NAME=DIR). */
  root: string;
  batchSize: number;
  /**
   * How the items fall into the local run's batches (ARCHITECTURE.md §13): the sizes of consecutive batches,
   * each at most batchSize, summing to the item count. Absent: cut every batchSize items.
   */
  batches?: number[];
  items: JobItem[];
}

/** A number as JSON cannot carry: NaN, ±Infinity and -0 travel as strings. */
export type WireNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

export type WireItem =
  | {
      key: number; ok: true; sha256: string; sizeBytes: number; frames?: number; score: WireNumber; logits: WireNumber[];
      expertMass: string[]; dispatchMass?: string[]; routing?: WireRouting; embedding?: string; inputStats?: WireNumber[]; domain?: WireDomain;
    }
  | { key: number; ok: false; reason: string; sha256?: string; sizeBytes?: number };

/**
 * The routing rows the worker computed (common/routing/summary.ts storedRouting): `mass` rows are the item's
 * expertMass and dispatchMass bytes themselves, so only the kind travels; a `dominant` row travels as `packed`
 * (base64). `dominant` is the sample's dominant expert (null for a dense model).
 */
export interface WireRouting {
  kind: RoutingSummaryKind;
  dominant: number | null;
  packed?: string;
}

export type WireDomain =
  | { known: true; distance: WireNumber; inDomain: boolean; threshold: WireNumber; percentile: WireNumber; embeddingDistance?: WireNumber; imageDistance?: WireNumber; appearanceDistance?: WireNumber }
  | { known: false; reason: string };

export interface WorkerIdentity {
  id: string;
  host: string;
  provider: string;
}

export interface ScoringResult {
  v: number;
  worker: WorkerIdentity;
  items: WireItem[];
  decodeMs: number;
  inferMs: number;
  /** Wall time the worker spent on the job, from taking it to returning (file checks included). */
  computeMs: number;
}

export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

/** A job's items cut into its batches: by `batches` when given, else every `batchSize` items. */
export function jobBatches<T>(items: readonly T[], batchSize: number, batches?: readonly number[]): T[][] {
  const out: T[][] = [];
  if (batches) {
    let at = 0;
    for (const n of batches) { out.push(items.slice(at, at + n)); at += n; }
  } else {
    for (let i = 0; i < items.length; i += batchSize) out.push(items.slice(i, i + batchSize));
  }
  return out;
}

/** BullMQ job id of one chunk of one run: re-enqueueing the same chunk is a no-op while the job exists. */
export function jobId(run: string, chunk: number): string {
  return `${run}-${chunk}`;
}

// ---- encoding ----

export function toWireNumber(x: number): WireNumber {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

export function fromWireNumber(x: WireNumber): number {
  if (typeof x === 'number') return x;
  return x === '-0' ? -0 : Number(x);
}

function u16ToBase64(a: Uint16Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function base64ToU16(text: string, what: string): Uint16Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 2 !== 0) throw new ContractError(`${what}: odd byte count ${bytes.byteLength} for float16 values`);
  const out = new Uint16Array(bytes.byteLength / 2);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function routingToWire(r: StoredRouting): WireRouting {
  const packed = r.kind === 'dominant' ? r.rows[0]?.expertMassF16 : undefined;
  return { kind: r.kind, dominant: r.dominant, ...(packed ? { packed: Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('base64') } : {}) };
}

function domainToWire(d: DomainVerdict): WireDomain {
  if (!d.known) return { known: false, reason: d.reason };
  const out: WireDomain = { known: true, distance: toWireNumber(d.distance), inDomain: d.inDomain, threshold: toWireNumber(d.threshold), percentile: toWireNumber(d.percentile) };
  for (const name of ['embeddingDistance', 'imageDistance', 'appearanceDistance'] as const) {
    if (d[name] !== undefined) out[name] = toWireNumber(d[name]);
  }
  return out;
}

function domainFromWire(d: WireDomain): DomainVerdict {
  if (!d.known) return { known: false, reason: d.reason };
  const out: DomainVerdict = { known: true, distance: fromWireNumber(d.distance), inDomain: d.inDomain, threshold: fromWireNumber(d.threshold), percentile: fromWireNumber(d.percentile) };
  for (const name of ['embeddingDistance', 'imageDistance', 'appearanceDistance'] as const) {
    if (d[name] !== undefined) out[name] = fromWireNumber(d[name]);
  }
  return out;
}

export function itemToWire(item: ScoredItem): WireItem {
  if (!item.ok) {
    return { key: item.key, ok: false, reason: item.reason, ...(item.sha256 ? { sha256: item.sha256 } : {}), ...(item.sizeBytes !== undefined ? { sizeBytes: item.sizeBytes } : {}) };
  }
  return {
    key: item.key, ok: true, sha256: item.sha256, sizeBytes: item.sizeBytes, ...(item.frames !== undefined ? { frames: item.frames } : {}),
    score: toWireNumber(item.score), logits: item.logits.map(toWireNumber),
    expertMass: item.expertMass.map(u16ToBase64),
    ...(item.dispatchMass ? { dispatchMass: item.dispatchMass.map(u16ToBase64) } : {}),
    ...(item.routing ? { routing: routingToWire(item.routing) } : {}),
    ...(item.embedding ? { embedding: u16ToBase64(item.embedding) } : {}),
    ...(item.inputStats ? { inputStats: item.inputStats.map(toWireNumber) } : {}),
    ...(item.domain ? { domain: domainToWire(item.domain) } : {}),
  };
}

/**
 * A validated wire item back into the engine's ScoredItem (what Workspace.recordBatch stores), without its
 * routing rows: those are checked against the model by electron/queue/wire-routing.ts routingFromWire.
 */
export function itemFromWire(item: WireItem): ScoredItem {
  if (!item.ok) return { ...item };
  return {
    key: item.key, ok: true, sha256: item.sha256, sizeBytes: item.sizeBytes, ...(item.frames !== undefined ? { frames: item.frames } : {}),
    score: fromWireNumber(item.score), logits: item.logits.map(fromWireNumber),
    expertMass: item.expertMass.map((m, i) => base64ToU16(m, `expertMass[${i}]`)),
    ...(item.dispatchMass ? { dispatchMass: item.dispatchMass.map((m, i) => base64ToU16(m, `dispatchMass[${i}]`)) } : {}),
    ...(item.embedding !== undefined ? { embedding: base64ToU16(item.embedding, 'embedding') } : {}),
    ...(item.inputStats ? { inputStats: item.inputStats.map(fromWireNumber) } : {}),
    ...(item.domain ? { domain: domainFromWire(item.domain) } : {}),
  };
}

// ---- validation ----

type Obj = Record<string, unknown>;

function object(value: unknown, what: string, allowed: readonly string[], required: readonly string[]): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ContractError(`${what} is not an object`);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new ContractError(`${what} is not a plain object`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new ContractError(`${what} has an unknown field '${key.slice(0, 64)}'`);
  }
  for (const key of required) {
    if (!Object.hasOwn(value, key)) throw new ContractError(`${what} has no '${key}'`);
  }
  return value as Obj;
}

function own(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function int(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new ContractError(`${what} must be an integer from ${min} to ${max}`);
  return value;
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1e12) throw new ContractError(`${what} must be a finite number ≥ 0`);
  return value;
}

function text(value: unknown, what: string, max: number, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.length > max) throw new ContractError(`${what} must be a string of at most ${max} characters`);
  if (pattern && !pattern.test(value)) throw new ContractError(`${what} is malformed`);
  return value;
}

function array(value: unknown, what: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new ContractError(`${what} is not an array`);
  if (value.length > max) throw new ContractError(`${what} has ${value.length} entries, more than ${max}`);
  return value;
}

function wireNumber(value: unknown, what: string): WireNumber {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity' || value === '-0') return value;
  throw new ContractError(`${what} is not a number`);
}

function relativePath(value: unknown, what: string): string {
  const p = text(value, what, MAX_PATH);
  if (p.length === 0 || p.includes('\0') || p.includes('\\') || p.startsWith('/')) throw new ContractError(`${what} must be a relative '/'-separated path`);
  return p;
}

function keypoints(value: unknown, what: string): [number, number][] {
  return array(value, what, MAX_KEYPOINTS).map((pair, i) => {
    const xy = array(pair, `${what}[${i}]`, 2);
    if (xy.length !== 2 || !xy.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new ContractError(`${what}[${i}] must be two finite numbers`);
    return [xy[0] as number, xy[1] as number];
  });
}

/** Validates a job as read from Redis (worker side) or built (coordinator side); throws ContractError. */
export function parseScoringJob(value: unknown): ScoringJob {
  const o = object(value, 'job', ['v', 'run', 'chunk', 'model', 'root', 'batchSize', 'batches', 'items'], ['v', 'run', 'chunk', 'model', 'root', 'batchSize', 'items']);
  if (own(o, 'v') !== CONTRACT_VERSION) throw new ContractError(`job contract version ${String(own(o, 'v')).slice(0, 16)} is not ${CONTRACT_VERSION}`);
  const model = object(own(o, 'model'), 'job.model', ['sha256', 'name'], ['sha256', 'name']);
  const items = array(own(o, 'items'), 'job.items', MAX_JOB_SIZE);
  if (items.length === 0) throw new ContractError('job.items is empty');
  const keys = new Set<number>();
  const batchSize = int(own(o, 'batchSize'), 'job.batchSize', 1, 1024);
  const rawBatches = own(o, 'batches');
  const batches = rawBatches === undefined ? undefined : array(rawBatches, 'job.batches', MAX_JOB_SIZE).map((n, i) => int(n, `job.batches[${i}]`, 1, batchSize));
  if (batches && batches.reduce((a, b) => a + b, 0) !== items.length) throw new ContractError(`job.batches add up to ${batches.reduce((a, b) => a + b, 0)}, not the ${items.length} items`);
  return {
    v: CONTRACT_VERSION,
    run: text(own(o, 'run'), 'job.run', 64, RUN_KEY),
    chunk: int(own(o, 'chunk'), 'job.chunk', 0, 2 ** 31),
    model: { sha256: text(own(model, 'sha256'), 'job.model.sha256', 64, HEX64), name: text(own(model, 'name'), 'job.model.name', MAX_NAME) },
    root: text(own(o, 'root'), 'job.root', MAX_NAME, /^[^/\\\0]+$/),
    batchSize,
    ...(batches ? { batches } : {}),
    items: items.map((raw, i) => {
      const what = `job.items[${i}]`;
      const item = object(raw, what, ['key', 'path', 'sha256', 'face'], ['key', 'path', 'sha256']);
      const key = int(own(item, 'key'), `${what}.key`, 0, Number.MAX_SAFE_INTEGER);
      if (keys.has(key)) throw new ContractError(`${what}.key ${key} appears twice`);
      keys.add(key);
      const face = own(item, 'face');
      return {
        key, path: relativePath(own(item, 'path'), `${what}.path`), sha256: text(own(item, 'sha256'), `${what}.sha256`, 64, HEX64),
        ...(face !== undefined ? { face: { keypoints: keypoints(own(object(face, `${what}.face`, ['keypoints'], ['keypoints']), 'keypoints'), `${what}.face.keypoints`) } } : {}),
      };
    }),
  };
}

function base64(value: unknown, what: string): string {
  return text(value, what, MAX_BASE64, BASE64);
}

function wireDomain(value: unknown, what: string): WireDomain {
  const probe = object(value, what, ['known', 'reason', 'distance', 'inDomain', 'threshold', 'percentile', 'embeddingDistance', 'imageDistance', 'appearanceDistance'], ['known']);
  if (own(probe, 'known') === false) {
    object(value, what, ['known', 'reason'], ['known', 'reason']);
    return { known: false, reason: text(own(probe, 'reason'), `${what}.reason`, MAX_REASON) };
  }
  if (own(probe, 'known') !== true) throw new ContractError(`${what}.known must be true or false`);
  object(value, what, ['known', 'distance', 'inDomain', 'threshold', 'percentile', 'embeddingDistance', 'imageDistance', 'appearanceDistance'], ['known', 'distance', 'inDomain', 'threshold', 'percentile']);
  if (typeof own(probe, 'inDomain') !== 'boolean') throw new ContractError(`${what}.inDomain must be a boolean`);
  const out: WireDomain = {
    known: true, distance: wireNumber(own(probe, 'distance'), `${what}.distance`), inDomain: own(probe, 'inDomain') as boolean,
    threshold: wireNumber(own(probe, 'threshold'), `${what}.threshold`), percentile: wireNumber(own(probe, 'percentile'), `${what}.percentile`),
  };
  for (const name of ['embeddingDistance', 'imageDistance', 'appearanceDistance'] as const) {
    if (own(probe, name) !== undefined) out[name] = wireNumber(own(probe, name), `${what}.${name}`);
  }
  return out;
}

function wireRouting(value: unknown, what: string): WireRouting {
  const o = object(value, what, ['kind', 'dominant', 'packed'], ['kind', 'dominant']);
  const kind = own(o, 'kind');
  if (kind !== 'mass' && kind !== 'dominant') throw new ContractError(`${what}.kind must be 'mass' or 'dominant'`);
  const dominant = own(o, 'dominant');
  const packed = own(o, 'packed');
  if ((kind === 'dominant') !== (packed !== undefined)) throw new ContractError(`${what}.packed must be given for a 'dominant' row and only then`);
  return {
    kind, dominant: dominant === null ? null : int(dominant, `${what}.dominant`, 0, 255),
    ...(packed !== undefined ? { packed: base64(packed, `${what}.packed`) } : {}),
  };
}

function wireItem(value: unknown, what: string): WireItem {
  const probe = object(value, what, ['key', 'ok', 'reason', 'sha256', 'sizeBytes', 'frames', 'score', 'logits', 'expertMass', 'dispatchMass', 'routing', 'embedding', 'inputStats', 'domain'], ['key', 'ok']);
  const key = int(own(probe, 'key'), `${what}.key`, 0, Number.MAX_SAFE_INTEGER);
  const sha = own(probe, 'sha256');
  const size = own(probe, 'sizeBytes');
  if (own(probe, 'ok') === false) {
    object(value, what, ['key', 'ok', 'reason', 'sha256', 'sizeBytes'], ['key', 'ok', 'reason']);
    return {
      key, ok: false, reason: text(own(probe, 'reason'), `${what}.reason`, MAX_REASON),
      ...(sha !== undefined ? { sha256: text(sha, `${what}.sha256`, 64, HEX64) } : {}),
      ...(size !== undefined ? { sizeBytes: int(size, `${what}.sizeBytes`, 0, Number.MAX_SAFE_INTEGER) } : {}),
    };
  }
  if (own(probe, 'ok') !== true) throw new ContractError(`${what}.ok must be true or false`);
  object(value, what, ['key', 'ok', 'sha256', 'sizeBytes', 'frames', 'score', 'logits', 'expertMass', 'dispatchMass', 'routing', 'embedding', 'inputStats', 'domain'], ['key', 'ok', 'sha256', 'sizeBytes', 'score', 'logits', 'expertMass']);
  const frames = own(probe, 'frames');
  const dispatch = own(probe, 'dispatchMass');
  const routing = own(probe, 'routing');
  const embedding = own(probe, 'embedding');
  const stats = own(probe, 'inputStats');
  const domain = own(probe, 'domain');
  return {
    key, ok: true, sha256: text(sha, `${what}.sha256`, 64, HEX64), sizeBytes: int(size, `${what}.sizeBytes`, 0, Number.MAX_SAFE_INTEGER),
    ...(frames !== undefined ? { frames: int(frames, `${what}.frames`, 2, 1_000_000) } : {}),
    score: wireNumber(own(probe, 'score'), `${what}.score`),
    logits: array(own(probe, 'logits'), `${what}.logits`, 4096).map((x, i) => wireNumber(x, `${what}.logits[${i}]`)),
    expertMass: array(own(probe, 'expertMass'), `${what}.expertMass`, MAX_LAYERS).map((m, i) => base64(m, `${what}.expertMass[${i}]`)),
    ...(dispatch !== undefined ? { dispatchMass: array(dispatch, `${what}.dispatchMass`, MAX_LAYERS).map((m, i) => base64(m, `${what}.dispatchMass[${i}]`)) } : {}),
    ...(routing !== undefined ? { routing: wireRouting(routing, `${what}.routing`) } : {}),
    ...(embedding !== undefined ? { embedding: base64(embedding, `${what}.embedding`) } : {}),
    ...(stats !== undefined ? { inputStats: array(stats, `${what}.inputStats`, MAX_ARRAY).map((x, i) => wireNumber(x, `${what}.inputStats[${i}]`)) } : {}),
    ...(domain !== undefined ? { domain: wireDomain(domain, `${what}.domain`) } : {}),
  };
}

/**
 * Validates a worker's result against the job it answers (coordinator side): exactly one item per job item,
 * same keys, a scored file's SHA-256 equal to the job's. Throws ContractError.
 */
export function parseScoringResult(value: unknown, job: Pick<ScoringJob, 'items'>): ScoringResult {
  const o = object(value, 'result', ['v', 'worker', 'items', 'decodeMs', 'inferMs', 'computeMs'], ['v', 'worker', 'items', 'decodeMs', 'inferMs', 'computeMs']);
  if (own(o, 'v') !== CONTRACT_VERSION) throw new ContractError(`result contract version ${String(own(o, 'v')).slice(0, 16)} is not ${CONTRACT_VERSION}`);
  const w = object(own(o, 'worker'), 'result.worker', ['id', 'host', 'provider'], ['id', 'host', 'provider']);
  const items = array(own(o, 'items'), 'result.items', MAX_JOB_SIZE).map((raw, i) => wireItem(raw, `result.items[${i}]`));
  const expected = new Map(job.items.map((item) => [item.key, item.sha256]));
  if (items.length !== expected.size) throw new ContractError(`result has ${items.length} items for a job of ${expected.size}`);
  const seen = new Set<number>();
  for (const item of items) {
    if (!expected.has(item.key)) throw new ContractError(`result item ${item.key} is not a sample of its job`);
    if (seen.has(item.key)) throw new ContractError(`result item ${item.key} appears twice`);
    seen.add(item.key);
    if (item.ok && item.sha256 !== expected.get(item.key)) throw new ContractError(`result item ${item.key} was scored from a file whose SHA-256 is not the job's`);
  }
  return {
    v: CONTRACT_VERSION,
    worker: { id: text(own(w, 'id'), 'result.worker.id', MAX_NAME), host: text(own(w, 'host'), 'result.worker.host', MAX_NAME), provider: text(own(w, 'provider'), 'result.worker.provider', MAX_NAME) },
    items,
    decodeMs: finite(own(o, 'decodeMs'), 'result.decodeMs'),
    inferMs: finite(own(o, 'inferMs'), 'result.inferMs'),
    computeMs: finite(own(o, 'computeMs'), 'result.computeMs'),
  };
}
