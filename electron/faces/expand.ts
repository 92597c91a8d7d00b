// Face detection over a dataset listing: every usable photograph becomes one sample per detected face
// (`<file>#face<k>`, same file and hash, with box, keypoints and confidence); a photograph without a face stays
// one sample marked as a non-response ("no face found"). Node side (scoring run, CLI, services).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetListing, DatasetSample } from '../../common/dataset/types.js';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import { NO_FACE_REASON } from '../../common/metrics/outcome.js';
import type { CappedPhoto } from '../../common/faces/face-cap.js';
import { countSamples } from '../dataset/listed-files.js';
import { MAX_IMAGE_BYTES } from '../dataset/image-sniff.js';
import { decodeOriented, type FaceDetector } from './detector.js';

export type FacesChoice = 'detect' | 'none' | 'auto';
export const FACES_CHOICES: readonly FacesChoice[] = ['detect', 'none', 'auto'];
export { NO_FACE_REASON };

/** `auto` follows the model's sidecar (`preprocessing.face.detect`); a sidecar without the block means none. */
export function resolveFaces(choice: FacesChoice, sidecar: ModelSidecar): 'detect' | 'none' {
  if (choice !== 'auto') return choice;
  return sidecar.preprocessing.face?.detect === true ? 'detect' : 'none';
}

export interface FaceExpansion {
  listing: DatasetListing;
  photos: number;
  faces: number;
  withoutFace: number;
  /** Wall time of decoding plus detection, for the run summary. */
  detectMs: number;
  /** Photographs with more faces than the detector keeps (its maxFaces): only the best `kept` became samples. */
  capped: CappedPhoto[];
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Runs the detector over every usable sample of the listing, in order; unusable samples pass through unchanged. */
export async function expandFaces(listing: DatasetListing, detector: FaceDetector, onPhoto?: (done: number, total: number) => void): Promise<FaceExpansion> {
  const started = performance.now();
  const samples: DatasetSample[] = [];
  let photos = 0, faces = 0, withoutFace = 0;
  const capped: FaceExpansion['capped'] = [];
  for (const [n, sample] of listing.samples.entries()) {
    onPhoto?.(n, listing.samples.length);
    if (sample.status !== 'ok' || sample.face) { samples.push(sample); continue; }
    photos += 1;
    let found;
    try {
      const bytes = await readFile(path.join(listing.root, sample.path));
      if (bytes.length > MAX_IMAGE_BYTES) throw new Error('file too large');
      const counted = await detector.detectCounted(await decodeOriented(bytes));
      found = counted.faces;
      if (counted.found > found.length) capped.push({ path: sample.path, kept: found.length, found: counted.found });
    } catch {
      samples.push(sample); // the scoring step reports why it cannot be decoded
      continue;
    }
    if (found.length === 0) {
      withoutFace += 1;
      samples.push({ ...sample, nonResponse: NO_FACE_REASON });
      continue;
    }
    found.forEach((f, k) => {
      faces += 1;
      samples.push({
        ...sample, path: `${sample.path}#face${k + 1}`, file: sample.path,
        face: { index: k + 1, box: f.box.map(round) as [number, number, number, number], keypoints: f.keypoints.map(([x, y]) => [round(x), round(y)]), confidence: Math.round(f.confidence * 1e4) / 1e4 },
      });
    });
  }
  const renumbered = samples.map((s, id) => ({ ...s, id }));
  const { total, bonaFide, attack, questioned } = countSamples(renumbered);
  return {
    listing: { ...listing, samples: renumbered, counts: { ...listing.counts, total, bonaFide, attack, questioned } },
    photos, faces, withoutFace, detectMs: performance.now() - started, capped,
  };
}
