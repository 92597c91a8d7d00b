// Loads a CSV manifest (RFC 4180; header with `path` and `label`, optional species, identity, split,
// category) into a dataset listing. Node side (dataset service). Bad rows are skipped with their line.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { LABEL_TEXT_MEANING, labelName, parseLabelText, QUESTIONED_CATEGORY, QUESTIONED_SPECIES, type SampleLabel } from '../../common/dataset/label.js';
import { attributesFromPath, BONA_FIDE_SPECIES, pathComponents, type AttackCategory, type PathAttributes } from '../../common/dataset/species.js';
import type { DatasetListing, DatasetSample } from '../../common/dataset/types.js';
import { parseCsv, type CsvRecord } from '../../common/csv/read.js';
import { fail, ok, type Result } from '../../common/result.js';
import {
  CappedLog, checkListedFiles, countListing, MAX_PATH_CHARS, normaliseSplit, samplesOfLines, readBoundedText, skippedList, warningsOf, type SkippedLine,
  type ProgressCallback,
} from './listed-files.js';

export interface ManifestOptions {
  /** Folder that relative paths resolve against; default the CSV's folder. */
  imageRoot?: string;
  onProgress?: ProgressCallback;
}

const REQUIRED_COLUMNS = ['path', 'label'] as const;
const OPTIONAL_COLUMNS = ['species', 'identity', 'split', 'category'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const CATEGORIES = new Set<string>(['bona-fide', 'physical', 'adversarial', 'digital', 'attack']);

/** Column index per known name; fails for a missing required or duplicated column. */
function readHeader(header: CsvRecord): Result<Partial<Record<Column, number>>> {
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const index: Partial<Record<Column, number>> = {};
  for (const [at, name] of names.entries()) {
    if (!(REQUIRED_COLUMNS as readonly string[]).includes(name) && !(OPTIONAL_COLUMNS as readonly string[]).includes(name)) continue;
    if (index[name as Column] !== undefined) return fail('manifest-header', `Manifest header (line ${header.line}) names column '${name}' twice.`, `line ${header.line}`);
    index[name as Column] = at;
  }
  const absent = REQUIRED_COLUMNS.filter((name) => index[name] === undefined);
  if (absent.length > 0) {
    return fail('manifest-header',
      `Manifest header (line ${header.line}) has no ${absent.map((n) => `'${n}'`).join(' or ')} column; found ${names.map((n) => `'${n}'`).join(', ')}. ` +
      `Required: path, label (comma-separated); optional: ${OPTIONAL_COLUMNS.join(', ')}.`, `line ${header.line}`);
  }
  return ok(index);
}

/** Path attributes from the first suffix of the path that has a recognised shape (absolute paths carry foreign prefixes). */
function attributesFromAnyDepth(relativePath: string): PathAttributes | null {
  const parts = pathComponents(relativePath);
  for (let start = 0; start < parts.length - 1; start++) {
    const attrs = attributesFromPath(parts.slice(start).join('/'));
    if (attrs !== null) return attrs;
  }
  return null;
}

/** Strictly below `folder`: a sample path must name something inside root, never root itself. */
function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

interface ManifestRow {
  line: number;
  absolute: string;
  label: SampleLabel;
  species: string;
  identity: string;
  split: string;
  category: AttackCategory | 'attack' | '';
}

/** One data record → row, or the reason it is skipped. */
function readRow(record: CsvRecord, columns: Partial<Record<Column, number>>, width: number, base: string): ManifestRow | string {
  if (record.problem !== undefined) return record.problem;
  if (record.fields.length !== width) return `has ${record.fields.length} fields, the header has ${width}`;
  const cell = (name: Column) => (columns[name] === undefined ? '' : record.fields[columns[name]]!.trim());
  const pathText = cell('path');
  if (pathText === '') return 'empty path';
  if (pathText.length > MAX_PATH_CHARS) return `path is longer than ${MAX_PATH_CHARS} characters`;
  if (pathText.includes('\0')) return 'path contains a NUL character';
  if (pathText.includes('\uFFFD')) return 'path is not valid UTF-8 text';
  if (process.platform !== 'win32' && /^[A-Za-z]:[\\/]/.test(pathText)) return 'Windows drive path cannot be opened on this system';
  const labelText = cell('label');
  const parsedLabel = parseLabelText(labelText);
  if ('error' in parsedLabel) return parsedLabel.error;
  const { label } = parsedLabel;
  const categoryText = cell('category').toLowerCase();
  if (categoryText !== '' && !CATEGORIES.has(categoryText)) return `category "${categoryText.slice(0, 40)}" is not one of ${[...CATEGORIES].join(', ')}`;
  if (categoryText !== '' && label === null) return `category "${categoryText}" given for a questioned sample (empty label); give the label 0 or 1, or leave the category empty`;
  if (categoryText !== '' && (categoryText !== 'bona-fide') !== (label === 1)) return `category "${categoryText}" contradicts label ${labelText}`;
  // Backslashes are separators here too: manifests are often written on Windows.
  const absolute = path.resolve(base, process.platform === 'win32' ? pathText : pathText.replaceAll('\\', '/'));
  return {
    line: record.line, absolute, label, species: cell('species'), identity: cell('identity'),
    split: normaliseSplit(cell('split')), category: categoryText as ManifestRow['category'],
  };
}

/** Final attributes: explicit columns win, then the path's shape, then neutral defaults. */
function describeRow(row: ManifestRow, relative: string, warnings: CappedLog<string>): Pick<DatasetSample, 'category' | 'species' | 'identity'> {
  if (row.label === null) {
    return { category: QUESTIONED_CATEGORY, species: QUESTIONED_SPECIES, identity: row.identity || attributesFromAnyDepth(relative)?.identity || '' };
  }
  const isAttack = row.label === 1;
  const attrs = attributesFromAnyDepth(relative);
  const pathAgrees = attrs !== null && attrs.isAttack === isAttack;
  if (attrs !== null && !pathAgrees) {
    warnings.add(`line ${row.line}: path implies ${attrs.category} (${attrs.species}) but label ${row.label} says ${labelName(row.label)}; the label is kept`);
  }
  const identity = row.identity || attrs?.identity || '';
  if (!isAttack) {
    if (row.species !== '' && row.species !== BONA_FIDE_SPECIES) warnings.add(`line ${row.line}: species '${row.species}' ignored for a bona fide sample`);
    return { category: 'bona-fide', species: BONA_FIDE_SPECIES, identity };
  }
  const category = row.category || (pathAgrees ? attrs!.category : 'attack');
  const species = row.species || (pathAgrees ? attrs!.species : category === 'attack' ? 'unspecified' : category);
  return { category, species, identity };
}

/**
 * Opens a CSV manifest. Rules: label is binary, 0 bona fide or 1 attack (UniAttackData's 0..3 labels
 * belong in a protocol list), or empty, '?' or 'unknown' for a questioned sample (common/dataset/label.ts); header names are case-insensitive, unknown columns ignored; cells are
 * trimmed. Relative paths resolve against `imageRoot` or the CSV's folder; absolute paths and '..' are
 * allowed (a manifest is the user's own index) and normalised; the listing's root is then the deepest
 * folder holding every sample, so each sample path stays relative to root, '/' separated. Explicit
 * species/category/identity columns win over what the path implies; split 'val' is stored as 'dev'.
 * Fails for an unreadable/oversized file, a bad header, an unclosed quote, an
 * explicit image root that is not a folder, or a manifest with no valid row; other defects are per row.
 */
export async function loadManifest(csvPathInput: string, options: ManifestOptions = {}): Promise<Result<DatasetListing>> {
  const csvPath = path.resolve(csvPathInput);
  const text = await readBoundedText(csvPath, 'Manifest');
  if (!text.ok) return text;
  const parsed = parseCsv(text.value);
  if (!parsed.ok) return fail(parsed.error.code, `Manifest ${parsed.error.detail}: a quoted field is never closed.`, parsed.error.detail);
  const [header, ...records] = parsed.value;
  if (header === undefined) return fail('no-samples', `Manifest is empty: ${csvPath}`, csvPath);
  const columns = readHeader(header);
  if (!columns.ok) return columns;

  let base = path.dirname(csvPath);
  if (options.imageRoot !== undefined) {
    base = path.resolve(options.imageRoot);
    const info = await stat(base).catch(() => null);
    if (!info?.isDirectory()) return fail('not-found', `Image root is not a folder: ${base}`, base);
  }

  const skipped = new CappedLog<SkippedLine>();
  const rows: ManifestRow[] = [];
  let root = base;
  for (const record of records) {
    const row = readRow(record, columns.value, header.fields.length, base);
    const pathText = (record.fields[columns.value.path!] ?? '').trim().slice(0, 300);
    if (typeof row === 'string') { skipped.add({ path: pathText, reason: `line ${record.line}: ${row}`, line: record.line }); continue; }
    // Widen root until it holds this sample; a sample on another drive (Windows) cannot share a root.
    while (!isInside(root, row.absolute) && path.dirname(root) !== root) root = path.dirname(root);
    if (!isInside(root, row.absolute)) { skipped.add({ path: pathText, reason: `line ${record.line}: on another drive than ${base}`, line: record.line }); continue; }
    rows.push(row);
  }
  options.onProgress?.(rows.length, 'walking');
  if (rows.length === 0) {
    const why = skipped.entries.slice(0, 3).map((s) => s.reason).join('; ');
    return fail('no-samples', `No valid row in ${path.basename(csvPath)}: each row needs a path and a label of ${LABEL_TEXT_MEANING}.`, why || csvPath);
  }

  const warnings = new CappedLog<string>();
  const relativePaths = rows.map((row) => path.relative(root, row.absolute).split(path.sep).join('/'));
  const checks = await checkListedFiles(root, relativePaths, options.onProgress, { warnings });
  const { samples, duplicateLines, conflictingFiles } = samplesOfLines(rows.map((row, at) => ({
    line: row.line, path: relativePaths[at]!, check: checks[at]!,
    fields: { label: row.label, ...describeRow(row, relativePaths[at]!, warnings), split: row.split },
  })), skipped, warnings);
  options.onProgress?.(samples.length, 'done');
  return ok({
    root, source: 'manifest', samples, skipped: skippedList(skipped), skippedCount: skipped.count, duplicateLines, conflictingFiles, counts: countListing(samples),
    sourceFile: csvPath, warnings: warningsOf(warnings),
  });
}
