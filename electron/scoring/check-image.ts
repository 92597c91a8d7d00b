// The one-image check shared by `uad check` and the app's check: one image becomes a questioned sample of the
// workspace (one sample per detected face when a detector is given), scored by scoreDataset like any run, and
// read back per face with its score, domain check, or the reason it has none (no face found, unreadable).
// Node side (scoring).
import path from 'node:path';
import type { CheckedFace } from '../../common/contract/run.js';
import { openSingleImage } from '../dataset/single-image.js';
import type { FaceDetector } from '../faces/detector.js';
import { expandFaces } from '../faces/expand.js';
import type { InferenceEngine } from '../inference/engine.js';
import type { Workspace } from '../workspace/workspace.js';
import { scoreDataset } from './scoring-run.js';

export type { CheckedFace };

export interface CheckImageOptions {
  workspace: Workspace;
  engine: InferenceEngine;
  /** Face detection on: one sample per face, a photograph without a face is never scored. */
  detector: FaceDetector | null;
  image: string;
  versions?: Record<string, string>;
}

/** Scores one image into the workspace and returns its faces in order; throws when the image cannot be listed. */
export async function checkImage({ workspace, engine, detector, image, versions }: CheckImageOptions): Promise<CheckedFace[]> {
  const absolute = path.resolve(image);
  const single = await openSingleImage(absolute);
  if (!single.ok) throw new Error(single.error.message);
  const listing = detector ? (await expandFaces(single.value, detector)).listing : single.value;
  const { run } = await scoreDataset({ workspace, listing, engine, faces: detector ? 'detect' : 'none', ...(versions ? { versions } : {}) });
  // Read back from the run's dataset only: the whole workspace's scores would hold the host for seconds at 10⁶ samples.
  const scored = workspace.scores(engine.model.sha256, run.datasetId).filter((r) => r.absPath === absolute).sort((a, b) => (a.faceIndex ?? 0) - (b.faceIndex ?? 0));
  if (scored.length > 0) {
    return scored.map((r) => ({
      sampleId: r.sampleId, faceIndex: r.faceIndex, faceBox: r.faceBox, score: r.score, domainDistance: r.domainDistance, inDomain: r.inDomain, reason: null,
    }));
  }
  const unscored = workspace.unscored(engine.model.sha256, run.datasetId).filter((u) => u.absPath === absolute);
  const last = unscored.at(-1);
  return [{ sampleId: last?.sampleId ?? 0, faceIndex: null, faceBox: null, score: null, domainDistance: null, inDomain: null, reason: last?.reason ?? 'no score' }];
}
