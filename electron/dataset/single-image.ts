// One image file as a dataset: a single questioned sample (no ground truth), rooted at the image's folder.
// Node side (dataset service); openDataset calls this for a path with an image extension.
import path from 'node:path';
import { QUESTIONED_CATEGORY, QUESTIONED_SPECIES } from '../../common/dataset/label.js';
import type { DatasetListing } from '../../common/dataset/types.js';
import { ok, type Result } from '../../common/result.js';
import { countSamples } from './listed-files.js';
import { checkImageFile } from './image-sniff.js';
import { listedSample } from './listed-files.js';

export async function openSingleImage(file: string): Promise<Result<DatasetListing>> {
  const absolute = path.resolve(file);
  const check = await checkImageFile(absolute);
  const sample = listedSample(0, path.basename(absolute), check, {
    label: null, category: QUESTIONED_CATEGORY, species: QUESTIONED_SPECIES, identity: '', split: '',
  });
  // No sourceFile: the image is the evidence itself, hashed when it is scored, not a list to record beside the run.
  return ok({ root: path.dirname(absolute), source: 'image', samples: [sample], skipped: [], skippedCount: 0, counts: countSamples([sample]) });
}
