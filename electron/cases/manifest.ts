// The case manifest: the SHA-256 and size of every file in the zip and the custody head, plus
// manifest.sha256 holding the manifest's own hash in `sha256sum -c` format. Node side (cases).
import { createHash } from 'node:crypto';
import { MANIFEST_JSON, type CaseManifest } from '../../common/cases/case-types.js';

export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export const MANIFEST_FORMAT = 'uad-workbench-case-manifest/2';

export function buildManifest(caseId: string, custodyHead: string, files: { name: string; data: Uint8Array }[]): { manifest: Buffer; manifestHashFile: Buffer; manifestSha256: string } {
  const body: CaseManifest = {
    format: MANIFEST_FORMAT,
    algorithm: 'sha256',
    caseId,
    custodyHead,
    files: files.map((f) => ({ path: f.name, sha256: sha256Hex(f.data), bytes: f.data.length })),
  };
  const manifest = Buffer.from(JSON.stringify(body, null, 2) + '\n', 'utf8');
  const manifestSha256 = sha256Hex(manifest);
  return { manifest, manifestSha256, manifestHashFile: Buffer.from(`${manifestSha256}  ${MANIFEST_JSON}\n`, 'utf8') };
}

/**
 * Reads manifest.sha256: exactly `<hex>  manifest.json` and one newline, as buildManifest writes it (the
 * file is not in the manifest, so it may hold no byte beyond the hash); null when it is not that.
 */
export function parseManifestHashFile(text: string): string | null {
  const match = /^([0-9a-f]{64}) {2}manifest\.json\n$/.exec(text);
  return match ? match[1]! : null;
}

/** Checks a parsed manifest's shape; returns its file list or a reason. */
export function readManifest(value: unknown): { caseId: string; custodyHead: string; files: { path: string; sha256: string; bytes: number }[] } | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'manifest.json is not a JSON object';
  const record = value as Record<string, unknown>;
  if (record.format !== MANIFEST_FORMAT) return 'manifest.json has an unknown format';
  if (record.algorithm !== 'sha256') return 'manifest.json names an unsupported hash algorithm';
  if (typeof record.caseId !== 'string') return 'manifest.json has no case id';
  if (typeof record.custodyHead !== 'string' || !/^[0-9a-f]{64}$/.test(record.custodyHead)) return 'manifest.json does not record the custody head';
  if (!Array.isArray(record.files)) return 'manifest.json has no file list';
  const files: { path: string; sha256: string; bytes: number }[] = [];
  for (const item of record.files as unknown[]) {
    const f = item as Record<string, unknown>;
    if (typeof f !== 'object' || f === null || typeof f.path !== 'string' || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)
      || typeof f.bytes !== 'number' || !Number.isInteger(f.bytes) || f.bytes < 0) return 'manifest.json has a malformed file record';
    files.push({ path: f.path, sha256: f.sha256, bytes: f.bytes });
  }
  return { caseId: record.caseId, custodyHead: record.custodyHead, files };
}
