import { readFile } from "node:fs/promises";
var DEFAULT_SPECIES_NAME = "attack";
/** Thrown for every invalid input to the metrics library; `code` is stable for callers. */
var MetricsInputError = class extends Error {
	code;
	constructor(code, message) {
		super(message);
		this.name = "MetricsInputError";
		this.code = code;
	}
};
/**
* Checks lengths, finiteness, labels and that both classes are present. O(n).
* Throws MetricsInputError naming the first offending sample index.
*/
function validateLabelledScores(data) {
	const { scores, labels } = data;
	const n = scores.length;
	if (n === 0) throw new MetricsInputError("empty", "no scores: the metrics need at least one attack and one bona fide sample");
	if (labels.length !== n) throw new MetricsInputError("length-mismatch", `scores and labels differ in length (${n} scores, ${labels.length} labels)`);
	let attackCount = 0;
	for (let i = 0; i < n; i++) {
		const score = scores[i];
		if (score - score !== 0) throw new MetricsInputError("non-finite-score", `score of sample ${i} is ${score}; scores must be finite numbers (NaN means a missing score)`);
		const label = labels[i];
		if (label === 1) attackCount++;
		else if (label !== 0) throw new MetricsInputError("bad-label", `label of sample ${i} is ${label}; labels must be 1 (attack) or 0 (bona fide)`);
	}
	const bonaFideCount = n - attackCount;
	if (attackCount === 0 || bonaFideCount === 0) throw new MetricsInputError("one-class", `all ${n} samples are ${attackCount === 0 ? "bona fide (label 0)" : "attacks (label 1)"}; the metrics need both attacks and bona fide samples`);
	validateCodes(data.speciesCodes, data.speciesNames, n, "species", labels);
	validateCodes(data.identityCodes, data.identityNames, n, "identity", void 0);
	return {
		attackCount,
		bonaFideCount
	};
}
function validateCodes(codes, names, n, what, onlyWhereAttack) {
	if (codes === void 0 && names === void 0) return;
	if (codes === void 0 || names === void 0) throw new MetricsInputError("bad-species", `${what} codes and ${what} names must be given together`);
	if (codes.length !== n) throw new MetricsInputError("length-mismatch", `${what} codes differ in length from scores (${codes.length} vs ${n})`);
	for (let i = 0; i < n; i++) {
		if (onlyWhereAttack !== void 0 && onlyWhereAttack[i] !== 1) continue;
		if (codes[i] >= names.length) throw new MetricsInputError("bad-species", `${what} code ${codes[i]} of sample ${i} has no name (${names.length} names given)`);
	}
}
/** Rejects thresholds and target rates that cannot mean anything. */
function requireNumber(value, what) {
	if (Number.isNaN(value)) throw new MetricsInputError("bad-argument", `${what} is NaN`);
}
function requireRate(value, what) {
	if (!(value >= 0 && value <= 1)) throw new MetricsInputError("bad-argument", `${what} must be a rate in [0, 1], got ${value}`);
}
// common/metrics/radix-sort.ts
var LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
var HIGH_WORD = 1 - LOW_WORD;
/**
* Sorts `scores` ascending together with `tags`. Scores must be finite or ±Infinity (NaN has no
* place in the order; callers validate first); −0 is treated as +0. Time O(n · passes) with
* passes ≤ 8 (8-bit digits below 65 536 scores, else 4 passes of 16-bit digits); memory 24·n bytes.
*/
function radixSortScores(scores, tags) {
	const n = scores.length;
	const words = new Uint32Array(scores.buffer, scores.byteOffset, 2 * n);
	let low = new Uint32Array(n);
	let high = new Uint32Array(n);
	let tagsOut = new Uint32Array(n);
	const digitBits = n < 65536 ? 8 : 16;
	const bins = 1 << digitBits;
	const mask = bins - 1;
	const passesPerWord = 32 / digitBits;
	const histograms = new Uint32Array(2 * passesPerWord * bins);
	for (let i = 0; i < n; i++) {
		let lowWord = words[2 * i + LOW_WORD];
		let highWord = words[2 * i + HIGH_WORD];
		if (scores[i] === 0) {
			lowWord = 0;
			highWord = 0;
		}
		if ((highWord & 2147483648) !== 0) {
			lowWord = ~lowWord >>> 0;
			highWord = ~highWord >>> 0;
		} else highWord = (highWord | 2147483648) >>> 0;
		low[i] = lowWord;
		high[i] = highWord;
		tagsOut[i] = tags[i];
		for (let p = 0; p < passesPerWord; p++) {
			histograms[p * bins + (lowWord >>> p * digitBits & mask)]++;
			histograms[(passesPerWord + p) * bins + (highWord >>> p * digitBits & mask)]++;
		}
	}
	let lowSpare = new Uint32Array(n);
	let highSpare = new Uint32Array(n);
	let tagsSpare = new Uint32Array(n);
	for (let pass = 0; pass < 2 * passesPerWord; pass++) {
		const base = pass * bins;
		let occupied = 0;
		let offset = 0;
		for (let b = 0; b < bins; b++) {
			const count = histograms[base + b];
			if (count !== 0) occupied++;
			histograms[base + b] = offset;
			offset += count;
		}
		if (occupied <= 1) continue;
		const source = pass < passesPerWord ? low : high;
		const shift = pass % passesPerWord * digitBits;
		for (let i = 0; i < n; i++) {
			const to = histograms[base + (source[i] >>> shift & mask)]++;
			lowSpare[to] = low[i];
			highSpare[to] = high[i];
			tagsSpare[to] = tagsOut[i];
		}
		[low, lowSpare] = [lowSpare, low];
		[high, highSpare] = [highSpare, high];
		[tagsOut, tagsSpare] = [tagsSpare, tagsOut];
	}
	return {
		high,
		low,
		tags: tagsOut
	};
}
var scratch = /* @__PURE__ */ new Float64Array(1);
var scratchWords = new Uint32Array(scratch.buffer);
/** The score whose sortable key is (high, low): the inverse of the mapping above. */
function scoreOfKey(high, low) {
	if ((high & 2147483648) !== 0) {
		scratchWords[HIGH_WORD] = (high & 2147483647) >>> 0;
		scratchWords[LOW_WORD] = low;
	} else {
		scratchWords[HIGH_WORD] = ~high >>> 0;
		scratchWords[LOW_WORD] = ~low >>> 0;
	}
	return scratch[0];
}
// common/metrics/threshold-index.ts
/**
* The threshold of row k. Above the largest score we follow scikit-learn 1.2's `roc_curve`
* (max score + 1, a finite value that JSON can carry; sklearn ≥ 1.3 writes +inf there).
*/
function thresholdOfRow(counts, row) {
	const m = counts.distinctScores.length;
	return row < m ? counts.distinctScores[row] : counts.distinctScores[m - 1] + 1;
}
/** Number of entries of the ascending `sorted` that are < value (lower bound). O(log n). */
function countBelow(sorted, value) {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = lo + hi >>> 1;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
/**
* The attack species present in `data` (at least one attack), in the order of its species names.
* Group 0 is bona fide; attack species with raw code c form group groupOfRawSpecies[c] ≥ 1
* (−1 for species without attacks). Shared by the index and the bootstrap so both agree. O(n).
*/
function compactSpecies(data) {
	const { labels, speciesCodes } = data;
	const rawNames = data.speciesNames ?? ["attack"];
	const rawSpeciesCounts = new Uint32Array(rawNames.length);
	for (let i = 0; i < labels.length; i++) if (labels[i] === 1) rawSpeciesCounts[speciesCodes === void 0 ? 0 : speciesCodes[i]]++;
	const groupOfRawSpecies = new Int32Array(rawNames.length).fill(-1);
	const speciesNames = [];
	for (let code = 0; code < rawNames.length; code++) if (rawSpeciesCounts[code] > 0) {
		groupOfRawSpecies[code] = 1 + speciesNames.length;
		speciesNames.push(rawNames[code]);
	}
	return {
		speciesNames,
		groupOfRawSpecies,
		rawSpeciesCounts
	};
}
/** Group of sample i: 0 for bona fide, 1 + compact species index for attacks. */
function groupOfSample(data, groupOfRawSpecies, i) {
	if (data.labels[i] !== 1) return 0;
	return groupOfRawSpecies[data.speciesCodes === void 0 ? 0 : data.speciesCodes[i]];
}
/**
* Prepared index over labelled scores.
*
* Preparation: one LSD radix sort of the scores with their class/species group (O(n) per pass,
* at most 8 passes; the O(n log n) of the issue is an upper bound) and one scan writing the rows.
* Memory 8·m + 4·(m+1)·(2 + species) bytes for m distinct scores (species columns share the
* pooled column when there is a single species), plus about 28·n bytes transient while sorting.
* Queries: O(log m + species).
* Ties: samples with equal scores always fall on the same side of any threshold, and curves step
* over whole tie groups, as scikit-learn's `_binary_clf_curve` does.
* Species with no attack sample in the data are not listed (their APCER is undefined).
*/
var ThresholdIndex = class ThresholdIndex {
	sampleCount;
	attackCount;
	bonaFideCount;
	distinctScores;
	bonaFideBelow;
	attacksBelow;
	/** Names of the attack species present, in the order of the input's species names. */
	speciesNames;
	/** Number of attacks per species, aligned with speciesNames. */
	speciesAttackCounts;
	/** Row-major (m + 1) × species: attacks of each species with score < distinctScores[row]. */
	speciesBelow;
	constructor(fields) {
		this.attackCount = fields.attackCount;
		this.bonaFideCount = fields.bonaFideCount;
		this.sampleCount = fields.attackCount + fields.bonaFideCount;
		this.distinctScores = fields.distinctScores;
		this.bonaFideBelow = fields.bonaFideBelow;
		this.attacksBelow = fields.attacksBelow;
		this.speciesNames = fields.speciesNames;
		this.speciesAttackCounts = fields.speciesAttackCounts;
		this.speciesBelow = fields.speciesBelow;
	}
	/** Validates (throws MetricsInputError) and prepares the index. O(n · radix passes), passes ≤ 8. */
	static build(data) {
		const { attackCount, bonaFideCount } = validateLabelledScores(data);
		const { scores, labels } = data;
		const n = scores.length;
		const rawSpeciesCodes = data.speciesCodes;
		const rawNames = data.speciesNames ?? ["attack"];
		const rawTags = new Uint32Array(n);
		const rawTagCounts = new Uint32Array(1 + rawNames.length);
		for (let i = 0; i < n; i++) {
			const tag = labels[i] === 1 ? 1 + (rawSpeciesCodes === void 0 ? 0 : rawSpeciesCodes[i]) : 0;
			rawTags[i] = tag;
			rawTagCounts[tag]++;
		}
		const speciesNames = [];
		const groupOfTag = new Uint32Array(1 + rawNames.length);
		for (let code = 0; code < rawNames.length; code++) if (rawTagCounts[1 + code] > 0) {
			speciesNames.push(rawNames[code]);
			groupOfTag[1 + code] = speciesNames.length;
		}
		const speciesCount = speciesNames.length;
		const speciesAttackCounts = Uint32Array.from(rawTagCounts.subarray(1).filter((count) => count > 0));
		const { high, low, tags } = radixSortScores(scores, rawTags);
		let m = n === 0 ? 0 : 1;
		for (let i = 1; i < n; i++) if (high[i] !== high[i - 1] || low[i] !== low[i - 1]) m++;
		const distinct = new Float64Array(m);
		const bonaFideBelow = new Uint32Array(m + 1);
		const attacksBelow = new Uint32Array(m + 1);
		const speciesBelow = speciesCount === 1 ? attacksBelow : new Uint32Array((m + 1) * speciesCount);
		const seenPerGroup = new Uint32Array(1 + speciesCount);
		let row = 0;
		let attacksSeen = 0;
		for (let i = 0; i < n; i++) {
			if (i === 0 || high[i] !== high[i - 1] || low[i] !== low[i - 1]) {
				bonaFideBelow[row] = seenPerGroup[0];
				attacksBelow[row] = attacksSeen;
				if (speciesCount > 1) {
					const rowBase = row * speciesCount;
					for (let s = 0; s < speciesCount; s++) speciesBelow[rowBase + s] = seenPerGroup[s + 1];
				}
				distinct[row++] = scoreOfKey(high[i], low[i]);
			}
			const group = groupOfTag[tags[i]];
			seenPerGroup[group]++;
			if (group !== 0) attacksSeen++;
		}
		bonaFideBelow[m] = bonaFideCount;
		attacksBelow[m] = attackCount;
		if (speciesCount > 1) speciesBelow.set(speciesAttackCounts, m * speciesCount);
		return new ThresholdIndex({
			attackCount,
			bonaFideCount,
			distinctScores: distinct,
			bonaFideBelow,
			attacksBelow,
			speciesNames,
			speciesAttackCounts,
			speciesBelow
		});
	}
	/** The row whose decisions equal those at `threshold` (attack when score ≥ threshold). O(log m). */
	rowOf(threshold) {
		requireNumber(threshold, "threshold");
		return countBelow(this.distinctScores, threshold);
	}
	/** All error rates at `threshold`. O(log m + species). */
	ratesAt(threshold) {
		return this.ratesAtRow(this.rowOf(threshold), threshold);
	}
	/** Error rates at a row; `threshold` is reported as given (defaults to the row's threshold). */
	ratesAtRow(row, threshold = thresholdOfRow(this, row)) {
		const speciesCount = this.speciesNames.length;
		const apcerBySpecies = new Float64Array(speciesCount);
		let apcerMax = -1;
		let worst = 0;
		const rowBase = row * speciesCount;
		for (let s = 0; s < speciesCount; s++) {
			const apcer = this.speciesBelow[rowBase + s] / this.speciesAttackCounts[s];
			apcerBySpecies[s] = apcer;
			if (apcer > apcerMax) {
				apcerMax = apcer;
				worst = s;
			}
		}
		const attacksCalledBonaFide = this.attacksBelow[row];
		const bonaFideCalledAttack = this.bonaFideCount - this.bonaFideBelow[row];
		const apcerPooled = attacksCalledBonaFide / this.attackCount;
		const bpcer = bonaFideCalledAttack / this.bonaFideCount;
		const acerPooled = (apcerPooled + bpcer) / 2;
		return {
			threshold,
			apcerBySpecies,
			apcerMax,
			worstSpecies: this.speciesNames[worst],
			apcerPooled,
			bpcer,
			acer: (apcerMax + bpcer) / 2,
			acerPooled,
			hter: acerPooled,
			acc: (this.sampleCount - attacksCalledBonaFide - bonaFideCalledAttack) / this.sampleCount,
			attacksCalledBonaFide,
			bonaFideCalledAttack
		};
	}
	/** Worst-species APCER at a row without allocating. O(species). */
	apcerMaxAtRow(row) {
		const speciesCount = this.speciesNames.length;
		const rowBase = row * speciesCount;
		let worst = 0;
		for (let s = 0; s < speciesCount; s++) {
			const apcer = this.speciesBelow[rowBase + s] / this.speciesAttackCounts[s];
			if (apcer > worst) worst = apcer;
		}
		return worst;
	}
	apcerPooledAtRow(row) {
		return this.attacksBelow[row] / this.attackCount;
	}
	bpcerAtRow(row) {
		return (this.bonaFideCount - this.bonaFideBelow[row]) / this.bonaFideCount;
	}
	/** Number of rows (m + 1): every distinct score plus "above every score". */
	get rowCount() {
		return this.distinctScores.length + 1;
	}
};
// common/metrics/roc.ts
/** ROC curve. O(m) for m distinct scores. */
function rocCurve(counts, options = {}) {
	const m = counts.distinctScores.length;
	const fpsAll = new Uint32Array(m + 1);
	const tpsAll = new Uint32Array(m + 1);
	for (let j = 0; j <= m; j++) {
		fpsAll[j] = counts.bonaFideCount - counts.bonaFideBelow[m - j];
		tpsAll[j] = counts.attackCount - counts.attacksBelow[m - j];
	}
	let keep;
	if (options.dropIntermediate === true && m > 2) {
		keep = new Uint32Array(m + 1);
		let kept = 0;
		keep[kept++] = 0;
		for (let j = 1; j <= m; j++) if (j === 1 || j === m || fpsAll[j + 1] - 2 * fpsAll[j] + fpsAll[j - 1] !== 0 || tpsAll[j + 1] - 2 * tpsAll[j] + tpsAll[j - 1] !== 0) keep[kept++] = j;
		keep = keep.subarray(0, kept);
	}
	const size = keep === void 0 ? m + 1 : keep.length;
	const fpr = new Float64Array(size);
	const tpr = new Float64Array(size);
	const thresholds = new Float64Array(size);
	const falsePositives = new Uint32Array(size);
	const truePositives = new Uint32Array(size);
	for (let i = 0; i < size; i++) {
		const j = keep === void 0 ? i : keep[i];
		falsePositives[i] = fpsAll[j];
		truePositives[i] = tpsAll[j];
		fpr[i] = fpsAll[j] / counts.bonaFideCount;
		tpr[i] = tpsAll[j] / counts.attackCount;
		thresholds[i] = thresholdOfRow(counts, m - j);
	}
	return {
		fpr,
		tpr,
		thresholds,
		falsePositives,
		truePositives
	};
}
/**
* Area under the ROC curve (attack = positive class), the trapezoid rule over all distinct
* scores as sklearn's `roc_auc_score`, so ties count one half (the Mann–Whitney statistic).
* Summed in integer counts, exact while 2·attacks·bonaFide < 2^53, then divided once. O(m).
*/
function rocAuc(counts) {
	const m = counts.distinctScores.length;
	let twiceArea = 0;
	let previousFp = 0;
	let previousTp = 0;
	for (let row = m - 1; row >= 0; row--) {
		const fp = counts.bonaFideCount - counts.bonaFideBelow[row];
		const tp = counts.attackCount - counts.attacksBelow[row];
		twiceArea += (fp - previousFp) * (tp + previousTp);
		previousFp = fp;
		previousTp = tp;
	}
	return twiceArea / (2 * counts.attackCount * counts.bonaFideCount);
}
// common/metrics/eer.ts
/**
* EER on the full ROC (every distinct score a point, plus "above every score").
*
* Rows k = 0..m run from the lowest threshold (all called attack: BPCER 1, APCER 0) to above the
* highest (BPCER 0, APCER 1), so d_k = BPCER_k − APCER_k falls from 1 to −1. With k the first row
* where d_k ≤ 0: if d_k = 0 the EER is that point's rate; otherwise the crossing lies on the ROC
* segment between rows k−1 and k at t = d_{k−1} / (d_{k−1} − d_k), EER = BPCER_{k−1} + t·(BPCER_k −
* BPCER_{k−1}) and threshold = τ_{k−1} + t·(τ_k − τ_{k−1}). This is the crossing of the linearly
* interpolated ROC with the line fnr = fpr, the usual `brentq(1 − x − interp(fpr, tpr))` EER
* without its root-finding tolerance. The interpolated threshold lies between two observed scores
* (or between the top score and top + 1), so deciding at it gives the operating point of row k
* (row k − 1 only if rounding lands it on τ_{k−1}); the EER itself belongs to the interpolated
* curve, not to one operating point. O(log m). When the crossing lies on the last segment (towards
* "above every score", e.g. every score tied) the reported threshold is the top score, so it never
* names a value outside the data; `interpolatedThreshold` keeps the unclamped value.
*/
function equalErrorRate(counts) {
	const m = counts.distinctScores.length;
	const bpcerAt = (row) => (counts.bonaFideCount - counts.bonaFideBelow[row]) / counts.bonaFideCount;
	const apcerAt = (row) => counts.attacksBelow[row] / counts.attackCount;
	let lo = 1;
	let hi = m;
	while (lo < hi) {
		const mid = lo + hi >>> 1;
		if (bpcerAt(mid) - apcerAt(mid) <= 0) hi = mid;
		else lo = mid + 1;
	}
	const k = lo;
	const dk = bpcerAt(k) - apcerAt(k);
	if (dk === 0) {
		const threshold = thresholdOfRow(counts, Math.min(k, m - 1));
		return {
			eer: bpcerAt(k),
			interpolatedThreshold: thresholdOfRow(counts, k),
			threshold,
			rowBelow: k,
			rowAbove: k
		};
	}
	const dPrev = bpcerAt(k - 1) - apcerAt(k - 1);
	const t = dPrev / (dPrev - dk);
	const eer = bpcerAt(k - 1) + t * (bpcerAt(k) - bpcerAt(k - 1));
	const interpolatedThreshold = thresholdOfRow(counts, k - 1) + t * (thresholdOfRow(counts, k) - thresholdOfRow(counts, k - 1));
	return {
		eer,
		interpolatedThreshold,
		threshold: Math.min(interpolatedThreshold, counts.distinctScores[m - 1]),
		rowBelow: k - 1,
		rowAbove: k
	};
}
// common/metrics/pr.ts
/** PR curve. O(m). */
function precisionRecallCurve(counts) {
	const m = counts.distinctScores.length;
	const precision = new Float64Array(m + 1);
	const recall = new Float64Array(m + 1);
	for (let row = 0; row < m; row++) {
		const truePositives = counts.attackCount - counts.attacksBelow[row];
		const calledAttack = truePositives + counts.bonaFideCount - counts.bonaFideBelow[row];
		precision[row] = truePositives / calledAttack;
		recall[row] = truePositives / counts.attackCount;
	}
	precision[m] = 1;
	recall[m] = 0;
	return {
		precision,
		recall,
		thresholds: counts.distinctScores.slice()
	};
}
/**
* Average precision as sklearn's `average_precision_score`: the step-function integral
* Σ_r (recall_r − recall_{r+1}) · precision_r, no interpolation. O(m).
*/
function averagePrecision(counts) {
	const { precision, recall } = precisionRecallCurve(counts);
	let sum = 0;
	for (let r = 0; r + 1 < recall.length; r++) sum += (recall[r] - recall[r + 1]) * precision[r];
	return sum;
}
// common/metrics/operating-points.ts
/**
* BPCER at APCER ≤ `maxApcer` (ISO/IEC 30107-3 BPCER_N with maxApcer = 1/N, e.g. BPCER20 at 0.05):
* the highest threshold whose APCER (worst species by default, as bob.pad.base's
* `apcer_threshold`, which takes the strictest of the per-species `far_threshold`s) is at most
* `maxApcer`. APCER only grows with the threshold while BPCER only falls, so the highest such
* threshold has the lowest BPCER. Candidates are the distinct scores, where each tie group is
* decided as a whole, plus max + 1; the lowest score always qualifies (APCER 0). O(log m · species).
*/
function bpcerAtApcer(index, maxApcer, apcer = "max") {
	requireRate(maxApcer, "maximum APCER");
	const apcerAt = apcer === "max" ? (row) => index.apcerMaxAtRow(row) : (row) => index.apcerPooledAtRow(row);
	let lo = 0;
	let hi = index.distinctScores.length;
	while (lo < hi) {
		const mid = lo + hi + 1 >>> 1;
		if (apcerAt(mid) <= maxApcer) lo = mid;
		else hi = mid - 1;
	}
	return pointAt(index, lo);
}
/**
* APCER at BPCER ≤ `maxBpcer` (bob.pad.base's `apcerN` criterion, via `frr_threshold` on pooled
* attacks): the lowest threshold, among the distinct scores and max + 1, whose BPCER is at most
* `maxBpcer`; BPCER falls and APCER grows with the threshold, so this is where APCER is lowest.
* O(log m).
*/
function apcerAtBpcer(index, maxBpcer) {
	requireRate(maxBpcer, "maximum BPCER");
	let lo = 0;
	let hi = index.distinctScores.length;
	while (lo < hi) {
		const mid = lo + hi >>> 1;
		if (index.bpcerAtRow(mid) <= maxBpcer) hi = mid;
		else lo = mid + 1;
	}
	return pointAt(index, lo);
}
/**
* The threshold minimising HTER = (APCER_pooled + BPCER) / 2 over the distinct scores and max + 1
* (bob.measure's `min_hter_threshold` reads pooled attacks too). Among equal minima the lowest
* threshold wins, which misses the fewest attacks. The comparison is made on integer-scaled error
* counts so that equal HTERs compare equal. O(m).
*/
function minHterPoint(index) {
	const rows = index.distinctScores.length + 1;
	const attacks = index.attackCount;
	const bonaFide = index.bonaFideCount;
	let bestRow = 0;
	let best = Infinity;
	for (let row = 0; row < rows; row++) {
		const weighted = index.attacksBelow[row] * bonaFide + (bonaFide - index.bonaFideBelow[row]) * attacks;
		if (weighted < best) {
			best = weighted;
			bestRow = row;
		}
	}
	return pointAt(index, bestRow);
}
function pointAt(index, row) {
	const threshold = thresholdOfRow(index, row);
	return {
		threshold,
		row,
		rates: index.ratesAtRow(row, threshold)
	};
}
// common/metrics/criteria.ts
/** The names the CLI and UI accept, e.g. 'eer', 'min-hter', 'bpcer20', 'bpcer100', 'apcer20', 'fixed'. */
var CRITERION_NAMES = [
	"eer",
	"min-hter",
	"bpcer20",
	"bpcer100",
	"apcer20",
	"apcer100",
	"fixed"
];
/**
* Parses a criterion name: 'eer', 'min-hter', 'bpcerN' / 'apcerN' for a positive integer N
* (rate bound 1/N, as bob.pad.base), or 'fixed' (which needs `fixedThreshold`).
* Throws MetricsInputError for anything else.
*/
function parseCriterion(name, fixedThreshold) {
	const lower = name.trim().toLowerCase();
	if (lower === "eer") return { kind: "eer" };
	if (lower === "min-hter") return { kind: "min-hter" };
	if (lower === "fixed") {
		if (fixedThreshold === void 0) throw new MetricsInputError("bad-argument", "criterion 'fixed' needs a threshold value");
		requireNumber(fixedThreshold, "fixed threshold");
		return {
			kind: "fixed",
			threshold: fixedThreshold
		};
	}
	const rateCriterion = /^(bpcer|apcer)([1-9][0-9]*)$/.exec(lower);
	if (rateCriterion !== null) {
		const bound = 1 / Number(rateCriterion[2]);
		return rateCriterion[1] === "bpcer" ? {
			kind: "bpcer-at-apcer",
			maxApcer: bound
		} : {
			kind: "apcer-at-bpcer",
			maxBpcer: bound
		};
	}
	throw new MetricsInputError("bad-argument", `unknown threshold criterion '${name}' (expected one of ${CRITERION_NAMES.join(", ")})`);
}
/** A short name for a criterion, e.g. 'bpcer20'; rate bounds that are not 1/N print as 'bpcer@apcer<=0.03'. */
function criterionName(criterion) {
	switch (criterion.kind) {
		case "eer":
		case "min-hter":
		case "fixed": return criterion.kind;
		case "bpcer-at-apcer": return rateCriterionName("bpcer", "apcer", criterion.maxApcer);
		case "apcer-at-bpcer": return rateCriterionName("apcer", "bpcer", criterion.maxBpcer);
	}
}
function rateCriterionName(reported, bounded, bound) {
	const n = Math.round(1 / bound);
	return n >= 1 && 1 / n === bound ? `${reported}${n}` : `${reported}@${bounded}<=${bound}`;
}
function describeIndex(index, description) {
	return {
		description,
		samples: index.sampleCount,
		attacks: index.attackCount,
		bonaFide: index.bonaFideCount
	};
}
/** Chooses a threshold on `source` by `criterion`. O(m) at most (min-HTER), O(log m) for the others. */
function chooseThreshold(source, criterion, sourceDescription) {
	const name = criterionName(criterion);
	if (criterion.kind === "fixed") {
		requireNumber(criterion.threshold, "fixed threshold");
		return {
			criterion: name,
			criterionSpec: criterion,
			threshold: criterion.threshold,
			chosenOn: null,
			achievedOnSource: null
		};
	}
	let threshold;
	let sourceEer;
	switch (criterion.kind) {
		case "eer": {
			const eer = equalErrorRate(source);
			threshold = eer.threshold;
			sourceEer = eer.eer;
			break;
		}
		case "min-hter":
			threshold = minHterPoint(source).threshold;
			break;
		case "bpcer-at-apcer":
			requireRate(criterion.maxApcer, "maximum APCER");
			threshold = bpcerAtApcer(source, criterion.maxApcer).threshold;
			break;
		case "apcer-at-bpcer":
			requireRate(criterion.maxBpcer, "maximum BPCER");
			threshold = apcerAtBpcer(source, criterion.maxBpcer).threshold;
	}
	const rates = source.ratesAt(threshold);
	return {
		criterion: name,
		criterionSpec: criterion,
		threshold,
		chosenOn: describeIndex(source, sourceDescription),
		achievedOnSource: {
			apcerMax: rates.apcerMax,
			apcerPooled: rates.apcerPooled,
			bpcer: rates.bpcer
		},
		...sourceEer === void 0 ? {} : { sourceEer }
	};
}
/**
* Applies a chosen threshold to `target` (the challenge protocol: choose on dev, report on test).
* Pass the same index as source and target to evaluate without a dev set; `chosenOnSameData`
* then says so. O(log m + species).
*/
function applyThreshold(target, provenance, targetDescription, chosenOnSameData) {
	return {
		provenance,
		appliedTo: describeIndex(target, targetDescription),
		chosenOnSameData,
		rates: target.ratesAt(provenance.threshold)
	};
}
// common/metrics/confusion.ts
var BONA_FIDE_ROW_NAME = "bona fide";
/** Confusion counts at `threshold` (attack when score ≥ threshold). O(log m + species). */
function confusionAt(index, threshold) {
	const row = index.rowOf(threshold);
	const speciesCount = index.speciesNames.length;
	const calledBonaFide = new Uint32Array(1 + speciesCount);
	const calledAttack = new Uint32Array(1 + speciesCount);
	calledBonaFide[0] = index.bonaFideBelow[row];
	calledAttack[0] = index.bonaFideCount - index.bonaFideBelow[row];
	for (let s = 0; s < speciesCount; s++) {
		const missed = index.speciesBelow[row * speciesCount + s];
		calledBonaFide[1 + s] = missed;
		calledAttack[1 + s] = index.speciesAttackCounts[s] - missed;
	}
	return {
		threshold,
		rowNames: [BONA_FIDE_ROW_NAME, ...index.speciesNames],
		calledBonaFide,
		calledAttack
	};
}
// common/metrics/prng.ts
/**
* xoshiro128** (Blackman & Vigna): 128-bit state, period 2^128 − 1, passes BigCrush; the four
* state words are filled from the 32-bit seed by splitmix32 so that nearby seeds give unrelated
* streams. Not for cryptography.
*/
var SeededRandom = class {
	s0;
	s1;
	s2;
	s3;
	constructor(seed) {
		if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
		let x = seed >>> 0;
		const splitmix32 = () => {
			x = x + 2654435769 >>> 0;
			let t = x ^ x >>> 16;
			t = Math.imul(t, 569420461);
			t ^= t >>> 15;
			t = Math.imul(t, 1935289751);
			return (t ^ t >>> 15) >>> 0;
		};
		this.s0 = splitmix32();
		this.s1 = splitmix32();
		this.s2 = splitmix32();
		this.s3 = splitmix32();
	}
	/** Next uniform 32-bit unsigned integer. */
	nextUint32() {
		const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
		const t = this.s1 << 9;
		this.s2 ^= this.s0;
		this.s3 ^= this.s1;
		this.s1 ^= this.s2;
		this.s0 ^= this.s3;
		this.s2 ^= t;
		this.s3 = rotl(this.s3, 11);
		return result;
	}
	/** Uniform double in [0, 1) with 53 random bits. */
	nextDouble() {
		const high = this.nextUint32() >>> 5;
		const low = this.nextUint32() >>> 6;
		return (high * 67108864 + low) / 9007199254740992;
	}
	/** Uniform integer in [0, n) for 1 ≤ n ≤ 2^32; bias below n / 2^53. */
	nextIndex(n) {
		return Math.floor(this.nextDouble() * n);
	}
};
function rotl(x, k) {
	return x << k | x >>> 32 - k;
}
// common/metrics/bootstrap.ts
var MAX_REDRAWS_PER_REPLICATE = 100;
/**
* Bootstrap percentile intervals. Scores are ranked once (O(n log n)); each replicate then costs
* O(n + m) for m distinct scores (counts per distinct score, prefix sums, AUC, EER), with no
* re-sorting. In identity mode a species absent from a replicate is left out of its APCER max.
*/
/** The most bootstrap replicates accepted: beyond it the percentiles no longer move, only the wait grows. */
var MAX_BOOTSTRAP_REPLICATES = 1e5;
function bootstrapConfidenceIntervals(data, options = {}) {
	const replicates = options.replicates ?? 1e3;
	const seed = options.seed ?? 0;
	const level = options.level ?? .95;
	const resample = options.resample ?? "sample";
	if (!Number.isInteger(replicates) || replicates < 2 || replicates > 1e5) throw new MetricsInputError("bad-argument", `replicates must be an integer from 2 to ${MAX_BOOTSTRAP_REPLICATES}, got ${replicates}`);
	if (!Number.isInteger(seed)) throw new MetricsInputError("bad-argument", `seed must be an integer, got ${seed}`);
	if (!(level > 0 && level < 1)) throw new MetricsInputError("bad-argument", `level must be in (0, 1), got ${level}`);
	if (options.threshold !== void 0) requireNumber(options.threshold, "threshold");
	if (resample === "identity" && data.identityCodes === void 0) throw new MetricsInputError("bad-argument", "bootstrap by identity needs identity codes for every sample");
	const index = ThresholdIndex.build(data);
	const n = data.scores.length;
	const m = index.distinctScores.length;
	const speciesCount = index.speciesNames.length;
	const { groupOfRawSpecies } = compactSpecies(data);
	const rankOf = new Uint32Array(n);
	const groupOf = new Uint32Array(n);
	for (let i = 0; i < n; i++) {
		rankOf[i] = countBelow(index.distinctScores, data.scores[i]);
		groupOf[i] = groupOfSample(data, groupOfRawSpecies, i);
	}
	const members = resample === "sample" ? membersBy(groupOf, 1 + speciesCount) : membersBy(data.identityCodes, data.identityNames?.length ?? 0);
	const thresholdRow = options.threshold === void 0 ? -1 : index.rowOf(options.threshold);
	const random = new SeededRandom(seed);
	const bonaFideAt = new Uint32Array(m);
	const attacksAt = new Uint32Array(m);
	const counts = {
		distinctScores: index.distinctScores,
		bonaFideBelow: new Uint32Array(m + 1),
		attacksBelow: new Uint32Array(m + 1),
		bonaFideCount: 0,
		attackCount: 0
	};
	const groupTotal = new Uint32Array(1 + speciesCount);
	const groupBelowThreshold = new Uint32Array(1 + speciesCount);
	const values = [
		"auc",
		"eer",
		"apcerMax",
		"apcerPooled",
		"bpcer",
		"acer",
		"hter"
	].map(() => new Float64Array(replicates));
	let redrawnReplicates = 0;
	const addSample = (i) => {
		const group = groupOf[i];
		if (group === 0) bonaFideAt[rankOf[i]]++;
		else attacksAt[rankOf[i]]++;
		groupTotal[group]++;
		if (rankOf[i] < thresholdRow) groupBelowThreshold[group]++;
	};
	for (let r = 0; r < replicates; r++) {
		for (let attempt = 0;; attempt++) {
			bonaFideAt.fill(0);
			attacksAt.fill(0);
			groupTotal.fill(0);
			groupBelowThreshold.fill(0);
			if (resample === "sample") for (const group of members) for (let k = 0; k < group.length; k++) addSample(group[random.nextIndex(group.length)]);
			else for (let k = 0; k < members.length; k++) {
				const drawn = members[random.nextIndex(members.length)];
				for (let j = 0; j < drawn.length; j++) addSample(drawn[j]);
			}
			const bonaFide = groupTotal[0];
			if (bonaFide > 0 && bonaFide < sum(groupTotal)) break;
			redrawnReplicates++;
			if (attempt >= MAX_REDRAWS_PER_REPLICATE) throw new MetricsInputError("one-class", `bootstrap by identity drew ${attempt + 1} one-class replicates in a row; too few identities carry both classes`);
		}
		let bonaFideSoFar = 0;
		let attacksSoFar = 0;
		for (let row = 0; row < m; row++) {
			counts.bonaFideBelow[row] = bonaFideSoFar;
			counts.attacksBelow[row] = attacksSoFar;
			bonaFideSoFar += bonaFideAt[row];
			attacksSoFar += attacksAt[row];
		}
		counts.bonaFideBelow[m] = counts.bonaFideCount = bonaFideSoFar;
		counts.attacksBelow[m] = counts.attackCount = attacksSoFar;
		values[0][r] = rocAuc(counts);
		values[1][r] = equalErrorRate(counts).eer;
		if (thresholdRow >= 0) {
			let apcerMax = 0;
			let missed = 0;
			for (let g = 1; g <= speciesCount; g++) {
				missed += groupBelowThreshold[g];
				if (groupTotal[g] > 0) apcerMax = Math.max(apcerMax, groupBelowThreshold[g] / groupTotal[g]);
			}
			const apcerPooled = missed / attacksSoFar;
			const bpcer = (bonaFideSoFar - groupBelowThreshold[0]) / bonaFideSoFar;
			values[2][r] = apcerMax;
			values[3][r] = apcerPooled;
			values[4][r] = bpcer;
			values[5][r] = (apcerMax + bpcer) / 2;
			values[6][r] = (apcerPooled + bpcer) / 2;
		}
	}
	const interval = (estimate, replicateValues) => percentileInterval(estimate, replicateValues, level);
	const result = {
		replicates,
		seed,
		level,
		resample,
		redrawnReplicates,
		auc: interval(rocAuc(index), values[0]),
		eer: interval(equalErrorRate(index).eer, values[1])
	};
	if (options.threshold === void 0) return result;
	const rates = index.ratesAt(options.threshold);
	return {
		...result,
		atThreshold: {
			threshold: options.threshold,
			apcerMax: interval(rates.apcerMax, values[2]),
			apcerPooled: interval(rates.apcerPooled, values[3]),
			bpcer: interval(rates.bpcer, values[4]),
			acer: interval(rates.acer, values[5]),
			hter: interval(rates.hter, values[6])
		}
	};
}
/** Members of each key 0..keyCount−1 (keys without members dropped), as index lists. O(n). */
function membersBy(keyOf, keyCount) {
	const sizes = new Uint32Array(keyCount);
	for (let i = 0; i < keyOf.length; i++) sizes[keyOf[i]]++;
	const lists = Array.from(sizes, (size) => new Uint32Array(size));
	const fill = new Uint32Array(keyCount);
	for (let i = 0; i < keyOf.length; i++) lists[keyOf[i]][fill[keyOf[i]]++] = i;
	return lists.filter((list) => list.length > 0);
}
function sum(values) {
	let total = 0;
	for (let i = 0; i < values.length; i++) total += values[i];
	return total;
}
/**
* Percentile interval with linear interpolation between order statistics (numpy's default
* `percentile` method), so it matches `np.percentile(replicates, [2.5, 97.5])` for level 0.95.
*/
function percentileInterval(estimate, replicateValues, level) {
	const sorted = replicateValues.slice().sort();
	const quantile = (q) => {
		const position = q * (sorted.length - 1);
		const below = Math.floor(position);
		const above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
	};
	let mean = 0;
	for (const value of sorted) mean += value;
	mean /= sorted.length;
	let squares = 0;
	for (const value of sorted) squares += (value - mean) ** 2;
	return {
		estimate,
		lower: quantile((1 - level) / 2),
		upper: quantile((1 + level) / 2),
		standardError: Math.sqrt(squares / (sorted.length - 1))
	};
}
// common/metrics/scores-csv.ts
/** A CSV problem; the message names the source and the 1-based line, e.g. `dev.csv:7: ...`. */
var ScoresCsvError = class extends Error {
	source;
	line;
	constructor(source, line, reason) {
		super(`${source}:${line}: ${reason}`);
		this.name = "ScoresCsvError";
		this.source = source;
		this.line = line;
	}
};
var SCORES_CSV_HEADER_HINT = "score,label[,species][,identity]";
var DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/**
* Splits RFC 4180 CSV into records: fields may be double-quoted (then they may hold commas, line
* breaks and "" for a quote), LF or CRLF line ends, a UTF-8 BOM is skipped. A quote inside an
* unquoted field is kept literally, as Python's csv module does. Blank lines are skipped.
*/
function* csvRecords(text, source) {
	let pos = text.charCodeAt(0) === 65279 ? 1 : 0;
	let line = 1;
	const length = text.length;
	while (pos < length) {
		const recordLine = line;
		const fields = [];
		for (;;) {
			let field;
			if (text.charCodeAt(pos) === 34) {
				const quoteLine = line;
				let value = "";
				pos++;
				for (;;) {
					const close = text.indexOf("\"", pos);
					if (close < 0) throw new ScoresCsvError(source, quoteLine, "quoted field is never closed (missing \")");
					const chunk = text.slice(pos, close);
					line += countLineBreaks(chunk);
					value += chunk;
					pos = close + 1;
					if (text.charCodeAt(pos) === 34) {
						value += "\"";
						pos++;
					} else break;
				}
				const after = text.charCodeAt(pos);
				if (pos < length && after !== 44 && after !== 10 && after !== 13) throw new ScoresCsvError(source, line, `unexpected text after a closing quote: '${text.slice(pos, pos + 10)}'`);
				field = value;
			} else {
				let end = pos;
				while (end < length) {
					const code = text.charCodeAt(end);
					if (code === 44 || code === 10 || code === 13) break;
					end++;
				}
				field = text.slice(pos, end);
				pos = end;
			}
			fields.push(field);
			const code = text.charCodeAt(pos);
			if (code === 44) {
				pos++;
				continue;
			}
			if (code === 13) pos++;
			if (text.charCodeAt(pos) === 10) pos++;
			line++;
			break;
		}
		if (fields.length === 1 && fields[0].trim() === "") continue;
		yield {
			fields,
			line: recordLine
		};
	}
}
function countLineBreaks(chunk) {
	let count = 0;
	for (let at = chunk.indexOf("\n"); at >= 0; at = chunk.indexOf("\n", at + 1)) count++;
	return count;
}
/**
* Parses a scores CSV. Header (case-insensitive, trimmed): `score` and `label` required,
* `species` and `identity` optional, other columns ignored. label: 1 = attack, 0 = bona fide
* (1.0 / 0.0 accepted). score: a finite decimal number. An attack with an empty species gets
* UNSPECIFIED_SPECIES; without a species column every attack is of species DEFAULT_SPECIES_NAME; the species of bona fide rows is ignored; an empty identity makes the row
* its own identity. Throws ScoresCsvError naming the line for any problem, including an empty
* file or a header without data rows. O(text length).
*/
function parseScoresCsv(text, source) {
	const records = csvRecords(text, source);
	const first = records.next();
	if (first.done === true) throw new ScoresCsvError(source, 1, `file is empty; expected a header '${SCORES_CSV_HEADER_HINT}'`);
	const header = first.value;
	const columns = header.fields.map((name) => name.trim().toLowerCase());
	const columnOf = (name) => {
		const at = columns.indexOf(name);
		if (at >= 0 && columns.indexOf(name, at + 1) >= 0) throw new ScoresCsvError(source, header.line, `column '${name}' appears twice in the header`);
		return at;
	};
	const scoreColumn = columnOf("score");
	const labelColumn = columnOf("label");
	const speciesColumn = columnOf("species");
	const identityColumn = columnOf("identity");
	const missing = [scoreColumn < 0 ? "score" : "", labelColumn < 0 ? "label" : ""].filter((name) => name !== "");
	if (missing.length > 0) throw new ScoresCsvError(source, header.line, `header lacks column${missing.length > 1 ? "s" : ""} ${missing.map((c) => `'${c}'`).join(" and ")}; expected '${SCORES_CSV_HEADER_HINT}', found '${header.fields.join(",")}'`);
	const scores = [];
	const labels = [];
	const speciesCodes = [];
	const identityCodes = [];
	const rowLines = [];
	const speciesIndex = /* @__PURE__ */ new Map();
	const identityIndex = /* @__PURE__ */ new Map();
	const codeOf = (table, name) => {
		let code = table.get(name);
		if (code === void 0) {
			code = table.size;
			table.set(name, code);
		}
		return code;
	};
	for (const { fields, line } of records) {
		if (fields.length !== columns.length) throw new ScoresCsvError(source, line, `expected ${columns.length} fields as in the header, found ${fields.length}`);
		const scoreText = fields[scoreColumn].trim();
		if (!DECIMAL.test(scoreText)) throw new ScoresCsvError(source, line, scoreText === "" ? "score is empty" : /^[+-]?nan$/i.test(scoreText) ? `score is '${scoreText}' (NaN scores are not allowed)` : `score '${scoreText}' is not a finite number`);
		const score = Number(scoreText);
		if (!Number.isFinite(score)) throw new ScoresCsvError(source, line, `score '${scoreText}' overflows to ${score}`);
		const labelText = fields[labelColumn].trim();
		const label = DECIMAL.test(labelText) ? Number(labelText) : NaN;
		if (label !== 0 && label !== 1) throw new ScoresCsvError(source, line, `label '${labelText}' must be 1 (attack) or 0 (bona fide)`);
		scores.push(score);
		labels.push(label);
		rowLines.push(line);
		if (speciesColumn >= 0 && label === 1) speciesCodes.push(codeOf(speciesIndex, fields[speciesColumn].trim() || "unspecified"));
		else speciesCodes.push(label === 1 ? codeOf(speciesIndex, DEFAULT_SPECIES_NAME) : 0);
		if (identityColumn >= 0) identityCodes.push(codeOf(identityIndex, fields[identityColumn].trim() || `(line ${line})`));
	}
	if (scores.length === 0) throw new ScoresCsvError(source, header.line + 1, "no data rows after the header");
	const parsed = {
		scores: Float64Array.from(scores),
		labels: Uint8Array.from(labels),
		speciesCodes: Uint32Array.from(speciesCodes),
		speciesNames: [...speciesIndex.keys()],
		hasSpeciesColumn: speciesColumn >= 0,
		rowLines: Uint32Array.from(rowLines)
	};
	if (identityColumn < 0) return parsed;
	return {
		...parsed,
		identityCodes: Uint32Array.from(identityCodes),
		identityNames: [...identityIndex.keys()]
	};
}
// common/metrics/report.ts
/** Everything the CLI prints. O(m + species·(log m + bounds)) after the indexes are built. */
function evaluateScores(input) {
	const { scores, dev } = input;
	const provenance = chooseThreshold(dev?.index ?? scores, input.criterion, dev?.description ?? input.scoresDescription);
	const operatingPoint = applyThreshold(scores, provenance, input.scoresDescription, dev === void 0 && input.criterion.kind !== "fixed");
	return {
		auc: rocAuc(scores),
		averagePrecision: averagePrecision(scores),
		eer: equalErrorRate(scores),
		operatingPoint,
		bpcerAtApcer: (input.apcerBounds ?? [.05, .01]).map((maxApcer) => ({
			maxApcer,
			point: bpcerAtApcer(scores, maxApcer)
		})),
		apcerAtBpcer: (input.bpcerBounds ?? [.05, .01]).map((maxBpcer) => ({
			maxBpcer,
			point: apcerAtBpcer(scores, maxBpcer)
		})),
		confusion: confusionAt(scores, provenance.threshold),
		roc: rocCurve(scores, { dropIntermediate: true }),
		speciesNames: scores.speciesNames,
		speciesAttackCounts: scores.speciesAttackCounts
	};
}
/**
* The report as one JSON object with snake_case keys (the CLI's `--json`). Rates are fractions in
* [0, 1]. `bpcer_at_apcer` / `apcer_at_bpcer` are keyed by the bound as a decimal string
* ("0.05", "0.01"); APCER there is the ISO worst-species APCER.
*/
function metricsReportJson(report) {
	const rates = report.operatingPoint.rates;
	const provenance = report.operatingPoint.provenance;
	const bySpecies = (values) => Object.fromEntries(report.speciesNames.map((name, s) => [name, values[s]]));
	const setJson = (set) => ({
		description: set.description,
		samples: set.samples,
		attacks: set.attacks,
		bona_fide: set.bonaFide
	});
	const pointJson = (point) => ({
		threshold: point.threshold,
		apcer_max: point.rates.apcerMax,
		apcer_pooled: point.rates.apcerPooled,
		bpcer: point.rates.bpcer
	});
	return {
		auc: report.auc,
		eer: report.eer.eer,
		eer_threshold: report.eer.threshold,
		criterion: provenance.criterion,
		threshold: provenance.threshold,
		threshold_source: provenance.chosenOn === null ? "fixed" : report.operatingPoint.chosenOnSameData ? "scores" : "dev",
		threshold_provenance: {
			criterion: provenance.criterion,
			threshold: provenance.threshold,
			chosen_on: provenance.chosenOn === null ? null : setJson(provenance.chosenOn),
			chosen_on_same_data: report.operatingPoint.chosenOnSameData,
			achieved_on_source: provenance.achievedOnSource === null ? null : {
				apcer_max: provenance.achievedOnSource.apcerMax,
				apcer_pooled: provenance.achievedOnSource.apcerPooled,
				bpcer: provenance.achievedOnSource.bpcer,
				...provenance.sourceEer === void 0 ? {} : { eer: provenance.sourceEer }
			},
			applied_to: setJson(report.operatingPoint.appliedTo)
		},
		apcer_max: rates.apcerMax,
		worst_species: rates.worstSpecies,
		apcer_pooled: rates.apcerPooled,
		apcer_by_species: bySpecies(rates.apcerBySpecies),
		bpcer: rates.bpcer,
		acer: rates.acer,
		acer_pooled: rates.acerPooled,
		hter: rates.hter,
		acc: rates.acc,
		bpcer_at_apcer: Object.fromEntries(report.bpcerAtApcer.map(({ maxApcer, point }) => [String(maxApcer), point.rates.bpcer])),
		apcer_at_bpcer: Object.fromEntries(report.apcerAtBpcer.map(({ maxBpcer, point }) => [String(maxBpcer), point.rates.apcerMax])),
		bpcer_at_apcer_points: Object.fromEntries(report.bpcerAtApcer.map(({ maxApcer, point }) => [String(maxApcer), pointJson(point)])),
		apcer_at_bpcer_points: Object.fromEntries(report.apcerAtBpcer.map(({ maxBpcer, point }) => [String(maxBpcer), pointJson(point)])),
		average_precision: report.averagePrecision,
		counts: {
			samples: report.operatingPoint.appliedTo.samples,
			attacks: report.operatingPoint.appliedTo.attacks,
			bona_fide: report.operatingPoint.appliedTo.bonaFide,
			attacks_by_species: bySpecies(report.speciesAttackCounts)
		},
		confusion: {
			threshold: report.confusion.threshold,
			rows: [...report.confusion.rowNames],
			called_bona_fide: Array.from(report.confusion.calledBonaFide),
			called_attack: Array.from(report.confusion.calledAttack)
		},
		roc: {
			fpr: Array.from(report.roc.fpr),
			tpr: Array.from(report.roc.tpr),
			thresholds: Array.from(report.roc.thresholds),
			drop_intermediate: true
		}
	};
}
// electron/cli/metrics-command.ts
var USAGE = `usage: uad metrics --scores FILE.csv [--dev DEV.csv]
         [--criterion ${CRITERION_NAMES.join("|")}] [--threshold T] [--json]
         [--bootstrap N [--seed S] [--by sample|identity]]

  --scores FILE   scores to evaluate: CSV with header score,label[,species][,identity]
                  (any column order, other columns ignored); label 1 = attack, 0 = bona fide;
                  higher score = more likely attack; a sample is called attack when score >= T
  --dev FILE      choose the criterion's threshold on this file and apply it to --scores
                  (without --dev it is chosen on the --scores file itself)
  --criterion C   eer (default), min-hter, bpcer20 / bpcer100 (highest threshold with worst-species
                  APCER <= 5 % / 1 %), apcer20 / apcer100 (lowest threshold with BPCER <= 5 % / 1 %),
                  fixed (needs --threshold)
  --threshold T   evaluate at T (implies --criterion fixed)
  --json          print one JSON object instead of the table (rates as fractions in [0, 1])
  --bootstrap N   add seeded bootstrap 95 % intervals (N replicates) for AUC, EER and the rates
  --seed S        bootstrap seed (integer, default 0)
  --by MODE       bootstrap resampling: sample (stratified, default) or identity

exit status: 0 ok, 1 bad data (unreadable file, bad CSV, one class only), 2 bad usage`;
var UsageError = class extends Error {};
/** Runs the command; returns the process exit code (0 ok, 1 data error, 2 usage error). */
async function runMetricsCommand(argv) {
	let args;
	try {
		args = parseArguments(argv);
	} catch (error) {
		if (!(error instanceof UsageError) && !(error instanceof MetricsInputError)) throw error;
		console.error(`uad metrics: ${error.message}\n\n${USAGE}`);
		return 2;
	}
	if (args === "help") {
		console.log(USAGE);
		return 0;
	}
	try {
		const scores = await readScores(args.scoresPath);
		const scoresIndex = buildIndex(scores, args.scoresPath);
		let dev;
		if (args.devPath !== void 0) {
			if (args.criterion.kind === "fixed") console.error("uad metrics: note: --dev is not used with a fixed threshold");
			else dev = {
				index: buildIndex(await readScores(args.devPath), args.devPath),
				description: args.devPath
			};
		}
		const report = evaluateScores({
			scores: scoresIndex,
			scoresDescription: args.scoresPath,
			dev,
			criterion: args.criterion
		});
		const bootstrap = args.bootstrap === void 0 ? void 0 : bootstrapConfidenceIntervals(scores, {
			...args.bootstrap,
			threshold: report.operatingPoint.provenance.threshold
		});
		if (args.json) {
			const json = metricsReportJson(report);
			process.stdout.write(`${JSON.stringify(bootstrap === void 0 ? json : {
				...json,
				bootstrap: bootstrapJson(bootstrap)
			})}\n`);
		} else process.stdout.write(formatTable(report, bootstrap));
		return 0;
	} catch (error) {
		if (error instanceof ScoresCsvError || error instanceof DataError) {
			console.error(`uad metrics: ${error.message}`);
			return 1;
		}
		throw error;
	}
}
var DataError = class extends Error {};
function parseArguments(argv) {
	const values = /* @__PURE__ */ new Map();
	let json = false;
	const valued = /* @__PURE__ */ new Set([
		"--scores",
		"--dev",
		"--criterion",
		"--threshold",
		"--bootstrap",
		"--seed",
		"--by"
	]);
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === "--help" || arg === "-h") return "help";
		if (arg === "--json") {
			json = true;
			continue;
		}
		const equals = arg.indexOf("=");
		const name = equals > 0 ? arg.slice(0, equals) : arg;
		if (!valued.has(name)) throw new UsageError(`unknown argument '${arg}'`);
		const value = equals > 0 ? arg.slice(equals + 1) : argv[++i];
		if (value === void 0 || value === "" || equals < 0 && value.startsWith("--")) throw new UsageError(`${name} needs a value`);
		if (values.has(name)) throw new UsageError(`${name} given twice`);
		values.set(name, value);
	}
	const scoresPath = values.get("--scores");
	if (scoresPath === void 0) throw new UsageError("--scores FILE.csv is required");
	const thresholdText = values.get("--threshold");
	const threshold = thresholdText === void 0 ? void 0 : Number(thresholdText);
	if (threshold !== void 0 && !Number.isFinite(threshold)) throw new UsageError(`--threshold '${thresholdText}' is not a finite number`);
	const criterionText = values.get("--criterion") ?? (threshold !== void 0 ? "fixed" : "eer");
	const criterion = parseCriterion(criterionText, threshold);
	if (threshold !== void 0 && criterion.kind !== "fixed") throw new UsageError(`--threshold evaluates at a fixed threshold; it cannot be combined with --criterion ${criterionText}`);
	let bootstrap;
	const replicatesText = values.get("--bootstrap");
	if (replicatesText !== void 0) {
		const replicates = Number(replicatesText);
		if (!Number.isInteger(replicates) || replicates < 2 || replicates > 1e5) throw new UsageError(`--bootstrap '${replicatesText}' must be an integer from 2 to ${MAX_BOOTSTRAP_REPLICATES}`);
		const seed = Number(values.get("--seed") ?? "0");
		if (!Number.isInteger(seed)) throw new UsageError(`--seed '${values.get("--seed")}' must be an integer`);
		const resample = values.get("--by") ?? "sample";
		if (resample !== "sample" && resample !== "identity") throw new UsageError(`--by '${resample}' must be sample or identity`);
		bootstrap = {
			replicates,
			seed,
			resample
		};
	} else if (values.has("--seed") || values.has("--by")) throw new UsageError("--seed and --by only apply with --bootstrap N");
	return {
		scoresPath,
		devPath: values.get("--dev"),
		criterion,
		json,
		bootstrap
	};
}
async function readScores(path) {
	let text;
	try {
		text = await readFile(path, "utf8");
	} catch (error) {
		const code = error.code;
		throw new DataError(`cannot read '${path}': ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : String(error.message)}`);
	}
	return parseScoresCsv(text, path);
}
/** Builds the index, naming the file in data errors that concern the whole file (e.g. one class). */
function buildIndex(scores, path) {
	try {
		return ThresholdIndex.build(scores);
	} catch (error) {
		if (error instanceof MetricsInputError) throw new DataError(`${path}: ${error.message}`);
		throw error;
	}
}
function bootstrapJson(result) {
	const interval = (i) => ({
		estimate: i.estimate,
		lower: i.lower,
		upper: i.upper,
		standard_error: i.standardError
	});
	const atThreshold = result.atThreshold;
	return {
		replicates: result.replicates,
		seed: result.seed,
		level: result.level,
		resample: result.resample,
		redrawn_replicates: result.redrawnReplicates,
		auc: interval(result.auc),
		eer: interval(result.eer),
		...atThreshold === void 0 ? {} : { at_threshold: {
			threshold: atThreshold.threshold,
			apcer_max: interval(atThreshold.apcerMax),
			apcer_pooled: interval(atThreshold.apcerPooled),
			bpcer: interval(atThreshold.bpcer),
			acer: interval(atThreshold.acer),
			hter: interval(atThreshold.hter)
		} }
	};
}
var percent = (rate) => `${(rate * 100).toFixed(2)} %`;
var number = (value) => Number.isInteger(value) ? String(value) : value.toPrecision(6);
function formatTable(report, bootstrap) {
	const { operatingPoint } = report;
	const { provenance, rates, appliedTo } = operatingPoint;
	const lines = [];
	lines.push(`Scores: ${appliedTo.description}: ${appliedTo.samples} samples (${appliedTo.attacks} attacks in ${report.speciesNames.length} species, ${appliedTo.bonaFide} bona fide)`);
	if (provenance.chosenOn === null) lines.push(`Threshold: ${number(provenance.threshold)} (fixed)`);
	else if (operatingPoint.chosenOnSameData) lines.push(`Threshold: ${number(provenance.threshold)} by ${provenance.criterion}, chosen on the scores file itself (no --dev; optimistic)`);
	else {
		const source = provenance.chosenOn;
		lines.push(`Threshold: ${number(provenance.threshold)} by ${provenance.criterion}, chosen on dev ${source.description} (${source.samples} samples) and applied to ${appliedTo.description}`);
	}
	lines.push("Decision: attack when score >= threshold; rates in percent.", "");
	const ci = (interval, asPercent = true) => interval === void 0 ? "" : `   [${asPercent ? percent(interval.lower) : interval.lower.toFixed(6)}, ${asPercent ? percent(interval.upper) : interval.upper.toFixed(6)}]`;
	const row = (name, value, extra = "") => `  ${name.padEnd(26)}${value.padStart(10)}${extra}`;
	const at = bootstrap?.atThreshold;
	lines.push(row("AUC", report.auc.toFixed(6), ci(bootstrap?.auc, false)));
	lines.push(row("EER", percent(report.eer.eer), `   at threshold ${number(report.eer.threshold)}${ci(bootstrap?.eer)}`));
	lines.push(row("APCER (ISO, worst species)", percent(rates.apcerMax), `   ${rates.worstSpecies}${ci(at?.apcerMax)}`));
	lines.push(row("APCER (pooled)", percent(rates.apcerPooled), ci(at?.apcerPooled)));
	lines.push(row("BPCER", percent(rates.bpcer), ci(at?.bpcer)));
	lines.push(row("ACER (ISO)", percent(rates.acer), ci(at?.acer)));
	lines.push(row("ACER (pooled) = HTER", percent(rates.hter), ci(at?.hter)));
	lines.push(row("ACC", percent(rates.acc)));
	for (const { maxApcer, point } of report.bpcerAtApcer) lines.push(row(`BPCER @ APCER <= ${percent(maxApcer)}`, percent(point.rates.bpcer), `   at threshold ${number(point.threshold)}`));
	for (const { maxBpcer, point } of report.apcerAtBpcer) lines.push(row(`APCER @ BPCER <= ${percent(maxBpcer)}`, percent(point.rates.apcerMax), `   at threshold ${number(point.threshold)} (pooled ${percent(point.rates.apcerPooled)})`));
	if (bootstrap !== void 0) lines.push("", `  [intervals: ${Math.round(bootstrap.level * 100)} % percentile bootstrap, ${bootstrap.replicates} replicates by ${bootstrap.resample}, seed ${bootstrap.seed}]`);
	lines.push("", `  ${"Presentation".padEnd(24)}${"samples".padStart(9)}${"called bona fide".padStart(18)}${"called attack".padStart(15)}${"error".padStart(11)}`);
	const { confusion } = report;
	for (let r = 0; r < confusion.rowNames.length; r++) {
		const total = confusion.calledBonaFide[r] + confusion.calledAttack[r];
		const errors = r === 0 ? confusion.calledAttack[r] : confusion.calledBonaFide[r];
		const label = r === 0 ? confusion.rowNames[r] : `attack: ${confusion.rowNames[r]}`;
		lines.push(`  ${label.padEnd(24)}${String(total).padStart(9)}${String(confusion.calledBonaFide[r]).padStart(18)}${String(confusion.calledAttack[r]).padStart(15)}${percent(errors / total).padStart(11)}`);
	}
	return `${lines.join("\n")}\n`;
}
export { runMetricsCommand };
