// Pieces shared by the protocol-list and CSV-manifest loaders: bounded reading of an untrusted text
// file, capped issue logs, and existence/format checks of the listed images. Node side (dataset service).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetListing, DatasetSample } from '../../common/dataset/types.js';
import { fail, ok, type Result } from '../../common/result.js';
import { checkImageFile, mapLimited, statImageFile, SUPPORTED_FORMAT_NAMES, type FileCheck } from './image-sniff.js';

/** Largest list or manifest accepted: far above UniAttackData's lists (≈ 2 MB), far below memory trouble. */
export const MAX_LIST_BYTES = 256 * 1024 * 1024;
export const MAX_LIST_LINES = 5_000_000;
/** Per-line findings beyond this many are counted but not listed, so a broken file cannot flood the UI. */
export const MAX_REPORTED_ISSUES = 1000;
/** Longest path accepted on one line; longer ones are garbage, not file names. */
export const MAX_PATH_CHARS = 4096;
/** Files checked at once: enough to hide disk latency, few enough to leave libuv threads for others. */
const CHECK_CONCURRENCY = 32;
/** Stats in flight at once when only stats are made (cheaper than opens, so more hide the latency). */
const STAT_CONCURRENCY = 64;
/**
 * Lists with more files than this are stat-checked only while listing (exists, regular, size, identity): opening
 * 10⁶ files to read their first bytes costs minutes. Their content is checked by the decoder when scored; the
 * listing says so in a warning.
 */
export const CONTENT_CHECK_MAX_FILES = 50_000;

export type ProgressCallback = (scanned: number, phase: 'walking' | 'checking' | 'done') => void;

/** Decodes UTF-8 (BOM or not) and UTF-16 with a BOM, as Windows editors write it. */
function decodeText(bytes: Buffer): string {
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes);
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes);
  else text = new TextDecoder('utf-8').decode(bytes); // invalid bytes become U+FFFD; such lines are rejected later
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads a list or manifest with size and line-count bounds. `what` names the kind of file in messages.
 * Fails with a clear error for a missing, non-regular, oversized, binary or over-long file.
 */
export async function readBoundedText(file: string, what: string): Promise<Result<string>> {
  let info;
  try {
    info = await stat(file);
  } catch {
    return fail('not-found', `${what} not found: ${file}`, file);
  }
  if (!info.isFile()) return fail('not-a-file', `${what} is not a regular file: ${file}`, file);
  if (info.size > MAX_LIST_BYTES) {
    return fail('too-large', `${what} is ${(info.size / 1048576).toFixed(0)} MiB; the limit is ${MAX_LIST_BYTES / 1048576} MiB.`, file);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return fail('unreadable', `Cannot read ${what.toLowerCase()} ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, file);
  }
  const text = decodeText(bytes);
  if (text.slice(0, 65536).includes('\0')) return fail('not-text', `${what} is not a text file (it contains NUL bytes): ${file}`, file);
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (++lines > MAX_LIST_LINES) return fail('too-many-lines', `${what} has more than ${MAX_LIST_LINES} lines: ${file}`, file);
  }
  return ok(text);
}

/** Split names as stored on samples: train/dev/test; val, valid and validation mean dev. */
export function normaliseSplit(text: string): string {
  const lower = text.trim().toLowerCase();
  return lower === 'val' || lower === 'valid' || lower === 'validation' ? 'dev' : lower;
}

/** Collects findings, keeping every count but only the first MAX_REPORTED_ISSUES entries. */
export class CappedLog<T> {
  count = 0;
  readonly entries: T[] = [];
  add(entry: T): void {
    this.count += 1;
    if (this.entries.length < MAX_REPORTED_ISSUES) this.entries.push(entry);
  }
}

/** A list or manifest line that did not become a sample: its line number, the path as written and why. */
export type SkippedLine = { path: string; reason: string; line: number };

/** The listing's `skipped`, with one closing entry saying how many more were not listed. */
export function skippedList(log: CappedLog<{ path: string; reason: string; line?: number }>, what = 'bad lines'): DatasetListing['skipped'] {
  const hidden = log.count - log.entries.length;
  return hidden > 0 ? [...log.entries, { path: '', reason: `${hidden} more ${what} not listed` }] : [...log.entries];
}

export function warningsOf(log: CappedLog<string>): NonNullable<DatasetListing['warnings']> {
  return { count: log.count, messages: [...log.entries] };
}

/** A listing's counts: totals, bona fide and attack, unusable files, and per species. */
export function countSamples(samples: readonly DatasetSample[]): DatasetListing['counts'] {
  const bySpecies: Record<string, number> = {};
  let bonaFide = 0;
  let attack = 0;
  let unusable = 0;
  for (const sample of samples) {
    if (sample.label === 0) bonaFide += 1;
    else if (sample.label === 1) attack += 1;
    if (sample.status !== 'ok') unusable += 1;
    bySpecies[sample.species] = (bySpecies[sample.species] ?? 0) + 1;
  }
  return { total: samples.length, bonaFide, attack, questioned: samples.length - bonaFide - attack, unusable, bySpecies };
}

export function countListing(samples: readonly DatasetSample[]): DatasetListing['counts'] {
  const byCategory: Record<string, number> = {};
  for (const sample of samples) byCategory[sample.category] = (byCategory[sample.category] ?? 0) + 1;
  return { ...countSamples(samples), byCategory };
}

/**
 * Checks each listed file under `root` (paths relative, '/' separated, already proven not to escape
 * root). Directory existence is memoised parent-first, so a list whose images are absent costs a
 * handful of stats instead of one failed open per line; files in existing folders get checkImageFile, or
 * statImageFile when the list has more than `contentCheckMaxFiles` (a warning in `warnings` says so).
 */
export async function checkListedFiles(root: string, relativePaths: readonly string[], onProgress?: ProgressCallback,
  deferral: { warnings?: CappedLog<string>; contentCheckMaxFiles?: number } = {}): Promise<FileCheck[]> {
  const contentChecked = relativePaths.length <= (deferral.contentCheckMaxFiles ?? CONTENT_CHECK_MAX_FILES);
  if (!contentChecked) {
    deferral.warnings?.add(`${relativePaths.length} files listed: each was checked to exist and be a non-empty regular file; `
      + `whether it is a ${SUPPORTED_FORMAT_NAMES} image is checked when it is scored (lists over ${deferral.contentCheckMaxFiles ?? CONTENT_CHECK_MAX_FILES} files are not opened while listing)`);
  }
  const checkFile = contentChecked ? checkImageFile : statImageFile;
  const directoryKnown = new Map<string, Promise<boolean>>();
  const directoryExists = (dir: string): Promise<boolean> => {
    let known = directoryKnown.get(dir);
    if (known === undefined) {
      const parent = path.dirname(dir);
      const parentExists = dir === root || parent === dir ? Promise.resolve(true) : directoryExists(parent);
      known = parentExists.then((yes) => yes && stat(dir).then((info) => info.isDirectory(), () => false));
      directoryKnown.set(dir, known);
    }
    return known;
  };
  const notFound: FileCheck = { status: 'missing', sizeBytes: 0, reason: `file not found under ${root}` };
  let checked = 0;
  return mapLimited(relativePaths, contentChecked ? CHECK_CONCURRENCY : STAT_CONCURRENCY, async (relative) => {
    const absolute = path.join(root, relative);
    const check = (await directoryExists(path.dirname(absolute))) ? await checkFile(absolute) : notFound;
    checked += 1;
    if (checked % 500 === 0) onProgress?.(checked, 'checking');
    return check.status === 'missing' ? notFound : check;
  });
}

/** A listed sample from its file check: the status and, for an unusable file, the reason. */
export function listedSample(id: number, relativePath: string, check: FileCheck, fields: ListedFields): DatasetSample {
  const sample: DatasetSample = { id, path: relativePath, ...fields, sizeBytes: check.sizeBytes, status: check.status };
  if (check.reason !== undefined) sample.reason = check.reason;
  return sample;
}

/** What every line naming one file must agree on. */
const AGREED_FIELDS = ['label', 'category', 'species', 'identity', 'split'] as const;
export type ListedFields = Pick<DatasetSample, (typeof AGREED_FIELDS)[number]>;

/** One valid list or manifest line: its number, the normalised relative path, its file check and what it says of the file. */
export interface ListedLine { line: number; path: string; check: FileCheck; fields: ListedFields }

/**
 * One sample per file, however many lines name it. Two lines name the same file when their normalised paths are
 * equal or when they reach the same file on disk (a link, another spelling on a case-insensitive disk). Lines that
 * agree on label and metadata are kept once, each repeat a warning naming both lines; lines that disagree make no
 * sample, each a skipped line naming the line it conflicts with. Samples are numbered in line order.
 */
export function samplesOfLines(lines: readonly ListedLine[], skipped: CappedLog<SkippedLine>, warnings: CappedLog<string>): {
  samples: DatasetSample[]; duplicateLines: number; conflictingFiles: number;
} {
  const groups = new Map<string, ListedLine[]>();
  for (const entry of lines) {
    const key = entry.check.identity === undefined ? `path:${entry.path}` : `file:${entry.check.identity}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [entry]);
    else group.push(entry);
  }
  const differences = (a: ListedLine, b: ListedLine) => AGREED_FIELDS.filter((field) => a.fields[field] !== b.fields[field]);
  const shown = (value: string | number) => (typeof value === 'number' ? String(value) : `'${value}'`);
  const kept = new Set<ListedLine>();
  const conflicts: SkippedLine[] = [];
  let duplicateLines = 0;
  let conflictingFiles = 0;
  for (const group of groups.values()) {
    const first = group[0]!;
    if (group.every((entry) => differences(entry, first).length === 0)) {
      kept.add(first);
      for (const repeat of group.slice(1)) {
        duplicateLines += 1;
        warnings.add(`line ${repeat.line}: same file as line ${first.line} (${first.path}) with the same label and metadata; kept once`);
      }
      continue;
    }
    conflictingFiles += 1;
    for (const entry of group) {
      const other = group.find((candidate) => differences(entry, candidate).length > 0)!;
      const what = differences(entry, other).map((field) => `${field} ${shown(entry.fields[field] ?? 'questioned')} here, ${shown(other.fields[field] ?? 'questioned')} on line ${other.line}`);
      conflicts.push({ path: entry.path, line: entry.line, reason: `line ${entry.line}: same file as line ${other.line} (${other.path}) but ${what.join('; ')}; conflicting lines, the file is not scored` });
    }
  }
  for (const conflict of conflicts.sort((a, b) => a.line - b.line)) skipped.add(conflict);
  const samples = lines.filter((entry) => kept.has(entry)).map((entry, id) => listedSample(id, entry.path, entry.check, entry.fields));
  return { samples, duplicateLines, conflictingFiles };
}
