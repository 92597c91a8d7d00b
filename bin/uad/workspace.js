import { n as dominantImageExpert, t as dominantExperts } from "./expert-mass.js";
import { t as decodeFloat16 } from "./float16.js";
import { mkdirSync, statSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import Database from "libsql";
var PACKED_MAGIC = [85, 68];
/** Bits per stored expert index: the fewest of 1, 2, 4, 8 that hold e − 1. */
function dominantBits(experts) {
	return experts <= 2 ? 1 : experts <= 4 ? 2 : experts <= 16 ? 4 : 8;
}
/** Payload bytes per sample: mass keeps combine and dispatch mass (2 × L·n·e float16), dominant 4 + ⌈L·n·b / 8⌉. */
function routingSummaryBytes(kind, layers, tokens, experts) {
	return kind === "mass" ? 2 * layers * tokens * experts * 2 : 4 + Math.ceil(layers * tokens * dominantBits(experts) / 8);
}
/** The default for a model: full mass summaries when they fit the budget, else the dominant expert per token. */
function defaultRoutingSummary(layers, tokens, experts) {
	return routingSummaryBytes("mass", layers, tokens, experts) <= 8192 ? "mass" : "dominant";
}
/** float16 expert mass [n, e] per layer (bit patterns) → one packed dominant-expert blob for all layers. */
function packDominant(massF16ByLayer, experts) {
	const n = massF16ByLayer[0] ? massF16ByLayer[0].length / experts : 0;
	const b = dominantBits(experts);
	const out = new Uint8Array(routingSummaryBytes("dominant", massF16ByLayer.length, n, experts));
	out.set([
		...PACKED_MAGIC,
		massF16ByLayer.length,
		b
	]);
	massF16ByLayer.forEach((f16, l) => {
		const dominant = dominantExperts(decodeFloat16(f16), n, experts);
		for (let t = 0; t < n; t++) {
			const bit = (l * n + t) * b;
			out[4 + (bit >> 3)] |= dominant[t] << (bit & 7);
		}
	});
	return out;
}
/**
* One stored row → expert mass [n, e] per layer it holds: itself for a per-layer row, or each packed layer
* (`layer` is the first; the model's MoE layer list names the rest). Rows that fit no encoding give nothing.
*/
function unpackRoutingRow(blob, layer, tokens, experts, moeLayers) {
	const count = blob[2] ?? 0;
	const b = blob[3] ?? 0;
	if (blob[0] === PACKED_MAGIC[0] && blob[1] === PACKED_MAGIC[1] && [
		1,
		2,
		4,
		8
	].includes(b) && blob.length === 4 + Math.ceil(count * tokens * b / 8)) {
		const first = moeLayers.indexOf(layer);
		if (first < 0 || first + count > moeLayers.length) return [];
		const out = [];
		for (let l = 0; l < count; l++) {
			const mass = new Float32Array(tokens * experts);
			for (let t = 0; t < tokens; t++) {
				const bit = (l * tokens + t) * b;
				const expert = blob[4 + (bit >> 3)] >> (bit & 7) & (1 << b) - 1;
				if (expert >= experts) return [];
				mass[t * experts + expert] = 1;
			}
			out.push({
				layer: moeLayers[first + l],
				mass
			});
		}
		return out;
	}
	const mass = decodeRoutingSummary(blob, tokens, experts);
	return mass ? [{
		layer,
		mass
	}] : [];
}
/**
* A stored summary blob → expert mass [n, e] as float32: float16 mass as stored, or a dominant-expert blob as
* one-hot rows (mass 1 on the dominant expert). Null when the blob fits neither encoding.
*/
function decodeRoutingSummary(blob, tokens, experts) {
	if (blob.length === tokens * experts * 2) {
		const aligned = new Uint8Array(blob);
		return decodeFloat16(new Uint16Array(aligned.buffer, 0, aligned.length >> 1));
	}
	if (blob.length === tokens) {
		const mass = new Float32Array(tokens * experts);
		for (let token = 0; token < tokens; token++) {
			const expert = blob[token];
			if (expert >= experts) return null;
			mass[token * experts + expert] = 1;
		}
		return mass;
	}
	return null;
}
// electron/workspace/connection.ts
var connections = /* @__PURE__ */ new WeakMap();
/** Called once by Workspace's constructor. */
function attachConnection(workspace, sql) {
	connections.set(workspace, sql);
}
/** The open connection of `workspace`; throws once the workspace is closed. */
function connectionOf(workspace) {
	const sql = connections.get(workspace);
	if (!sql) throw new Error("the workspace is closed");
	return sql;
}
/** Forgets the connection (Workspace.close). */
function detachConnection(workspace) {
	connections.delete(workspace);
}
// electron/workspace/custody.ts
var GENESIS_HASH = "0".repeat(64);
function entryHash(entry) {
	return createHash("sha256").update([
		entry.prev_hash,
		String(entry.seq),
		entry.at,
		entry.actor,
		entry.action,
		entry.detail
	].join("\n")).digest("hex");
}
/**
* Appends one entry; call inside the transaction that makes the change it records. Only this folder's
* modules call it (lint-enforced); other layers append through Workspace.custody or a repository function.
*/
function appendCustody(sql, actor, action, detail) {
	const last = sql.get("SELECT seq, hash FROM custody_log ORDER BY seq DESC LIMIT 1");
	const partial = {
		seq: (last?.seq ?? 0) + 1,
		at: (/* @__PURE__ */ new Date()).toISOString(),
		actor,
		action,
		detail: JSON.stringify(detail),
		prev_hash: last?.hash ?? GENESIS_HASH
	};
	const entry = {
		...partial,
		hash: entryHash(partial)
	};
	sql.run("INSERT INTO custody_log (seq, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)", [
		entry.seq,
		entry.at,
		entry.actor,
		entry.action,
		entry.detail,
		entry.prev_hash,
		entry.hash
	]);
	return entry;
}
/** Walks the chain from the start: detects edited rows, deleted or reordered rows, and forged hashes. */
function verifyCustody(sql) {
	const rows = sql.all("SELECT seq, at, actor, action, detail, prev_hash, hash FROM custody_log ORDER BY seq");
	let prev = GENESIS_HASH;
	let expectedSeq = 1;
	for (const row of rows) {
		if (row.seq !== expectedSeq) return {
			ok: false,
			seq: row.seq,
			problem: `entry ${expectedSeq} is missing (found ${row.seq})`
		};
		if (row.prev_hash !== prev) return {
			ok: false,
			seq: row.seq,
			problem: "previous-hash link is broken"
		};
		if (entryHash(row) !== row.hash) return {
			ok: false,
			seq: row.seq,
			problem: "entry content does not match its hash (edited)"
		};
		prev = row.hash;
		expectedSeq += 1;
	}
	return {
		ok: true,
		entries: rows.length,
		head: prev
	};
}
/** The custody log in order (only entries of `action` when given), as stored. */
function custodyEntries(workspace, action) {
	const sql = connectionOf(workspace);
	const columns = "seq, at, actor, action, detail, prev_hash, hash";
	return action === void 0 ? sql.all(`SELECT ${columns} FROM custody_log ORDER BY seq`) : sql.all(`SELECT ${columns} FROM custody_log WHERE action = ? ORDER BY seq`, [action]);
}
// electron/workspace/runs.ts
function json(text) {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}
function stringMap(value) {
	const out = {};
	if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) out[k] = String(v);
	return out;
}
function runFromRow(r) {
	return {
		id: r.id,
		modelSha256: r.model_sha256,
		datasetId: r.dataset_id,
		provider: r.provider,
		status: r.status,
		total: r.total,
		scored: r.scored,
		failed: r.failed,
		skipped: r.skipped,
		startedAt: r.started_at,
		finishedAt: r.finished_at ?? null,
		error: r.error ?? null,
		batchSize: r.batch_size,
		providerAttempts: json(r.provider_attempts),
		versions: stringMap(json(r.versions)),
		inferMs: r.infer_ms,
		decodeMs: r.decode_ms,
		faces: r.faces === "detect" ? "detect" : "none"
	};
}
/** Runs, newest first (at most `limit`), or oldest first when `order` is 'oldest'. */
function listRuns(workspace, { limit, order = "newest" } = {}) {
	const sql = order === "newest" ? "SELECT * FROM runs ORDER BY id DESC LIMIT ?" : "SELECT * FROM runs ORDER BY id LIMIT ?";
	return connectionOf(workspace).all(sql, [limit ?? -1]).map(runFromRow);
}
// electron/workspace/embeddings.ts
/** Stores (or replaces) one sample's embedding; call inside the batch's transaction. */
function storeEmbedding(sql, sampleId, modelSha256, f16) {
	const bytes = new Uint8Array(f16.buffer, f16.byteOffset, f16.byteLength);
	sql.run("INSERT OR REPLACE INTO embeddings (sample_id, model_sha256, dims, embedding_f16) VALUES (?, ?, ?, ?)", [
		sampleId,
		modelSha256,
		f16.length,
		bytes
	]);
}
// electron/workspace/schema.ts
var MIGRATIONS = [
	{
		version: 1,
		description: "samples, models, runs, predictions, routing summaries, failures, annotations, thresholds, custody log",
		sql: `
      CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        root TEXT NOT NULL,
        source TEXT NOT NULL,
        list_path TEXT,
        opened_at TEXT NOT NULL,
        UNIQUE (root, source, list_path)
      );
      CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id),
        path TEXT NOT NULL,
        abs_path TEXT NOT NULL,
        sha256 TEXT,
        size_bytes INTEGER,
        label INTEGER NOT NULL CHECK (label IN (0, 1)),
        category TEXT NOT NULL,
        species TEXT NOT NULL,
        split TEXT NOT NULL DEFAULT '',
        identity TEXT NOT NULL DEFAULT '',
        file_status TEXT NOT NULL,
        file_reason TEXT,
        UNIQUE (dataset_id, path)
      );
      CREATE INDEX samples_by_species ON samples (species);
      CREATE TABLE models (
        sha256 TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        onnx_path TEXT NOT NULL,
        sidecar_json TEXT NOT NULL,
        registered_at TEXT NOT NULL
      );
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        model_sha256 TEXT NOT NULL REFERENCES models(sha256),
        dataset_id INTEGER NOT NULL REFERENCES datasets(id),
        provider TEXT NOT NULL,
        provider_attempts TEXT NOT NULL,
        versions TEXT NOT NULL,
        batch_size INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
        total INTEGER NOT NULL,
        skipped INTEGER NOT NULL DEFAULT 0,
        scored INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        infer_ms REAL NOT NULL DEFAULT 0,
        decode_ms REAL NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE TABLE predictions (
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        model_sha256 TEXT NOT NULL REFERENCES models(sha256),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        sample_sha256 TEXT NOT NULL,
        score REAL NOT NULL,
        logits TEXT NOT NULL,
        dominant_expert INTEGER,
        scored_at TEXT NOT NULL,
        PRIMARY KEY (sample_id, model_sha256)
      );
      CREATE INDEX predictions_by_model ON predictions (model_sha256, score);
      CREATE TABLE routing_summaries (
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        model_sha256 TEXT NOT NULL,
        layer INTEGER NOT NULL,
        tokens INTEGER NOT NULL,
        experts INTEGER NOT NULL,
        expert_mass_f16 BLOB NOT NULL,
        PRIMARY KEY (sample_id, model_sha256, layer)
      );
      CREATE TABLE failures (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        reason TEXT NOT NULL,
        PRIMARY KEY (run_id, sample_id)
      );
      CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        verdict TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open'
      );
      CREATE TRIGGER annotations_append_only_update BEFORE UPDATE ON annotations
        BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END;
      CREATE TRIGGER annotations_append_only_delete BEFORE DELETE ON annotations
        BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END;
      CREATE TABLE thresholds (
        id INTEGER PRIMARY KEY,
        model_sha256 TEXT,
        value REAL NOT NULL,
        criterion TEXT NOT NULL,
        split TEXT NOT NULL DEFAULT '',
        data_hash TEXT NOT NULL DEFAULT '',
        provenance TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
      );
      CREATE TABLE custody_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
    `
	},
	{
		version: 2,
		description: "per-token dispatch mass (Σ_s dispatch, float16) beside the combine mass",
		sql: "ALTER TABLE routing_summaries ADD COLUMN dispatch_mass_f16 BLOB;"
	},
	{
		version: 3,
		description: "annotations name an attack species; bookmarks for building case files",
		sql: `
      ALTER TABLE annotations ADD COLUMN attack_species TEXT NOT NULL DEFAULT '';
      CREATE INDEX annotations_by_sample ON annotations (sample_id, id);
      CREATE TABLE bookmarks (
        sample_id INTEGER PRIMARY KEY REFERENCES samples(id),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `
	},
	{
		version: 4,
		description: "per-sample embeddings (float16) of each model; occlusion and perturbation probes saved with the sample",
		sql: `
      CREATE TABLE embeddings (
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        model_sha256 TEXT NOT NULL,
        dims INTEGER NOT NULL,
        embedding_f16 BLOB NOT NULL,
        PRIMARY KEY (model_sha256, sample_id)
      );
      CREATE TABLE probes (
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        model_sha256 TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('occlusion-tokens', 'occlusion-7x7', 'perturbation')),
        sample_sha256 TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (sample_id, model_sha256, kind)
      );
    `
	},
	{
		version: 5,
		description: "one sample per detected face (photograph path, face index, box, keypoints, detector confidence); face choice of a run; domain distance and in/out flag of each prediction (NULL = domain unknown)",
		sql: `
      ALTER TABLE samples ADD COLUMN file_path TEXT;
      ALTER TABLE samples ADD COLUMN face_index INTEGER;
      ALTER TABLE samples ADD COLUMN face_box TEXT;
      ALTER TABLE samples ADD COLUMN face_keypoints TEXT;
      ALTER TABLE samples ADD COLUMN face_confidence REAL;
      ALTER TABLE samples ADD COLUMN non_response TEXT;
      ALTER TABLE runs ADD COLUMN faces TEXT NOT NULL DEFAULT 'none';
      ALTER TABLE predictions ADD COLUMN domain_distance REAL;
      ALTER TABLE predictions ADD COLUMN in_domain INTEGER;
    `
	},
	{
		version: 6,
		description: "embedding-map projections cached per model, scoring state, method and seed",
		sql: `
      CREATE TABLE projections (
        model_sha256 TEXT NOT NULL,
        state_key TEXT NOT NULL,
        method TEXT NOT NULL,
        seed INTEGER NOT NULL,
        n INTEGER NOT NULL,
        ids_i32 BLOB NOT NULL,
        xy_f32 BLOB NOT NULL,
        seconds REAL NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (model_sha256, method, seed)
      );
    `
	}
];
var SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
// electron/workspace/scoring-lock.ts
var LOCK_KEY = "scoring_lock";
var WorkspaceBusyError = class extends Error {
	holder;
	constructor(holder) {
		super(`workspace busy: ${holder.runId === null ? "a run (starting)" : `run ${holder.runId}`} by process ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`} since ${holder.since}`);
		this.holder = holder;
		this.name = "WorkspaceBusyError";
	}
};
/** Whether a process of this host is alive (EPERM: alive, owned by someone else). */
function processAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === "EPERM";
	}
}
function readHolder(sql) {
	const row = sql.get("SELECT value FROM meta WHERE key = ?", [LOCK_KEY]);
	if (!row) return null;
	try {
		const parsed = JSON.parse(row.value);
		if (typeof parsed.pid === "number" && typeof parsed.host === "string") return parsed;
	} catch {}
	return {
		runId: null,
		pid: -1,
		host: "unknown",
		since: "unknown"
	};
}
/** A holder that may still be writing: alive on this host, or on another host (whose processes cannot be checked). */
var mayBeAlive = (holder) => holder.host !== hostname() || holder.pid > 0 && processAlive(holder.pid);
/**
* Takes the workspace's scoring lock or throws WorkspaceBusyError. A stale lock (its process gone) is
* taken over, and every run still marked 'running' is then closed as interrupted: with the lock held by
* no live process, none of them can still be writing.
*/
function acquireScoringLock(sql, actor) {
	const mine = {
		runId: null,
		pid: process.pid,
		host: hostname(),
		since: (/* @__PURE__ */ new Date()).toISOString()
	};
	const current = readHolder(sql);
	if (current && mayBeAlive(current)) throw new WorkspaceBusyError(current);
	sql.transaction(() => {
		const holder = readHolder(sql);
		if (holder && mayBeAlive(holder)) throw new WorkspaceBusyError(holder);
		if (holder) sql.run("DELETE FROM meta WHERE key = ?", [LOCK_KEY]);
		sql.run("INSERT INTO meta (key, value) VALUES (?, ?)", [LOCK_KEY, JSON.stringify(mine)]);
		const stale = sql.all("SELECT id FROM runs WHERE status = 'running'");
		for (const { id } of stale) {
			sql.run("UPDATE runs SET status = 'failed', error = 'interrupted: the process ended before the run finished' WHERE id = ?", [id]);
			appendCustody(sql, actor, "run", {
				event: "interrupted",
				run: id,
				...holder ? {
					lockPid: holder.pid,
					lockSince: holder.since
				} : {}
			});
		}
	});
	const owned = () => {
		const holder = readHolder(sql);
		return holder !== null && holder.pid === mine.pid && holder.host === mine.host && holder.since === mine.since;
	};
	return {
		setRun: (runId) => {
			mine.runId = runId;
			sql.transaction(() => {
				if (owned()) sql.run("UPDATE meta SET value = ? WHERE key = ?", [JSON.stringify(mine), LOCK_KEY]);
			});
		},
		release: () => {
			sql.transaction(() => {
				if (owned()) sql.run("DELETE FROM meta WHERE key = ?", [LOCK_KEY]);
			});
		}
	};
}
// electron/workspace/sqlite.ts
function cleanRow(row) {
	if (row === void 0 || row === null) return void 0;
	const out = {};
	for (const [key, value] of Object.entries(row)) {
		if (key === "_metadata") continue;
		out[key] = value instanceof ArrayBuffer ? new Uint8Array(value) : Buffer.isBuffer(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
	}
	return out;
}
var Sql = class {
	db;
	depth = 0;
	statements = /* @__PURE__ */ new Map();
	rawStatements = /* @__PURE__ */ new Map();
	constructor(file) {
		this.db = new Database(file);
	}
	exec(sql) {
		this.db.exec(sql);
	}
	prepared(sql) {
		let statement = this.statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			this.statements.set(sql, statement);
		}
		return statement;
	}
	run(sql, params = []) {
		const info = this.prepared(sql).run(params);
		return {
			changes: info.changes,
			lastInsertRowid: Number(info.lastInsertRowid)
		};
	}
	get(sql, params = []) {
		return cleanRow(this.prepared(sql).get(params));
	}
	all(sql, params = []) {
		return this.prepared(sql).all(params).map((row) => cleanRow(row));
	}
	/**
	* Rows as arrays in column order, without per-row objects: for large reads (10⁵ rows) where the
	* object form costs most of the time. Blobs are returned as libsql gives them.
	*/
	allRaw(sql, params = []) {
		let statement = this.rawStatements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql).raw(true);
			this.rawStatements.set(sql, statement);
		}
		return statement.all(params);
	}
	/** Runs fn inside one transaction (nested calls join the outer one); rolls back on throw. */
	transaction(fn) {
		if (this.depth > 0) return fn();
		this.db.exec("BEGIN IMMEDIATE");
		this.depth += 1;
		try {
			const result = fn();
			this.db.exec("COMMIT");
			return result;
		} catch (err) {
			this.db.exec("ROLLBACK");
			throw err;
		} finally {
			this.depth -= 1;
		}
	}
	close() {
		this.db.close();
	}
};
// electron/workspace/workspace.ts
var WORKSPACE_FILE = "workspace.sqlite";
var jsonNumbers = (text) => {
	if (text === null) return null;
	try {
		const parsed = JSON.parse(text);
		return Array.isArray(parsed) && parsed.every((v) => typeof v === "number") ? parsed : null;
	} catch {
		return null;
	}
};
/** Dominant expert of the image tokens in the last MoE layer, or null for a dense model. */
function lastLayerDominantExpert(expertMassByLayer, experts) {
	const last = expertMassByLayer[expertMassByLayer.length - 1];
	if (!last || experts <= 0) return null;
	const mass = decodeFloat16(last);
	return dominantImageExpert(mass, mass.length / experts, experts);
}
function defaultActor() {
	try {
		return userInfo().username || "analyst";
	} catch {
		return "analyst";
	}
}
var NoWorkspaceError = class extends Error {
	location;
	constructor(location) {
		super(`no workspace at ${location}`);
		this.location = location;
		this.name = "NoWorkspaceError";
	}
};
var Workspace = class Workspace {
	file;
	/** Private: other layers reach the data through this folder's typed functions (see connection.ts). */
	sql;
	actor;
	constructor(file, actor, existing = "create") {
		this.file = file;
		this.actor = actor;
		this.sql = new Sql(file);
		attachConnection(this, this.sql);
		if (existing !== "create") this.checkIsWorkspace(existing === "read-only");
		this.sql.exec("PRAGMA journal_mode = WAL");
		this.sql.exec("PRAGMA synchronous = NORMAL");
		this.sql.exec("PRAGMA foreign_keys = ON");
		this.sql.exec("PRAGMA busy_timeout = 5000");
		this.migrate();
	}
	/**
	* Opens an existing workspace (its folder or the SQLite file) and never creates one: for commands that
	* only read. A missing path, a folder without a workspace or an empty file is "no workspace at PATH".
	*/
	static openExisting(location, options, actor = defaultActor()) {
		const resolved = path.resolve(location);
		const file = statSync(resolved, { throwIfNoEntry: false })?.isDirectory() ? path.join(resolved, WORKSPACE_FILE) : resolved;
		const fileInfo = statSync(file, { throwIfNoEntry: false });
		if (!fileInfo?.isFile() || fileInfo.size === 0) throw new NoWorkspaceError(resolved);
		return new Workspace(file, actor, options.readOnly ? "read-only" : "existing");
	}
	/** Refuses a file that is not a workspace before anything is written to it; read-only opens also refuse an upgrade. */
	checkIsWorkspace(readOnly) {
		let version;
		try {
			version = Number(this.sql.get("SELECT value FROM meta WHERE key = 'schema_version'")?.value ?? NaN);
		} catch {
			version = NaN;
		}
		if (!Number.isInteger(version)) {
			this.sql.close();
			throw new NoWorkspaceError(this.file);
		}
		if (readOnly && version < SCHEMA_VERSION) {
			this.sql.close();
			throw new Error(`the workspace at ${this.file} has schema ${version}; this command only reads and does not upgrade it to ${SCHEMA_VERSION}: open it once with the app or \`uad score\``);
		}
	}
	/** Opens (creating when needed) the workspace in `dir`, or the SQLite file itself when given one. */
	static open(location, actor = defaultActor()) {
		const resolved = path.resolve(location);
		if (statSync(resolved, { throwIfNoEntry: false })?.isFile()) return new Workspace(resolved, actor);
		mkdirSync(resolved, { recursive: true });
		return new Workspace(path.join(resolved, WORKSPACE_FILE), actor);
	}
	migrate() {
		this.sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
		const current = Number(this.sql.get("SELECT value FROM meta WHERE key = 'schema_version'")?.value ?? 0);
		if (current > SCHEMA_VERSION) throw new Error(`workspace schema ${current} is newer than this app understands (${SCHEMA_VERSION}); update the workbench`);
		for (const migration of MIGRATIONS.filter((m) => m.version > current)) this.sql.transaction(() => {
			this.sql.exec(migration.sql);
			this.sql.run("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [String(migration.version)]);
		});
	}
	schemaVersion() {
		return Number(this.sql.get("SELECT value FROM meta WHERE key = 'schema_version'").value);
	}
	/** Appends one custody entry in its own transaction, by `actor` (default: the workspace's actor). */
	custody(action, detail, actor = this.actor) {
		return this.sql.transaction(() => appendCustody(this.sql, actor, action, detail));
	}
	verifyCustody() {
		return verifyCustody(this.sql);
	}
	/** Registers a dataset listing's samples; returns their workspace ids in listing order. */
	ingest(listing, listPath = null) {
		return this.sql.transaction(() => {
			const now = (/* @__PURE__ */ new Date()).toISOString();
			this.sql.run("INSERT INTO datasets (root, source, list_path, opened_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", [
				listing.root,
				listing.source,
				listPath ?? "",
				now
			]);
			const datasetId = this.sql.get("SELECT id FROM datasets WHERE root = ? AND source = ? AND list_path = ?", [
				listing.root,
				listing.source,
				listPath ?? ""
			]).id;
			const sampleIds = [];
			let added = 0;
			for (const sample of listing.samples) {
				const existing = this.sql.get("SELECT id FROM samples WHERE dataset_id = ? AND path = ?", [datasetId, sample.path]);
				const face = sample.face;
				const values = [
					path.resolve(listing.root, sample.file ?? sample.path),
					sample.label,
					sample.category,
					sample.species,
					sample.split,
					sample.identity,
					sample.status,
					sample.reason ?? null,
					sample.file ?? null,
					face?.index ?? null,
					face ? JSON.stringify(face.box) : null,
					face ? JSON.stringify(face.keypoints) : null,
					face?.confidence ?? null,
					sample.nonResponse ?? null
				];
				if (existing) {
					this.sql.run(`UPDATE samples SET abs_path = ?, label = ?, category = ?, species = ?, split = ?, identity = ?, file_status = ?, file_reason = ?,
            file_path = ?, face_index = ?, face_box = ?, face_keypoints = ?, face_confidence = ?, non_response = ? WHERE id = ?`, [...values, existing.id]);
					sampleIds.push(existing.id);
				} else {
					const info = this.sql.run(`INSERT INTO samples (dataset_id, path, abs_path, label, category, species, split, identity, file_status, file_reason,
            file_path, face_index, face_box, face_keypoints, face_confidence, non_response) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
						datasetId,
						sample.path,
						...values
					]);
					sampleIds.push(info.lastInsertRowid);
					added += 1;
				}
			}
			appendCustody(this.sql, this.actor, "ingest", {
				dataset: listing.root,
				source: listing.source,
				list: listPath,
				samples: listing.samples.length,
				added
			});
			return {
				datasetId,
				sampleIds
			};
		});
	}
	registerModel(model) {
		this.sql.transaction(() => {
			if (this.sql.get("SELECT sha256 FROM models WHERE sha256 = ?", [model.sha256])) return;
			this.sql.run("INSERT INTO models (sha256, name, onnx_path, sidecar_json, registered_at) VALUES (?, ?, ?, ?, ?)", [
				model.sha256,
				model.sidecar.name,
				model.onnxPath,
				JSON.stringify(model.sidecar),
				(/* @__PURE__ */ new Date()).toISOString()
			]);
			appendCustody(this.sql, this.actor, "model", {
				sha256: model.sha256,
				name: model.sidecar.name,
				path: model.onnxPath
			});
		});
	}
	/** Sample ids (of those given) that already have a prediction from this model. */
	scoredSampleIds(modelSha256, sampleIds) {
		const scored = /* @__PURE__ */ new Set();
		const wanted = new Set(sampleIds);
		for (const row of this.sql.all("SELECT sample_id FROM predictions WHERE model_sha256 = ?", [modelSha256])) if (wanted.has(row.sample_id)) scored.add(row.sample_id);
		return scored;
	}
	/** Takes the workspace's scoring lock (one run writes at a time), closing runs left by dead processes. */
	lockForScoring() {
		return acquireScoringLock(this.sql, this.actor);
	}
	startRun(run) {
		return this.sql.transaction(() => {
			const info = this.sql.run(`INSERT INTO runs (model_sha256, dataset_id, provider, provider_attempts, versions, batch_size, status, total, skipped, started_at, faces)
         VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`, [
				run.modelSha256,
				run.datasetId,
				run.provider,
				JSON.stringify(run.providerAttempts),
				JSON.stringify(run.versions),
				run.batchSize,
				run.total,
				run.skipped,
				(/* @__PURE__ */ new Date()).toISOString(),
				run.faces ?? "none"
			]);
			appendCustody(this.sql, this.actor, "run", {
				event: "start",
				run: info.lastInsertRowid,
				model: run.modelSha256,
				provider: run.provider,
				total: run.total,
				skipped: run.skipped,
				faces: run.faces ?? "none",
				datasetFile: run.datasetFile ?? null
			});
			return info.lastInsertRowid;
		});
	}
	/**
	* Stores one batch's results atomically: a kill between batches loses nothing already returned. Routing is kept
	* as `summary` says, by default as common/routing/summary.ts's budget rule chooses for the model's size.
	*/
	recordBatch(runId, modelSha256, layers, experts, items, timing, summary) {
		this.sql.transaction(() => {
			const now = (/* @__PURE__ */ new Date()).toISOString();
			let scored = 0;
			let failed = 0;
			for (const item of items) {
				if (item.sha256) this.sql.run("UPDATE samples SET sha256 = ?, size_bytes = ? WHERE id = ?", [
					item.sha256,
					item.sizeBytes ?? null,
					item.key
				]);
				if (!item.ok) {
					failed += 1;
					this.sql.run("INSERT INTO failures (run_id, sample_id, reason) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET reason = excluded.reason", [
						runId,
						item.key,
						item.reason
					]);
					continue;
				}
				scored += 1;
				const dominant = lastLayerDominantExpert(item.expertMass, experts);
				this.sql.run(`INSERT INTO predictions (sample_id, model_sha256, run_id, sample_sha256, score, logits, dominant_expert, scored_at, domain_distance, in_domain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (sample_id, model_sha256) DO UPDATE SET run_id = excluded.run_id, sample_sha256 = excluded.sample_sha256, score = excluded.score,
             logits = excluded.logits, dominant_expert = excluded.dominant_expert, scored_at = excluded.scored_at,
             domain_distance = excluded.domain_distance, in_domain = excluded.in_domain`, [
					item.key,
					modelSha256,
					runId,
					item.sha256,
					item.score,
					JSON.stringify(item.logits),
					dominant,
					now,
					item.domain?.known ? item.domain.distance : null,
					item.domain?.known ? item.domain.inDomain ? 1 : 0 : null
				]);
				const tokens = item.expertMass[0] ? item.expertMass[0].length / Math.max(1, experts) : 0;
				const kind = summary ?? defaultRoutingSummary(layers.length, tokens, experts);
				const insert = "INSERT OR REPLACE INTO routing_summaries (sample_id, model_sha256, layer, tokens, experts, expert_mass_f16, dispatch_mass_f16) VALUES (?, ?, ?, ?, ?, ?, ?)";
				if (kind === "dominant" && item.expertMass.length > 0) this.sql.run(insert, [
					item.key,
					modelSha256,
					layers[0],
					tokens,
					experts,
					packDominant(item.expertMass, experts),
					null
				]);
				else item.expertMass.forEach((mass, index) => {
					const dispatch = item.dispatchMass?.[index];
					this.sql.run(insert, [
						item.key,
						modelSha256,
						layers[index],
						tokens,
						experts,
						new Uint8Array(mass.buffer, mass.byteOffset, mass.byteLength),
						dispatch ? new Uint8Array(dispatch.buffer, dispatch.byteOffset, dispatch.byteLength) : null
					]);
				});
				if (item.embedding) storeEmbedding(this.sql, item.key, modelSha256, item.embedding);
			}
			this.sql.run("UPDATE runs SET scored = scored + ?, failed = failed + ?, decode_ms = decode_ms + ?, infer_ms = infer_ms + ? WHERE id = ?", [
				scored,
				failed,
				timing.decodeMs,
				timing.inferMs,
				runId
			]);
		});
	}
	finishRun(runId, status, error) {
		return this.sql.transaction(() => {
			this.sql.run("UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?", [
				status,
				(/* @__PURE__ */ new Date()).toISOString(),
				error ?? null,
				runId
			]);
			const run = this.run(runId);
			appendCustody(this.sql, this.actor, "run", {
				event: status,
				run: runId,
				scored: run.scored,
				failed: run.failed,
				skipped: run.skipped
			});
			return run;
		});
	}
	run(runId) {
		const row = this.sql.get("SELECT * FROM runs WHERE id = ?", [runId]);
		return row ? runFromRow(row) : void 0;
	}
	runFailures(runId) {
		return this.sql.all("SELECT s.path AS path, f.reason AS reason FROM failures f JOIN samples s ON s.id = f.sample_id WHERE f.run_id = ? ORDER BY s.path", [runId]);
	}
	/** Every model that has predictions here, newest first. */
	scoredModels() {
		return this.sql.all(`SELECT sha256, name, predictions FROM (
         SELECT m.sha256 AS sha256, m.name AS name,
                (SELECT COUNT(*) FROM predictions p WHERE p.model_sha256 = m.sha256) AS predictions,
                (SELECT MAX(id) FROM runs r WHERE r.model_sha256 = m.sha256) AS last_run
         FROM models m)
       WHERE predictions > 0 ORDER BY last_run DESC`);
	}
	scores(modelSha256) {
		return this.sql.all(`SELECT s.id AS sample_id, s.path AS path, s.abs_path AS abs_path, p.score AS score, s.label AS label, s.species AS species,
              s.category AS category, s.identity AS identity, s.split AS split,
              s.face_index AS face_index, s.face_box AS face_box, p.domain_distance AS domain_distance, p.in_domain AS in_domain
       FROM predictions p JOIN samples s ON s.id = p.sample_id WHERE p.model_sha256 = ? ORDER BY s.id`, [modelSha256]).map((r) => ({
			sampleId: r.sample_id,
			path: r.path,
			absPath: r.abs_path,
			score: r.score,
			label: r.label,
			species: r.species,
			category: r.category,
			identity: r.identity,
			split: r.split,
			faceIndex: r.face_index,
			faceBox: jsonNumbers(r.face_box),
			domainDistance: r.domain_distance,
			inDomain: r.in_domain === null ? null : r.in_domain === 1
		}));
	}
	/**
	* Samples of the datasets this model ran on that have no score from it: `reason` is the latest
	* failure recorded for the model (unreadable, not an image, no face…) or the file status; samples
	* never attempted (a run stopped early) have reason null.
	*/
	unscored(modelSha256) {
		return this.sql.all(`SELECT s.id AS sample_id, s.path AS path, s.label AS label, s.species AS species, s.category AS category,
              s.identity AS identity, s.split AS split,
              COALESCE((SELECT f.reason FROM failures f JOIN runs r ON r.id = f.run_id
                        WHERE f.sample_id = s.id AND r.model_sha256 = ? ORDER BY f.run_id DESC LIMIT 1),
                       CASE WHEN s.file_status <> 'ok' THEN COALESCE(s.file_reason, s.file_status) END) AS reason
       FROM samples s
       WHERE s.dataset_id IN (SELECT dataset_id FROM runs WHERE model_sha256 = ?)
         AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.sample_id = s.id AND p.model_sha256 = ?)
       ORDER BY s.id`, [
			modelSha256,
			modelSha256,
			modelSha256
		]).map((r) => ({
			sampleId: r.sample_id,
			path: r.path,
			label: r.label,
			species: r.species,
			category: r.category,
			identity: r.identity,
			split: r.split,
			reason: r.reason
		}));
	}
	/** Runs `work` in one transaction: the repository functions it calls commit together or not at all. */
	transaction(work) {
		return this.sql.transaction(work);
	}
	/** Domain verdicts of the predictions a run made: scored, with a verdict, outside the domain. */
	runDomainCounts(runId) {
		const row = this.sql.get("SELECT COUNT(*) AS scored, SUM(in_domain IS NOT NULL) AS known, SUM(in_domain = 0) AS outside FROM predictions WHERE run_id = ?", [runId]);
		return {
			scored: row?.scored ?? 0,
			known: row?.known ?? 0,
			outside: row?.outside ?? 0
		};
	}
	close() {
		detachConnection(this);
		this.sql.close();
	}
};
export { custodyEntries as a, unpackRoutingRow as c, GENESIS_HASH as i, WorkspaceBusyError as n, entryHash as o, listRuns as r, connectionOf as s, Workspace as t };
