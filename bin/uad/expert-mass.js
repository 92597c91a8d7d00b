// common/routing/float16.ts
var scratch = /* @__PURE__ */ new Float32Array(1);
var scratchBits = new Uint32Array(scratch.buffer);
/** One float32 value to its float16 bit pattern. */
function toFloat16Bits(value) {
	scratch[0] = value;
	const x = scratchBits[0];
	const sign = x >>> 16 & 32768;
	const exponent = x >>> 23 & 255;
	let mantissa = x & 8388607;
	if (exponent === 255) return sign | 31744 | (mantissa ? 512 : 0);
	const halfExponent = exponent - 127 + 15;
	if (halfExponent >= 31) return sign | 31744;
	if (halfExponent <= 0) {
		if (halfExponent < -10) return sign;
		mantissa |= 8388608;
		const shift = 14 - halfExponent;
		const half = mantissa >>> shift;
		const remainder = mantissa & (1 << shift) - 1;
		const midpoint = 1 << shift - 1;
		return sign | half + (remainder > midpoint || remainder === midpoint && (half & 1) === 1 ? 1 : 0);
	}
	const half = halfExponent << 10 | mantissa >>> 13;
	const remainder = mantissa & 8191;
	return sign | half + (remainder > 4096 || remainder === 4096 && (half & 1) === 1 ? 1 : 0);
}
/** One float16 bit pattern to its value. */
function fromFloat16Bits(bits) {
	const sign = bits & 32768 ? -1 : 1;
	const exponent = bits >>> 10 & 31;
	const mantissa = bits & 1023;
	if (exponent === 0) return sign * mantissa * 2 ** -24;
	if (exponent === 31) return mantissa ? NaN : sign * Number.POSITIVE_INFINITY;
	return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
function encodeFloat16(values) {
	const out = new Uint16Array(values.length);
	for (let i = 0; i < values.length; i++) out[i] = toFloat16Bits(values[i]);
	return out;
}
function decodeFloat16(bits) {
	const out = new Float32Array(bits.length);
	for (let i = 0; i < bits.length; i++) out[i] = fromFloat16Bits(bits[i]);
	return out;
}
// common/routing/expert-mass.ts
/**
* Expert mass of one sample: combine [n, e, s] → mass [n, e]. O(n·e·s).
* `offset` selects the sample inside a batched tensor ([b, n, e, s] with offset = b·n·e·s).
*/
function expertMass(combine, n, e, s, offset = 0) {
	const mass = new Float32Array(n * e);
	for (let token = 0; token < n; token++) for (let expert = 0; expert < e; expert++) {
		let sum = 0;
		const base = offset + (token * e + expert) * s;
		for (let slot = 0; slot < s; slot++) sum += combine[base + slot];
		mass[token * e + expert] = sum;
	}
	return mass;
}
/** Argmax expert of each token (ties → lowest index): mass [n, e] → Uint8Array [n]. */
function dominantExperts(mass, n, e) {
	const out = new Uint8Array(n);
	for (let token = 0; token < n; token++) {
		let best = 0;
		for (let expert = 1; expert < e; expert++) if (mass[token * e + expert] > mass[token * e + best]) best = expert;
		out[token] = best;
	}
	return out;
}
/** Mean expert mass over the image tokens (CLS excluded): [n, e] → [e]. */
function meanImageTokenMass(mass, n, e) {
	const out = new Float32Array(e);
	for (let token = 1; token < n; token++) for (let expert = 0; expert < e; expert++) out[expert] += mass[token * e + expert];
	for (let expert = 0; expert < e; expert++) out[expert] /= Math.max(1, n - 1);
	return out;
}
/**
* The expert that most image tokens (CLS excluded) pick as their argmax: a one-number routing
* summary per sample, used to filter the browser. Ties → lowest index. mass [n, e] → expert.
*/
function dominantImageExpert(mass, n, e) {
	const votes = new Array(e).fill(0);
	const argmax = dominantExperts(mass, n, e);
	for (let token = 1; token < n; token++) votes[argmax[token]] += 1;
	let best = 0;
	for (let expert = 1; expert < e; expert++) if (votes[expert] > votes[best]) best = expert;
	return best;
}
export { decodeFloat16 as a, meanImageTokenMass as i, dominantImageExpert as n, encodeFloat16 as o, expertMass as r, dominantExperts as t };
