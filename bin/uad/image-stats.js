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
/**
* The verdict for one sample from its embedding and (when the sidecar has the image view) its input-tensor features;
* "unknown" when the model's sidecar has no statistics or they do not fit. In domain only if every distance is
* within its threshold; with two views `distance` is the larger of the two distances over their thresholds.
*/
function domainVerdict(spec, embedding, imageFeatures) {
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
	const image = spec.image;
	if (!image) return {
		known: true,
		distance,
		inDomain: distance <= spec.threshold,
		threshold: spec.threshold,
		percentile: spec.percentile
	};
	if (!imageFeatures) return {
		known: false,
		reason: "no input statistics were computed for this sample"
	};
	if (imageFeatures.length !== image.features.length) return {
		known: false,
		reason: `input statistics have ${imageFeatures.length} features, the sidecar ${image.features.length}`
	};
	const imageDistance = minClassMahalanobis(imageFeatures, image.classes.map((c) => c.mean), image.precision);
	return {
		known: true,
		distance: Math.max(distance / spec.threshold, imageDistance / image.threshold),
		inDomain: distance <= spec.threshold && imageDistance <= image.threshold,
		threshold: 1,
		percentile: spec.percentile,
		embeddingDistance: distance,
		imageDistance
	};
}
// common/faces/image-stats.ts
/** Feature names, in the order imageStats returns them (also written into the sidecar). */
var IMAGE_STAT_FEATURES = [
	"mean_c0",
	"mean_c1",
	"mean_c2",
	"log_std_c0",
	"log_std_c1",
	"log_std_c2",
	"sat_mean",
	"log_sat_std",
	"log_grad",
	"log_laplacian",
	"log_grad_coarse",
	"quadrant_std",
	"log_lap_p25",
	"log_lap_median",
	...Array.from({ length: 16 }, (_, i) => `layout_${Math.floor(i / 4)}${i % 4}`)
];
var EPS = 1e-6;
function meanAbsGradient(l, s) {
	if (s < 2) return 0;
	let sum = 0;
	for (let y = 0; y < s; y++) for (let x = 0; x + 1 < s; x++) sum += Math.abs(l[y * s + x + 1] - l[y * s + x]);
	for (let y = 0; y + 1 < s; y++) for (let x = 0; x < s; x++) sum += Math.abs(l[(y + 1) * s + x] - l[y * s + x]);
	return sum / (2 * s * (s - 1));
}
/**
* The 30 features of IMAGE_STAT_FEATURES for one CHW image of side s starting at `offset`: channel means, log channel
* standard deviations, saturation mean and log std, log mean |∇L|, log mean |ΔL|, log mean |∇L| of L averaged over
* 2 × 2 blocks, the standard deviation of the four quadrant means of L, log of the 25th percentile and median of |ΔL|
* (lower entries of the sorted values), and the coarse layout: the means of L over a 4 × 4 grid of cells (row-major;
* cell (r, c) spans pixels ⌊r·s/4⌋ … ⌊(r+1)·s/4⌋ − 1), minus the mean of L, over the standard deviation of L.
*/
function imageStats(chw, s, offset = 0) {
	const p = s * s;
	if (s < 4 || chw.length < offset + 3 * p) throw new Error(`image stats: need a [3, ${s}, ${s}] image of side ≥ 4`);
	const out = [];
	const l = new Float64Array(p);
	const sat = new Float64Array(p);
	const stds = [];
	for (let c = 0; c < 3; c++) {
		let sum = 0, sq = 0;
		for (let i = 0; i < p; i++) {
			const v = chw[offset + c * p + i];
			sum += v;
			sq += v * v;
		}
		const mean = sum / p;
		out.push(mean);
		stds.push(Math.log(Math.sqrt(Math.max(0, sq / p - mean * mean)) + EPS));
	}
	out.push(...stds);
	for (let i = 0; i < p; i++) {
		const a = chw[offset + i], b = chw[offset + p + i], c = chw[offset + 2 * p + i];
		l[i] = (a + b + c) / 3;
		sat[i] = Math.max(a, b, c) - Math.min(a, b, c);
	}
	let sSum = 0, sSq = 0;
	for (let i = 0; i < p; i++) {
		sSum += sat[i];
		sSq += sat[i] * sat[i];
	}
	const satMean = sSum / p;
	out.push(satMean, Math.log(Math.sqrt(Math.max(0, sSq / p - satMean * satMean)) + EPS));
	out.push(Math.log(meanAbsGradient(l, s) + EPS));
	let lap = 0;
	const laps = [];
	for (let y = 1; y + 1 < s; y++) for (let x = 1; x + 1 < s; x++) {
		const i = y * s + x;
		const a = Math.abs(l[i - 1] + l[i + 1] + l[i - s] + l[i + s] - 4 * l[i]);
		lap += a;
		laps.push(a);
	}
	laps.sort((a, b) => a - b);
	out.push(Math.log(lap / ((s - 2) * (s - 2)) + EPS));
	const h = Math.floor(s / 2);
	const coarse = new Float64Array(h * h);
	for (let y = 0; y < h; y++) for (let x = 0; x < h; x++) {
		const i = 2 * y * s + 2 * x;
		coarse[y * h + x] = (l[i] + l[i + 1] + l[i + s] + l[i + s + 1]) / 4;
	}
	out.push(Math.log(meanAbsGradient(coarse, h) + EPS));
	const quads = [
		0,
		0,
		0,
		0
	];
	const counts = [
		0,
		0,
		0,
		0
	];
	for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) {
		const q = (y < s / 2 ? 0 : 2) + (x < s / 2 ? 0 : 1);
		quads[q] += l[y * s + x];
		counts[q]++;
	}
	const qm = quads.map((v, q) => v / counts[q]);
	const qMean = (qm[0] + qm[1] + qm[2] + qm[3]) / 4;
	out.push(Math.sqrt(qm.reduce((a, v) => a + (v - qMean) ** 2, 0) / 4));
	out.push(Math.log(laps[Math.floor(laps.length / 4)] + EPS), Math.log(laps[Math.floor(laps.length / 2)] + EPS));
	let lSum = 0, lSq = 0;
	for (let i = 0; i < p; i++) {
		lSum += l[i];
		lSq += l[i] * l[i];
	}
	const lMean = lSum / p;
	const lStd = Math.sqrt(Math.max(0, lSq / p - lMean * lMean)) + EPS;
	for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
		let sum = 0, n = 0;
		for (let y = Math.floor(r * s / 4); y < Math.floor((r + 1) * s / 4); y++) for (let x = Math.floor(c * s / 4); x < Math.floor((c + 1) * s / 4); x++) {
			sum += l[y * s + x];
			n++;
		}
		out.push((sum / n - lMean) / lStd);
	}
	return out;
}
export { minClassMahalanobis as i, imageStats as n, domainVerdict as r, IMAGE_STAT_FEATURES as t };
