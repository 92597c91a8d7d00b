// The one split of a listing into what a scoring run does with each sample, for local runs
// (electron/scoring/scoring-run.ts) and queued ones (electron/queue/coordinator.ts): files the loader found
// unusable fail at once with its reason; usable samples are the engine's work. Node side (services, CLI).
import path from 'node:path';
import type { DatasetListing } from '../../common/dataset/types.js';
import type { ScoreItem, ScoredItem } from '../inference/protocol.js';

/** A usable sample of the listing, in listing order. */
export interface UsableSample {
  /** Place among the listing's usable samples (scored or not): its batch in a fresh local run is pos / batchSize. */
  pos: number;
  /** The workspace's sample id. */
  key: number;
  /** The file relative to the dataset root, '/' separated (a face sample's photograph). */
  file: string;
  /** The file's absolute path here. */
  path: string;
  face?: { keypoints: [number, number][] };
}

export interface WorkPlan {
  /** Unusable samples this model has not scored, each a failure with the loader's reason. */
  unusable: ScoredItem[];
  /** Every usable sample, those this model already scored included (a queued run's chunks never move). */
  usable: UsableSample[];
  /** The usable samples this model has not scored yet. */
  work: UsableSample[];
  /** Each sample's listing path (a face sample's `<file>#face<index>`). */
  pathOfKey: Map<number, string>;
}

/** Splits the listing's samples (sampleIds: their workspace ids, same order); `already`: those this model scored. */
export function planWork(listing: DatasetListing, sampleIds: readonly number[], already: ReadonlySet<number>): WorkPlan {
  const unusable: ScoredItem[] = [];
  const usable: UsableSample[] = [];
  const pathOfKey = new Map<number, string>();
  listing.samples.forEach((sample, index) => {
    const key = sampleIds[index]!;
    pathOfKey.set(key, sample.path);
    if (sample.status !== 'ok' || sample.nonResponse) {
      if (!already.has(key)) unusable.push({ key, ok: false, reason: sample.status !== 'ok' ? sample.reason ?? sample.status : sample.nonResponse! });
      return;
    }
    const file = sample.file ?? sample.path;
    usable.push({ pos: usable.length, key, file, path: path.join(listing.root, file), ...(sample.face ? { face: { keypoints: sample.face.keypoints } } : {}) });
  });
  return { unusable, usable, work: usable.filter((s) => !already.has(s.key)), pathOfKey };
}

/** A planned sample as the inference engine takes it. */
export function scoreItem(sample: UsableSample): ScoreItem {
  return { key: sample.key, path: sample.path, ...(sample.face ? { face: sample.face } : {}) };
}
