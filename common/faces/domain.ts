// The domain check: how far a sample's `embedding` lies from the model's training data, and whether that is
// inside the stated percentile of the reference (dev) distances. Pure shared code (common/).
// Notation: x embedding [d], μ_c class means, P = Σ⁻¹ (shrunk pooled covariance); D(x) = min_c √((x−μ_c)ᵀ P (x−μ_c)).
import type { DomainSpec } from '../model/face-domain.js';

export type DomainVerdict =
  | { known: true; distance: number; inDomain: boolean; threshold: number; percentile: number }
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

/** The verdict for one embedding; "unknown" when the model's sidecar has no statistics or they do not fit. */
export function domainVerdict(spec: DomainSpec | undefined, embedding: ArrayLike<number> | undefined): DomainVerdict {
  if (!spec) return { known: false, reason: "the model's sidecar has no domain statistics" };
  if (!embedding) return { known: false, reason: 'no embedding was kept for this sample' };
  if (embedding.length !== spec.dims) return { known: false, reason: `embedding has ${embedding.length} dims, the statistics ${spec.dims}` };
  const distance = minClassMahalanobis(embedding, spec.classes.map((c) => c.mean), spec.precision);
  return { known: true, distance, inDomain: distance <= spec.threshold, threshold: spec.threshold, percentile: spec.percentile };
}

/** "12 of 40 samples are outside the model's domain" from a run's counts (or why that cannot be said). */
export function domainCountsText(d: { scored: number; known: number; outside: number }, unit = 'samples'): string {
  if (d.scored === 0) return `no ${unit} scored`;
  if (d.known === 0) return "domain unknown: the model's sidecar has no domain statistics";
  return `${d.outside} of ${d.known} ${unit} are outside the model's domain${d.known < d.scored ? ` (${d.scored - d.known} unknown)` : ''}`;
}
