// Contract namespace `cases`: export annotated samples as a hash-verified case file (zip), verify one,
// and import one into the workspace's case folder (ARCHITECTURE.md §7). Pure shared code (common/).
import type { Result } from '../result.js';
import { objectOf, PayloadError, type Validator } from '../validate.js';
import { method } from './define.js';
import type { OperatingPoint } from './operating-point.js';

export const CASE_SOURCES = ['selection', 'bookmarks', 'annotated'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** embed: the evidence files travel inside the zip; hashes: only their SHA-256 and metadata do. */
export const EVIDENCE_MODES = ['embed', 'hashes'] as const;
export type EvidenceMode = (typeof EVIDENCE_MODES)[number];

export const MAX_CASE_SAMPLES = 5000;

export type { OperatingPoint };

export interface CaseExportRequest {
  source: CaseSource;
  /** The samples, when source is 'selection'. */
  sampleIds?: number[];
  title: string;
  examiner: string;
  description?: string;
  evidence: EvidenceMode;
  operatingPoint: OperatingPoint;
  /** Whose predictions to report; defaults to the model in slot A, else the latest scored model. */
  modelSha256?: string;
  /** Where to write the zip; defaults to <workspace>/cases/<case id>.zip. Never overwrites. */
  outPath?: string;
  /** The Evaluation view's switch when τ was set: out-of-domain samples decided by score (else non-responses). Recorded in the case's provenance. */
  decideOutOfDomainByScore?: boolean;
}

export interface CaseExportSummary {
  path: string;
  caseId: string;
  /** SHA-256 of manifest.json: quote it to whoever receives the case, and check it on arrival. */
  manifestSha256: string;
  /** Fingerprint of this profile's key, which signed the manifest. */
  signerFingerprint: string;
  samples: number;
  files: number;
  bytes: number;
  evidence: EvidenceMode;
  /** Problems worth telling the analyst that did not stop the export (e.g. a file changed since scoring). */
  warnings: string[];
}

export interface CaseProblem {
  /** Stable code, e.g. 'hash-mismatch', 'zip-slip', 'symlink', 'oversized', 'schema'. */
  code: string;
  message: string;
  /** The zip entry or JSON pointer concerned. */
  where?: string;
}

/**
 * Who signed a case, judged against this profile's trust list: trusted (its own key or a key the user
 * added), unknown (a valid signature by a key not trusted here), untrusted (a valid signature, but this
 * profile's own key or trust list cannot be relied on: `reason` says why), unsigned, or invalid (the
 * signature does not match the manifest: tampering, also counted as a problem).
 */
export type SignerStatus = 'trusted' | 'unknown' | 'untrusted' | 'unsigned' | 'invalid';

export interface CaseSigner {
  status: SignerStatus;
  /** The signing key's fingerprint (`SHA256:<hex>`), recomputed from the key the case carries. */
  fingerprint: string | null;
  /** The trusted key's name ("this profile's own key" or the name given when it was trusted). */
  name: string | null;
  own: boolean;
  /** Why trust could not be judged (status 'untrusted'): the key folder, trust list or own key that was refused. */
  reason: string | null;
}

export interface CaseVerification {
  /** Integrity: every hash, the schema and the internal consistency checks hold (says nothing of who made it). */
  ok: boolean;
  /** Integrity and a valid signature by a trusted key: the only state in which a case is authentic. */
  authentic: boolean;
  signer: CaseSigner;
  path: string;
  manifestSha256: string | null;
  problems: CaseProblem[];
  /** What the case holds, when case.json could be read. */
  summary: { caseId: string; title: string; examiner: string; createdAt: string; samples: number; annotations: number; modelName: string; modelSha256: string; evidence: EvidenceMode } | null;
  /** The custody entry of this workspace that recorded exporting exactly this manifest, if any. */
  recordedExport: { seq: number; at: string } | null;
  /** What a reader should know that is no problem (e.g. a report written by an earlier version). */
  notes?: string[];
}

export interface CaseImport {
  verification: CaseVerification;
  /** Where the verified case was unpacked (inside the workspace's folder); null when rejected. */
  folder: string | null;
  reportPath: string | null;
}

const exportFields = objectOf({
  source: { kind: 'enum', values: CASE_SOURCES },
  title: { kind: 'string', maxLength: 200 },
  examiner: { kind: 'string', maxLength: 100 },
  description: { kind: 'string', optional: true, maxLength: 4000 },
  evidence: { kind: 'enum', values: EVIDENCE_MODES },
  modelSha256: { kind: 'string', optional: true, maxLength: 64 },
  outPath: { kind: 'string', optional: true, maxLength: 4096 },
  /** The Evaluation view's switch when τ was set: out-of-domain samples decided by score (else non-responses). */
  decideOutOfDomainByScore: { kind: 'boolean', optional: true },
});

const operatingPointFields = objectOf({
  threshold: { kind: 'number' },
  criterion: { kind: 'string', maxLength: 64 },
  split: { kind: 'string', optional: true, maxLength: 256 },
  dataHash: { kind: 'string', optional: true, maxLength: 128 },
  at: { kind: 'string', maxLength: 64 },
});

function sampleIdList(value: unknown): number[] {
  if (!Array.isArray(value)) throw new PayloadError("'sampleIds' must be a list of sample ids");
  if (value.length > MAX_CASE_SAMPLES) throw new PayloadError(`a case holds at most ${MAX_CASE_SAMPLES} samples`);
  for (const id of value) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw new PayloadError("'sampleIds' must hold positive integers");
  }
  return [...value] as number[];
}

/** The export payload: flat fields through objectOf, the id list and the nested operating point by hand. */
const exportValidator: Validator<CaseExportRequest> = (input) => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new PayloadError('argument must be an object');
  const { sampleIds, operatingPoint, ...rest } = input as Record<string, unknown>;
  const flat = exportFields(rest);
  if (operatingPoint === undefined) throw new PayloadError("'operatingPoint' is required");
  const request: CaseExportRequest = { ...flat, operatingPoint: operatingPointFields(operatingPoint) };
  if (sampleIds !== undefined) request.sampleIds = sampleIdList(sampleIds);
  if (flat.source === 'selection' && !request.sampleIds?.length) throw new PayloadError("a 'selection' export needs 'sampleIds'");
  return request;
};

const zipPath = objectOf({ path: { kind: 'string', maxLength: 4096 } });

export const casesContract = {
  /** Writes a case file from the chosen samples and logs a custody 'export' entry with its manifest hash. */
  export: method<Result<CaseExportSummary>>()(exportValidator),
  /** Checks a case file: zip safety, every hash, the manifest's own hash, the schema, the custody chain. */
  verify: method<Result<CaseVerification>>()(zipPath),
  /** Verifies, then unpacks a case into <workspace>/cases/imported/ and logs a custody 'import' entry. */
  import: method<Result<CaseImport>>()(zipPath),
} as const;
