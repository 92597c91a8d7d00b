// Imports a case file into the workspace: verifies it first (nothing is written for a rejected case),
// refuses a case whose id the workspace already holds (exported or imported: never displaced), then
// unpacks it under <workspace>/cases/imported/<case id>/ without following or overwriting anything, and
// logs a custody 'import' entry with its signer. Node side (cases).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPORT_HTML } from '../../common/cases/case-types.js';
import type { CaseImport } from '../../common/contract/cases.js';
import { caseCustodyEntries, custodyEntries } from '../workspace/custody.js';
import type { Workspace } from '../workspace/workspace.js';
import { verifyCaseArchive } from './verify-case.js';

/** The custody 'export' entry of this workspace that recorded a manifest hash, if any. */
export function recordedExport(workspace: Workspace, manifestSha256: string): { seq: number; at: string } | null {
  for (const row of custodyEntries(workspace, 'export').reverse()) {
    try {
      if ((JSON.parse(row.detail) as { manifestSha256?: unknown }).manifestSha256 === manifestSha256) return { seq: row.seq, at: row.at };
    } catch { /* an unreadable detail cannot match */ }
  }
  return null;
}

/**
 * The custody entry of this workspace that exported or imported a *different* case under this id, if
 * any. The same case (same manifest hash) may be imported again; another one may never take its id.
 */
function caseIdHeld(workspace: Workspace, caseId: string, manifestSha256: string | null): { seq: number; action: string } | null {
  return caseCustodyEntries(workspace, caseId).find((entry) => entry.manifestSha256 !== manifestSha256) ?? null;
}

async function freshFolder(base: string, name: string): Promise<string> {
  await mkdir(base, { recursive: true });
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(base, n === 1 ? name : `${name}-${n}`);
    try {
      await mkdir(candidate); // fails when it exists: an import never mixes with an earlier one
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`too many imports of ${name} in ${base}`);
}

export async function importCase(workspace: Workspace, file: string): Promise<CaseImport> {
  // Unpacks exactly the bytes that were verified: the archive is read once.
  const { verification, entries } = await verifyCaseArchive(file, { findRecordedExport: (hash) => recordedExport(workspace, hash) });
  if (!verification.ok || !verification.summary) return { verification, folder: null, reportPath: null };
  const held = caseIdHeld(workspace, verification.summary.caseId, verification.manifestSha256);
  if (held) {
    verification.problems.push({
      code: 'duplicate-case-id',
      message: `this workspace already holds a different case with the id ${verification.summary.caseId} (custody entry ${held.seq}, ${held.action}); the existing case is kept and nothing was imported`,
    });
    return { verification: { ...verification, ok: false, authentic: false }, folder: null, reportPath: null };
  }
  const folder = await freshFolder(path.join(path.dirname(workspace.file), 'cases', 'imported'), verification.summary.caseId);
  for (const entry of entries) {
    const target = path.resolve(folder, entry.name);
    if (!target.startsWith(folder + path.sep)) throw new Error(`refusing to write outside the case folder: ${entry.name}`); // unreachable after verification
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, entry.data, { flag: 'wx' });
  }
  workspace.custody('import', {
    case: verification.summary!.caseId, manifestSha256: verification.manifestSha256, from: path.resolve(file), folder,
    signer: verification.signer.status, fingerprint: verification.signer.fingerprint,
  });
  return { verification, folder, reportPath: path.join(folder, REPORT_HTML) };
}
