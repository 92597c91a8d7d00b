import { t as SeededRandom } from "./prng.js";
import { n as csvRecords, t as CsvUnclosedQuoteError } from "./read.js";
import { i as attributesFromPath } from "./formula.js";
import { a as parseAttackClass, i as classOfPath, t as ATTACK_CLASSES } from "./attack-classes.js";
import { t as escapeForDisplay } from "./display-text.js";
import { readFile } from "node:fs/promises";
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
// common/metrics/normal.ts
/**
* Φ⁻¹(p): the z with P(Z ≤ z) = p for a standard normal Z. Returns −Infinity at p = 0 and
* +Infinity at p = 1 (as scipy.stats.norm.ppf); throws RangeError outside [0, 1] or for NaN.
* Reference: M. J. Wichura, "Algorithm AS 241: The Percentage Points of the Normal
* Distribution", Applied Statistics 37(3), 1988, 477–484 (coefficients of PPND16).
*/
function normalQuantile(p) {
	if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	const q = p - .5;
	if (Math.abs(q) <= .425) {
		const r = .180625 - q * q;
		return q * (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) * r + 1971.5909503065513) * r + 133.14166789178438) * r + 3.3871328727963665) / (((((((5226.495278852546 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) * r + 687.1870074920579) * r + 42.31333070160091) * r + 1);
	}
	let r = q < 0 ? p : 1 - p;
	r = Math.sqrt(-Math.log(r));
	let z;
	if (r <= 5) {
		r -= 1.6;
		z = (((((((.0007745450142783414 * r + .022723844989269184) * r + .2417807251774506) * r + 1.2704582524523684) * r + 3.6478483247632045) * r + 5.769497221460691) * r + 4.630337846156546) * r + 1.4234371107496835) / (((((((1.0507500716444169e-9 * r + .0005475938084995345) * r + .015198666563616457) * r + .14810397642748008) * r + .6897673349851) * r + 1.6763848301838038) * r + 2.053191626637759) * r + 1);
	} else {
		r -= 5;
		z = (((((((2.0103343992922881e-7 * r + 27115555687434876e-21) * r + .0012426609473880784) * r + .026532189526576124) * r + .29656057182850487) * r + 1.7848265399172913) * r + 5.463784911164114) * r + 6.657904643501103) / (((((((20442631033899397e-31 * r + 1.421511758316446e-7) * r + 18463183175100548e-21) * r + .0007868691311456133) * r + .014875361290850615) * r + .1369298809227358) * r + .599832206555888) * r + 1);
	}
	return q < 0 ? -z : z;
}
// common/metrics/det.ts
/** DET curve. O(m) for m distinct scores. */
function detCurve(counts) {
	const m = counts.distinctScores.length;
	const fpsAt = (i) => counts.bonaFideCount - counts.bonaFideBelow[m - 1 - i];
	const tpsAt = (i) => counts.attackCount - counts.attacksBelow[m - 1 - i];
	let first = 0;
	while (first + 1 < m && fpsAt(first + 1) === fpsAt(0)) first++;
	let last = 0;
	while (tpsAt(last) < counts.attackCount) last++;
	last += 1;
	const size = Math.max(0, last - first);
	const fpr = new Float64Array(size);
	const fnr = new Float64Array(size);
	const thresholds = new Float64Array(size);
	const probitFpr = new Float64Array(size);
	const probitFnr = new Float64Array(size);
	for (let k = 0; k < size; k++) {
		const i = last - 1 - k;
		fpr[k] = fpsAt(i) / counts.bonaFideCount;
		fnr[k] = (counts.attackCount - tpsAt(i)) / counts.attackCount;
		thresholds[k] = counts.distinctScores[m - 1 - i];
		probitFpr[k] = normalQuantile(fpr[k]);
		probitFnr[k] = normalQuantile(fnr[k]);
	}
	return {
		fpr,
		fnr,
		thresholds,
		probitFpr,
		probitFnr
	};
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
// common/dictionary-codes.ts
/** The code of `name` in `table`, adding it with the next code (the table's size) when new. O(1). */
function codeOf(table, name) {
	let code = table.get(name);
	if (code === void 0) {
		code = table.size;
		table.set(name, code);
	}
	return code;
}
// common/metrics/scores-csv.ts
/** At most this many duplicate-path warnings are spelled out; the last one counts the rest. */
var MAX_DUPLICATE_WARNINGS = 20;
/** A CSV problem; the message names the source and the 1-based line, e.g. `dev.csv:7: ...`. */
var ScoresCsvError = class extends Error {
	source;
	line;
	/** The problem without the source and line. */
	reason;
	constructor(source, line, reason) {
		super(`${source}:${line}: ${reason}`);
		this.name = "ScoresCsvError";
		this.source = source;
		this.line = line;
		this.reason = reason;
	}
};
/** A quote opened and never closed; in the first part of a file only, the cut may be what left it open. */
var ScoresCsvUnclosedQuoteError = class extends ScoresCsvError {};
var SCORES_CSV_HEADER_HINT = "score,label[,species][,identity][,class][,path][,status]";
var DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The file's records (common/csv/read.ts); any malformed record or unclosed quote is a ScoresCsvError. */
function* checkedRecords(text, source) {
	try {
		for (const record of csvRecords(text)) {
			if (record.problem !== void 0) throw new ScoresCsvError(source, record.line, record.problem);
			yield record;
		}
	} catch (error) {
		if (error instanceof CsvUnclosedQuoteError) throw new ScoresCsvUnclosedQuoteError(source, error.line, "quoted field is never closed (missing \")");
		throw error;
	}
}
/**
* Parses a scores CSV. Header (case-insensitive, trimmed): `score` and `label` required; optional
* `species`, `identity`, `class` (or `category`: presentation/physical/1, adversarial/2,
* digital/3), `path` and `status`; other columns ignored. label: 1 = attack, 0 = bona fide
* (1.0 / 0.0 accepted). score: a finite decimal number. A row whose status is neither empty nor
* 'ok' is a non-response: its score must be empty and it is listed in `nonResponses`, not scored.
* Class: the class column, else what the path implies under the UniAttackData folder rules, else
* 'unclassified'. Species: the species cell, else the path's species, else the class name (when
* known), else UNSPECIFIED_SPECIES with a species column and DEFAULT_SPECIES_NAME without one.
* The species of bona fide rows is ignored; an empty identity makes the row its own identity.
* Throws ScoresCsvError naming the line for any problem, including an empty file or a header
* without data rows. O(text length).
*/
function parseScoresCsv(text, source) {
	const records = checkedRecords(text, source);
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
	const classColumn = columnOf("class") >= 0 ? columnOf("class") : columnOf("category");
	const pathColumn = columnOf("path");
	const statusColumn = columnOf("status");
	if (columnOf("class") >= 0 && columnOf("category") >= 0) throw new ScoresCsvError(source, header.line, "header has both 'class' and 'category'; give one");
	const missing = [scoreColumn < 0 ? "score" : "", labelColumn < 0 ? "label" : ""].filter((name) => name !== "");
	if (missing.length > 0) throw new ScoresCsvError(source, header.line, `header lacks column${missing.length > 1 ? "s" : ""} ${missing.map((c) => `'${c}'`).join(" and ")}; expected '${SCORES_CSV_HEADER_HINT}', found '${header.fields.join(",")}'`);
	const scores = [];
	const labels = [];
	const speciesCodes = [];
	const identityCodes = [];
	const rowLines = [];
	const classCodes = [];
	const paths = [];
	const nonResponses = [];
	const speciesIndex = /* @__PURE__ */ new Map();
	const identityIndex = /* @__PURE__ */ new Map();
	const firstLineOfPath = /* @__PURE__ */ new Map();
	const warnings = [];
	let duplicates = 0;
	for (const { fields, line } of records) {
		if (fields.length !== columns.length) throw new ScoresCsvError(source, line, `expected ${columns.length} fields as in the header, found ${fields.length}`);
		const labelText = fields[labelColumn].trim();
		const label = DECIMAL.test(labelText) ? Number(labelText) : NaN;
		if (label !== 0 && label !== 1) throw new ScoresCsvError(source, line, `label '${labelText}' must be 1 (attack) or 0 (bona fide)`);
		const path = pathColumn >= 0 ? fields[pathColumn].trim() : "";
		if (path !== "") {
			const seen = firstLineOfPath.get(path);
			if (seen === void 0) firstLineOfPath.set(path, line);
			else if (++duplicates <= MAX_DUPLICATE_WARNINGS) warnings.push(`${source}:${line}: path '${path}' already appeared on line ${seen}; that sample counts twice`);
		}
		const classText = classColumn >= 0 ? fields[classColumn].trim() : "";
		const attackClass = classText === "" ? path === "" ? "unclassified" : classOfPath(path) : parseAttackClass(classText);
		if (attackClass === null) throw new ScoresCsvError(source, line, `class '${classText.slice(0, 40)}' is not presentation, adversarial, digital (or 1, 2, 3)`);
		const speciesText = speciesColumn >= 0 ? fields[speciesColumn].trim() : "";
		const pathSpecies = path === "" ? "" : attributesFromPath(path)?.species ?? "";
		const species = label !== 1 ? "" : speciesText || (pathSpecies !== "" && pathSpecies !== "unspecified" && attributesFromPath(path)?.isAttack === true ? pathSpecies : "") || (attackClass !== "unclassified" ? attackClass : speciesColumn >= 0 || pathColumn >= 0 ? "unspecified" : "attack");
		const identity = identityColumn >= 0 ? fields[identityColumn].trim() : "";
		const status = statusColumn >= 0 ? fields[statusColumn].trim() : "";
		const scoreText = fields[scoreColumn].trim();
		if (status !== "" && status.toLowerCase() !== "ok") {
			if (scoreText !== "") throw new ScoresCsvError(source, line, `row has status '${status.slice(0, 40)}' (a non-response) but also a score '${scoreText.slice(0, 20)}'`);
			nonResponses.push({
				line,
				path,
				label,
				species,
				attackClass,
				identity,
				reason: status
			});
			continue;
		}
		if (!DECIMAL.test(scoreText)) {
			const why = scoreText === "" ? "score is empty" : /^[+-]?nan$/i.test(scoreText) ? `score is '${scoreText}' (NaN scores are not allowed)` : `score '${scoreText}' is not a finite number`;
			throw new ScoresCsvError(source, line, statusColumn >= 0 && scoreText === "" ? `${why} (a row without a score needs a status such as 'unreadable', 'no-face' or 'skipped')` : why);
		}
		const score = Number(scoreText);
		if (!Number.isFinite(score)) throw new ScoresCsvError(source, line, `score '${scoreText}' overflows to ${score}`);
		scores.push(score);
		labels.push(label);
		rowLines.push(line);
		paths.push(path);
		classCodes.push(ATTACK_CLASSES.indexOf(label === 1 ? attackClass : "unclassified"));
		speciesCodes.push(label === 1 ? codeOf(speciesIndex, species) : 0);
		if (identityColumn >= 0) identityCodes.push(codeOf(identityIndex, identity || `(line ${line})`));
	}
	if (scores.length === 0 && nonResponses.length > 0) throw new ScoresCsvError(source, header.line + 1, `all ${nonResponses.length} rows are non-responses (status not 'ok'); nothing was scored`);
	if (scores.length === 0) throw new ScoresCsvError(source, header.line + 1, "no data rows after the header");
	if (duplicates > MAX_DUPLICATE_WARNINGS) warnings.push(`${source}: ${duplicates - MAX_DUPLICATE_WARNINGS} more repeated paths not listed (${duplicates} in all)`);
	const parsed = {
		scores: Float64Array.from(scores),
		labels: Uint8Array.from(labels),
		speciesCodes: Uint32Array.from(speciesCodes),
		speciesNames: [...speciesIndex.keys()],
		hasSpeciesColumn: speciesColumn >= 0,
		rowLines: Uint32Array.from(rowLines),
		classCodes: Uint8Array.from(classCodes),
		paths,
		nonResponses,
		warnings
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
// common/metrics/binomial.ts
var LANCZOS = [
	.9999999999998099,
	676.5203681218851,
	-1259.1392167224028,
	771.3234287776531,
	-176.6150291621406,
	12.507343278686905,
	-.13857109526572012,
	9984369578019572e-21,
	1.5056327351493116e-7
];
/** ln Γ(x) for x > 0. */
function logGamma(x) {
	if (x < .5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	const z = x - 1;
	let sum = LANCZOS[0];
	for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
	const t = z + 7.5;
	return .5 * Math.log(2 * Math.PI) + (z + .5) * Math.log(t) - t + Math.log(sum);
}
/** Continued fraction for I_x(a, b) (modified Lentz), valid and fast for x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(x, a, b) {
	const tiny = 1e-300;
	let c = 1;
	let d = 1 - (a + b) * x / (a + 1);
	if (Math.abs(d) < tiny) d = tiny;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= 1e5; m++) {
		const m2 = 2 * m;
		let aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-16) break;
	}
	return h;
}
/** I_x(a, b) for a, b > 0 and x in [0, 1]. */
function regularizedIncompleteBeta(x, a, b) {
	if (!(a > 0 && b > 0)) throw new MetricsInputError("bad-argument", `incomplete beta needs a, b > 0, got a = ${a}, b = ${b}`);
	if (!(x >= 0 && x <= 1)) throw new MetricsInputError("bad-argument", `incomplete beta needs x in [0, 1], got ${x}`);
	if (x === 0) return 0;
	if (x === 1) return 1;
	const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
	const front = Math.exp(logFront);
	if (x < (a + 1) / (a + b + 2)) return front * betaContinuedFraction(x, a, b) / a;
	return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
}
/**
* The x with I_x(a, b) = p (scipy's beta.ppf(p, a, b)). Bisection on the monotone CDF down to the
* spacing of doubles, then the end whose CDF is nearer p. About 60 CDF evaluations.
*/
function inverseRegularizedIncompleteBeta(p, a, b) {
	if (!(p >= 0 && p <= 1)) throw new MetricsInputError("bad-argument", `probability must be in [0, 1], got ${p}`);
	if (p === 0) return 0;
	if (p === 1) return 1;
	let lo = 0;
	let hi = 1;
	for (let i = 0; i < 200; i++) {
		const mid = .5 * (lo + hi);
		if (mid <= lo || mid >= hi) break;
		if (regularizedIncompleteBeta(mid, a, b) < p) lo = mid;
		else hi = mid;
	}
	return Math.abs(regularizedIncompleteBeta(lo, a, b) - p) < Math.abs(regularizedIncompleteBeta(hi, a, b) - p) ? lo : hi;
}
/** Two-sided Clopper-Pearson interval for `errors` of `attempts` at `level` (default 0.95). */
function clopperPearson(errors, attempts, level = .95) {
	if (!Number.isInteger(attempts) || attempts < 1) throw new MetricsInputError("bad-argument", `attempts must be an integer ≥ 1, got ${attempts}`);
	if (!Number.isInteger(errors) || errors < 0 || errors > attempts) throw new MetricsInputError("bad-argument", `errors must be an integer in [0, ${attempts}], got ${errors}`);
	if (!(level > 0 && level < 1)) throw new MetricsInputError("bad-argument", `level must be in (0, 1), got ${level}`);
	const tail = (1 - level) / 2;
	return {
		method: "clopper-pearson",
		level,
		low: errors === 0 ? 0 : errors === attempts ? Math.pow(tail, 1 / attempts) : inverseRegularizedIncompleteBeta(tail, errors, attempts - errors + 1),
		high: errors === attempts ? 1 : errors === 0 ? -Math.expm1(Math.log(tail) / attempts) : inverseRegularizedIncompleteBeta(1 - tail, errors + 1, attempts - errors)
	};
}
/** `errors` of `attempts` with its Clopper-Pearson interval; null when there were no attempts. */
function countedRate(errors, attempts, level = .95) {
	if (attempts === 0) return null;
	return {
		errors,
		attempts,
		rate: errors / attempts,
		ci: clopperPearson(errors, attempts, level)
	};
}
/**
* "0 of 16: 0–20.6 %": the count, and the interval in percent with `digits` decimals; a bound that
* is not zero but would round to zero keeps two significant digits ("1 of 91: 0.028–6.0 %").
*/
function formatCountedRate(rate, digits = 1) {
	const pct = (value) => {
		if (value === 0) return "0";
		const text = (value * 100).toFixed(digits);
		return Number(text) === 0 ? (value * 100).toPrecision(2) : text;
	};
	return `${rate.errors} of ${rate.attempts}: ${pct(rate.ci.low)}–${pct(rate.ci.high)} %`;
}
// common/metrics/certification.ts
function newTally() {
	return {
		errors: /* @__PURE__ */ new Map(),
		attempts: /* @__PURE__ */ new Map(),
		nonResponses: 0
	};
}
function attackRates(tally, level) {
	const apcerBySpecies = [];
	let errors = 0;
	let attempts = 0;
	for (const [species, n] of tally.attempts) {
		const k = tally.errors.get(species) ?? 0;
		errors += k;
		attempts += n;
		apcerBySpecies.push({
			species,
			...countedRate(k, n, level)
		});
	}
	let apcerAp = null;
	for (const rate of apcerBySpecies) if (apcerAp === null || rate.rate > apcerAp.rate || rate.rate === apcerAp.rate && rate.attempts > apcerAp.attempts) apcerAp = rate;
	return {
		attacks: attempts,
		apcerBySpecies,
		apcerAp,
		apcerPooled: countedRate(errors, attempts, level),
		apnrr: countedRate(tally.nonResponses, attempts + tally.nonResponses, level)
	};
}
/**
* All counted rates at `threshold` (attack when score ≥ threshold). Classification rates are over
* responded samples only; non-responses enter APNRR / BPNRR. O(n + species).
*/
function certificationRates(data, threshold, level = .95) {
	if (!Number.isFinite(threshold)) throw new MetricsInputError("bad-argument", `threshold must be finite, got ${threshold}`);
	const index = ThresholdIndex.build(data);
	const speciesNames = data.speciesNames ?? ["attack"];
	const all = newTally();
	const byClass = /* @__PURE__ */ new Map();
	const tallyOf = (attackClass) => {
		let tally = byClass.get(attackClass);
		if (tally === void 0) byClass.set(attackClass, tally = newTally());
		return tally;
	};
	let bonaFide = 0;
	let bonaFideErrors = 0;
	for (let i = 0; i < data.scores.length; i++) {
		const calledAttack = data.scores[i] >= threshold;
		if (data.labels[i] !== 1) {
			bonaFide++;
			if (calledAttack) bonaFideErrors++;
			continue;
		}
		const species = speciesNames[data.speciesCodes === void 0 ? 0 : data.speciesCodes[i]];
		const attackClass = ATTACK_CLASSES[data.classCodes?.[i] ?? 3] ?? "unclassified";
		for (const tally of [all, tallyOf(attackClass)]) {
			tally.attempts.set(species, (tally.attempts.get(species) ?? 0) + 1);
			if (!calledAttack) tally.errors.set(species, (tally.errors.get(species) ?? 0) + 1);
		}
	}
	const nonResponses = data.nonResponses ?? [];
	let bonaFideNonResponses = 0;
	for (const missing of nonResponses) {
		if (missing.label !== 1) {
			bonaFideNonResponses++;
			continue;
		}
		all.nonResponses++;
		tallyOf(missing.attackClass).nonResponses++;
	}
	const bpcer = countedRate(bonaFideErrors, bonaFide, level);
	const allRates = attackRates(all, level);
	const atApcer = (maxApcer) => {
		const point = bpcerAtApcer(index, maxApcer);
		const errors = index.bonaFideCount - index.bonaFideBelow[point.row];
		return {
			threshold: point.threshold,
			bpcer: countedRate(errors, index.bonaFideCount, level)
		};
	};
	const apcerAp = allRates.apcerAp?.rate ?? 0;
	const apcerPooled = allRates.apcerPooled?.rate ?? 0;
	return {
		threshold,
		level,
		bpcer,
		all: allRates,
		byClass: ATTACK_CLASSES.filter((c) => byClass.has(c)).map((attackClass) => ({
			attackClass,
			...attackRates(byClass.get(attackClass), level)
		})),
		bpnrr: countedRate(bonaFideNonResponses, bonaFide + bonaFideNonResponses, level),
		acer: (apcerAp + bpcer.rate) / 2,
		hter: (apcerPooled + bpcer.rate) / 2,
		bpcer20: atApcer(.05),
		bpcer100: atApcer(.01),
		nonResponses,
		basis: nonResponses.length === 0 ? "Classification rates (APCER, BPCER) are over all listed samples; there were no non-responses." : `Classification rates (APCER, BPCER) exclude the ${nonResponses.length} non-response${nonResponses.length === 1 ? "" : "s"}, which are counted in APNRR / BPNRR instead.`
	};
}
// common/metrics/certification-json.ts
function intervalJson(ci) {
	return {
		method: ci.method,
		level: ci.level,
		low: ci.low,
		high: ci.high
	};
}
function countedJson(rate) {
	if (rate === null) return null;
	return {
		rate: rate.rate,
		errors: rate.errors,
		attempts: rate.attempts,
		ci: intervalJson(rate.ci)
	};
}
function attackRatesJson(rates) {
	return {
		attacks: rates.attacks,
		apcer_ap: rates.apcerAp === null ? null : {
			species: rates.apcerAp.species,
			...countedJson(rates.apcerAp)
		},
		apcer_pooled: countedJson(rates.apcerPooled),
		apcer_by_species: Object.fromEntries(rates.apcerBySpecies.map((s) => [s.species, countedJson(s)])),
		apnrr: countedJson(rates.apnrr)
	};
}
/**
* The counted rates. `ci` maps each rate to its Clopper-Pearson interval, so a reader finds every
* interval in one place; the same intervals sit inside each rate object.
*/
function certificationJson(rates) {
	const ci = { bpcer: intervalJson(rates.bpcer.ci) };
	if (rates.all.apcerAp !== null) ci.apcer_ap = intervalJson(rates.all.apcerAp.ci);
	if (rates.all.apcerPooled !== null) ci.apcer_pooled = intervalJson(rates.all.apcerPooled.ci);
	if (rates.all.apnrr !== null) ci.apnrr = intervalJson(rates.all.apnrr.ci);
	if (rates.bpnrr !== null) ci.bpnrr = intervalJson(rates.bpnrr.ci);
	ci.apcer_by_species = Object.fromEntries(rates.all.apcerBySpecies.map((s) => [s.species, intervalJson(s.ci)]));
	ci.bpcer20 = intervalJson(rates.bpcer20.bpcer.ci);
	ci.bpcer100 = intervalJson(rates.bpcer100.bpcer.ci);
	return {
		ci,
		apcer_ap: rates.all.apcerAp === null ? null : {
			species: rates.all.apcerAp.species,
			...countedJson(rates.all.apcerAp)
		},
		bpcer20: {
			threshold: rates.bpcer20.threshold,
			...countedJson(rates.bpcer20.bpcer)
		},
		bpcer100: {
			threshold: rates.bpcer100.threshold,
			...countedJson(rates.bpcer100.bpcer)
		},
		apnrr: countedJson(rates.all.apnrr),
		bpnrr: countedJson(rates.bpnrr),
		counted_rates: {
			threshold: rates.threshold,
			level: rates.level,
			basis: rates.basis,
			bpcer: countedJson(rates.bpcer),
			acer: rates.acer,
			hter: rates.hter,
			hter_components: {
				apcer_pooled: countedJson(rates.all.apcerPooled),
				bpcer: countedJson(rates.bpcer)
			},
			all_attacks: attackRatesJson(rates.all)
		},
		by_class: Object.fromEntries(ATTACK_CLASSES.filter((c) => c !== "unclassified" || rates.byClass.some((r) => r.attackClass === c)).map((c) => {
			const found = rates.byClass.find((r) => r.attackClass === c);
			return [c, found === void 0 ? null : attackRatesJson(found)];
		})),
		non_responses: {
			count: rates.nonResponses.length,
			basis: rates.basis,
			samples: rates.nonResponses.map((n) => ({
				line: n.line,
				path: n.path,
				label: n.label,
				species: n.species,
				class: n.attackClass,
				identity: n.identity,
				reason: n.reason
			}))
		}
	};
}
function profileResultJson(result) {
	const p = result.profile;
	return {
		id: p.id,
		name: p.name,
		status: p.status,
		source: {
			title: p.source.title,
			url: p.source.url
		},
		further_sources: (p.further_sources ?? []).map((s) => ({
			title: s.title,
			url: s.url
		})),
		unverified: [...p.unverified],
		attack_classes: [...p.attack_classes],
		operating_point: p.operating_point,
		summary: { ...result.summary },
		requirements: result.results.map((r) => ({
			id: r.requirementId,
			subject: r.subject,
			text: r.text,
			verdict: r.verdict,
			reason: r.reason,
			rate: countedJson(r.rate)
		}))
	};
}
function leakageJson(report) {
	return {
		pairs: report.pairs.map((p) => ({
			a: p.splitA,
			b: p.splitB,
			identities_a: p.identitiesA,
			identities_b: p.identitiesB,
			shared: p.shared,
			examples: [...p.examples]
		})),
		without_identities: [...report.withoutIdentities],
		warnings: [...report.warnings]
	};
}
var fido_biometric_pad_default = {
	$comment: "Readiness profile (common/metrics/profiles.ts reads it). Indicative, not a certification.",
	id: "fido-biometric-pad",
	name: "FIDO Biometric Component Certification, PAD (IAPAR)",
	status: "indicative, not a certification",
	source: {
		"title": "FIDO Biometrics Requirements v4.0 (Final Document, 2024-05-22), section 3.2 'FIDO Presentation Attack Detection Criteria', 3.2.1 'Impostor Attack Presentation Accept Rate (IAPAR)'",
		"url": "https://fidoalliance.org/specs/biometric/requirements/Biometrics-Requirements-v4.0-fd-20240522.html"
	},
	further_sources: [{
		"title": "FIDO Metadata Statement v3.1 (Proposed Standard, 2025-05-21), BiometricAccuracyDescriptor.iAPARThreshold: for biometric certification under the FIDO Biometrics Requirements, certification can be achieved for an IAPAR threshold of less than 7 % or less than 15 % for each of the PAI species tested; the metadata statement records which one",
		"url": "https://fidoalliance.org/specs/mds/fido-metadata-statement-v3.1-ps-20250521.html#sctn-type-bad"
	}],
	unverified: [
		"The two IAPAR thresholds (< 7 % and < 15 % per PAI species) were read through the quotation of the Metadata Statement v3.1 definition of iAPARThreshold in the documentation comments of an open-source WebAuthn server library's metadata types, not from the FIDO page itself, and not from section 3.2.1 of the Biometrics Requirements; check both before relying on them.",
		"The number of attempts per species that section 3.2.1 expects could not be read; none is required here, so the 95 % upper bound alone decides between pass and insufficient attempts.",
		"IAPAR is measured on the whole system (an impostor attack that is accepted); here it is read as the PAD's APCER per species (an attack called bona fide), which leaves the comparison step out."
	],
	attack_classes: ["presentation"],
	operating_point: "the evaluated threshold (the system's configured operating point)",
	expected_species: null,
	requirements: [{
		"id": "iapar-species-7",
		"rate": "apcer_species",
		"max": .07,
		"strict": true,
		"min_attempts": null,
		"text": "IAPAR below 7 % for every PAI species (read as APCER per species): the stricter of the two IAPAR thresholds a FIDO biometric certification can be achieved at (the metadata statement records which one)"
	}, {
		"id": "iapar-species-15",
		"rate": "apcer_species",
		"max": .15,
		"strict": true,
		"min_attempts": null,
		"text": "IAPAR below 15 % for every PAI species (read as APCER per species): the looser of the two IAPAR thresholds a FIDO biometric certification can be achieved at (the metadata statement records which one)"
	}]
};
var ibeta_level1_default = {
	$comment: "Readiness profile (common/metrics/profiles.ts reads it). Indicative, not a certification.",
	id: "ibeta-level1",
	name: "iBeta ISO/IEC 30107-3 PAD Level 1",
	status: "indicative, not a certification",
	source: {
		"title": "iBeta PAD Level 1 as summarised by Axon Labs, 'What is iBeta certification? iBeta certification requirements' (August 2025)",
		"url": "https://axonlabs.pro/ibeta-certification-overview-spoofing-methods-tips",
		"publisher_reference": "iBeta Quality Assurance, ISO/IEC 30107-3 PAD testing (https://www.ibeta.com)"
	},
	unverified: ["iBeta's own test plan was not consulted; the limits and attempt counts here come from a secondary public summary.", "iBeta tests a live system with human testers and physical instruments (cost and time limits per instrument); a score file of images can only indicate readiness."],
	attack_classes: ["presentation"],
	operating_point: "the evaluated threshold (the system's configured operating point)",
	expected_species: 6,
	requirements: [{
		"id": "apcer-species",
		"rate": "apcer_species",
		"max_errors": 0,
		"min_attempts": 150,
		"text": "APCER 0 % for every species (no successful attack), 150 attack presentations per species"
	}, {
		"id": "bpcer",
		"rate": "bpcer",
		"max": .15,
		"strict": false,
		"min_attempts": 50,
		"text": "BPCER at most 15 % (about 50 bona fide presentations)"
	}]
};
var ibeta_level2_default = {
	$comment: "Readiness profile (common/metrics/profiles.ts reads it). Indicative, not a certification.",
	id: "ibeta-level2",
	name: "iBeta ISO/IEC 30107-3 PAD Level 2",
	status: "indicative, not a certification",
	source: {
		"title": "iBeta PAD Level 2 as summarised by Axon Labs, 'What is iBeta certification? iBeta certification requirements' (August 2025)",
		"url": "https://axonlabs.pro/ibeta-certification-overview-spoofing-methods-tips",
		"publisher_reference": "iBeta Quality Assurance, ISO/IEC 30107-3 PAD testing (https://www.ibeta.com)"
	},
	unverified: ["iBeta's own test plan was not consulted; the limits and attempt counts here come from a secondary public summary.", "Level 2 instruments (3D masks, latex and silicone masks, dynamic video) are not in UniAttackData; a score file of other species says nothing about them."],
	attack_classes: ["presentation"],
	operating_point: "the evaluated threshold (the system's configured operating point)",
	expected_species: 5,
	requirements: [{
		"id": "apcer-species",
		"rate": "apcer_species",
		"max": .01,
		"strict": false,
		"min_attempts": 150,
		"text": "APCER at most 1 % for every species, 150 attack presentations per species"
	}, {
		"id": "bpcer",
		"rate": "bpcer",
		"max": .15,
		"strict": false,
		"min_attempts": 250,
		"text": "BPCER at most 15 % (about 250 bona fide presentations)"
	}]
};
var nist_800_63a_4_default = {
	$comment: "Readiness profile (common/metrics/profiles.ts reads it). Indicative, not a certification.",
	id: "nist-800-63a-4",
	name: "NIST SP 800-63A-4 remote biometric PAD",
	status: "indicative, not a certification",
	source: {
		"title": "NIST SP 800-63A-4, Digital Identity Guidelines: Identity Proofing and Enrollment, section 3.11: when biometric characteristics are collected and compared remotely, PAD SHALL meet IAPAR < 0.07; PAD tests SHALL conform to ISO/IEC 30107-3:2023",
		"url": "https://pages.nist.gov/800-63-4/sp800-63a.html"
	},
	unverified: [
		"IAPAR is measured on the whole system (an impostor attack that is accepted); here it is read as the PAD's APCER per species (an attack called bona fide), which leaves the comparison step out.",
		"The requirement was read through a public compliance-mapping quotation of SP 800-63A-4 section 3.11, not from the NIST page itself; check the section before relying on it.",
		"No number of attempts per species was found for this requirement; none is required here."
	],
	attack_classes: ["presentation"],
	operating_point: "the evaluated threshold (the system's configured operating point)",
	expected_species: null,
	requirements: [{
		"id": "iapar-species",
		"rate": "apcer_species",
		"max": .07,
		"strict": true,
		"min_attempts": null,
		"text": "IAPAR below 0.07 for every species (read as APCER per species)"
	}]
};
// common/metrics/profiles.ts
var PROFILE_RATES = [
	"apcer_species",
	"apcer_ap",
	"apcer_pooled",
	"bpcer",
	"apnrr",
	"bpnrr"
];
var ProfileError = class extends Error {
	constructor(message) {
		super(message);
		this.name = "ProfileError";
	}
};
var INDICATIVE = "indicative, not a certification";
/** Checks a parsed JSON object (a shipped or user profile) and returns it typed. */
function validateProfile(value, source) {
	const fail = (why) => {
		throw new ProfileError(`${source}: ${why}`);
	};
	if (typeof value !== "object" || value === null || Array.isArray(value)) fail("a profile is a JSON object");
	const p = value;
	for (const key of [
		"id",
		"name",
		"operating_point"
	]) if (typeof p[key] !== "string" || p[key] === "") fail(`'${key}' must be a non-empty string`);
	if (p.status !== "indicative, not a certification") fail(`'status' must be "${INDICATIVE}"`);
	const src = p.source;
	if (typeof src !== "object" || src === null || typeof src.title !== "string" || typeof src.url !== "string" || src.title === "") fail("'source' needs a 'title' and a 'url' (the public document the limits come from)");
	if (p.further_sources !== void 0) {
		const list = p.further_sources;
		if (!Array.isArray(list)) fail("'further_sources' must be a list of { title, url }");
		list.forEach((entry, i) => {
			const e = entry;
			if (typeof e !== "object" || e === null || typeof e.title !== "string" || e.title === "" || typeof e.url !== "string" || e.url === "") fail(`'further_sources' entry ${i + 1} needs a non-empty 'title' and 'url'`);
		});
	}
	if (!Array.isArray(p.unverified) || p.unverified.some((line) => typeof line !== "string")) fail("'unverified' must be a list of strings (empty when everything was verified)");
	if (!Array.isArray(p.attack_classes) || p.attack_classes.length === 0 || p.attack_classes.some((c) => !ATTACK_CLASSES.includes(c))) fail(`'attack_classes' must list some of ${ATTACK_CLASSES.join(", ")}`);
	if (p.expected_species !== null && !(Number.isInteger(p.expected_species) && p.expected_species > 0)) fail("'expected_species' must be a positive integer or null");
	if (!Array.isArray(p.requirements) || p.requirements.length === 0) fail("'requirements' must be a non-empty list");
	p.requirements.forEach((r, i) => {
		const req = r;
		const at = `requirement ${i + 1}`;
		if (typeof req !== "object" || req === null) fail(`${at} must be an object`);
		if (typeof req.id !== "string" || typeof req.text !== "string") fail(`${at} needs 'id' and 'text'`);
		if (!PROFILE_RATES.includes(req.rate)) fail(`${at}: 'rate' must be one of ${PROFILE_RATES.join(", ")}`);
		const hasMax = "max" in req;
		const hasErrors = "max_errors" in req;
		if (hasMax === hasErrors) fail(`${at}: give exactly one of 'max' (a rate limit, or null when not verified) and 'max_errors'`);
		if (hasMax && req.max !== null && !(typeof req.max === "number" && req.max >= 0 && req.max <= 1)) fail(`${at}: 'max' must be a rate in [0, 1] or null`);
		if (hasErrors && !(Number.isInteger(req.max_errors) && req.max_errors >= 0)) fail(`${at}: 'max_errors' must be an integer ≥ 0`);
		if (req.min_attempts !== void 0 && req.min_attempts !== null && !(Number.isInteger(req.min_attempts) && req.min_attempts > 0)) fail(`${at}: 'min_attempts' must be a positive integer or null`);
	});
	return value;
}
/** The profiles shipped with the workbench. */
var BUILTIN_PROFILES = [
	ibeta_level1_default,
	ibeta_level2_default,
	fido_biometric_pad_default,
	nist_800_63a_4_default
].map((json) => validateProfile(json, `common/metrics/profiles/${json.id}.json`));
function builtinProfile(id) {
	return BUILTIN_PROFILES.find((profile) => profile.id === id);
}
/** Parses a user's profile file text. */
function parseProfile(text, source) {
	let json;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new ProfileError(`${source}: not valid JSON (${error.message})`);
	}
	return validateProfile(json, source);
}
var pct = (rate) => `${(rate * 100).toFixed(2).replace(/\.?0+$/, "")} %`;
/**
* The verdict for one counted rate. Rate limit L: fail when the estimate is over L with the
* attempts expected (or the interval's lower bound is over L with any number); pass when the 95 %
* upper bound meets L with the attempts expected; otherwise insufficient attempts. Zero-tolerance
* (max_errors): fail when there are more errors, else pass with the attempts expected.
*/
function judge(requirement, rate) {
	const minimum = requirement.min_attempts ?? 0;
	if (rate === null) return {
		verdict: "insufficient",
		reason: "no attempts of this kind in the data"
	};
	const short = rate.attempts < minimum;
	const shortText = `${rate.attempts} attempts, ${minimum} expected`;
	if (requirement.max_errors !== void 0) {
		if (rate.errors > requirement.max_errors) return {
			verdict: "fail",
			reason: `${rate.errors} errors, at most ${requirement.max_errors} allowed`
		};
		return short ? {
			verdict: "insufficient",
			reason: shortText
		} : {
			verdict: "pass",
			reason: `${rate.errors} errors in ${rate.attempts} attempts (95 % upper bound ${pct(rate.ci.high)})`
		};
	}
	const limit = requirement.max;
	if (limit === null || limit === void 0) return {
		verdict: "not-evaluated",
		reason: "the profile gives no verified limit"
	};
	const meets = (value) => requirement.strict === true ? value < limit : value <= limit;
	const limitText = `${requirement.strict === true ? "<" : "≤"} ${pct(limit)}`;
	if (!meets(rate.ci.low)) return {
		verdict: "fail",
		reason: `even the 95 % lower bound ${pct(rate.ci.low)} is over the limit ${limitText}`
	};
	if (!meets(rate.rate)) return short ? {
		verdict: "insufficient",
		reason: `${shortText}; estimate ${pct(rate.rate)} over the limit ${limitText}`
	} : {
		verdict: "fail",
		reason: `estimate ${pct(rate.rate)} over the limit ${limitText}`
	};
	if (short) return {
		verdict: "insufficient",
		reason: shortText
	};
	if (meets(rate.ci.high)) return {
		verdict: "pass",
		reason: `95 % upper bound ${pct(rate.ci.high)} meets ${limitText}`
	};
	return {
		verdict: "insufficient",
		reason: `estimate ${pct(rate.rate)} meets ${limitText} but the 95 % upper bound ${pct(rate.ci.high)} does not; more attempts needed`
	};
}
/** Merges the attack rates of the profile's classes (species keep their own counts). */
function profileAttacks(rates, classes) {
	const chosen = rates.byClass.filter((c) => classes.includes(c.attackClass));
	const species = chosen.flatMap((c) => c.apcerBySpecies);
	if (chosen.length === 1) return {
		species,
		ap: chosen[0].apcerAp,
		pooled: chosen[0].apcerPooled,
		apnrr: chosen[0].apnrr
	};
	const sum = (pick) => chosen.reduce((acc, c) => {
		const r = pick(c);
		return r === null ? acc : {
			k: acc.k + r.errors,
			n: acc.n + r.attempts
		};
	}, {
		k: 0,
		n: 0
	});
	const pooled = sum((c) => c.apcerPooled);
	const nr = sum((c) => c.apnrr);
	return {
		species,
		ap: species.reduce((worst, r) => worst === null || r.rate > worst.rate ? r : worst, null),
		pooled: countedRate(pooled.k, pooled.n, rates.level),
		apnrr: countedRate(nr.k, nr.n, rates.level)
	};
}
/** Evaluates every requirement of `profile`; apcer_species gives one row per species. */
function evaluateProfile(profile, rates) {
	const attacks = profileAttacks(rates, profile.attack_classes);
	const results = [];
	const push = (requirement, subject, rate) => {
		results.push({
			requirementId: requirement.id,
			subject,
			text: requirement.text,
			rate,
			...judge(requirement, rate)
		});
	};
	if (profile.expected_species !== null) {
		const found = attacks.species.length;
		results.push({
			requirementId: "species-count",
			subject: "Attack species",
			text: `${profile.expected_species} attack species expected (${profile.attack_classes.join(", ")})`,
			rate: null,
			verdict: found >= profile.expected_species ? "pass" : "insufficient",
			reason: `${found} species in the data`
		});
	}
	for (const requirement of profile.requirements) switch (requirement.rate) {
		case "apcer_species":
			if (attacks.species.length === 0) push(requirement, "APCER (no species)", null);
			for (const species of attacks.species) push(requirement, `APCER ${species.species}`, species);
			break;
		case "apcer_ap":
			push(requirement, `APCER_AP${attacks.ap === null ? "" : ` (${attacks.ap.species})`}`, attacks.ap);
			break;
		case "apcer_pooled":
			push(requirement, "APCER pooled", attacks.pooled);
			break;
		case "bpcer":
			push(requirement, "BPCER", rates.bpcer);
			break;
		case "apnrr":
			push(requirement, "APNRR", attacks.apnrr);
			break;
		case "bpnrr": push(requirement, "BPNRR", rates.bpnrr);
	}
	const summary = {
		pass: 0,
		fail: 0,
		insufficient: 0,
		"not-evaluated": 0
	};
	for (const result of results) summary[result.verdict]++;
	return {
		profile,
		results,
		summary
	};
}
// common/metrics/leakage.ts
var EXAMPLES = 5;
/** Shared identities for every pair of splits. O(total identities). */
function identityLeakage(splits) {
	const sets = splits.map(({ split, identities }) => ({
		split,
		set: new Set([...identities].filter((id) => id !== ""))
	}));
	const withIds = sets.filter((s) => s.set.size > 0);
	const pairs = [];
	for (let i = 0; i < withIds.length; i++) for (let j = i + 1; j < withIds.length; j++) {
		const [small, large] = withIds[i].set.size <= withIds[j].set.size ? [withIds[i].set, withIds[j].set] : [withIds[j].set, withIds[i].set];
		const shared = [...small].filter((id) => large.has(id)).sort();
		pairs.push({
			splitA: withIds[i].split,
			splitB: withIds[j].split,
			identitiesA: withIds[i].set.size,
			identitiesB: withIds[j].set.size,
			shared: shared.length,
			examples: shared.slice(0, EXAMPLES)
		});
	}
	const warnings = pairs.filter((pair) => pair.shared > 0).map((pair) => `${pair.shared} identit${pair.shared === 1 ? "y is" : "ies are"} in both ${pair.splitA} and ${pair.splitB} (e.g. ${pair.examples.join(", ")}): rates on ${pair.splitB} are not on unseen subjects`);
	return {
		pairs,
		withoutIdentities: sets.filter((s) => s.set.size === 0).map((s) => s.split),
		warnings
	};
}
// common/metrics/full-evaluation.ts
function identitiesOf(set) {
	const { identityCodes, identityNames } = set.data;
	if (identityCodes === void 0 || identityNames === void 0) return [];
	return Array.from(identityCodes, (code) => identityNames[code] ?? "").filter((name) => !name.startsWith("(line "));
}
/** DET per species: the bona fide samples with the attacks of one species. O(n) per species. */
function speciesDetCurves(data, index) {
	const curves = [{
		species: "all attacks",
		attacks: index.attackCount,
		curve: detCurve(index)
	}];
	if (index.speciesNames.length < 2) return curves;
	const names = data.speciesNames ?? [];
	for (const species of index.speciesNames) {
		const code = names.indexOf(species);
		const keep = [];
		for (let i = 0; i < data.scores.length; i++) if (data.labels[i] !== 1 || data.speciesCodes?.[i] === code) keep.push(i);
		const subset = ThresholdIndex.build({
			scores: Float64Array.from(keep, (i) => data.scores[i]),
			labels: Uint8Array.from(keep, (i) => data.labels[i])
		});
		curves.push({
			species,
			attacks: subset.attackCount,
			curve: detCurve(subset)
		});
	}
	return curves;
}
/** Everything a report shows. Throws MetricsInputError for unusable data. */
function fullEvaluation(input) {
	const scoresIndex = ThresholdIndex.build(input.scores.data);
	const dev = input.dev === void 0 || input.criterion.kind === "fixed" ? void 0 : {
		index: ThresholdIndex.build(input.dev.data),
		description: input.dev.description
	};
	const report = evaluateScores({
		scores: scoresIndex,
		scoresDescription: input.scores.description,
		dev,
		criterion: input.criterion
	});
	const threshold = report.operatingPoint.provenance.threshold;
	const counted = certificationRates(input.scores.data, threshold);
	let bootstrap = null;
	if (input.bootstrap !== void 0) {
		const resample = input.bootstrap.resample ?? (input.scores.data.identityCodes === void 0 ? "sample" : "identity");
		bootstrap = bootstrapConfidenceIntervals(input.scores.data, {
			replicates: input.bootstrap.replicates,
			seed: input.bootstrap.seed,
			resample,
			threshold
		});
	}
	const sets = [];
	if (input.train !== void 0) sets.push({
		split: `train (${input.train.description})`,
		identities: identitiesOf(input.train)
	});
	if (input.dev !== void 0) sets.push({
		split: `dev (${input.dev.description})`,
		identities: identitiesOf(input.dev)
	});
	sets.push({
		split: `test (${input.scores.description})`,
		identities: identitiesOf(input.scores)
	});
	return {
		report,
		counted,
		bootstrap,
		profile: input.profile === void 0 ? null : evaluateProfile(input.profile, counted),
		leakage: sets.length < 2 ? null : identityLeakage(sets),
		det: speciesDetCurves(input.scores.data, scoresIndex)
	};
}
// electron/cli/evaluation-inputs.ts
/** A file problem worth one line on stderr and exit status 1. */
var InputFileError = class extends Error {};
async function readText(path) {
	try {
		return await readFile(path, "utf8");
	} catch (error) {
		const code = error.code;
		throw new InputFileError(`cannot read '${path}': ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : String(error.message)}`);
	}
}
/** Parses a scores CSV; warnings that do not stop the evaluation (a repeated path) go to stderr. */
async function readScores(path) {
	const parsed = parseScoresCsv(await readText(path), path);
	for (const warning of parsed.warnings) console.error(`uad: warning: ${escapeForDisplay(warning)}`);
	return parsed;
}
var PROFILE_HELP = `${BUILTIN_PROFILES.map((p) => p.id).join(" | ")} | FILE.json`;
/** A shipped profile by id, or a user's profile file (a path ending in .json). */
async function loadProfile(nameOrPath) {
	const shipped = builtinProfile(nameOrPath);
	if (shipped !== void 0) return shipped;
	if (!nameOrPath.toLowerCase().endsWith(".json")) throw new InputFileError(`no profile '${nameOrPath}'; shipped profiles: ${BUILTIN_PROFILES.map((p) => p.id).join(", ")}, or give a profile file ending in .json`);
	return parseProfile(await readText(nameOrPath), nameOrPath);
}
export { parseCriterion as _, readText as a, MetricsInputError as b, certificationJson as c, formatCountedRate as d, metricsReportJson as f, CRITERION_NAMES as g, MAX_BOOTSTRAP_REPLICATES as h, readScores as i, leakageJson as l, parseScoresCsv as m, PROFILE_HELP as n, fullEvaluation as o, ScoresCsvError as p, loadProfile as r, ProfileError as s, InputFileError as t, profileResultJson as u, normalQuantile as v, validateLabelledScores as x, ThresholdIndex as y };
