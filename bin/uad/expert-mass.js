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
export { meanImageTokenMass as i, dominantImageExpert as n, expertMass as r, dominantExperts as t };
