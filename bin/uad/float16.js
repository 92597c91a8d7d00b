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
export { encodeFloat16 as n, fromFloat16Bits as r, decodeFloat16 as t };
