// The domain check: how far a sample's `embedding` lies from the model's training data, and whether that is
// inside the stated percentile of the reference (dev) distances. Pure shared code (common/).
// Notation: x embedding [d], μ_c class means, P = Σ⁻¹ (shrunk pooled covariance); D(x) = min_c √((x−μ_c)ᵀ P (x−μ_c)).
// With the sidecar's optional views (input statistics, common/faces/image-stats.ts; appearance features,
// common/faces/appearance.ts) the reported distance is max_v D_v / t_v, each distance over its threshold, so the
// threshold is 1.
import { unusableDomainReason, type DomainBlock } from '../model/domain-validity.js';
import type { DomainSpec } from '../model/face-domain.js';

export type DomainVerdict =
  | {
      known: true; distance: number; inDomain: boolean; threshold: number; percentile: number;
      /** With more than one view: each view's raw distance (each against its own threshold). */
      embeddingDistance?: number; imageDistance?: number; appearanceDistance?: number;
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

/** What one sample brings to the check besides its embedding: the features of the sidecar's optional views. */
export interface ViewFeatures {
  image?: ArrayLike<number>;
  appearance?: ArrayLike<number>;
}

/**
 * The verdict for one sample from its embedding and the features of the sidecar's other views (input statistics,
 * appearance); "unknown" when the model's sidecar has no statistics, they are unusable (common/model/domain-validity.ts)
 * or they do not fit the sample. In domain only if every distance is within its threshold; with more than one view `distance` is the largest distance over its threshold.
 */
export function domainVerdict(block: DomainBlock | undefined, embedding: ArrayLike<number> | undefined, views: ViewFeatures = {}): DomainVerdict {
  if (!block) return { known: false, reason: "the model's sidecar has no domain statistics" };
  const unusable = unusableDomainReason({ domain: block }).unknownReason;
  if (unusable !== undefined) return { known: false, reason: unusable };
  const spec = block as DomainSpec;
  if (!embedding) return { known: false, reason: 'no embedding was kept for this sample' };
  if (embedding.length !== spec.dims) return { known: false, reason: `embedding has ${embedding.length} dims, the statistics ${spec.dims}` };
  const distance = minClassMahalanobis(embedding, spec.classes.map((c) => c.mean), spec.precision);
  if (!spec.image && !spec.appearance) return { known: true, distance, inDomain: distance <= spec.threshold, threshold: spec.threshold, percentile: spec.percentile };
  const parts: { name: 'imageDistance' | 'appearanceDistance'; value: number; threshold: number }[] = [];
  for (const [name, view, features, what] of [
    ['imageDistance', spec.image, views.image, 'input statistics'],
    ['appearanceDistance', spec.appearance, views.appearance, 'appearance features'],
  ] as const) {
    if (!view) continue;
    if (!features) return { known: false, reason: `no ${what} were computed for this sample` };
    if (features.length !== view.features.length) return { known: false, reason: `${what} have ${features.length} values, the sidecar ${view.features.length}` };
    parts.push({ name, value: minClassMahalanobis(features, view.classes.map((c) => c.mean), view.precision), threshold: view.threshold });
  }
  let ratio = distance / spec.threshold;
  let inDomain = distance <= spec.threshold;
  for (const p of parts) { ratio = Math.max(ratio, p.value / p.threshold); inDomain &&= p.value <= p.threshold; }
  return {
    known: true, distance: ratio, inDomain, threshold: 1, percentile: spec.percentile, embeddingDistance: distance,
    ...Object.fromEntries(parts.map((p) => [p.name, p.value])),
  };
}

/** "12 of 40 samples are outside the model's domain" from a run's counts (or why that cannot be said). */
export function domainCountsText(d: { scored: number; known: number; outside: number; unknownReason?: string }, unit = 'samples'): string {
  if (d.scored === 0) return `no ${unit} scored`;
  if (d.known === 0) return `domain unknown: ${d.unknownReason ?? "the model's sidecar has no domain statistics"}`;
  return `${d.outside} of ${d.known} ${unit} are outside the model's domain${d.known < d.scored ? ` (${d.scored - d.known} unknown)` : ''}`;
}
