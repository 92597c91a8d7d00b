// checkListedFiles: the same verdicts from stat-only checks (long lists) as from full checks for everything a
// stat can tell, the content check left to scoring with a warning, and every line kept in order. Node side.
import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CappedLog, checkListedFiles } from './listed-files.js';

let root: string;
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const listed = ['a/one.jpg', 'a/text.jpg', 'a/empty.jpg', 'a/gone.jpg', 'absent-folder/x.jpg', 'a', 'a/link.jpg', 'b/two.jpg'];

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'uad-listed-'));
  mkdirSync(path.join(root, 'a'));
  mkdirSync(path.join(root, 'b'));
  writeFileSync(path.join(root, 'a', 'one.jpg'), JPEG_HEAD);
  writeFileSync(path.join(root, 'a', 'text.jpg'), 'not an image at all');
  writeFileSync(path.join(root, 'a', 'empty.jpg'), '');
  linkSync(path.join(root, 'a', 'one.jpg'), path.join(root, 'a', 'link.jpg'));
  writeFileSync(path.join(root, 'b', 'two.jpg'), JPEG_HEAD);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('checkListedFiles', () => {
  it('checks content up to the limit and says nothing of deferral', async () => {
    const warnings = new CappedLog<string>();
    const checks = await checkListedFiles(root, listed, undefined, { warnings });
    expect(checks.map((c) => c.status)).toEqual(['ok', 'not-an-image', 'empty', 'missing', 'missing', 'unreadable', 'ok', 'ok']);
    expect(warnings.count).toBe(0);
  });

  it('above the limit stats only: the same verdicts a stat can give, content left to scoring, with a warning', async () => {
    const full = await checkListedFiles(root, listed);
    const warnings = new CappedLog<string>();
    const checks = await checkListedFiles(root, listed, undefined, { warnings, contentCheckMaxFiles: 3 });
    expect(checks).toHaveLength(listed.length);
    expect(checks.map((c) => c.status)).toEqual(['ok', 'ok', 'empty', 'missing', 'missing', 'unreadable', 'ok', 'ok']);
    for (const at of [0, 2, 3, 4, 5, 6, 7]) {
      expect(checks[at]!.status).toBe(full[at]!.status);
      expect(checks[at]!.sizeBytes).toBe(full[at]!.sizeBytes);
    }
    // A hard link is still the same file as its target, so two lines naming it stay one sample.
    expect(checks[6]!.identity).toBeDefined();
    expect(checks[6]!.identity).toBe(checks[0]!.identity);
    expect(checks[6]!.identity).toBe(full[6]!.identity);
    expect(warnings.count).toBe(1);
    expect(warnings.entries[0]).toMatch(/^8 files listed: .*checked when it is scored/);
  });
});
