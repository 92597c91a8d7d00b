import { a as custodyEntries, i as GENESIS_HASH, o as entryHash, s as connectionOf } from "./workspace.js";
import { b as MANIFEST_SIG, c as profileTrust, f as checkManifestSignature, g as CASE_JSON, n as readZipSafely, t as DEFAULT_ZIP_LIMITS, v as MANIFEST_HASH, x as REPORT_HTML, y as MANIFEST_JSON } from "./zip-reader.js";
import "node:path";
import { createHash } from "node:crypto";
import "node:fs/promises";
// common/validate.ts
var PayloadError = class extends Error {
	constructor(message) {
		super(message);
		this.name = "PayloadError";
	}
};
var MAX_STRING = 8192;
var noPayload = (input) => {
	if (input !== void 0 && input !== null && !(typeof input === "object" && Object.keys(input).length === 0)) throw new PayloadError("this method takes no argument");
};
function asRecord(input) {
	if (typeof input !== "object" || input === null || Array.isArray(input)) throw new PayloadError("argument must be an object");
	return input;
}
function checkField(name, spec, value) {
	switch (spec.kind) {
		case "string":
			if (typeof value !== "string") throw new PayloadError(`'${name}' must be a string`);
			if (value.length > (spec.maxLength ?? MAX_STRING)) throw new PayloadError(`'${name}' is too long`);
			if (value.includes("\0")) throw new PayloadError(`'${name}' contains a NUL character`);
			return value;
		case "number":
			if (typeof value !== "number" || !Number.isFinite(value)) throw new PayloadError(`'${name}' must be a finite number`);
			if (spec.integer && !Number.isInteger(value)) throw new PayloadError(`'${name}' must be an integer`);
			if (spec.min !== void 0 && value < spec.min) throw new PayloadError(`'${name}' must be ≥ ${spec.min}`);
			if (spec.max !== void 0 && value > spec.max) throw new PayloadError(`'${name}' must be ≤ ${spec.max}`);
			return value;
		case "boolean":
			if (typeof value !== "boolean") throw new PayloadError(`'${name}' must be true or false`);
			return value;
		case "enum":
			if (typeof value !== "string" || !spec.values.includes(value)) throw new PayloadError(`'${name}' must be one of ${spec.values.join(", ")}`);
			return value;
		case "stringArray":
			if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw new PayloadError(`'${name}' must be a list of strings`);
			if (value.length > (spec.maxItems ?? 1e5)) throw new PayloadError(`'${name}' has too many items`);
			return value;
	}
}
/** An object validator from a field table; unknown fields are rejected so typos surface. */
function objectOf(fields) {
	return (input) => {
		const record = asRecord(input);
		for (const key of Object.keys(record)) if (!Object.hasOwn(fields, key)) throw new PayloadError(`unknown field '${key}'`);
		const out = {};
		for (const [name, spec] of Object.entries(fields)) {
			const value = Object.hasOwn(record, name) ? record[name] : void 0;
			if (value === void 0) {
				if (!spec.optional) throw new PayloadError(`'${name}' is required`);
				continue;
			}
			out[name] = checkField(name, spec, value);
		}
		return out;
	};
}
// common/contract/define.ts
/** `method<Result<X>>()(validator)`: the result type is named, the input type comes from the validator. */
var method = () => (validate) => ({
	kind: "method",
	validate
});
var event = () => ({ kind: "event" });
// common/contract/annotations.ts
var VERDICTS = [
	"bona-fide",
	"attack",
	"inconclusive"
];
/** open: a first finding; reviewed: re-read by its author; verified: confirmed by a second examiner. */
var ANNOTATION_STATUSES = [
	"open",
	"reviewed",
	"verified"
];
var addFields = objectOf({
	sampleId: {
		kind: "number",
		integer: true,
		min: 1
	},
	verdict: {
		kind: "enum",
		values: VERDICTS
	},
	attackSpecies: {
		kind: "string",
		optional: true,
		maxLength: 128
	},
	tags: {
		kind: "stringArray",
		optional: true,
		maxItems: 32
	},
	note: {
		kind: "string",
		optional: true,
		maxLength: 8e3
	},
	status: {
		kind: "enum",
		values: ANNOTATION_STATUSES
	},
	author: {
		kind: "string",
		optional: true,
		maxLength: 100
	}
});
/** The add payload, with tag lengths checked too (the generic string-list check does not bound items). */
var addValidator = (input) => {
	const value = addFields(input);
	for (const tag of value.tags ?? []) if (tag.length > 64) throw new PayloadError(`a tag is longer than 64 characters`);
	return value;
};
method()(addValidator), method()(objectOf({ sampleId: {
	kind: "number",
	integer: true,
	min: 1
} })), method()(noPayload), method()(objectOf({
	sampleId: {
		kind: "number",
		integer: true,
		min: 1
	},
	bookmarked: { kind: "boolean" }
}));
// electron/workspace/annotations.ts
var COLUMNS = "id, sample_id, author, created_at, verdict, attack_species, tags, note, status";
function parseTags(text) {
	try {
		const parsed = JSON.parse(text);
		return Array.isArray(parsed) ? parsed.filter((t) => typeof t === "string") : [];
	} catch {
		return [];
	}
}
function fromRow(row) {
	return {
		id: row.id,
		sampleId: row.sample_id,
		author: row.author,
		createdAt: row.created_at,
		verdict: VERDICTS.includes(row.verdict) ? row.verdict : "inconclusive",
		attackSpecies: row.attack_species ?? "",
		tags: parseTags(row.tags),
		note: row.note,
		status: ANNOTATION_STATUSES.includes(row.status) ? row.status : "open"
	};
}
/** The newest annotation of every annotated sample, by sample id. */
function latestAnnotations(workspace) {
	return connectionOf(workspace).all(`SELECT ${COLUMNS} FROM annotations WHERE id IN (SELECT MAX(id) FROM annotations GROUP BY sample_id) ORDER BY sample_id`).map(fromRow);
}
/** Every annotation of the given samples, oldest first within each sample. */
function annotationsOf(workspace, sampleIds) {
	const wanted = new Set(sampleIds);
	return connectionOf(workspace).all(`SELECT ${COLUMNS} FROM annotations ORDER BY sample_id, id`).filter((row) => wanted.has(row.sample_id)).map(fromRow);
}
/** SHA-256 of what an analyst wrote, kept in the custody entry so a case's annotations can be checked against it. */
function annotationContentHash(a) {
	return createHash("sha256").update(JSON.stringify([
		a.verdict,
		a.attackSpecies,
		a.tags,
		a.note,
		a.status
	])).digest("hex");
}
function bookmarkedSampleIds(workspace) {
	return connectionOf(workspace).all("SELECT sample_id FROM bookmarks ORDER BY sample_id").map((r) => r.sample_id);
}
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
					"face": {
						"description": "The detected face this sample stands for: index in its photograph, box [x1, y1, x2, y2] and six keypoints in the EXIF-oriented photograph's pixels, detector confidence.",
						"type": "object",
						"required": [
							"index",
							"box",
							"keypoints",
							"confidence"
						],
						"additionalProperties": false,
						"properties": {
							"index": {
								"type": "integer",
								"minimum": 1
							},
							"box": {
								"type": "array",
								"items": { "type": "number" },
								"minItems": 4,
								"maxItems": 4
							},
							"keypoints": {
								"type": "array",
								"items": {
									"type": "array",
									"items": { "type": "number" },
									"minItems": 2,
									"maxItems": 2
								}
							},
							"confidence": {
								"type": "number",
								"minimum": 0,
								"maximum": 1
							}
						}
					},
					"domain": {
						"description": "Domain check of the sample's embedding under the case's model: distance to the nearest class mean and whether it lies inside the model's domain; both null = domain unknown (no statistics in the model's sidecar).",
						"type": "object",
						"required": ["distance", "inDomain"],
						"additionalProperties": false,
						"properties": {
							"distance": {
								"type": ["number", "null"],
								"minimum": 0
							},
							"inDomain": { "type": ["boolean", "null"] }
						}
					},
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
					"probes": {
						"type": "array",
						"items": {
							"type": "object",
							"required": [
								"kind",
								"sampleSha256",
								"createdAt",
								"baseScore"
							],
							"additionalProperties": false,
							"properties": {
								"kind": { "enum": [
									"occlusion-tokens",
									"occlusion-7x7",
									"perturbation"
								] },
								"sampleSha256": { "$ref": "#/$defs/sha256" },
								"createdAt": {
									"type": "string",
									"format": "date-time"
								},
								"baseScore": {
									"type": "number",
									"minimum": 0,
									"maximum": 1
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
								"mask": {
									"type": "string",
									"maxLength": 100
								},
								"scores": {
									"type": "array",
									"maxItems": 65536,
									"items": {
										"type": "number",
										"minimum": 0,
										"maximum": 1
									}
								},
								"families": {
									"type": "array",
									"maxItems": 32,
									"items": {
										"type": "object",
										"required": [
											"id",
											"label",
											"unit",
											"strengths",
											"scores",
											"flipsAt"
										],
										"additionalProperties": false,
										"properties": {
											"id": {
												"type": "string",
												"pattern": "^[a-z0-9-]{1,32}$"
											},
											"label": {
												"type": "string",
												"maxLength": 100
											},
											"unit": {
												"type": "string",
												"maxLength": 100
											},
											"strengths": {
												"type": "array",
												"maxItems": 64,
												"items": { "type": "number" }
											},
											"scores": {
												"type": "array",
												"maxItems": 64,
												"items": {
													"type": "number",
													"minimum": 0,
													"maximum": 1
												}
											},
											"flipsAt": { "type": ["number", "null"] }
										}
									}
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
									"expert-mass",
									"occlusion",
									"perturbation"
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
var MANIFEST_FORMAT = "uad-workbench-case-manifest/2";
function buildManifest(caseId, custodyHead, files) {
	const body = {
		format: MANIFEST_FORMAT,
		algorithm: "sha256",
		caseId,
		custodyHead,
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
	if (record.format !== "uad-workbench-case-manifest/2") return "manifest.json has an unknown format";
	if (record.algorithm !== "sha256") return "manifest.json names an unsupported hash algorithm";
	if (typeof record.caseId !== "string") return "manifest.json has no case id";
	if (typeof record.custodyHead !== "string" || !/^[0-9a-f]{64}$/.test(record.custodyHead)) return "manifest.json does not record the custody head";
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
		custodyHead: record.custodyHead,
		files
	};
}
// common/routing/colormap.ts
var VIRIDIS = [
	[
		68,
		1,
		84
	],
	[
		71,
		44,
		122
	],
	[
		59,
		81,
		139
	],
	[
		44,
		113,
		142
	],
	[
		33,
		144,
		141
	],
	[
		39,
		173,
		129
	],
	[
		92,
		200,
		99
	],
	[
		170,
		220,
		50
	],
	[
		253,
		231,
		37
	]
];
/** Viridis colour of t ∈ [0, 1] (clamped; NaN → the t = 0 colour). */
function viridis(t) {
	const position = (Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t))) * (VIRIDIS.length - 1);
	const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
	const f = position - i;
	const a = VIRIDIS[i];
	const b = VIRIDIS[i + 1];
	return [
		Math.round(a[0] + (b[0] - a[0]) * f),
		Math.round(a[1] + (b[1] - a[1]) * f),
		Math.round(a[2] + (b[2] - a[2]) * f)
	];
}
/** Distinct, colour-blind-friendly expert colours (Okabe–Ito), cycled beyond eight. */
var EXPERT_COLOURS = [
	[
		0,
		114,
		178
	],
	[
		230,
		159,
		0
	],
	[
		0,
		158,
		115
	],
	[
		204,
		121,
		167
	],
	[
		86,
		180,
		233
	],
	[
		213,
		94,
		0
	],
	[
		240,
		228,
		66
	],
	[
		140,
		140,
		140
	]
];
var expertColour = (expert) => EXPERT_COLOURS[expert % EXPERT_COLOURS.length];
var cssColour = ([r, g, b], alpha = 1) => `rgba(${r}, ${g}, ${b}, ${alpha})`;
// electron/cases/report-html.ts
var esc = (value) => String(value ?? "").replace(/[<>&"']/g, (c) => ({
	"<": "&lt;",
	">": "&gt;",
	"&": "&amp;",
	"\"": "&quot;",
	"'": "&#39;"
})[c]);
var num = (value, digits = 4) => value === null ? "—" : value.toFixed(digits);
var signed = (value) => value === null ? "—" : `${value >= 0 ? "+" : ""}${value.toFixed(4)}`;
var VERDICT_TEXT = {
	"bona-fide": "bona fide",
	attack: "attack",
	inconclusive: "inconclusive"
};
var STYLE = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; background: #fff; margin: 24px auto; max-width: 1040px; padding: 0 16px; }
  h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #333; padding-bottom: 2px; margin-top: 28px; }
  h3 { font-size: 15px; margin: 18px 0 6px; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; } th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #f0f0f0; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
  .limitations { border: 2px solid #b9770e; background: #fef5e7; padding: 8px 14px; margin: 14px 0; }
  .limitations h2 { border: none; margin: 0 0 4px; }
  .meta { color: #444; }
  .attack { color: #a93226; font-weight: bold; } .bona-fide { color: #1e8449; font-weight: bold; }
  .sample { border-top: 1px solid #888; padding-top: 8px; margin-top: 22px; }
  .figures { display: flex; flex-wrap: wrap; gap: 10px; }
  figure { margin: 0; width: 240px; } figure img { width: 100%; image-rendering: pixelated; border: 1px solid #999; }
  figure.wide { width: 360px; } figure.wide img { image-rendering: auto; }
  figcaption { font-size: 11px; color: #444; }
  .swatch { display: inline-block; width: 10px; height: 10px; border: 1px solid #333; margin-right: 4px; vertical-align: middle; }
  .warn { color: #a93226; }
  footer { margin-top: 30px; font-size: 12px; color: #444; border-top: 1px solid #aaa; padding-top: 6px; }
  @page { size: A4; margin: 14mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 11px; }
    .sample + .sample { break-before: page; }
    figure, table, tr, .limitations { break-inside: avoid; }
    figure { width: 44mm; } figure.wide { width: 70mm; }
    a { color: inherit; text-decoration: none; }
  }`;
function decisionCell(decision) {
	return decision === null ? "—" : `<span class="${decision}">${decision === "attack" ? "attack" : "bona fide"}</span>`;
}
function latestOf(annotations, sampleId) {
	return annotations.filter((a) => a.sampleId === sampleId).at(-1);
}
function annotationTable(history) {
	if (history.length === 0) return "<p class=\"meta\">No annotations.</p>";
	return `<table><thead><tr><th>When</th><th>Examiner</th><th>Verdict</th><th>Status</th><th>Tags</th><th>Note</th></tr></thead><tbody>${history.map((a) => `<tr><td class="mono">${esc(a.createdAt)}</td><td>${esc(a.author)}</td><td>${esc(VERDICT_TEXT[a.verdict])}${a.attackSpecies ? ` (${esc(a.attackSpecies)})` : ""}</td><td>${esc(a.status)}</td><td>${esc(a.tags.join(", "))}</td><td>${esc(a.note).replace(/\n/g, "<br>")}</td></tr>`).join("")}</tbody></table>`;
}
function routingTable(result) {
	if (result.routing.length === 0) return "<p class=\"meta\">No routing summary (dense model or not scored).</p>";
	const experts = result.routing[0].experts;
	return `<table><thead><tr><th>MoE layer</th><th>dominant expert</th>${Array.from({ length: experts }, (_, e) => `<th><span class="swatch" style="background:${cssColour(expertColour(e))}"></span>expert ${e}</th>`).join("")}</tr></thead><tbody>${result.routing.map((l) => `<tr><td>${l.layer}</td><td>${l.dominantExpert}</td>${l.meanExpertMass.map((m, e) => `<td class="num">${m.toFixed(3)} · ${(l.argmaxShare[e] * 100).toFixed(0)}%</td>`).join("")}</tr>`).join("")}</tbody></table>
  <p class="meta">Each expert cell: mean expert mass over image patches · share of patches whose largest mass is on that expert.</p>`;
}
function figures(result) {
	return result.overlays.map((o) => {
		const caption = o.kind === "model-input" ? "model input (as the model saw it)" : o.kind === "score-card" ? "score card" : o.kind === "routing-argmax" ? `MoE layer ${o.layer}: expert with the largest mass per patch` : o.kind === "occlusion" ? `occlusion sensitivity: score change when each cell is masked (viridis, ${o.range ? `${o.range[0]}–${o.range[1]}` : "this probe's range"}); describes the model, not where an image was manipulated` : o.kind === "perturbation" ? "perturbation probe: score against degradation strength, with the threshold and where the decision flips" : `MoE layer ${o.layer}: mass on expert ${o.expert} (viridis, ${o.range ? `${o.range[0]}–${o.range[1]}` : "this image's range"})`;
		return `<figure class="${o.kind === "score-card" || o.kind === "perturbation" ? "wide" : ""}"><img src="${esc(o.file)}" alt="${esc(caption)}"><figcaption>${esc(caption)}</figcaption></figure>`;
	}).join("");
}
function sampleSection(caseFile, index) {
	const evidence = caseFile.evidence[index];
	const result = caseFile.results.find((r) => r.sampleId === evidence.sampleId);
	const history = caseFile.annotations.filter((a) => a.sampleId === evidence.sampleId);
	const integrity = evidence.integrityAtExport === "matches" ? "file on disk matched the scored hash at export" : evidence.integrityAtExport === "hashed-at-export" ? "hashed at export (not scored before)" : `<span class="warn">${evidence.integrityAtExport === "changed" ? "file CHANGED since it was scored" : "file missing at export"}</span>`;
	return `<section class="sample" id="sample-${evidence.sampleId}">
  <h3>${index + 1}. ${esc(evidence.fileName)} <span class="meta">(sample ${evidence.sampleId})</span></h3>
  <table><tbody>
    <tr><th>Path</th><td class="mono">${esc(evidence.path)}</td></tr>
    <tr><th>SHA-256</th><td class="mono">${esc(evidence.sha256)}</td></tr>
    <tr><th>Integrity</th><td>${integrity}${evidence.file ? ` · embedded as <span class="mono">${esc(evidence.file)}</span>` : " · not embedded (hash only)"}</td></tr>
    <tr><th>Dataset reference</th><td>${esc(evidence.dataset.label === "attack" ? "attack" : "bona fide")} · species ${esc(evidence.dataset.species)}${evidence.dataset.split ? ` · split ${esc(evidence.dataset.split)}` : ""}${evidence.dataset.identity ? ` · identity ${esc(evidence.dataset.identity)}` : ""}</td></tr>
    <tr><th>Model output</th><td>score ${num(result?.score ?? null)} · ${decisionCell(result?.decision ?? null)} · margin ${signed(result?.margin ?? null)}</td></tr>
    ${result?.face ? `<tr><th>Face</th><td>face ${result.face.index} of the photograph · box ${esc(result.face.box.map((v) => v.toFixed(1)).join(", "))} · detector confidence ${result.face.confidence.toFixed(2)}</td></tr>` : ""}
    ${result?.domain ? `<tr><th>Domain</th><td>${result.domain.inDomain === null ? "domain unknown (the model has no domain statistics)" : `${result.domain.inDomain ? "inside" : "<span class=\"warn\">outside</span>"} the model's domain · distance ${num(result.domain.distance)}`}</td></tr>` : ""}
  </tbody></table>
  ${result ? `<div class="figures">${figures(result)}</div>` : ""}
  <h3>Routing summary</h3>${result ? routingTable(result) : ""}
  <h3>Annotations (full history)</h3>${annotationTable(history)}
</section>`;
}
function renderReportHtml(caseFile) {
	const c = caseFile.case;
	const op = caseFile.operatingPoint;
	const m = caseFile.model;
	const summaryRows = caseFile.evidence.map((e) => {
		const r = caseFile.results.find((x) => x.sampleId === e.sampleId);
		const a = latestOf(caseFile.annotations, e.sampleId);
		return `<tr><td><a href="#sample-${e.sampleId}">${e.sampleId}</a></td><td>${esc(e.fileName)}</td><td class="mono">${esc(e.sha256.slice(0, 16))}…</td>
      <td class="num">${num(r?.score ?? null)}</td><td>${decisionCell(r?.decision ?? null)}</td><td class="num">${signed(r?.margin ?? null)}</td>
      <td>${a ? `${esc(VERDICT_TEXT[a.verdict])}${a.attackSpecies ? ` (${esc(a.attackSpecies)})` : ""}` : "—"}</td><td>${a ? esc(a.status) : "—"}</td></tr>`;
	});
	const setWhen = Date.parse(op.setAt) === 0 ? "the default, not changed by the analyst" : `set ${esc(op.setAt)}`;
	const recorded = op.recorded ? `saved in the workspace as threshold #${op.recorded.id} at ${esc(op.recorded.createdAt)}` : "not saved in the workspace (set in the session)";
	const custodyRows = caseFile.custody.entries.filter((e) => e.action !== "view").slice(-40).map((e) => `<tr><td class="num">${e.seq}</td><td class="mono">${esc(e.at)}</td><td>${esc(e.actor)}</td><td>${esc(e.action)}</td><td class="mono">${esc(e.detail.length > 160 ? `${e.detail.slice(0, 160)}…` : e.detail)}</td></tr>`);
	const software = Object.entries(caseFile.software.exporter).map(([k, v]) => `${esc(k)} ${esc(v)}`).join(" · ");
	const providers = [...new Set(caseFile.software.runs.map((r) => r.provider))].join(", ") || "—";
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<title>Case ${esc(c.id)} · ${esc(c.title)}</title><style>${STYLE}</style></head>
<body data-case-id="${esc(c.id)}">
<header><h1>${esc(c.title)}</h1>
<div class="meta">Case <span class="mono">${esc(c.id)}</span> · examiner ${esc(c.examiner)} · exported ${esc(c.createdAt)} · ${caseFile.evidence.length} sample(s) from ${esc(c.source)} · evidence ${c.evidenceMode === "embed" ? "files embedded" : "hashes only"}</div>
${c.description ? `<p>${esc(c.description).replace(/\n/g, "<br>")}</p>` : ""}</header>
<section class="limitations"><h2>Limitations: investigative findings, not proof</h2><ul>${caseFile.limitations.map((l) => `<li>${esc(l)}</li>`).join("")}</ul></section>
<h2>Summary</h2>
<table><thead><tr><th>Sample</th><th>File</th><th>SHA-256</th><th>Score</th><th>Decision</th><th>Margin</th><th>Analyst verdict</th><th>Status</th></tr></thead><tbody>${summaryRows.join("")}</tbody></table>
<h2>Model, operating point, software</h2>
<table><tbody>
<tr><th>Model</th><td>${esc(m.name)} ${esc(m.version)} (${esc(m.architecture.variant)}, ${m.architecture.imageSize}² input, ${m.architecture.grid[0]}×${m.architecture.grid[1]} patches${m.moe ? `, ${m.moe.experts} experts × ${m.moe.slots} slots, ${esc(m.moe.weighting)} weighting, MoE layers ${m.moe.layers.join(", ")}` : ", dense"})</td></tr>
<tr><th>Model SHA-256</th><td class="mono">${esc(m.sha256)}</td></tr>
<tr><th>Score</th><td>${esc(String(m.score.definition ?? "attack score in [0, 1], higher means more likely an attack"))}</td></tr>
<tr><th>Training</th><td>${esc(m.trainingNote || "—")}</td></tr>
<tr><th>Operating point</th><td>τ = ${op.threshold.toFixed(6)} · ${esc(op.rule)} · criterion ${esc(op.criterion)}${op.split ? ` on ${esc(op.split)}` : ""} · ${setWhen} · ${recorded}${op.dataHash ? `<br><span class="mono">scores hash ${esc(op.dataHash)}</span>` : ""}</td></tr>
<tr><th>Execution provider(s)</th><td>${esc(providers)}</td></tr>
<tr><th>Software at export</th><td>${software}</td></tr>
</tbody></table>
<h2>Samples</h2>
${caseFile.evidence.map((_, i) => sampleSection(caseFile, i)).join("\n")}
<h2>Custody log</h2>
<p>${caseFile.custody.entries.length} entries; chain ${caseFile.custody.verifiedAtExport ? "verified intact at export" : "<span class=\"warn\">BROKEN at export</span>"}; head <span class="mono">${esc(caseFile.custody.head)}</span>. The latest entries other than views are listed; case.json holds the full chain.</p>
<table><thead><tr><th>#</th><th>When</th><th>Actor</th><th>Action</th><th>Detail</th></tr></thead><tbody>${custodyRows.join("")}</tbody></table>
<footer>Every file of this case is listed with its SHA-256 in manifest.json; manifest.sha256 holds the manifest's own hash, which the exporting workspace also logged in its custody chain.
Check the whole case with <span class="mono">npm run uad -- verify-case &lt;case&gt;.zip</span> before relying on it.</footer>
</body></html>
`;
}
// electron/cases/case-consistency.ts
/** The custody entries inside case.json: a chain from genesis, ending at the head the signed manifest names. */
function checkCustody(caseFile, manifestHead, problems) {
	const entries = caseFile.custody.entries;
	const where = "case.json#/custody";
	if (entries.length === 0) {
		problems.push({
			code: "custody-chain",
			message: "the custody log is empty",
			where
		});
		return;
	}
	if (entries[0].seq !== 1 || entries[0].prev_hash !== GENESIS_HASH) {
		problems.push({
			code: "custody-chain",
			message: `the custody log does not start at its genesis entry (it starts at entry ${entries[0].seq}): entries were cut`,
			where
		});
		return;
	}
	let previous = GENESIS_HASH;
	for (const [index, entry] of entries.entries()) {
		const at = `case.json#/custody/entries/${index}`;
		if (index > 0 && entry.seq !== entries[index - 1].seq + 1) {
			problems.push({
				code: "custody-chain",
				message: `custody entry ${entries[index - 1].seq + 1} is missing`,
				where: at
			});
			return;
		}
		if (entry.prev_hash !== previous) {
			problems.push({
				code: "custody-chain",
				message: `custody entry ${entry.seq} does not link to the one before it`,
				where: at
			});
			return;
		}
		if (entryHash(entry) !== entry.hash) {
			problems.push({
				code: "custody-chain",
				message: `custody entry ${entry.seq} was edited (its hash does not match)`,
				where: at
			});
			return;
		}
		previous = entry.hash;
	}
	if (caseFile.custody.head !== previous) problems.push({
		code: "custody-chain",
		message: "the custody head does not match the last entry",
		where: "case.json#/custody/head"
	});
	else if (manifestHead !== null && manifestHead !== previous) problems.push({
		code: "custody-chain",
		message: "the custody log does not end at the entry the manifest records (entries were cut or added)",
		where
	});
}
/** Every annotation in case.json must be the one its custody 'annotate' entry recorded. */
function checkAnnotations(caseFile, problems) {
	const recorded = /* @__PURE__ */ new Map();
	for (const entry of caseFile.custody.entries) {
		if (entry.action !== "annotate") continue;
		let detail;
		try {
			detail = JSON.parse(entry.detail);
		} catch {
			continue;
		}
		if (typeof detail === "object" && detail !== null && typeof detail.annotation === "number") recorded.set(detail.annotation, {
			actor: entry.actor,
			detail
		});
	}
	for (const [index, a] of caseFile.annotations.entries()) {
		const where = `case.json#/annotations/${index}`;
		const entry = recorded.get(a.id);
		if (!entry) {
			problems.push({
				code: "annotation-unrecorded",
				message: `annotation ${a.id} has no custody entry recording it`,
				where
			});
			continue;
		}
		const d = entry.detail;
		if (!(entry.actor === a.author && d.sample === a.sampleId && d.verdict === a.verdict && d.species === a.attackSpecies && d.status === a.status && (d.content === void 0 || d.content === annotationContentHash(a)))) problems.push({
			code: "annotation-mismatch",
			message: `annotation ${a.id} differs from what its custody entry recorded (edited after the fact)`,
			where
		});
	}
}
/** report.html must be exactly what case.json renders to, so the readable report cannot say something else. */
function checkReport(caseFile, report, problems) {
	if (!report) return;
	if (report.data.toString("utf8") !== renderReportHtml(caseFile)) problems.push({
		code: "report-mismatch",
		message: `${REPORT_HTML} is not the report ${CASE_JSON} renders to (one of them was edited)`,
		where: REPORT_HTML
	});
}
// electron/cases/verify-case.ts
var LAYOUT = /^(overlays\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+\.png|evidence\/[A-Za-z0-9._-]+)$/;
var FIXED = /* @__PURE__ */ new Set([
	CASE_JSON,
	REPORT_HTML,
	MANIFEST_JSON,
	MANIFEST_HASH
]);
var UNLISTED = /* @__PURE__ */ new Set([
	MANIFEST_JSON,
	MANIFEST_HASH,
	MANIFEST_SIG
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
		caseId: null,
		custodyHead: null
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
		caseId: null,
		custodyHead: null
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
			caseId: null,
			custodyHead: null
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
	for (const name of files.keys()) if (!UNLISTED.has(name) && !listed.has(name)) problems.push({
		code: "unlisted-file",
		message: "the case contains a file the manifest does not list",
		where: name
	});
	return {
		manifestSha256: actual,
		caseId: manifest.caseId,
		custodyHead: manifest.custodyHead
	};
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
var UNSIGNED = {
	status: "unsigned",
	fingerprint: null,
	name: null,
	own: false
};
/** Who signed the manifest, judged against the trust list; a signature that does not verify is a problem. */
function checkSigner(files, trust, problems) {
	const signature = files.get(MANIFEST_SIG);
	const manifest = files.get(MANIFEST_JSON);
	if (!signature || !manifest) return UNSIGNED;
	const check = checkManifestSignature(signature.data, manifest.data);
	if (!check.valid) {
		problems.push({
			code: "bad-signature",
			message: check.reason,
			where: MANIFEST_SIG
		});
		return {
			status: "invalid",
			fingerprint: check.fingerprint,
			name: null,
			own: false
		};
	}
	const known = trust(check.fingerprint);
	return known ? {
		status: "trusted",
		fingerprint: check.fingerprint,
		name: known.name,
		own: known.own
	} : {
		status: "unknown",
		fingerprint: check.fingerprint,
		name: null,
		own: false
	};
}
function checkArchive(file, read, options) {
	let signer = UNSIGNED;
	const verdict = (problems, manifestSha256, summary = null) => {
		const ok = problems.length === 0;
		return {
			ok,
			authentic: ok && signer.status === "trusted",
			signer,
			path: file,
			manifestSha256,
			problems,
			summary,
			recordedExport: manifestSha256 && ok ? options.findRecordedExport?.(manifestSha256) ?? null : null
		};
	};
	if (!read.ok) return verdict(read.problems, null);
	const problems = [];
	const files = new Map(read.entries.map((e) => [e.name, e]));
	for (const name of files.keys()) if (!FIXED.has(name) && name !== "manifest.sig" && !LAYOUT.test(name)) problems.push({
		code: "unexpected-file",
		message: "not part of the case layout (case.json, report.html, manifest, overlays/, evidence/)",
		where: name
	});
	for (const name of FIXED) if (!files.has(name)) problems.push({
		code: "missing-file",
		message: `the case has no ${name}`,
		where: name
	});
	const { manifestSha256, caseId, custodyHead } = checkManifest(files, problems);
	signer = checkSigner(files, options.trust ?? profileTrust(), problems);
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
	checkCustody(caseFile, custodyHead, problems);
	checkAnnotations(caseFile, problems);
	checkReport(caseFile, files.get(REPORT_HTML), problems);
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
	for (const row of custodyEntries(workspace, "export").reverse()) try {
		if (JSON.parse(row.detail).manifestSha256 === manifestSha256) return {
			seq: row.seq,
			at: row.at
		};
	} catch {}
	return null;
}
export { viridis as a, validateCaseJson as c, latestAnnotations as d, event as f, objectOf as h, expertColour as i, annotationsOf as l, noPayload as m, verifyCaseFile as n, buildManifest as o, method as p, renderReportHtml as r, sha256Hex as s, recordedExport as t, bookmarkedSampleIds as u };
