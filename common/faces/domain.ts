// The domain check: how far a sample's `embedding` lies from the model's training data, and whether that is
// inside the stated percentile of the reference (dev) distances. Pure shared code (common/).
// Notation: x embedding [d], μ_c class means, P = Σ⁻¹ (shrunk pooled covariance); D(x) = min_c √((x−μ_c)ᵀ P (x−μ_c)).
// With the sidecar's optional image view (features f of the input tensor, common/faces/image-stats.ts) the reported
// distance is max(D_e / t_e, D_i / t_i), each distance over its threshold, so the threshold is 1.
import type { DomainSpec } from '../model/face-domain.js';

export type DomainVerdict =
  | {
      known: true; distance: number; inDomain: boolean; threshold: number; percentile: number;
      /** With the image view: both raw distances (each against its own threshold). */
      embeddingDistance?: number; imageDistance?: number;
    }
  | { known: false; reason: string };

/** Mahalanobis distance of x to the nearest class mean; P row-major d × d. */
export function minClassMahalanobis(x: ArrayLike<number>, means: readonly (readonly number[])[], precision: ArrayLike<number>): number {
  const d = x.length;
  if (precision.length !== d * d) throw new Error(`domain: precision has ${precision.length} entries, expected ${d * d}`);
  let best = Infinity;
  const diff = new Float64Array(d);
  for (const mean of means) {
    if (mean.length !== d) throw new Error(`domain: class mean has ${mean.length} dims, the embedding ${d}`);
    for (let i = 0; i < d; i++) diff[i] = x[i]! - mean[i]!;
    let q = 0;
    for (let i = 0; i < d; i++) {
      let row = 0;
      for (let j = 0; j < d; j++) row += precision[i * d + j]! * diff[j]!;
      q += diff[i]! * row;
    }
    best = Math.min(best, Math.sqrt(Math.max(0, q)));
  }
  return best;
}

/**
 * The verdict for one sample from its embedding and (when the sidecar has the image view) its input-tensor features;
 * "unknown" when the model's sidecar has no statistics or they do not fit. In domain only if every distance is
 * within its threshold; with two views `distance` is the larger of the two distances over their thresholds.
 */
export function domainVerdict(spec: DomainSpec | undefined, embedding: ArrayLike<number> | undefined, imageFeatures?: ArrayLike<number>): DomainVerdict {
  if (!spec) return { known: false, reason: "the model's sidecar has no domain statistics" };
  if (!embedding) return { known: false, reason: 'no embedding was kept for this sample' };
  if (embedding.length !== spec.dims) return { known: false, reason: `embedding has ${embedding.length} dims, the statistics ${spec.dims}` };
  const distance = minClassMahalanobis(embedding, spec.classes.map((c) => c.mean), spec.precision);
  const image = spec.image;
  if (!image) return { known: true, distance, inDomain: distance <= spec.threshold, threshold: spec.threshold, percentile: spec.percentile };
  if (!imageFeatures) return { known: false, reason: 'no input statistics were computed for this sample' };
  if (imageFeatures.length !== image.features.length) return { known: false, reason: `input statistics have ${imageFeatures.length} features, the sidecar ${image.features.length}` };
  const imageDistance = minClassMahalanobis(imageFeatures, image.classes.map((c) => c.mean), image.precision);
  const ratio = Math.max(distance / spec.threshold, imageDistance / image.threshold);
  return {
    known: true, distance: ratio, inDomain: distance <= spec.threshold && imageDistance <= image.threshold, threshold: 1,
    percentile: spec.percentile, embeddingDistance: distance, imageDistance,
  };
}

/** "12 of 40 samples are outside the model's domain" from a run's counts (or why that cannot be said). */
export function domainCountsText(d: { scored: number; known: number; outside: number }, unit = 'samples'): string {
  if (d.scored === 0) return `no ${unit} scored`;
  if (d.known === 0) return "domain unknown: the model's sidecar has no domain statistics";
  return `${d.outside} of ${d.known} ${unit} are outside the model's domain${d.known < d.scored ? ` (${d.scored - d.known} unknown)` : ''}`;
}
