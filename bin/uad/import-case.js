import { i as entryHash, n as GENESIS_HASH } from "./workspace.js";
import "node:path";
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { promisify } from "node:util";
import { deflateRawSync, inflateRaw } from "node:zlib";
// common/cases/case-types.ts
var CASE_FORMAT = "uad-workbench-case/1";
/** Fixed names inside the zip. Every other entry lives under overlays/ or evidence/. */
var CASE_JSON = "case.json";
var REPORT_HTML = "report.html";
var MANIFEST_JSON = "manifest.json";
var MANIFEST_HASH = "manifest.sha256";
/**
* What a case file can and cannot say. A detector's score is an investigative lead, never proof: the
* wording is part of every case.json and report, and the schema requires it.
*/
var LIMITATIONS = [
	"These are investigative findings produced with an automated face attack detector and an analyst's review. They are not proof that any image is fake or genuine, and must not be reported as such.",
	"A score is the model's estimate that an image shows an attack; a decision only says on which side of the stated operating point the score falls. Error rates measured on benchmark data (often a synthetic proxy) need not hold for other capture conditions, attack types or populations.",
	"Routing heatmaps show how the model distributed image patches among its experts. They describe the model's internal processing; they are not evidence of where an image was manipulated.",
	"Conclusions should rest on the full context of the case, corroborating examinations and the judgement of a qualified examiner; a second examiner should verify any finding relied upon."
];
// common/cases/json-schema.ts
var ANNOTATIONS = /* @__PURE__ */ new Set([
	"$schema",
	"$id",
	"$comment",
	"title",
	"description",
	"$defs",
	"examples"
]);
var KEYWORDS = /* @__PURE__ */ new Set([
	"type",
	"properties",
	"required",
	"additionalProperties",
	"items",
	"enum",
	"const",
	"pattern",
	"minimum",
	"maximum",
	"minLength",
	"maxLength",
	"minItems",
	"maxItems",
	"format",
	"$ref"
]);
var ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
var MAX_VIOLATIONS = 50;
var SchemaDefinitionError = class extends Error {
	constructor(message) {
		super(message);
		this.name = "SchemaDefinitionError";
	}
};
function typeOf(value) {
	if (value === null) return "null";
	if (Array.isArray(value)) return "array";
	if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
	return typeof value;
}
function matchesType(value, type) {
	const actual = typeOf(value);
	return actual === type || type === "number" && actual === "integer";
}
var escapePointer = (key) => key.replace(/~/g, "~0").replace(/\//g, "~1");
function deepEqual(a, b) {
	return JSON.stringify(a) === JSON.stringify(b);
}
var Validation = class {
	root;
	violations = [];
	patterns = /* @__PURE__ */ new Map();
	constructor(root) {
		this.root = root;
	}
	report(pointer, message) {
		if (this.violations.length < MAX_VIOLATIONS) this.violations.push({
			pointer,
			message
		});
	}
	resolve(ref) {
		const match = /^#\/\$defs\/([A-Za-z0-9_-]+)$/.exec(ref);
		const defs = this.root.$defs;
		const target = match ? defs?.[match[1]] : void 0;
		if (!target) throw new SchemaDefinitionError(`unsupported or unknown $ref '${ref}'`);
		return target;
	}
	regex(pattern) {
		let compiled = this.patterns.get(pattern);
		if (!compiled) {
			compiled = new RegExp(pattern, "u");
			this.patterns.set(pattern, compiled);
		}
		return compiled;
	}
	check(schema, value, pointer) {
		if (this.violations.length >= MAX_VIOLATIONS) return;
		for (const key of Object.keys(schema)) if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new SchemaDefinitionError(`keyword '${key}' is not supported by this validator`);
		if (typeof schema.$ref === "string") this.check(this.resolve(schema.$ref), value, pointer);
		if (schema.type !== void 0) {
			const types = Array.isArray(schema.type) ? schema.type : [schema.type];
			if (!types.some((t) => matchesType(value, t))) {
				this.report(pointer, `must be ${types.join(" or ")}, found ${typeOf(value)}`);
				return;
			}
		}
		if (schema.const !== void 0 && !deepEqual(schema.const, value)) this.report(pointer, `must be ${JSON.stringify(schema.const)}`);
		if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) this.report(pointer, `must be one of ${schema.enum.map((o) => JSON.stringify(o)).join(", ")}`);
		if (typeof value === "string") this.checkString(schema, value, pointer);
		if (typeof value === "number") {
			if (typeof schema.minimum === "number" && value < schema.minimum) this.report(pointer, `must be ≥ ${schema.minimum}`);
			if (typeof schema.maximum === "number" && value > schema.maximum) this.report(pointer, `must be ≤ ${schema.maximum}`);
		}
		if (Array.isArray(value)) this.checkArray(schema, value, pointer);
		else if (typeOf(value) === "object") this.checkObject(schema, value, pointer);
	}
	checkString(schema, value, pointer) {
		const length = [...value].length;
		if (typeof schema.minLength === "number" && length < schema.minLength) this.report(pointer, `must have at least ${schema.minLength} characters`);
		if (typeof schema.maxLength === "number" && length > schema.maxLength) this.report(pointer, `must have at most ${schema.maxLength} characters`);
		if (typeof schema.pattern === "string" && !this.regex(schema.pattern).test(value)) this.report(pointer, `must match ${schema.pattern}`);
		if (schema.format === "date-time" && (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) this.report(pointer, "must be an ISO 8601 date-time");
	}
	checkArray(schema, value, pointer) {
		if (typeof schema.minItems === "number" && value.length < schema.minItems) this.report(pointer, `must have at least ${schema.minItems} items`);
		if (typeof schema.maxItems === "number" && value.length > schema.maxItems) this.report(pointer, `must have at most ${schema.maxItems} items`);
		if (typeof schema.items === "object" && schema.items !== null) value.forEach((item, index) => this.check(schema.items, item, `${pointer}/${index}`));
	}
	checkObject(schema, value, pointer) {
		const properties = schema.properties ?? {};
		for (const name of schema.required ?? []) if (!Object.hasOwn(value, name)) this.report(pointer, `is missing required property '${name}'`);
		for (const [name, child] of Object.entries(value)) {
			const where = `${pointer}/${escapePointer(name)}`;
			if (Object.hasOwn(properties, name)) this.check(properties[name], child, where);
			else if (schema.additionalProperties === false) this.report(where, "is not allowed here");
			else if (typeof schema.additionalProperties === "object" && schema.additionalProperties !== null) this.check(schema.additionalProperties, child, where);
		}
	}
};
/** Walks the whole schema (every definition, not only the branches a value reaches) for unknown keywords. */
function assertSupportedSchema(schema, where = "#") {
	for (const key of Object.keys(schema)) if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new SchemaDefinitionError(`keyword '${key}' at ${where} is not supported by this validator`);
	const children = [
		...Object.entries(schema.properties ?? {}).map(([k, v]) => [`${where}/properties/${k}`, v]),
		...Object.entries(schema.$defs ?? {}).map(([k, v]) => [`${where}/$defs/${k}`, v]),
		[`${where}/items`, schema.items],
		[`${where}/additionalProperties`, schema.additionalProperties]
	];
	for (const [path, child] of children) if (typeof child === "object" && child !== null) assertSupportedSchema(child, path);
}
/**
* Validates a parsed JSON value against a schema. Returns the violations (at most 50; empty when valid).
* Throws SchemaDefinitionError when the schema itself uses something this validator does not implement.
*/
function validateJsonSchema(schema, value) {
	assertSupportedSchema(schema);
	const validation = new Validation(schema);
	validation.check(schema, value, "");
	return validation.violations;
}
// electron/cases/case-schema.ts
var CASE_SCHEMA = {
	$schema: "https://json-schema.org/draft/2020-12/schema",
	$id: "https://uad-workbench.invalid/schemas/case-1.json",
	title: "UAD Workbench case file (case.json)",
	description: "Investigative findings on face images: evidence hashes, the model and operating point, per-sample results and routing summaries, annotations with history, and the workspace's custody chain. Checked on every import (electron/cases/verify-case.ts).",
	type: "object",
	required: [
		"format",
		"case",
		"limitations",
		"software",
		"model",
		"operatingPoint",
		"evidence",
		"results",
		"annotations",
		"custody",
		"report"
	],
	additionalProperties: false,
	properties: {
		"format": { "const": "uad-workbench-case/1" },
		"case": {
			"type": "object",
			"required": [
				"id",
				"title",
				"examiner",
				"description",
				"createdAt",
				"source",
				"evidenceMode",
				"workspace"
			],
			"additionalProperties": false,
			"properties": {
				"id": {
					"type": "string",
					"pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"
				},
				"title": {
					"type": "string",
					"minLength": 1,
					"maxLength": 200
				},
				"examiner": {
					"type": "string",
					"minLength": 1,
					"maxLength": 100
				},
				"description": {
					"type": "string",
					"maxLength": 4e3
				},
				"createdAt": {
					"type": "string",
					"format": "date-time"
				},
				"source": { "enum": [
					"selection",
					"bookmarks",
					"annotated"
				] },
				"evidenceMode": { "enum": ["embed", "hashes"] },
				"workspace": {
					"type": "object",
					"required": ["file", "schemaVersion"],
					"additionalProperties": false,
					"properties": {
						"file": { "type": "string" },
						"schemaVersion": {
							"type": "integer",
							"minimum": 1
						}
					}
				}
			}
		},
		"limitations": {
			"type": "array",
			"minItems": 1,
			"items": {
				"type": "string",
				"minLength": 1
			}
		},
		"software": {
			"type": "object",
			"required": ["exporter", "runs"],
			"additionalProperties": false,
			"properties": {
				"exporter": { "$ref": "#/$defs/stringMap" },
				"runs": {
					"type": "array",
					"items": {
						"type": "object",
						"required": [
							"runId",
							"provider",
							"providerAttempts",
							"versions",
							"startedAt",
							"finishedAt",
							"status"
						],
						"additionalProperties": false,
						"properties": {
							"runId": {
								"type": "integer",
								"minimum": 1
							},
							"provider": { "type": "string" },
							"providerAttempts": {},
							"versions": { "$ref": "#/$defs/stringMap" },
							"startedAt": {
								"type": "string",
								"format": "date-time"
							},
							"finishedAt": { "type": ["string", "null"] },
							"status": { "type": "string" }
						}
					}
				}
			}
		},
		"model": {
			"type": "object",
			"required": [
				"name",
				"version",
				"sha256",
				"onnxFile",
				"sidecarSha256",
				"architecture",
				"moe",
				"classes",
				"score",
				"trainingNote"
			],
			"additionalProperties": false,
			"properties": {
				"name": {
					"type": "string",
					"minLength": 1
				},
				"version": { "type": "string" },
				"sha256": { "$ref": "#/$defs/sha256" },
				"onnxFile": { "type": "string" },
				"sidecarSha256": { "$ref": "#/$defs/sha256" },
				"architecture": {
					"type": "object",
					"required": [
						"variant",
						"imageSize",
						"patchSize",
						"grid",
						"tokens"
					],
					"additionalProperties": false,
					"properties": {
						"variant": { "type": "string" },
						"imageSize": {
							"type": "integer",
							"minimum": 1
						},
						"patchSize": {
							"type": "integer",
							"minimum": 1
						},
						"grid": {
							"type": "array",
							"minItems": 2,
							"maxItems": 2,
							"items": {
								"type": "integer",
								"minimum": 1
							}
						},
						"tokens": {
							"type": "integer",
							"minimum": 1
						}
					}
				},
				"moe": {
					"type": ["object", "null"],
					"required": [
						"layers",
						"experts",
						"slots",
						"weighting",
						"placement"
					],
					"additionalProperties": false,
					"properties": {
						"layers": {
							"type": "array",
							"items": {
								"type": "integer",
								"minimum": 0
							}
						},
						"experts": {
							"type": "integer",
							"minimum": 1
						},
						"slots": {
							"type": "integer",
							"minimum": 1
						},
						"weighting": { "type": "string" },
						"placement": { "type": "string" }
					}
				},
				"classes": {
					"type": "object",
					"required": [
						"names",
						"prompts",
						"attackIndex"
					],
					"additionalProperties": false,
					"properties": {
						"names": {
							"type": "array",
							"items": { "type": "string" }
						},
						"prompts": {
							"type": "array",
							"items": { "type": "string" }
						},
						"attackIndex": {
							"type": "integer",
							"minimum": 0
						}
					}
				},
				"score": { "type": "object" },
				"trainingNote": { "type": "string" }
			}
		},
		"operatingPoint": {
			"type": "object",
			"required": [
				"threshold",
				"rule",
				"criterion",
				"split",
				"dataHash",
				"setAt",
				"recorded"
			],
			"additionalProperties": false,
			"properties": {
				"threshold": { "type": "number" },
				"rule": {
					"type": "string",
					"minLength": 1
				},
				"criterion": {
					"type": "string",
					"minLength": 1
				},
				"split": { "type": "string" },
				"dataHash": { "type": "string" },
				"setAt": { "type": "string" },
				"recorded": {
					"type": ["object", "null"],
					"required": [
						"id",
						"createdAt",
						"provenance"
					],
					"additionalProperties": false,
					"properties": {
						"id": {
							"type": "integer",
							"minimum": 1
						},
						"createdAt": { "type": "string" },
						"provenance": { "type": "object" }
					}
				}
			}
		},
		"evidence": {
			"type": "array",
			"minItems": 1,
			"items": {
				"type": "object",
				"required": [
					"sampleId",
					"path",
					"fileName",
					"sha256",
					"sizeBytes",
					"dataset",
					"file",
					"integrityAtExport"
				],
				"additionalProperties": false,
				"properties": {
					"sampleId": { "$ref": "#/$defs/sampleId" },
					"path": {
						"type": "string",
						"minLength": 1
					},
					"fileName": {
						"type": "string",
						"minLength": 1
					},
					"sha256": { "$ref": "#/$defs/sha256" },
					"sizeBytes": {
						"type": ["integer", "null"],
						"minimum": 0
					},
					"dataset": {
						"type": "object",
						"required": [
							"label",
							"category",
							"species",
							"split",
							"identity"
						],
						"additionalProperties": false,
						"properties": {
							"label": { "enum": ["bona-fide", "attack"] },
							"category": { "type": "string" },
							"species": { "type": "string" },
							"split": { "type": "string" },
							"identity": { "type": "string" }
						}
					},
					"file": {
						"type": ["string", "null"],
						"pattern": "^evidence/[A-Za-z0-9._-]+$"
					},
					"integrityAtExport": { "enum": [
						"matches",
						"changed",
						"missing",
						"hashed-at-export"
					] }
				}
			}
		},
		"results": {
			"type": "array",
			"items": {
				"type": "object",
				"required": [
					"sampleId",
					"score",
					"decision",
					"margin",
					"logits",
					"runId",
					"scoredAt",
					"routing",
					"overlays"
				],
				"additionalProperties": false,
				"properties": {
					"sampleId": { "$ref": "#/$defs/sampleId" },
					"score": {
						"type": ["number", "null"],
						"minimum": 0,
						"maximum": 1
					},
					"decision": { "enum": [
						"attack",
						"bona-fide",
						null
					] },
					"margin": { "type": ["number", "null"] },
					"logits": {
						"type": ["array", "null"],
						"items": { "type": "number" }
					},
					"runId": {
						"type": ["integer", "null"],
						"minimum": 1
					},
					"scoredAt": { "type": ["string", "null"] },
					"routing": {
						"type": "array",
						"items": {
							"type": "object",
							"required": [
								"layer",
								"tokens",
								"experts",
								"meanExpertMass",
								"argmaxShare",
								"dominantExpert"
							],
							"additionalProperties": false,
							"properties": {
								"layer": {
									"type": "integer",
									"minimum": 0
								},
								"tokens": {
									"type": "integer",
									"minimum": 1
								},
								"experts": {
									"type": "integer",
									"minimum": 1
								},
								"meanExpertMass": {
									"type": "array",
									"items": { "type": "number" }
								},
								"argmaxShare": {
									"type": "array",
									"items": {
										"type": "number",
										"minimum": 0,
										"maximum": 1
									}
								},
								"dominantExpert": {
									"type": "integer",
									"minimum": 0
								}
							}
						}
					},
					"overlays": {
						"type": "array",
						"items": {
							"type": "object",
							"required": ["kind", "file"],
							"additionalProperties": false,
							"properties": {
								"kind": { "enum": [
									"model-input",
									"score-card",
									"routing-argmax",
									"expert-mass"
								] },
								"file": {
									"type": "string",
									"pattern": "^overlays/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+\\.png$"
								},
								"layer": {
									"type": "integer",
									"minimum": 0
								},
								"expert": {
									"type": "integer",
									"minimum": 0
								},
								"range": {
									"type": "array",
									"minItems": 2,
									"maxItems": 2,
									"items": { "type": "number" }
								}
							}
						}
					}
				}
			}
		},
		"annotations": {
			"type": "array",
			"items": {
				"type": "object",
				"required": [
					"id",
					"sampleId",
					"author",
					"createdAt",
					"verdict",
					"attackSpecies",
					"tags",
					"note",
					"status"
				],
				"additionalProperties": false,
				"properties": {
					"id": {
						"type": "integer",
						"minimum": 1
					},
					"sampleId": { "$ref": "#/$defs/sampleId" },
					"author": {
						"type": "string",
						"minLength": 1,
						"maxLength": 100
					},
					"createdAt": {
						"type": "string",
						"format": "date-time"
					},
					"verdict": { "enum": [
						"bona-fide",
						"attack",
						"inconclusive"
					] },
					"attackSpecies": {
						"type": "string",
						"maxLength": 128
					},
					"tags": {
						"type": "array",
						"maxItems": 32,
						"items": {
							"type": "string",
							"minLength": 1,
							"maxLength": 64
						}
					},
					"note": {
						"type": "string",
						"maxLength": 8e3
					},
					"status": { "enum": [
						"open",
						"reviewed",
						"verified"
					] }
				}
			}
		},
		"custody": {
			"type": "object",
			"required": [
				"verifiedAtExport",
				"head",
				"entries"
			],
			"additionalProperties": false,
			"properties": {
				"verifiedAtExport": { "type": "boolean" },
				"head": { "$ref": "#/$defs/sha256" },
				"entries": {
					"type": "array",
					"items": {
						"type": "object",
						"required": [
							"seq",
							"at",
							"actor",
							"action",
							"detail",
							"prev_hash",
							"hash"
						],
						"additionalProperties": false,
						"properties": {
							"seq": {
								"type": "integer",
								"minimum": 1
							},
							"at": { "type": "string" },
							"actor": { "type": "string" },
							"action": { "type": "string" },
							"detail": { "type": "string" },
							"prev_hash": { "$ref": "#/$defs/sha256" },
							"hash": { "$ref": "#/$defs/sha256" }
						}
					}
				}
			}
		},
		"report": { "const": "report.html" }
	},
	$defs: {
		"sha256": {
			"type": "string",
			"pattern": "^[0-9a-f]{64}$"
		},
		"sampleId": {
			"type": "integer",
			"minimum": 1
		},
		"stringMap": {
			"type": "object",
			"additionalProperties": { "type": "string" }
		}
	}
};
function validateCaseJson(value) {
	return validateJsonSchema(CASE_SCHEMA, value);
}
// electron/cases/manifest.ts
var sha256Hex = (data) => createHash("sha256").update(data).digest("hex");
function buildManifest(caseId, files) {
	const body = {
		format: "uad-workbench-case-manifest/1",
		algorithm: "sha256",
		caseId,
		files: files.map((f) => ({
			path: f.name,
			sha256: sha256Hex(f.data),
			bytes: f.data.length
		}))
	};
	const manifest = Buffer.from(JSON.stringify(body, null, 2) + "\n", "utf8");
	const manifestSha256 = sha256Hex(manifest);
	return {
		manifest,
		manifestSha256,
		manifestHashFile: Buffer.from(`${manifestSha256}  ${MANIFEST_JSON}\n`, "utf8")
	};
}
/** Reads manifest.sha256 (`<hex>  manifest.json`); null when it is not in that form. */
function parseManifestHashFile(text) {
	const match = /^([0-9a-f]{64}) [ *]manifest\.json\r?\n?$/.exec(text);
	return match ? match[1] : null;
}
/** Checks a parsed manifest's shape; returns its file list or a reason. */
function readManifest(value) {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return "manifest.json is not a JSON object";
	const record = value;
	if (record.format !== "uad-workbench-case-manifest/1") return "manifest.json has an unknown format";
	if (record.algorithm !== "sha256") return "manifest.json names an unsupported hash algorithm";
	if (typeof record.caseId !== "string") return "manifest.json has no case id";
	if (!Array.isArray(record.files)) return "manifest.json has no file list";
	const files = [];
	for (const item of record.files) {
		const f = item;
		if (typeof f !== "object" || f === null || typeof f.path !== "string" || typeof f.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(f.sha256) || typeof f.bytes !== "number" || !Number.isInteger(f.bytes) || f.bytes < 0) return "manifest.json has a malformed file record";
		files.push({
			path: f.path,
			sha256: f.sha256,
			bytes: f.bytes
		});
	}
	return {
		caseId: record.caseId,
		files
	};
}
// electron/cases/zip-writer.ts
var CRC_TABLE = (() => {
	const table = /* @__PURE__ */ new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();
/** CRC-32 (IEEE 802.3, as zip uses it). O(n). */
function crc32(data) {
	let crc = 4294967295;
	for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 255] ^ crc >>> 8;
	return (crc ^ 4294967295) >>> 0;
}
var FLAG_UTF8 = 2048;
var STORE_ABOVE_BYTES = 524288;
var STORE_ABOVE_RATIO = 100;
var MADE_BY_UNIX = 788;
var ZIP32_LIMIT = 4294967295;
function dosDateTime(date) {
	const year = Math.max(1980, date.getFullYear());
	return {
		time: date.getHours() << 11 | date.getMinutes() << 5 | Math.floor(date.getSeconds() / 2),
		date: year - 1980 << 9 | date.getMonth() + 1 << 5 | date.getDate()
	};
}
/** Builds a zip archive in memory from the given entries, in order. */
function buildZip(entries, modified = /* @__PURE__ */ new Date()) {
	if (entries.length >= 65535) throw new Error(`too many files for a zip without zip64 (${entries.length})`);
	const stamp = dosDateTime(modified);
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, "utf8");
		const deflated = entry.store ? Buffer.alloc(0) : deflateRawSync(entry.data, { level: 6 });
		const extreme = entry.data.length > STORE_ABOVE_BYTES && entry.data.length / Math.max(1, deflated.length) > STORE_ABOVE_RATIO;
		const stored = entry.store === true || deflated.length >= entry.data.length || extreme;
		const payload = stored ? Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength) : deflated;
		const crc = crc32(entry.data);
		if (entry.data.length > ZIP32_LIMIT || offset > ZIP32_LIMIT) throw new Error("case file too large for a zip without zip64");
		const local = Buffer.alloc(30);
		local.writeUInt32LE(67324752, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(FLAG_UTF8, 6);
		local.writeUInt16LE(stored ? 0 : 8, 8);
		local.writeUInt16LE(stamp.time, 10);
		local.writeUInt16LE(stamp.date, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(payload.length, 18);
		local.writeUInt32LE(entry.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(33639248, 0);
		central.writeUInt16LE(MADE_BY_UNIX, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(FLAG_UTF8, 8);
		central.writeUInt16LE(stored ? 0 : 8, 10);
		central.writeUInt16LE(stamp.time, 12);
		central.writeUInt16LE(stamp.date, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(payload.length, 20);
		central.writeUInt32LE(entry.data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE((entry.unixMode ?? 33188) << 16 >>> 0, 38);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, payload);
		centrals.push(central, name);
		offset += local.length + name.length + payload.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(101010256, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([
		...locals,
		directory,
		end
	]);
}
// electron/cases/zip-reader.ts
var inflateRawAsync = promisify(inflateRaw);
var MiB = 1048576;
var DEFAULT_ZIP_LIMITS = {
	maxArchiveBytes: 1024 * MiB,
	maxEntries: 65e3,
	maxEntryBytes: 256 * MiB,
	maxTotalBytes: 1024 * MiB,
	maxRatio: 200,
	ratioFloorBytes: 1 * MiB
};
var ZipStructureError = class extends Error {
	code;
	constructor(message, code = "corrupt") {
		super(message);
		this.code = code;
	}
};
var SIG_LOCAL = 67324752;
var SIG_CENTRAL = 33639248;
var SIG_END = 101010256;
var S_IFMT = 61440;
var S_IFREG = 32768;
var S_IFDIR = 16384;
var S_IFLNK = 40960;
var DOS_DIRECTORY = 16;
var DOS_REPARSE_POINT = 1024;
var CONTROL = /[\u0000-\u001f\u007f]/;
/** Why an entry name is unsafe to unpack anywhere, or null when it is a plain relative path. */
function unsafeNameProblem(name) {
	const where = name;
	if (name === "" || name.length > 512) return {
		code: "bad-name",
		message: "an entry has an empty or overlong name",
		where
	};
	if (CONTROL.test(name)) return {
		code: "bad-name",
		message: "entry name contains control characters",
		where
	};
	if (name.includes("\\")) return {
		code: "bad-name",
		message: "entry name uses backslashes, which some systems treat as folder separators",
		where
	};
	if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return {
		code: "absolute-path",
		message: "entry has an absolute path",
		where
	};
	const segments = name.replace(/\/$/, "").split("/");
	if (segments.includes("..")) return {
		code: "zip-slip",
		message: "entry path climbs out of the case folder (..)",
		where
	};
	if (segments.some((s) => s === "" || s === ".")) return {
		code: "bad-name",
		message: "entry path has empty or \".\" segments",
		where
	};
	return null;
}
function decodeName(bytes, utf8) {
	if (!utf8) return bytes.every((b) => b < 128) ? bytes.toString("latin1") : null;
	try {
		return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}
function findEnd(buffer) {
	const lowest = Math.max(0, buffer.length - 22 - 65535);
	for (let at = buffer.length - 22; at >= lowest; at--) if (buffer.readUInt32LE(at) === SIG_END) return at;
	throw new ZipStructureError("not a zip file (no end-of-central-directory record)");
}
function need(buffer, start, length, what) {
	if (start < 0 || start + length > buffer.length) throw new ZipStructureError(`${what} lies outside the file (truncated or corrupt archive)`);
}
/** Parses the central directory, collecting per-entry problems; structural damage throws. */
function readDirectory(buffer, limits, problems) {
	const end = findEnd(buffer);
	const disk = buffer.readUInt16LE(end + 4);
	const directoryDisk = buffer.readUInt16LE(end + 6);
	const count = buffer.readUInt16LE(end + 10);
	const directorySize = buffer.readUInt32LE(end + 12);
	const directoryStart = buffer.readUInt32LE(end + 16);
	if (disk !== 0 || directoryDisk !== 0) throw new ZipStructureError("multi-volume zip archives are not supported", "unsupported");
	if (count === 65535 || directoryStart === 4294967295 || directorySize === 4294967295) throw new ZipStructureError("zip64 archives are not supported for case files", "unsupported");
	if (count > limits.maxEntries) throw new ZipStructureError(`the archive has ${count} entries, above the limit of ${limits.maxEntries}`, "too-many-entries");
	if (directoryStart + directorySize > end) throw new ZipStructureError("the central directory overlaps its end record (corrupt archive)");
	const entries = [];
	const seen = /* @__PURE__ */ new Map();
	let total = 0;
	let at = directoryStart;
	for (let i = 0; i < count; i++) {
		need(buffer, at, 46, "a central directory record");
		if (buffer.readUInt32LE(at) !== SIG_CENTRAL) throw new ZipStructureError("bad central directory record (corrupt archive)");
		const madeBy = buffer.readUInt16LE(at + 4) >> 8;
		const flags = buffer.readUInt16LE(at + 8);
		const method = buffer.readUInt16LE(at + 10);
		const crc = buffer.readUInt32LE(at + 16);
		const compressedSize = buffer.readUInt32LE(at + 20);
		const size = buffer.readUInt32LE(at + 24);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extraLength = buffer.readUInt16LE(at + 30);
		const commentLength = buffer.readUInt16LE(at + 32);
		const external = buffer.readUInt32LE(at + 38);
		const localOffset = buffer.readUInt32LE(at + 42);
		need(buffer, at + 46, nameLength + extraLength + commentLength, "an entry name");
		const nameBytes = buffer.subarray(at + 46, at + 46 + nameLength);
		at += 46 + nameLength + extraLength + commentLength;
		const name = decodeName(nameBytes, (flags & 2048) !== 0);
		if (name === null) {
			problems.push({
				code: "bad-name",
				message: "entry name is not valid UTF-8 (or non-ASCII without the UTF-8 flag)"
			});
			continue;
		}
		const nameProblem = unsafeNameProblem(name);
		if (nameProblem) {
			problems.push(nameProblem);
			continue;
		}
		const key = name.normalize("NFC").toLowerCase();
		if (seen.has(key)) {
			problems.push({
				code: "duplicate",
				message: `entry name appears twice (as "${seen.get(key)}" and "${name}")`,
				where: name
			});
			continue;
		}
		seen.set(key, name);
		const mode = external >>> 16;
		const unixType = madeBy === 3 ? mode & S_IFMT : 0;
		if (unixType === S_IFLNK || madeBy !== 3 && (external & DOS_REPARSE_POINT) !== 0) {
			problems.push({
				code: "symlink",
				message: "entry is a symbolic link; case files hold plain files only",
				where: name
			});
			continue;
		}
		if (unixType !== 0 && unixType !== S_IFREG && unixType !== S_IFDIR) {
			problems.push({
				code: "special-file",
				message: "entry is a device, pipe or socket; case files hold plain files only",
				where: name
			});
			continue;
		}
		const directory = name.endsWith("/") || unixType === S_IFDIR || madeBy !== 3 && (external & DOS_DIRECTORY) !== 0;
		if (directory && size !== 0) {
			problems.push({
				code: "bad-name",
				message: "a folder entry carries data",
				where: name
			});
			continue;
		}
		if (flags & 65) {
			problems.push({
				code: "encrypted",
				message: "entry is encrypted",
				where: name
			});
			continue;
		}
		if (method !== 0 && method !== 8) {
			problems.push({
				code: "unsupported-compression",
				message: `entry uses compression method ${method} (only stored and deflate are accepted)`,
				where: name
			});
			continue;
		}
		if (method === 0 && compressedSize !== size) {
			problems.push({
				code: "corrupt",
				message: "stored entry has different packed and unpacked sizes",
				where: name
			});
			continue;
		}
		if (size > limits.maxEntryBytes) {
			problems.push({
				code: "oversized",
				message: `entry unpacks to ${size} bytes, above the ${limits.maxEntryBytes}-byte limit per file`,
				where: name
			});
			continue;
		}
		if (size > limits.ratioFloorBytes && size / Math.max(1, compressedSize) > limits.maxRatio) {
			problems.push({
				code: "zip-bomb",
				message: `entry expands ${Math.round(size / Math.max(1, compressedSize))}:1, above the ${limits.maxRatio}:1 limit`,
				where: name
			});
			continue;
		}
		total += size;
		entries.push({
			name,
			nameBytes,
			flags,
			method,
			crc,
			compressedSize,
			size,
			localOffset,
			directory
		});
	}
	if (total > limits.maxTotalBytes) problems.push({
		code: "oversized",
		message: `the archive unpacks to ${total} bytes, above the ${limits.maxTotalBytes}-byte limit`
	});
	return {
		entries,
		directoryStart
	};
}
/** Locates each entry's data through its local header; refuses mismatched names and overlapping entries. */
function locateData(buffer, entries, directoryStart, problems) {
	const ranges = /* @__PURE__ */ new Map();
	for (const entry of entries) {
		need(buffer, entry.localOffset, 30, `the local header of ${entry.name}`);
		if (buffer.readUInt32LE(entry.localOffset) !== SIG_LOCAL) throw new ZipStructureError(`bad local header for ${entry.name} (corrupt archive)`);
		const nameLength = buffer.readUInt16LE(entry.localOffset + 26);
		const extraLength = buffer.readUInt16LE(entry.localOffset + 28);
		need(buffer, entry.localOffset + 30, nameLength + extraLength, `the local header of ${entry.name}`);
		if (!buffer.subarray(entry.localOffset + 30, entry.localOffset + 30 + nameLength).equals(entry.nameBytes)) {
			problems.push({
				code: "name-mismatch",
				message: "the entry is named differently in its local header and in the central directory",
				where: entry.name
			});
			continue;
		}
		const start = entry.localOffset + 30 + nameLength + extraLength;
		const end = start + entry.compressedSize;
		if (end > directoryStart) throw new ZipStructureError(`the data of ${entry.name} runs into the central directory (corrupt archive)`);
		ranges.set(entry, {
			headerStart: entry.localOffset,
			dataStart: start,
			end
		});
	}
	const sorted = [...ranges.entries()].sort((a, b) => a[1].headerStart - b[1].headerStart);
	for (let i = 1; i < sorted.length; i++) if (sorted[i][1].headerStart < sorted[i - 1][1].end) problems.push({
		code: "zip-bomb",
		message: "entries overlap each other in the archive (a zip-bomb construction)",
		where: sorted[i][0].name
	});
	return ranges;
}
async function inflateEntry(buffer, entry, range) {
	const packed = buffer.subarray(range.dataStart, range.end);
	let data;
	if (entry.method === 0) data = Buffer.from(packed);
	else try {
		data = await inflateRawAsync(packed, { maxOutputLength: Math.max(1, entry.size) });
	} catch (err) {
		return err instanceof RangeError || /maxOutputLength|buffer larger/i.test(String(err)) ? {
			code: "size-mismatch",
			message: "entry unpacks to more than its declared size",
			where: entry.name
		} : {
			code: "corrupt",
			message: `entry data cannot be inflated (${err instanceof Error ? err.message : String(err)})`,
			where: entry.name
		};
	}
	if (data.length !== entry.size) return {
		code: "size-mismatch",
		message: `entry unpacks to ${data.length} bytes but declares ${entry.size}`,
		where: entry.name
	};
	if (crc32(data) !== entry.crc) return {
		code: "crc-mismatch",
		message: "entry data does not match its CRC-32 (damaged)",
		where: entry.name
	};
	return data;
}
/** Reads every plain file of an archive, or says precisely why the archive is refused. Never throws. */
async function readZipSafely(file, limits = DEFAULT_ZIP_LIMITS) {
	try {
		const info = await stat(file);
		if (!info.isFile()) return {
			ok: false,
			problems: [{
				code: "not-a-file",
				message: `${file} is not a file`
			}]
		};
		if (info.size > limits.maxArchiveBytes) return {
			ok: false,
			problems: [{
				code: "oversized",
				message: `the archive is ${info.size} bytes, above the ${limits.maxArchiveBytes}-byte limit`
			}]
		};
		const buffer = await readFile(file);
		const problems = [];
		const { entries, directoryStart } = readDirectory(buffer, limits, problems);
		if (problems.length > 0) return {
			ok: false,
			problems
		};
		const ranges = locateData(buffer, entries, directoryStart, problems);
		if (problems.length > 0) return {
			ok: false,
			problems
		};
		const out = [];
		for (const entry of entries) {
			if (entry.directory) continue;
			const data = await inflateEntry(buffer, entry, ranges.get(entry));
			if (Buffer.isBuffer(data)) out.push({
				name: entry.name,
				data
			});
			else problems.push(data);
		}
		return problems.length > 0 ? {
			ok: false,
			problems
		} : {
			ok: true,
			entries: out
		};
	} catch (err) {
		if (err instanceof ZipStructureError) return {
			ok: false,
			problems: [{
				code: err.code,
				message: err.message
			}]
		};
		if (err.code === "ENOENT") return {
			ok: false,
			problems: [{
				code: "not-found",
				message: `no file at ${file}`
			}]
		};
		return {
			ok: false,
			problems: [{
				code: "unreadable",
				message: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`
			}]
		};
	}
}
// electron/cases/verify-case.ts
var LAYOUT = /^(overlays\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+\.png|evidence\/[A-Za-z0-9._-]+)$/;
var FIXED = /* @__PURE__ */ new Set([
	CASE_JSON,
	REPORT_HTML,
	MANIFEST_JSON,
	MANIFEST_HASH
]);
function parseJson(entry, problems) {
	try {
		return JSON.parse(entry.data.toString("utf8"));
	} catch (err) {
		problems.push({
			code: "bad-json",
			message: `${entry.name} is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
			where: entry.name
		});
		return;
	}
}
/** Manifest and hashes: returns the manifest hash when manifest.sha256 could be read. */
function checkManifest(files, problems) {
	const manifestEntry = files.get(MANIFEST_JSON);
	const hashEntry = files.get(MANIFEST_HASH);
	if (!manifestEntry || !hashEntry) return {
		manifestSha256: null,
		caseId: null
	};
	const actual = sha256Hex(manifestEntry.data);
	const recorded = parseManifestHashFile(hashEntry.data.toString("utf8"));
	if (recorded === null) problems.push({
		code: "manifest-hash",
		message: "manifest.sha256 is not in the form \"<sha256>  manifest.json\"",
		where: MANIFEST_HASH
	});
	else if (recorded !== actual) problems.push({
		code: "manifest-hash",
		message: "manifest.json does not match the hash in manifest.sha256 (the manifest was edited)",
		where: MANIFEST_JSON
	});
	const parsed = parseJson(manifestEntry, problems);
	if (parsed === void 0) return {
		manifestSha256: actual,
		caseId: null
	};
	const manifest = readManifest(parsed);
	if (typeof manifest === "string") {
		problems.push({
			code: "manifest",
			message: manifest,
			where: MANIFEST_JSON
		});
		return {
			manifestSha256: actual,
			caseId: null
		};
	}
	const listed = /* @__PURE__ */ new Set();
	for (const record of manifest.files) {
		if (listed.has(record.path)) problems.push({
			code: "manifest",
			message: "a file is listed twice in the manifest",
			where: record.path
		});
		listed.add(record.path);
		const entry = files.get(record.path);
		if (!entry) problems.push({
			code: "missing-file",
			message: "the manifest lists a file the case does not contain",
			where: record.path
		});
		else if (entry.data.length !== record.bytes || sha256Hex(entry.data) !== record.sha256) problems.push({
			code: "hash-mismatch",
			message: "file content does not match its SHA-256 in the manifest (tampered or damaged)",
			where: record.path
		});
	}
	for (const name of files.keys()) if (name !== "manifest.json" && name !== "manifest.sha256" && !listed.has(name)) problems.push({
		code: "unlisted-file",
		message: "the case contains a file the manifest does not list",
		where: name
	});
	return {
		manifestSha256: actual,
		caseId: manifest.caseId
	};
}
/** The custody entries inside case.json must form an unbroken chain ending at the recorded head. */
function checkCustody(caseFile, problems) {
	const entries = caseFile.custody.entries;
	let previous = entries.length > 0 && entries[0].seq !== 1 ? entries[0].prev_hash : GENESIS_HASH;
	for (const [index, entry] of entries.entries()) {
		const where = `case.json#/custody/entries/${index}`;
		if (index > 0 && entry.seq !== entries[index - 1].seq + 1) {
			problems.push({
				code: "custody-chain",
				message: `custody entry ${entries[index - 1].seq + 1} is missing`,
				where
			});
			return;
		}
		if (entry.prev_hash !== previous) {
			problems.push({
				code: "custody-chain",
				message: `custody entry ${entry.seq} does not link to the one before it`,
				where
			});
			return;
		}
		if (entryHash(entry) !== entry.hash) {
			problems.push({
				code: "custody-chain",
				message: `custody entry ${entry.seq} was edited (its hash does not match)`,
				where
			});
			return;
		}
		previous = entry.hash;
	}
	if (entries.length > 0 && caseFile.custody.head !== previous) problems.push({
		code: "custody-chain",
		message: "the custody head does not match the last entry",
		where: "case.json#/custody/head"
	});
}
/** References inside case.json: evidence files and overlays exist, hashes agree, ids line up. */
function checkReferences(caseFile, files, caseId, problems) {
	if (caseId !== null && caseId !== caseFile.case.id) problems.push({
		code: "inconsistent",
		message: "the manifest and case.json name different cases",
		where: MANIFEST_JSON
	});
	const sampleIds = /* @__PURE__ */ new Set();
	for (const evidence of caseFile.evidence) {
		if (sampleIds.has(evidence.sampleId)) problems.push({
			code: "inconsistent",
			message: `sample ${evidence.sampleId} is listed twice as evidence`,
			where: CASE_JSON
		});
		sampleIds.add(evidence.sampleId);
		if (evidence.file === null) continue;
		if (caseFile.case.evidenceMode === "hashes") problems.push({
			code: "inconsistent",
			message: "a hashes-only case embeds an evidence file",
			where: evidence.file
		});
		const entry = files.get(evidence.file);
		if (!entry) problems.push({
			code: "missing-file",
			message: "case.json names an evidence file the case does not contain",
			where: evidence.file
		});
		else if (sha256Hex(entry.data) !== evidence.sha256) problems.push({
			code: "evidence-mismatch",
			message: `embedded evidence does not match the SHA-256 recorded for sample ${evidence.sampleId}`,
			where: evidence.file
		});
	}
	for (const result of caseFile.results) {
		if (!sampleIds.has(result.sampleId)) problems.push({
			code: "inconsistent",
			message: `a result refers to sample ${result.sampleId}, which is not in the evidence list`,
			where: CASE_JSON
		});
		for (const overlay of result.overlays) if (!files.has(overlay.file)) problems.push({
			code: "missing-file",
			message: "case.json names an overlay the case does not contain",
			where: overlay.file
		});
	}
	for (const annotation of caseFile.annotations) if (!sampleIds.has(annotation.sampleId)) problems.push({
		code: "inconsistent",
		message: `annotation ${annotation.id} refers to sample ${annotation.sampleId}, which is not in the evidence list`,
		where: CASE_JSON
	});
}
async function verifyCaseFile(file, options = {}) {
	return (await verifyCaseArchive(file, options)).verification;
}
/** Verifies and hands back the entries it checked, so an import unpacks exactly the bytes verified. */
async function verifyCaseArchive(file, options = {}) {
	const read = await readZipSafely(file, options.limits ?? DEFAULT_ZIP_LIMITS);
	const verification = checkArchive(file, read, options);
	return {
		verification,
		entries: verification.ok && read.ok ? read.entries : []
	};
}
function checkArchive(file, read, options) {
	const verdict = (problems, manifestSha256, summary = null) => ({
		ok: problems.length === 0,
		path: file,
		manifestSha256,
		problems,
		summary,
		recordedExport: manifestSha256 && problems.length === 0 ? options.findRecordedExport?.(manifestSha256) ?? null : null
	});
	if (!read.ok) return verdict(read.problems, null);
	const problems = [];
	const files = new Map(read.entries.map((e) => [e.name, e]));
	for (const name of files.keys()) if (!FIXED.has(name) && !LAYOUT.test(name)) problems.push({
		code: "unexpected-file",
		message: "not part of the case layout (case.json, report.html, manifest, overlays/, evidence/)",
		where: name
	});
	for (const name of FIXED) if (!files.has(name)) problems.push({
		code: "missing-file",
		message: `the case has no ${name}`,
		where: name
	});
	const { manifestSha256, caseId } = checkManifest(files, problems);
	const caseEntry = files.get(CASE_JSON);
	const parsed = caseEntry ? parseJson(caseEntry, problems) : void 0;
	if (parsed === void 0) return verdict(problems, manifestSha256);
	const violations = validateCaseJson(parsed);
	for (const v of violations) problems.push({
		code: "schema",
		message: `case.json ${v.pointer || "(root)"} ${v.message}`,
		where: `case.json#${v.pointer}`
	});
	if (violations.length > 0) return verdict(problems, manifestSha256);
	const caseFile = parsed;
	checkReferences(caseFile, files, caseId, problems);
	checkCustody(caseFile, problems);
	return verdict(problems, manifestSha256, {
		caseId: caseFile.case.id,
		title: caseFile.case.title,
		examiner: caseFile.case.examiner,
		createdAt: caseFile.case.createdAt,
		samples: caseFile.evidence.length,
		annotations: caseFile.annotations.length,
		modelName: caseFile.model.name,
		modelSha256: caseFile.model.sha256,
		evidence: caseFile.case.evidenceMode
	});
}
// electron/cases/import-case.ts
/** The custody 'export' entry of this workspace that recorded a manifest hash, if any. */
function recordedExport(workspace, manifestSha256) {
	const rows = workspace.sql.all("SELECT seq, at, detail FROM custody_log WHERE action = 'export' ORDER BY seq DESC");
	for (const row of rows) try {
		if (JSON.parse(row.detail).manifestSha256 === manifestSha256) return {
			seq: row.seq,
			at: row.at
		};
	} catch {}
	return null;
}
export { buildManifest as a, CASE_FORMAT as c, MANIFEST_HASH as d, MANIFEST_JSON as f, buildZip as i, CASE_JSON as l, verifyCaseFile as n, sha256Hex as o, REPORT_HTML as p, DEFAULT_ZIP_LIMITS as r, validateCaseJson as s, recordedExport as t, LIMITATIONS as u };
