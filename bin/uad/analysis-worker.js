import { r as fromFloat16Bits } from "./float16.js";
import { t as pca } from "./pca.js";
import { t as SeededRandom } from "./prng.js";
import { n as flagIsSet } from "./cancel-flag.js";
import { parentPort } from "node:worker_threads";
import { UMAP } from "umap-js";
// common/embeddings/knn.ts
var halfTable = null;
/** Every float16 bit pattern's value (256 KiB, built once): decoding 10⁸ values by lookup, not arithmetic. */
function float16Table() {
	halfTable ??= Float32Array.from({ length: 65536 }, (_, bits) => fromFloat16Bits(bits));
	return halfTable;
}
/** Unit-length rows as float32, [n, d] row-major; an all-zero row stays zero (similarity 0 to everything). */
function normalisedRows(values, n, d, float16 = false) {
	if (values.length !== n * d) throw new RangeError(`expected ${n}×${d} values, got ${values.length}`);
	const out = new Float32Array(n * d);
	const table = float16 ? float16Table() : null;
	for (let i = 0; i < n; i++) {
		const base = i * d;
		let sum = 0;
		for (let j = 0; j < d; j++) {
			const v = table ? table[values[base + j]] : values[base + j];
			const finite = Number.isFinite(v) ? v : 0;
			out[base + j] = finite;
			sum += finite * finite;
		}
		const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
		for (let j = 0; j < d; j++) out[base + j] *= scale;
	}
	return out;
}
/** Ranking: higher similarity first, then the lower row index (a stable, total order). */
var better = (a, b) => a.similarity > b.similarity || a.similarity === b.similarity && a.index < b.index;
/**
* The k rows of `unit` (normalised, [n, d]) most similar to row `queryIndex` (excluded from its own
* result), best first. Exact: every row is compared.
*/
function nearestToRow(unit, n, d, queryIndex, k) {
	if (queryIndex < 0 || queryIndex >= n) throw new RangeError(`query row ${queryIndex} is outside 0…${n - 1}`);
	return nearest(unit, n, d, unit.subarray(queryIndex * d, (queryIndex + 1) * d), k, queryIndex);
}
/** The k rows most similar to a unit-length query vector, best first; `skip` names a row to leave out. */
function nearest(unit, n, d, query, k, skip = -1) {
	const size = Math.max(0, Math.min(Math.floor(k), n - (skip >= 0 && skip < n ? 1 : 0)));
	if (size === 0) return [];
	const heap = [];
	const siftDown = (start) => {
		let i = start;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let worst = i;
			if (l < heap.length && better(heap[worst], heap[l])) worst = l;
			if (r < heap.length && better(heap[worst], heap[r])) worst = r;
			if (worst === i) return;
			[heap[i], heap[worst]] = [heap[worst], heap[i]];
			i = worst;
		}
	};
	const siftUp = (start) => {
		let i = start;
		while (i > 0) {
			const parent = i - 1 >> 1;
			if (!better(heap[parent], heap[i])) return;
			[heap[i], heap[parent]] = [heap[parent], heap[i]];
			i = parent;
		}
	};
	for (let row = 0; row < n; row++) {
		if (row === skip) continue;
		const base = row * d;
		let dot = 0;
		for (let j = 0; j < d; j++) dot += unit[base + j] * query[j];
		const candidate = {
			index: row,
			similarity: dot
		};
		if (heap.length < size) {
			heap.push(candidate);
			siftUp(heap.length - 1);
		} else if (better(candidate, heap[0])) {
			heap[0] = candidate;
			siftDown(0);
		}
	}
	return heap.sort((a, b) => better(a, b) ? -1 : better(b, a) ? 1 : 0);
}
var UMAP_MIN_DIST = .1;
var ProjectionCancelled = class extends Error {
	constructor() {
		super("cancelled");
		this.name = "ProjectionCancelled";
	}
};
/** 2-D coordinates of every row of `rows` ([n, d]), [n, 2] row-major. */
function project(rows, n, d, options) {
	const check = () => {
		if (options.cancelled?.()) throw new ProjectionCancelled();
	};
	const xy = new Float32Array(n * 2);
	if (n === 0) return xy;
	options.onProgress?.("pca", 0, 1);
	const reduced = pca(rows, n, d, Math.min(32, d), { seed: options.seed });
	options.onProgress?.("pca", 1, 1);
	check();
	const m = reduced.m;
	if (options.method === "pca" || n <= 3) {
		for (let i = 0; i < n; i++) {
			xy[i * 2] = reduced.projected[i * m];
			xy[i * 2 + 1] = m > 1 ? reduced.projected[i * m + 1] : 0;
		}
		return xy;
	}
	const random = new SeededRandom(options.seed);
	const most = Math.max(4, options.landmarks ?? 2e3);
	let landmarks;
	if (n <= most) landmarks = Int32Array.from({ length: n }, (_, i) => i);
	else {
		const order = Int32Array.from({ length: n }, (_, i) => i);
		for (let i = 0; i < most; i++) {
			const j = i + random.nextIndex(n - i);
			[order[i], order[j]] = [order[j], order[i]];
		}
		landmarks = order.slice(0, most).sort();
	}
	const l = landmarks.length;
	const umap = new UMAP({
		nComponents: 2,
		nNeighbors: Math.min(15, l - 1),
		minDist: UMAP_MIN_DIST,
		nEpochs: 300,
		random: () => random.nextDouble()
	});
	const data = Array.from(landmarks, (row) => Array.from(reduced.projected.subarray(row * m, (row + 1) * m)));
	options.onProgress?.("neighbours", 0, 1);
	const epochs = umap.initializeFit(data);
	options.onProgress?.("neighbours", 1, 1);
	const every = Math.max(1, Math.floor(epochs / 50));
	for (let epoch = 0; epoch < epochs; epoch++) {
		check();
		umap.step();
		if ((epoch + 1) % every === 0 || epoch + 1 === epochs) options.onProgress?.("layout", epoch + 1, epochs);
	}
	const embedding = umap.getEmbedding();
	const isLandmark = new Uint8Array(n);
	landmarks.forEach((row, i) => {
		isLandmark[row] = 1;
		xy[row * 2] = embedding[i][0];
		xy[row * 2 + 1] = embedding[i][1];
	});
	if (l === n) return xy;
	placeByLandmarks(reduced.projected, m, landmarks, isLandmark, xy, options, check);
	return xy;
}
/** Places every non-landmark row at the inverse-distance-weighted mean of its nearest landmarks (PCA space). */
function placeByLandmarks(points, m, landmarks, isLandmark, xy, options, check) {
	const n = isLandmark.length;
	const l = landmarks.length;
	const k = Math.min(5, l);
	const lm = new Float32Array(l * m);
	landmarks.forEach((row, i) => lm.set(points.subarray(row * m, (row + 1) * m), i * m));
	const bestD = new Float64Array(k);
	const bestI = new Int32Array(k);
	const total = n - l;
	let done = 0;
	for (let row = 0; row < n; row++) {
		if (isLandmark[row]) continue;
		bestD.fill(Infinity);
		bestI.fill(-1);
		const base = row * m;
		for (let i = 0; i < l; i++) {
			let dist = 0;
			const lb = i * m;
			const bound = bestD[k - 1];
			for (let j = 0; j < m && dist < bound; j += 8) {
				const end = Math.min(m, j + 8);
				for (let t = j; t < end; t++) {
					const diff = points[base + t] - lm[lb + t];
					dist += diff * diff;
				}
			}
			if (dist >= bound) continue;
			let at = k - 1;
			while (at > 0 && bestD[at - 1] > dist) {
				bestD[at] = bestD[at - 1];
				bestI[at] = bestI[at - 1];
				at -= 1;
			}
			bestD[at] = dist;
			bestI[at] = i;
		}
		let wx = 0;
		let wy = 0;
		let wsum = 0;
		for (let t = 0; t < k; t++) {
			const w = 1 / (Math.sqrt(bestD[t]) + 1e-6);
			const landmarkRow = landmarks[bestI[t]];
			wx += w * xy[landmarkRow * 2];
			wy += w * xy[landmarkRow * 2 + 1];
			wsum += w;
		}
		xy[row * 2] = wx / wsum;
		xy[row * 2 + 1] = wy / wsum;
		done += 1;
		if (done % 2e3 === 0 || done === total) {
			check();
			options.onProgress?.("placing", done, total);
		}
	}
}
// electron/explain/analysis-worker.ts
if (!parentPort) throw new Error("analysis-worker.ts must run as a worker thread");
var port = parentPort;
var loaded = null;
var reply = (message) => port.postMessage(message);
port.on("message", (request) => {
	try {
		switch (request.type) {
			case "load": {
				const n = request.ids.length;
				const unit = normalisedRows(request.f16, n, request.dims, true);
				const rowOf = /* @__PURE__ */ new Map();
				request.ids.forEach((sampleId, row) => rowOf.set(sampleId, row));
				loaded = {
					key: request.key,
					ids: request.ids,
					rowOf,
					dims: request.dims,
					unit
				};
				reply({
					type: "loaded",
					id: request.id,
					rows: n
				});
				return;
			}
			case "knn": {
				if (!loaded || loaded.key !== request.key) throw new Error("the embeddings of this model are not loaded");
				const row = loaded.rowOf.get(request.sampleId);
				if (row === void 0) throw new Error(`sample ${request.sampleId} has no stored embedding under this model`);
				const found = nearestToRow(loaded.unit, loaded.ids.length, loaded.dims, row, request.k);
				reply({
					type: "knn",
					id: request.id,
					neighbours: found.map((f) => ({
						sampleId: loaded.ids[f.index],
						similarity: f.similarity
					}))
				});
				return;
			}
			case "project": {
				if (!loaded || loaded.key !== request.key) throw new Error("the embeddings of this model are not loaded");
				const xy = project(loaded.unit, loaded.ids.length, loaded.dims, {
					method: request.method,
					seed: request.seed,
					cancelled: () => flagIsSet(request.cancel),
					onProgress: (phase, done, total) => reply({
						type: "progress",
						id: request.id,
						phase,
						done,
						total
					})
				});
				const ids = loaded.ids.slice();
				port.postMessage({
					type: "projected",
					id: request.id,
					ids,
					xy
				}, [ids.buffer, xy.buffer]);
				return;
			}
		}
	} catch (err) {
		reply({
			type: "error",
			id: request.id,
			message: err instanceof Error ? err.message : String(err)
		});
	}
});
export {};
