import { r as fromFloat16Bits } from "./float16.js";
import { parentPort } from "node:worker_threads";
// common/embeddings/knn.ts
/** Unit-length rows as float32, [n, d] row-major; an all-zero row stays zero (similarity 0 to everything). */
function normalisedRows(values, n, d, float16 = false) {
	if (values.length !== n * d) throw new RangeError(`expected ${n}×${d} values, got ${values.length}`);
	const out = new Float32Array(n * d);
	for (let i = 0; i < n; i++) {
		const base = i * d;
		let sum = 0;
		for (let j = 0; j < d; j++) {
			const v = float16 ? fromFloat16Bits(values[base + j]) : values[base + j];
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
