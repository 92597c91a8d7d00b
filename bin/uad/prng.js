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
export { SeededRandom as t };
