// Case files end to end over a real scored workspace (real ONNX inference, SQLite, sharp, zip on disk):
// export → verify round trip in both evidence modes, contents of case.json and the report, import, and
// every tampering case refused with its own reason, also through the CLI's exit code.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_JSON, MANIFEST_HASH, MANIFEST_JSON, MANIFEST_SIG, type CaseFile } from '../../common/cases/case-types.js';
import type { CaseExportSummary } from '../../common/contract/cases.js';
import { DECISION_RULE } from '../../common/metrics/decision.js';
import { runCli } from '../../test/support/cli.js';
import { scoredCaseWorkspace, type ScoredCaseWorkspace } from '../../test/support/scored-case-workspace.js';
import { addAnnotation, setBookmark } from '../workspace/annotations.js';
import { exportCase, type ExportCaseOptions } from './export-case.js';
import { importCase } from './import-case.js';
import { buildManifest } from './manifest.js';
import { verifyCaseFile } from './verify-case.js';
import { DEFAULT_ZIP_LIMITS, readZipSafely, type ZipFileEntry } from './zip-reader.js';
import { buildZip, type ZipInput } from './zip-writer.js';
import { custodyEntries } from '../workspace/custody.js';
import { sampleRecords } from '../workspace/samples.js';

let fx: ScoredCaseWorkspace;
let embedded: CaseExportSummary;
let hashesOnly: CaseExportSummary;
const out = mkdtempSync(path.join(tmpdir(), 'uad-case-out-'));
const operatingPoint = { threshold: 0.5, criterion: 'eer', split: 'dev', dataHash: 'ab'.repeat(32), at: '2025-01-01T00:00:00.000Z' };

function options(patch: Partial<ExportCaseOptions> = {}): ExportCaseOptions {
  return { source: 'annotated', sampleIds: [...fx.idByPath.values()].slice(0, 3), title: 'Demo case', examiner: 'examiner-a', evidence: 'embed', operatingPoint, modelSha256: fx.modelSha256, ...patch };
}

beforeAll(async () => {
  fx = await scoredCaseWorkspace();
  const id = (p: string) => fx.idByPath.get(p)!;
  addAnnotation(fx.workspace, { sampleId: id('attack/print/subject-01.jpg'), verdict: 'attack', attackSpecies: 'print', tags: ['halftone'], note: 'stripes', status: 'open' });
  addAnnotation(fx.workspace, { sampleId: id('attack/print/subject-01.jpg'), verdict: 'attack', attackSpecies: 'print', tags: ['halftone'], note: 'confirmed', status: 'verified', author: 'examiner-b' });
  addAnnotation(fx.workspace, { sampleId: id('live/subject-01.jpg'), verdict: 'bona-fide', status: 'reviewed' });
  addAnnotation(fx.workspace, { sampleId: id('attack/replay/subject-02.jpg'), verdict: 'inconclusive', note: '<script>alert(1)</script>', status: 'open' });
  setBookmark(fx.workspace, id('live/subject-02.jpg'), true);
  const annotated = ['attack/print/subject-01.jpg', 'live/subject-01.jpg', 'attack/replay/subject-02.jpg'].map(id);
  embedded = await exportCase(fx.workspace, options({ sampleIds: annotated, outPath: path.join(out, 'embedded.zip') }));
  hashesOnly = await exportCase(fx.workspace, options({ sampleIds: annotated, evidence: 'hashes', outPath: path.join(out, 'hashes.zip') }));
}, 120_000);
afterAll(() => fx?.workspace.close());

async function entriesOf(zip: string): Promise<Map<string, Buffer>> {
  const read = await readZipSafely(zip);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return new Map(read.entries.map((e: ZipFileEntry) => [e.name, e.data]));
}

/**
 * Rewrites a case: mutate its files, optionally recompute the manifest (dropping the signature it no
 * longer matches) so only the deeper checks can object.
 */
async function tampered(mutate: (files: Map<string, Buffer>) => ZipInput[] | void, resign = false): Promise<string> {
  const files = await entriesOf(embedded.path);
  let list = mutate(files) ?? [...files].map(([name, data]) => ({ name, data }));
  if (resign) {
    const payload = list.filter((f) => f.name !== MANIFEST_JSON && f.name !== MANIFEST_HASH && f.name !== MANIFEST_SIG);
    const original = JSON.parse(files.get(CASE_JSON)!.toString()) as CaseFile;
    const { manifest, manifestHashFile } = buildManifest(original.case.id, original.custody.head, payload);
    list = [...payload, { name: MANIFEST_JSON, data: manifest }, { name: MANIFEST_HASH, data: manifestHashFile }];
  }
  const file = path.join(out, `tampered-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(file, buildZip(list));
  return file;
}

const codes = async (file: string, limits = DEFAULT_ZIP_LIMITS) => (await verifyCaseFile(file, { limits })).problems.map((p) => p.code);
const editJson = (files: Map<string, Buffer>, edit: (c: CaseFile) => void) => {
  const value = JSON.parse(files.get(CASE_JSON)!.toString()) as CaseFile;
  edit(value);
  files.set(CASE_JSON, Buffer.from(JSON.stringify(value)));
};

describe('export → verify round trip', () => {
  it('an exported case verifies, and the workspace recorded its manifest hash', async () => {
    for (const exported of [embedded, hashesOnly]) {
      const verdict = await verifyCaseFile(exported.path, { findRecordedExport: () => ({ seq: 1, at: 'x' }) });
      expect(verdict.problems).toEqual([]);
      expect(verdict).toMatchObject({ ok: true, manifestSha256: exported.manifestSha256, summary: { samples: 3, annotations: 4, evidence: exported.evidence } });
    }
    const exports = custodyEntries(fx.workspace, 'export').map((r) => JSON.parse(r.detail) as { manifestSha256: string });
    expect(exports.map((e) => e.manifestSha256)).toEqual([embedded.manifestSha256, hashesOnly.manifestSha256]);
    expect(fx.workspace.verifyCustody().ok).toBe(true);
  });

  it('case.json carries evidence hashes, model identity, operating point, results, routing, history, custody and limitations', async () => {
    const files = await entriesOf(embedded.path);
    const c = JSON.parse(files.get(CASE_JSON)!.toString()) as CaseFile;
    const recorded = new Map(sampleRecords(fx.workspace).map((r) => [r.id, r.sha256]));
    for (const e of c.evidence) {
      expect(e.sha256).toBe(recorded.get(e.sampleId));
      expect(e.integrityAtExport).toBe('matches');
      expect(files.get(e.file!)).toBeDefined();
      expect(e.details).toEqual({ format: 'jpeg', width: 160, height: 160, exif: null, exifNote: 'no EXIF' });
    }
    expect(c.model.sha256).toBe(fx.modelSha256);
    expect(c.operatingPoint).toMatchObject({ threshold: 0.5, criterion: 'eer', split: 'dev', rule: DECISION_RULE });
    expect(c.software.exporter.onnxruntime).toMatch(/^\d+\.\d+/);
    expect(c.software.runs[0]!.provider).toBe('cpu');
    for (const r of c.results) {
      expect(r.decision).toBe(r.score! >= 0.5 ? 'attack' : 'bona-fide');
      expect(r.margin).toBeCloseTo(r.score! - 0.5, 12);
      expect(r.routing.length).toBe(c.model.moe!.layers.length);
      for (const layer of r.routing) {
        expect(layer.argmaxShare.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
        expect(layer.meanExpertMass.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
      }
      for (const overlay of r.overlays) {
        const meta = await sharp(files.get(overlay.file)!).metadata();
        expect(meta.format).toBe('png');
      }
    }
    expect(c.annotations.filter((a) => a.sampleId === fx.idByPath.get('attack/print/subject-01.jpg')).map((a) => a.status)).toEqual(['open', 'verified']);
    expect(c.custody.verifiedAtExport).toBe(true);
    expect(c.custody.entries.at(-1)!.hash).toBe(c.custody.head);
    expect(c.limitations.join(' ')).toMatch(/not proof/);
    const hashes = JSON.parse((await entriesOf(hashesOnly.path)).get(CASE_JSON)!.toString()) as CaseFile;
    expect(hashes.evidence.every((e) => e.file === null)).toBe(true);
    expect([...(await entriesOf(hashesOnly.path)).keys()].some((n) => n.startsWith('evidence/'))).toBe(false);
  });

  it('the report is offline, escapes what analysts typed, and references every overlay', async () => {
    const files = await entriesOf(embedded.path);
    const html = files.get('report.html')!.toString();
    expect(html).not.toMatch(/<script|https?:\/\/|src="\//);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/investigative findings, not proof/i);
    expect(html.toLowerCase()).not.toContain('proven fake');
    for (const name of files.keys()) if (name.startsWith('overlays/')) expect(html).toContain(`src="${name}"`);
  });

  it('never overwrites an existing case file', async () => {
    await expect(exportCase(fx.workspace, options({ outPath: embedded.path }))).rejects.toThrow(/never overwritten/);
  });

  it('imports a verified case into the workspace folder and logs it', async () => {
    const imported = await importCase(fx.workspace, embedded.path);
    expect(imported.verification.ok).toBe(true);
    expect(imported.folder!.startsWith(path.join(fx.dir, 'cases', 'imported'))).toBe(true);
    expect(existsSync(imported.reportPath!)).toBe(true);
    expect(readFileSync(path.join(imported.folder!, CASE_JSON)).equals((await entriesOf(embedded.path)).get(CASE_JSON)!)).toBe(true);
    expect(imported.verification.recordedExport).not.toBeNull();
    const last = custodyEntries(fx.workspace).at(-1)!;
    expect(last.action).toBe('import');
    const rejected = await importCase(fx.workspace, await tampered((f) => { f.set('report.html', Buffer.from('<p>forged</p>')); }));
    expect(rejected).toMatchObject({ folder: null, verification: { ok: false } });
  });
});

describe('tampering is refused with a reason', () => {
  it('an edited file (hash no longer matches the manifest)', async () => {
    const file = await tampered((f) => { const png = [...f.keys()].find((n) => n.endsWith('.png'))!; const data = Buffer.from(f.get(png)!); data[data.length - 20] ^= 1; f.set(png, data); });
    expect(await codes(file)).toEqual(['hash-mismatch']);
  });

  it('an edited manifest (its own hash no longer matches manifest.sha256)', async () => {
    const file = await tampered((f) => { f.set(MANIFEST_JSON, Buffer.from(f.get(MANIFEST_JSON)!.toString().replace(/"bytes": (\d+)/, '"bytes": 1$1'))); });
    // The signature over the original manifest no longer matches it either.
    expect(await codes(file)).toEqual(['manifest-hash', 'hash-mismatch', 'bad-signature']);
  });

  it('swapped evidence re-signed into the manifest (the recorded SHA-256 in case.json catches it)', async () => {
    const file = await tampered((f) => { const ev = [...f.keys()].find((n) => n.startsWith('evidence/'))!; f.set(ev, Buffer.concat([f.get(ev)!, Buffer.from([0])])); }, true);
    expect(await codes(file)).toEqual(['evidence-mismatch']);
  });

  it('a schema violation, even with a consistent manifest', async () => {
    const file = await tampered((f) => editJson(f, (c) => { (c.results[0] as { decision: string }).decision = 'proven fake'; }), true);
    const verdict = await verifyCaseFile(file);
    expect(verdict.problems.map((p) => p.code)).toEqual(['schema']);
    expect(verdict.problems[0]!.where).toBe('case.json#/results/0/decision');
  });

  it('evidence details: EXIF fields pass, coordinates or control characters never do', async () => {
    const exif = { make: 'Canon', model: 'EOS 5D', captured: '2024:03:01 09:08:07', modified: null, software: 'Darktable 4.6', orientation: 6, gpsPresent: true };
    const withDetails = (details: unknown) => tampered((f) => editJson(f, (c) => { (c.evidence[0] as { details: unknown }).details = details; }), true);
    expect(await codes(await withDetails({ format: 'jpeg', width: 160, height: 160, exif, exifNote: null }))).toEqual([]);
    expect(await codes(await withDetails(null))).toEqual([]);
    for (const bad of [
      { format: 'jpeg', width: 160, height: 160, exif: { ...exif, latitude: 48.85 }, exifNote: null },
      { format: 'jpeg', width: 160, height: 160, exif: { ...exif, make: 'Canon\u001b[2J' }, exifNote: null },
      { format: 'jpeg', width: 160, height: 160, exif: { ...exif, orientation: 9 }, exifNote: null },
      { format: 'jpeg', width: 160, height: 160, exif },
    ]) {
      const verdict = await verifyCaseFile(await withDetails(bad));
      expect(verdict.problems.map((p) => p.code)).toEqual(['schema']);
      expect(verdict.problems[0]!.where).toMatch(/^case\.json#\/evidence\/0\/details/);
    }
  });

  it('an edited custody entry inside case.json', async () => {
    const file = await tampered((f) => editJson(f, (c) => { c.custody.entries[0]!.actor = 'someone-else'; }), true);
    // The report, rendered from the genuine custody log, no longer matches case.json either.
    expect(await codes(file)).toEqual(['custody-chain', 'report-mismatch']);
  });

  it('missing, unlisted and out-of-layout files', async () => {
    expect(await codes(await tampered((f) => { f.delete('report.html'); }, true))).toEqual(['missing-file']);
    expect(await codes(await tampered((f) => { f.set('overlays/s1/extra.png', Buffer.from('x')); }))).toEqual(['unlisted-file']);
    expect(await codes(await tampered((f) => { f.set('run-me.sh', Buffer.from('rm -rf ~')); }, true))).toEqual(['unexpected-file']);
  });

  it('zip-slip, absolute paths, symlinks, duplicates and oversized entries in a real case', async () => {
    const plus = (extra: ZipInput) => tampered((f) => [...[...f].map(([name, data]) => ({ name, data })), extra]);
    expect(await codes(await plus({ name: '../../.bashrc', data: Buffer.from('x') }))).toEqual(['zip-slip']);
    expect(await codes(await plus({ name: '/tmp/evil.txt', data: Buffer.from('x') }))).toEqual(['absolute-path']);
    expect(await codes(await plus({ name: 'overlays/s1/link.png', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }))).toEqual(['symlink']);
    expect(await codes(await plus({ name: 'CASE.JSON', data: Buffer.from('{}') }))).toEqual(['duplicate']);
    expect(await codes(embedded.path, { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 4096 })).toContain('oversized');
  });
});

describe('uad verify-case / export-case', () => {
  it('exit 0 for a good case, 1 with the reason for a tampered one, 2 for usage errors', async () => {
    const good = await runCli(['verify-case', embedded.path, '--expect-manifest', embedded.manifestSha256]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain(`OK  ${embedded.path}`);
    const bad = await runCli(['verify-case', await tampered((f) => { f.set('report.html', Buffer.from('<p>forged</p>')); })]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/REJECTED[\s\S]*\[hash-mismatch\] report\.html: file content does not match/);
    expect((await runCli(['verify-case'])).code).toBe(2);
  }, 60_000);

  it('export-case writes a case that verify-case accepts against the workspace custody log', async () => {
    const file = path.join(out, 'cli.zip');
    const exported = await runCli(['export-case', '--workspace', fx.dir, '--annotated', '--examiner', 'cli-examiner', '--evidence', 'hashes', '--out', file]);
    expect(exported.code, exported.stderr).toBe(0);
    const verified = await runCli(['verify-case', file, '--workspace', fx.dir]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/exported from the given workspace \(custody entry \d+/);
  }, 60_000);
});
