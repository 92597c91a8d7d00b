// Lists a dataset folder: every image under it with label and species from its sub-folders (questioned
// where no class folder names one).
// Node side (dataset service). Every entry is accounted for: a sample, or skipped with its reason.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { QUESTIONED_CATEGORY, QUESTIONED_SPECIES } from '../../common/dataset/label.js';
import { attributesFromPath } from '../../common/dataset/species.js';
import type { DatasetListing, DatasetSample } from '../../common/dataset/types.js';
import { fail, ok, type Result } from '../../common/result.js';
import { checkImageFile, mapLimited, nonRegularKind, unsupportedExtensionReason } from './image-sniff.js';
import { CappedLog, countSamples, skippedList, warningsOf } from './listed-files.js';

/** Upper bound on listed files, so a mistaken root (e.g. '/') cannot exhaust memory. */
export const MAX_FOLDER_FILES = 2_000_000;

export interface FolderScanOptions {
  onProgress?: (scanned: number, phase: 'walking' | 'checking' | 'done') => void;
}

/** True when the bytes of a file name are valid UTF-8 (and so survive the round trip through a string path). */
function isUtf8Name(name: Buffer): boolean {
  return Buffer.from(name.toString('utf8'), 'utf8').equals(name);
}

export const NON_UTF8_REASON = 'file name is not valid UTF-8; rename the file to score it';

/** Where the walk sends each entry: candidate files, and entries it will not list with the reason. */
interface WalkSink {
  file: (relative: string, utf8: boolean) => void;
  skip: (relative: string, reason: string) => void;
  folderDone: () => void;
}

async function walk(root: string, sink: WalkSink): Promise<void> {
  const pending: string[] = [''];
  while (pending.length > 0) {
    const relativeDir = pending.pop()!;
    let entries;
    try {
      // Names as bytes: a Latin-1 or otherwise non-UTF-8 name must be reported, not silently mangled.
      entries = await readdir(path.join(root, relativeDir), { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      sink.skip(relativeDir || '.', `folder cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); its files are not listed`);
      continue;
    }
    for (const entry of entries) {
      const raw = entry.name as unknown as Buffer;
      const name = raw.toString('utf8');
      const relative = relativeDir === '' ? name : `${relativeDir}/${name}`;
      const utf8 = isUtf8Name(raw);
      if (entry.isDirectory()) {
        if (name.startsWith('.')) sink.skip(relative, 'hidden folder, not searched');
        else if (utf8) pending.push(relative);
        else sink.skip(relative, 'folder name is not valid UTF-8; its files cannot be listed');
      } else if (name.startsWith('.')) {
        sink.skip(relative, 'hidden file, not listed');
      } else if (entry.isFile()) {
        sink.file(relative, utf8);
      } else if (entry.isSymbolicLink()) {
        // Symlinked folders are not followed: a dataset must not pull in files from elsewhere by accident.
        const target = await stat(path.join(root, relative)).catch(() => null);
        if (target?.isDirectory()) sink.skip(relative, 'symbolic link to a folder, not followed');
        else sink.file(relative, utf8); // a link to a file (or a dangling one) is checked like a file
      } else {
        sink.skip(relative, `not a regular file (${nonRegularKind(entry)})`);
      }
    }
    sink.folderDone();
  }
}

export async function listFolder(rootInput: string, options: FolderScanOptions = {}): Promise<Result<DatasetListing>> {
  const root = path.resolve(rootInput);
  let rootStat;
  try {
    rootStat = await stat(root);
  } catch {
    return fail('not-found', `Folder not found: ${root}`, root);
  }
  if (!rootStat.isDirectory()) return fail('not-a-folder', `Not a folder: ${root}`, root);

  const imagePaths: string[] = [];
  const skippedLog = new CappedLog<{ path: string; reason: string }>();
  let tooMany = false;
  const nonUtf8 = new Set<string>();
  await walk(root, {
    file: (relative, utf8) => {
      if (imagePaths.length >= MAX_FOLDER_FILES) { tooMany = true; return; }
      const unsupported = unsupportedExtensionReason(path.extname(relative));
      if (unsupported) { skippedLog.add({ path: relative, reason: unsupported }); return; }
      imagePaths.push(relative);
      if (!utf8) nonUtf8.add(relative);
    },
    skip: (relative, reason) => skippedLog.add({ path: relative, reason }),
    folderDone: () => options.onProgress?.(imagePaths.length, 'walking'),
  });
  imagePaths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (tooMany) return fail('too-many-files', `More than ${MAX_FOLDER_FILES} images under ${root}; open a narrower folder.`, root);

  // Ground truth from class folders where there are any; every other image is questioned (no ground
  // truth, common/dataset/label.ts). A mixed layout says which files got which label.
  const classified: { relative: string; attrs: ReturnType<typeof attributesFromPath> }[] = imagePaths.map((relative) => ({ relative, attrs: attributesFromPath(relative) }));
  if (classified.length === 0) {
    const why = skippedLog.count === 0 ? 'the folder is empty' : `${skippedLog.count} other entries, e.g. ${skippedLog.entries.slice(0, 3).map((s) => `${s.path}: ${s.reason}`).join('; ')}`;
    return fail('no-images', `No images in ${root} (${why}).`, root);
  }
  const warnings = new CappedLog<string>();
  const questionedPaths = classified.filter((c) => c.attrs === null).map((c) => c.relative);
  if (questionedPaths.length > 0 && questionedPaths.length < classified.length) {
    const labelled = classified.length - questionedPaths.length;
    warnings.add(`mixed layout: ${labelled} images labelled by their class folders (live/…, attack/<species>/…); ${questionedPaths.length} images outside them are questioned (no ground truth): ${questionedPaths.slice(0, 5).join(', ')}${questionedPaths.length > 5 ? `, … ${questionedPaths.length - 5} more` : ''}`);
  }

  let checked = 0;
  const samples = await mapLimited(classified, 32, async ({ relative, attrs }, id): Promise<DatasetSample> => {
    const check = nonUtf8.has(relative)
      ? { status: 'unreadable' as const, sizeBytes: 0, reason: NON_UTF8_REASON }
      : await checkImageFile(path.join(root, relative));
    checked += 1;
    if (checked % 500 === 0) options.onProgress?.(checked, 'checking');
    const sample: DatasetSample = {
      id,
      path: relative,
      label: attrs === null ? null : attrs.isAttack ? 1 : 0,
      category: attrs === null ? QUESTIONED_CATEGORY : attrs.category,
      species: attrs === null ? QUESTIONED_SPECIES : attrs.species,
      identity: attrs?.identity ?? '',
      split: '',
      sizeBytes: check.sizeBytes,
      status: check.status,
    };
    if (check.reason !== undefined) sample.reason = check.reason;
    return sample;
  });
  options.onProgress?.(samples.length, 'done');
  return ok({
    root, source: 'folder', samples, skipped: skippedList(skippedLog, 'files'), skippedCount: skippedLog.count, counts: countSamples(samples),
    ...(warnings.count > 0 ? { warnings: warningsOf(warnings) } : {}),
  });
}
