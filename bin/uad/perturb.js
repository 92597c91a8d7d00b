import { t as SeededRandom } from "./prng.js";
import { r as isCalledAttack } from "./decision.js";
// common/explain/occlusion.ts
/** The cells of a gh × gw grid over a size × size image, row-major; edges at floor(i·size / g). */
function gridCells(size, grid) {
	const [gh, gw] = grid;
	if (!Number.isInteger(gh) || !Number.isInteger(gw) || gh < 1 || gw < 1 || gh > size || gw > size) throw new RangeError(`an occlusion grid must have between 1 and ${size} cells a side, got ${gh}×${gw}`);
	const cells = [];
	for (let r = 0; r < gh; r++) for (let c = 0; c < gw; c++) cells.push({
		y0: Math.floor(r * size / gh),
		y1: Math.floor((r + 1) * size / gh),
		x0: Math.floor(c * size / gw),
		x1: Math.floor((c + 1) * size / gw)
	});
	return cells;
}
/**
* Writes a copy of the normalised CHW tensor with one cell set to `value` in every channel into `out`
* (0 in normalised units is the preprocessing mean colour: the cell carries no signal).
*/
function maskCell(tensor, size, rect, out, value = 0) {
	out.set(tensor);
	const plane = size * size;
	for (let c = 0; c < 3; c++) for (let y = rect.y0; y < rect.y1; y++) out.fill(value, c * plane + y * size + rect.x0, c * plane + y * size + rect.x1);
}
/** Score change per cell: base − masked (positive: the cell pushes the score towards attack). */
function occlusionDeltas(base, scores) {
	return Float32Array.from(scores, (s) => base - s);
}
// common/explain/perturb.ts
/** The ladders every probe runs (fixed, so probes of different samples compare). */
var PERTURBATIONS = [
	{
		id: "jpeg",
		label: "JPEG recompression",
		unit: "quality (lower is stronger)",
		strengths: [
			90,
			75,
			60,
			45,
			30,
			15,
			5
		]
	},
	{
		id: "blur",
		label: "Gaussian blur",
		unit: "σ in pixels",
		strengths: [
			.5,
			.8,
			1.2,
			1.6,
			2.4,
			3.2
		]
	},
	{
		id: "rescale",
		label: "down-and-up scaling",
		unit: "scale factor (lower is stronger)",
		strengths: [
			.8,
			.6,
			.45,
			.33,
			.25,
			.15
		]
	},
	{
		id: "gamma",
		label: "gamma",
		unit: "exponent γ (output = input^γ)",
		strengths: [
			1.2,
			1.5,
			1.8,
			2.2,
			2.6,
			3
		]
	},
	{
		id: "noise",
		label: "Gaussian noise",
		unit: "σ in grey levels",
		strengths: [
			2,
			4,
			8,
			12,
			18,
			25
		]
	},
	{
		id: "halftone",
		label: "halftone (print-like)",
		unit: "blend of a 4-pixel dot screen",
		strengths: [
			.1,
			.2,
			.35,
			.5,
			.75,
			1
		]
	},
	{
		id: "moire",
		label: "moiré (screen-like)",
		unit: "modulation depth",
		strengths: [
			.05,
			.1,
			.2,
			.3,
			.45,
			.6
		]
	}
];
/** Seed of the noise family: the same sample gives the same probe every time. */
var NOISE_SEED = 24301;
var clampByte = (v) => v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
/** out = 255·(in/255)^γ per channel. */
function applyGamma(rgb, gamma) {
	const table = Uint8Array.from({ length: 256 }, (_, v) => clampByte(255 * (v / 255) ** gamma));
	return rgb.map((v) => table[v]);
}
/** Additive Gaussian noise of standard deviation sigma (grey levels), seeded (Box–Muller). */
function applyNoise(rgb, sigma, seed = NOISE_SEED) {
	const random = new SeededRandom(seed);
	const out = new Uint8Array(rgb.length);
	for (let i = 0; i < rgb.length; i += 2) {
		const u = 1 - random.nextDouble();
		const v = random.nextDouble();
		const r = Math.sqrt(-2 * Math.log(u));
		out[i] = clampByte(rgb[i] + sigma * r * Math.cos(2 * Math.PI * v));
		if (i + 1 < rgb.length) out[i + 1] = clampByte(rgb[i + 1] + sigma * r * Math.sin(2 * Math.PI * v));
	}
	return out;
}
/** Screen angles of the three channels (as a print's colour plates are turned against each other). */
var SCREEN_ANGLES = [
	15,
	75,
	0
].map((d) => d * Math.PI / 180);
var SCREEN_PERIOD = 4;
/**
* Print-like halftone: each channel thresholded against a rotated cosine dot screen of a 4-pixel period
* (ink on or off), blended with the original by `strength` in [0, 1].
*/
function applyHalftone(rgb, size, strength) {
	const out = new Uint8Array(rgb.length);
	const w = 2 * Math.PI / SCREEN_PERIOD;
	for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) for (let c = 0; c < 3; c++) {
		const a = SCREEN_ANGLES[c];
		const u = x * Math.cos(a) + y * Math.sin(a);
		const v = -x * Math.sin(a) + y * Math.cos(a);
		const screen = (Math.cos(w * u) * Math.cos(w * v) + 1) / 2;
		const i = (y * size + x) * 3 + c;
		const ink = rgb[i] / 255 > screen ? 255 : 0;
		out[i] = clampByte((1 - strength) * rgb[i] + strength * ink);
	}
	return out;
}
/** Frequency (cycles per pixel) and angles of the two gratings whose beat is the moiré. */
var MOIRE_FREQUENCY = .45;
var MOIRE_ANGLES = [0, 5].map((d) => d * Math.PI / 180);
/**
* Screen-like moiré: a display's pixel grid photographed slightly off-axis aliases into a low-frequency
* beat; modelled as the product of two gratings near the Nyquist rate, 5° apart, modulating the image
* by depth `strength`: out = in · (1 + strength · g₁ · g₂).
*/
function applyMoire(rgb, size, strength) {
	const out = new Uint8Array(rgb.length);
	const w = 2 * Math.PI * MOIRE_FREQUENCY;
	const [a1, a2] = MOIRE_ANGLES;
	for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
		const factor = 1 + strength * (Math.cos(w * (x * Math.cos(a1) + y * Math.sin(a1))) * Math.cos(w * (x * Math.cos(a2) + y * Math.sin(a2))));
		const i = (y * size + x) * 3;
		for (let c = 0; c < 3; c++) out[i + c] = clampByte(rgb[i + c] * factor);
	}
	return out;
}
/**
* The first strength of a ladder at which the decision (attack when score ≥ τ) differs from the
* unperturbed one, or null when none of the strengths flips it.
*/
function flipStrength(baseScore, strengths, scores, threshold) {
	const baseAttack = isCalledAttack(baseScore, threshold);
	for (let i = 0; i < Math.min(strengths.length, scores.length); i++) if (isCalledAttack(scores[i], threshold) !== baseAttack) return strengths[i];
	return null;
}
export { applyNoise as a, maskCell as c, applyMoire as i, occlusionDeltas as l, applyGamma as n, flipStrength as o, applyHalftone as r, gridCells as s, PERTURBATIONS as t };
