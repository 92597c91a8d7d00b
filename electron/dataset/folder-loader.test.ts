// Folder loader on real files: class sub-folders, unreadable and non-image files, bad roots.
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { listFolder } from './folder-loader.js';

async function png(file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png().toFile(file);
}

describe('listFolder', () => {
  it('lists images with label and species and marks unusable files', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-folder-'));
    await png(path.join(root, 'live', 'a.png'));
    await png(path.join(root, 'attack', 'mask', 'b.png'));
    writeFileSync(path.join(root, 'attack', 'mask', 'empty.jpg'), '');
    writeFileSync(path.join(root, 'attack', 'mask', 'text.jpg'), 'hello');
    await png(path.join(root, 'other', 'c.png'));
    await png(path.join(root, 'attack', 'mask', 'locked.png'));
    chmodSync(path.join(root, 'attack', 'mask', 'locked.png'), 0o000);
    symlinkSync('/nonexistent/target.png', path.join(root, 'attack', 'mask', 'dangling.png'));

    const result = await listFolder(root);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byPath = Object.fromEntries(result.value.samples.map((s) => [s.path, s]));
    expect(byPath['live/a.png']).toMatchObject({ label: 0, species: 'bona-fide', status: 'ok' });
    expect(byPath['attack/mask/b.png']).toMatchObject({ label: 1, species: 'mask', status: 'ok' });
    expect(byPath['attack/mask/empty.jpg']).toMatchObject({ status: 'empty' });
    expect(byPath['attack/mask/text.jpg']).toMatchObject({ status: 'not-an-image' });
    expect(byPath['attack/mask/dangling.png']).toMatchObject({ status: 'missing' });
    // root can read anything; elsewhere the locked file is unreadable.
    expect(['ok', 'unreadable']).toContain(byPath['attack/mask/locked.png']!.status);
    expect(result.value.skipped.map((s) => s.path)).toEqual(['other/c.png']);
    expect(result.value.counts.bonaFide).toBe(1);
    expect(result.value.counts.attack).toBe(result.value.samples.length - 1);
  });

  it('reports a missing root or a file given as root clearly', async () => {
    expect(await listFolder('/definitely/not/here')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'uad-folder-')), 'x.txt');
    writeFileSync(file, 'x');
    expect(await listFolder(file)).toMatchObject({ ok: false, error: { code: 'not-a-folder' } });
  });
});
