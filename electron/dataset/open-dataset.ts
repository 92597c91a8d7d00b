// Opens any dataset source by what the path is: a folder, a UniAttackData protocol list (.txt, .lst),
// a CSV manifest (.csv) or one image file (a questioned sample). Node side (dataset service); the contract's dataset.openFolder calls this.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetListing } from '../../common/dataset/types.js';
import { fail, type Result } from '../../common/result.js';
import { listFolder } from './folder-loader.js';
import { IMAGE_EXTENSIONS } from './image-sniff.js';
import type { ProgressCallback } from './listed-files.js';
import { loadManifest } from './manifest.js';
import { loadProtocolList } from './protocol-list.js';
import { openSingleImage } from './single-image.js';

export interface OpenDatasetOptions {
  /** Folder that a list's or manifest's relative paths resolve against; ignored for a folder. */
  imageRoot?: string;
  /** Same shape as listFolder's: items so far and the phase. */
  onProgress?: ProgressCallback;
}

const PROTOCOL_LIST_EXTENSIONS = new Set(['.txt', '.lst']);
const MANIFEST_EXTENSIONS = new Set(['.csv']);

export async function openDataset(input: string, options: OpenDatasetOptions = {}): Promise<Result<DatasetListing>> {
  const target = path.resolve(input);
  const info = await stat(target).catch(() => null);
  if (info === null) return fail('not-found', `Nothing found at ${target}`, target);
  const progress = options.onProgress === undefined ? {} : { onProgress: options.onProgress };
  if (info.isDirectory()) return listFolder(target, progress);
  const loaderOptions = options.imageRoot === undefined ? progress : { ...progress, imageRoot: options.imageRoot };
  const extension = path.extname(target).toLowerCase();
  if (PROTOCOL_LIST_EXTENSIONS.has(extension)) return loadProtocolList(target, loaderOptions);
  if (MANIFEST_EXTENSIONS.has(extension)) return loadManifest(target, loaderOptions);
  if (IMAGE_EXTENSIONS.has(extension)) return openSingleImage(target);
  return fail('unsupported',
    `Cannot open ${path.basename(target)} as a dataset: choose a folder, a protocol list (.txt, .lst), a CSV manifest (.csv) or an image.`, target);
}
