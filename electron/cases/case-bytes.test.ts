// Every byte of a signed case is accounted for: a genuine, trusted case re-zipped with extra fields,
// comments, bytes after a deflate stream, local headers that disagree with the central directory, a
// data descriptor, a reordered directory or a whole entry hidden inside case.json's packed range is
// refused, and so is a manifest.sig that is not exactly what the signer writes. Node side (cases),
// a real scored workspace; the archives are written byte by byte (test/support/zip-craft.ts).
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_JSON, MANIFEST_HASH, MANIFEST_SIG } from '../../common/cases/case-types.js';
import { runCli } from '../../test/support/cli.js';
import { scoredCaseWorkspace, type ScoredCaseWorkspace } from '../../test/support/scored-case-workspace.js';
import { craftZip, extraField, localEntryBytes, type CraftEntry, type CraftOptions } from '../../test/support/zip-craft.js';
import { exportCase } from './export-case.js';
import { importCase } from './import-case.js';
import { verifyCaseFile } from './verify-case.js';
import { readZipSafely, type ZipFileEntry } from './zip-reader.js';

let fx: ScoredCaseWorkspace;
let entries: ZipFileEntry[];
const out = mkdtempSync(path.join(tmpdir(), 'uad-case-bytes-'));
let n = 0;

beforeAll(async () => {
  fx = await scoredCaseWorkspace();
  const genuine = await exportCase(fx.workspace, {
    source: 'selection', sampleIds: [...fx.idByPath.values()].slice(0, 2), title: 'Genuine case', examiner: 'examiner-a', evidence: 'hashes',
    operatingPoint: { threshold: 0.5, criterion: 'eer', at: '2025-01-01T00:00:00.000Z' }, modelSha256: fx.modelSha256, outPath: path.join(out, 'genuine.zip'),
  });
  const read = await readZipSafely(genuine.path);
  if (!read.ok) throw new Error('the genuine case does not read');
  entries = read.entries;
}, 120_000);
afterAll(() => fx?.workspace.close());

/** The genuine case's entries re-zipped, each changed by `change` (by name), then written to disk. */
function rezip(change: (entry: CraftEntry) => CraftEntry = (e) => e, options: CraftOptions = {}): string {
  const file = path.join(out, `rezipped-${n++}.zip`);
  writeFileSync(file, craftZip(entries.map((e) => change({ name: e.name, data: e.data })), options));
  return file;
}
const onCase = (tamper: Partial<CraftEntry>) => rezip((e) => (e.name === CASE_JSON ? { ...e, ...tamper } : e));
const codes = async (file: string) => {
  const v = await verifyCaseFile(file);
  expect(v.ok, `${file} verified`).toBe(false);
  expect(v.authentic).toBe(false);
  return v.problems.map((p) => p.code);
};

describe('the archive holds nothing a hash does not cover', () => {
  it('the genuine entries re-zipped faithfully still verify as authentic (the writer in the test is sound)', async () => {
    const v = await verifyCaseFile(rezip());
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ ok: true, authentic: true, signer: { status: 'trusted', own: true } });
  });

  it('refuses extra fields, central or local', async () => {
    const hidden = extraField(0xcafe, Buffer.from('<script>hidden</script>'));
    expect(await codes(onCase({ centralExtra: hidden }))).toEqual(['extra-field']);
    expect(await codes(onCase({ localExtra: hidden }))).toEqual(['extra-field']);
  });

  it('refuses an entry comment and an archive comment', async () => {
    expect(await codes(onCase({ comment: Buffer.from('hidden words') }))).toEqual(['entry-comment']);
    expect(await codes(rezip(undefined, { archiveComment: Buffer.from('hidden words') }))).toEqual(['archive-comment']);
  });

  it('refuses bytes after a deflate stream, and a whole entry hidden inside case.json\'s packed range', async () => {
    expect(await codes(onCase({ trailing: Buffer.from('appended after the stream') }))).toEqual(['trailing-data']);
    const smuggled = onCase({ trailing: localEntryBytes('evil.html', Buffer.from('<script>alert(1)</script>')) });
    expect(await codes(smuggled)).toEqual(['trailing-data']);
  });

  it('refuses local headers whose CRC, method, sizes or flags disagree with the central directory', async () => {
    const caseData = entries.find((e) => e.name === CASE_JSON)!.data;
    for (const local of [{ crc: 0x12345678 }, { method: 0 }, { size: caseData.length + 1 }, { compressedSize: 3 }, { flags: 0 }]) {
      expect(await codes(onCase({ local })), JSON.stringify(local)).toEqual(['header-mismatch']);
    }
  });

  it('refuses a data descriptor flag and a central directory in another order than the entries', async () => {
    expect(await codes(onCase({ flags: 0x0808 }))).toEqual(['data-descriptor']);
    const order = entries.map((_, i) => i).reverse();
    expect(await codes(rezip(undefined, { centralOrder: order }))).toEqual(['entry-order']);
  });

  it('uad verify-case says REJECTED (exit 1) and an import writes nothing for a smuggled entry', async () => {
    const smuggled = onCase({ trailing: localEntryBytes('evil.html', Buffer.from('<script>alert(1)</script>')) });
    const result = await runCli(['verify-case', smuggled]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/REJECTED[\s\S]*\[trailing-data\] case\.json:/);
    expect((await importCase(fx.workspace, smuggled)).folder).toBeNull();
  }, 60_000);
});

describe('the two files no manifest hash covers are read strictly', () => {
  it('manifest.sha256 is exactly the hash, two spaces, the name and one newline', async () => {
    for (const edit of [(t: string) => t.replace('\n', '\r\n'), (t: string) => t.replace('  ', ' *'), (t: string) => `${t}hidden words\n`]) {
      const file = rezip((e) => (e.name === MANIFEST_HASH ? { ...e, data: Buffer.from(edit(Buffer.from(e.data).toString('utf8'))) } : e));
      expect(await codes(file)).toEqual(['manifest-hash']);
    }
  });

  const withSignature = (edit: (body: Record<string, unknown>) => string) => rezip((e) => {
    if (e.name !== MANIFEST_SIG) return e;
    return { ...e, data: Buffer.from(edit(JSON.parse(Buffer.from(e.data).toString('utf8')) as Record<string, unknown>)) };
  });
  const signatureProblem = async (file: string) => {
    const v = await verifyCaseFile(file);
    expect(v).toMatchObject({ ok: false, authentic: false, signer: { status: 'invalid' } });
    return v.problems.filter((p) => p.code === 'bad-signature').map((p) => p.message);
  };

  it('manifest.sig: refuses extra keys, junk after the base64, non-canonical base64 and bytes around the JSON', async () => {
    const pretty = (body: Record<string, unknown>) => JSON.stringify(body, null, 2) + '\n';
    expect(await signatureProblem(withSignature((b) => pretty({ ...b, note: 'trusted by everyone' })))).toEqual([expect.stringMatching(/exactly the fields/)]);
    expect(await signatureProblem(withSignature((b) => pretty({ ...b, signature: `${String(b.signature)}junk` })))).toEqual([expect.stringMatching(/canonical base64/)]);
    expect(await signatureProblem(withSignature((b) => pretty({ ...b, signature: String(b.signature).replace(/=+$/, '') })))).toEqual([expect.stringMatching(/canonical base64/)]);
    expect(await signatureProblem(withSignature((b) => `${pretty(b)}\n<!-- hidden -->`))).toEqual([expect.stringMatching(/not valid UTF-8 JSON|exactly as written/)]);
    expect(await signatureProblem(withSignature((b) => JSON.stringify(b)))).toEqual([expect.stringMatching(/exactly as written/)]);
  });
});
