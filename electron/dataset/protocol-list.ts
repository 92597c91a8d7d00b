// Loads a UniAttackData-format protocol list (`<relative path> <label>` per line, label 0..3, or ?/unknown or
// no label for a questioned sample) into a dataset listing. Node side (dataset service). Bad lines are skipped with reasons; absent images are 'missing'.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isQuestionedLabelText, QUESTIONED_CATEGORY, QUESTIONED_SPECIES } from '../../common/dataset/label.js';
import { attributesFromPath, BONA_FIDE_SPECIES, categoryFromLabel, type AttackCategory } from '../../common/dataset/species.js';
import type { DatasetListing } from '../../common/dataset/types.js';
import { fail, ok, type Result } from '../../common/result.js';
import {
  CappedLog, checkListedFiles, countListing, MAX_PATH_CHARS, normaliseSplit, samplesOfLines, readBoundedText, skippedList, warningsOf,
  type ProgressCallback, type SkippedLine,
} from './listed-files.js';

export interface ProtocolListOptions {
  /** Folder the listed paths are relative to; when absent it is detected (see resolveImageRoot). */
  imageRoot?: string;
  onProgress?: ProgressCallback;
}

export interface ProtocolEntry {
  /** 1-based line number in the list. */
  line: number;
  /** Normalised relative path, '/' separated, never escaping the root. */
  path: string;
  /** UniAttackData label: 0 live, 1 physical, 2 adversarial, 3 digital editing; null questioned (no ground truth). */
  label: 0 | 1 | 2 | 3 | null;
}

export interface ParsedProtocolList {
  entries: ProtocolEntry[];
  skipped: CappedLog<SkippedLine>;
}

/** How many listed paths are probed per candidate folder when detecting the image root. */
const ROOT_PROBE_SAMPLES = 24;
/** The list's own folder and this many ancestors are tried as the image root. */
const ROOT_SEARCH_ANCESTORS = 3;
const INTEGER = /^-?\d+$/;
const LABEL_MEANING = '0 (live), 1 (physical), 2 (adversarial) or 3 (digital editing), or ? or unknown (questioned)';

/** Relative path as stored, or why it cannot be used. Backslashes are accepted as separators (Windows-made lists). */
export function normaliseListedPath(text: string): { path: string } | { reason: string } {
  if (text.length > MAX_PATH_CHARS) return { reason: `path is longer than ${MAX_PATH_CHARS} characters` };
  const slashed = text.replaceAll('\\', '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return { reason: 'absolute path; listed paths must be relative to the image root' };
  const normal = path.posix.normalize(slashed);
  if (normal === '..' || normal.startsWith('../')) return { reason: "path leaves the image root through '..'" };
  if (normal === '.' || normal === './') return { reason: 'empty path' };
  return { path: normal.startsWith('./') ? normal.slice(2) : normal };
}

/**
 * Parses list text. The label is the last whitespace-separated token, so paths may contain spaces.
 * Blank lines are ignored; every other line is a sample or a skipped line with its number and reason
 * (a line starting with '#' too, so a commented-out sample is never lost without a word). CR, LF and
 * CRLF endings are all accepted.
 */
export function parseProtocolList(text: string): ParsedProtocolList {
  const entries: ProtocolEntry[] = [];
  const skipped = new CappedLog<SkippedLine>();
  const lines = text.split(/\r\n|\n|\r/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    const skip = (pathText: string, reason: string) => skipped.add({ path: pathText.slice(0, 300), reason: `line ${index + 1}: ${reason}`, line: index + 1 });
    if (line.startsWith('#')) { skip(line, "starts with '#': read as a comment, not a sample"); continue; }
    if (line.includes('\0')) { skip('', 'contains a NUL character'); continue; }
    if (line.includes('\uFFFD')) { skip(line, 'not valid UTF-8 text'); continue; }
    const cut = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
    if (cut < 0 && INTEGER.test(line)) { skip('', 'no path before the label'); continue; }
    // A lone path has an empty label: a questioned sample (common/dataset/label.ts), as '?' and 'unknown' are.
    const pathText = cut < 0 ? line : line.slice(0, cut).trimEnd();
    const labelText = cut < 0 ? '' : line.slice(cut + 1);
    let label: ProtocolEntry['label'];
    if (isQuestionedLabelText(labelText)) {
      label = null;
    } else {
      if (!INTEGER.test(labelText)) { skip(pathText, `label "${labelText.slice(0, 40)}" is not an integer; expected ${LABEL_MEANING}`); continue; }
      if (categoryFromLabel(Number(labelText)) === null) { skip(pathText, `label ${labelText} is not ${LABEL_MEANING}`); continue; }
      label = Number(labelText) as 0 | 1 | 2 | 3;
    }
    const normalised = normaliseListedPath(pathText);
    if ('reason' in normalised) { skip(pathText, normalised.reason); continue; }
    entries.push({ line: index + 1, path: normalised.path, label });
  }
  return { entries, skipped };
}

/** Protocol ('p1', 'p2.1', …) and split named in a list's file name, e.g. `UniAttackData@p2.1_image_dev.txt`. */
export function protocolAndSplitFromFileName(fileName: string): { protocol: string; split: string } {
  const stem = path.basename(fileName).replace(/\.(txt|lst|csv)$/i, '');
  const tokens = stem.toLowerCase().split(/[@_\-\s]+/);
  const protocol = tokens.find((token) => /^p\d+(\.\d+)*$/.test(token)) ?? '';
  const splitToken = [...tokens].reverse().find((token) => ['train', 'dev', 'test'].includes(normaliseSplit(token)));
  return { protocol, split: splitToken === undefined ? '' : normaliseSplit(splitToken) };
}

/**
 * Label-authoritative attributes of one entry: the list's label fixes bona fide/attack and category;
 * the path supplies species and identity. When the path implies another category the label is kept
 * and a warning recorded; an attack path keeps its species, otherwise the species falls back to the
 * category name (or 'bona-fide').
 */
export function describeEntry(entry: ProtocolEntry, warnings: CappedLog<string>): { category: AttackCategory | 'questioned'; species: string; identity: string } {
  if (entry.label === null) return { category: QUESTIONED_CATEGORY, species: QUESTIONED_SPECIES, identity: attributesFromPath(entry.path)?.identity ?? '' };
  const category = categoryFromLabel(entry.label)!;
  const isAttack = entry.label !== 0;
  const fallbackSpecies = isAttack ? category : BONA_FIDE_SPECIES;
  const attrs = attributesFromPath(entry.path);
  if (attrs === null) {
    if (isAttack) warnings.add(`line ${entry.line}: path names no known attack species; species set to '${category}'`);
    return { category, species: fallbackSpecies, identity: '' };
  }
  const agrees = attrs.category === category || (attrs.category === 'attack' && isAttack);
  if (!agrees) {
    warnings.add(`line ${entry.line}: path implies ${attrs.category} (${attrs.species}) but label ${entry.label} says ${category}; the label is kept`);
  }
  const species = agrees || (isAttack && attrs.isAttack) ? attrs.species : fallbackSpecies;
  return { category, species, identity: attrs.identity };
}

async function anyExists(folder: string, relativePaths: readonly string[]): Promise<boolean> {
  const found = await Promise.all(relativePaths.map((relative) => stat(path.join(folder, relative)).then(() => true, () => false)));
  return found.includes(true);
}

/**
 * The list's folder or the nearest of its ROOT_SEARCH_ANCESTORS ancestors under which some of a
 * spread-out sample of the listed paths exists; null when none does (images absent).
 */
export async function resolveImageRoot(listFolder: string, relativePaths: readonly string[]): Promise<string | null> {
  const step = Math.max(1, Math.floor(relativePaths.length / ROOT_PROBE_SAMPLES));
  const probe = relativePaths.filter((_, index) => index % step === 0).slice(0, ROOT_PROBE_SAMPLES);
  let candidate = listFolder;
  for (let up = 0; up <= ROOT_SEARCH_ANCESTORS; up++) {
    if (await anyExists(candidate, probe)) return candidate;
    const parent = path.dirname(candidate);
    if (parent === candidate) break;
    candidate = parent;
  }
  return null;
}

/**
 * Opens a protocol list. Fails only for an unreadable/oversized file, an explicit image root that is
 * not a folder, or a list with no valid line; everything else is reported inside the listing.
 */
export async function loadProtocolList(listPathInput: string, options: ProtocolListOptions = {}): Promise<Result<DatasetListing>> {
  const listPath = path.resolve(listPathInput);
  const text = await readBoundedText(listPath, 'Protocol list');
  if (!text.ok) return text;
  const { entries, skipped } = parseProtocolList(text.value);
  options.onProgress?.(entries.length, 'walking');
  if (entries.length === 0) {
    const why = skipped.entries.slice(0, 3).map((s) => s.reason).join('; ');
    return fail('no-samples', `No valid line in ${path.basename(listPath)}: each line must be "<relative path> <label>" with label ${LABEL_MEANING}.`, why || listPath);
  }

  let root: string;
  if (options.imageRoot !== undefined) {
    root = path.resolve(options.imageRoot);
    const info = await stat(root).catch(() => null);
    if (!info?.isDirectory()) return fail('not-found', `Image root is not a folder: ${root}`, root);
  } else {
    root = (await resolveImageRoot(path.dirname(listPath), entries.map((e) => e.path))) ?? path.dirname(listPath);
  }

  const { protocol, split } = protocolAndSplitFromFileName(listPath);
  const warnings = new CappedLog<string>();
  const checks = await checkListedFiles(root, entries.map((e) => e.path), options.onProgress, { warnings });
  const { samples, duplicateLines, conflictingFiles } = samplesOfLines(entries.map((entry, at) => ({
    line: entry.line, path: entry.path, check: checks[at]!,
    fields: { label: entry.label === null ? null : entry.label === 0 ? 0 : 1, ...describeEntry(entry, warnings), split },
  })), skipped, warnings);
  options.onProgress?.(samples.length, 'done');
  return ok({
    root,
    source: 'protocol-list',
    samples,
    skipped: skippedList(skipped),
    skippedCount: skipped.count,
    duplicateLines,
    conflictingFiles,
    counts: countListing(samples),
    sourceFile: listPath,
    protocol,
    split,
    warnings: warningsOf(warnings),
  });
}
