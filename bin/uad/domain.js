// common/faces/domain.ts
/** Mahalanobis distance of x to the nearest class mean; P row-major d × d. */
function minClassMahalanobis(x, means, precision) {
	const d = x.length;
	if (precision.length !== d * d) throw new Error(`domain: precision has ${precision.length} entries, expected ${d * d}`);
	let best = Infinity;
	const diff = new Float64Array(d);
	for (const mean of means) {
		if (mean.length !== d) throw new Error(`domain: class mean has ${mean.length} dims, the embedding ${d}`);
		for (let i = 0; i < d; i++) diff[i] = x[i] - mean[i];
		let q = 0;
		for (let i = 0; i < d; i++) {
			let row = 0;
			for (let j = 0; j < d; j++) row += precision[i * d + j] * diff[j];
			q += diff[i] * row;
		}
		best = Math.min(best, Math.sqrt(Math.max(0, q)));
	}
	return best;
}
/** The verdict for one embedding; "unknown" when the model's sidecar has no statistics or they do not fit. */
function domainVerdict(spec, embedding) {
	if (!spec) return {
		known: false,
		reason: "the model's sidecar has no domain statistics"
	};
	if (!embedding) return {
		known: false,
		reason: "no embedding was kept for this sample"
	};
	if (embedding.length !== spec.dims) return {
		known: false,
		reason: `embedding has ${embedding.length} dims, the statistics ${spec.dims}`
	};
	const distance = minClassMahalanobis(embedding, spec.classes.map((c) => c.mean), spec.precision);
	return {
		known: true,
		distance,
		inDomain: distance <= spec.threshold,
		threshold: spec.threshold,
		percentile: spec.percentile
	};
}
export { minClassMahalanobis as n, domainVerdict as t };
