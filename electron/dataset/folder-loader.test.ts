// Folder loader on real files: class sub-folders, unreadable and non-image files, bad roots.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { listFolder } from './folder-loader.js';
import { MAX_REPORTED_ISSUES } from './listed-files.js';
import { loadProtocolList } from './protocol-list.js';

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
    // A mixed layout: the image outside the class folders is questioned, and the listing says which.
    expect(byPath['other/c.png']).toMatchObject({ label: null, category: 'questioned', species: 'questioned', status: 'ok' });
    expect(result.value.skipped).toEqual([]);
    expect(result.value.warnings?.messages).toEqual([
      'mixed layout: 6 images labelled by their class folders (live/…, attack/<species>/…); 1 images outside them are questioned (no ground truth): other/c.png',
    ]);
    expect(result.value.counts.bonaFide).toBe(1);
    expect(result.value.counts.questioned).toBe(1);
    expect(result.value.counts.attack).toBe(result.value.samples.length - 2);
  });

  it('accounts for every entry: a FIFO, a socket, a device, an SVG, other files, hidden entries, a linked folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-folder-'));
    await png(path.join(root, 'live', 'a.png'));
    execFileSync('mkfifo', [path.join(root, 'live', 'pipe.jpg')]);
    execFileSync('mkfifo', [path.join(root, 'live', 'pipe')]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'live', 'socket'), resolve));
    symlinkSync('/dev/null', path.join(root, 'live', 'null.png'));
    writeFileSync(path.join(root, 'live', 'face.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
    writeFileSync(path.join(root, 'live', 'old.bmp'), 'BM');
    writeFileSync(path.join(root, 'live', 'notes.txt'), 'notes');
    writeFileSync(path.join(root, 'live', 'README'), 'readme');
    writeFileSync(path.join(root, 'live', '.DS_Store'), 'x');
    mkdirSync(path.join(root, '.git'));
    symlinkSync(tmpdir(), path.join(root, 'elsewhere'));
    try {
      const result = await listFolder(root);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.samples.map((s) => [s.path, s.status, s.reason])).toEqual([
        ['live/a.png', 'ok', undefined],
        ['live/null.png', 'unreadable', 'not a regular file (character device)'],
      ]);
      const reasons = Object.fromEntries(result.value.skipped.map((s) => [s.path, s.reason]));
      expect(reasons).toEqual({
        '.git': 'hidden folder, not searched',
        elsewhere: 'symbolic link to a folder, not followed',
        'live/.DS_Store': 'hidden file, not listed',
        'live/pipe.jpg': 'not a regular file (named pipe)',
        'live/pipe': 'not a regular file (named pipe)',
        'live/socket': 'not a regular file (socket)',
        'live/face.svg': expect.stringMatching(/^unsupported format: SVG \(\.svg\); images must be JPEG, PNG, WebP, TIFF, GIF/),
        'live/old.bmp': expect.stringMatching(/^unsupported format: BMP \(\.bmp\)/),
        'live/notes.txt': expect.stringMatching(/^unsupported format: '\.txt' files/),
        'live/README': expect.stringMatching(/^unsupported format: no file extension/),
      });
    } finally {
      server.close();
    }
  });

  it('lists at most MAX_REPORTED_ISSUES skipped files and says how many more there were', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-folder-'));
    await png(path.join(root, 'live', 'a.png'));
    for (let i = 0; i < MAX_REPORTED_ISSUES + 20; i++) writeFileSync(path.join(root, 'live', `n${i}.txt`), '');
    const result = await listFolder(root);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.skipped).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(result.value.skipped.at(-1)).toEqual({ path: '', reason: '20 more files not listed' });
  });

  it('a protocol list naming a FIFO and an SVG reports both with reasons, without blocking', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-folder-'));
    mkdirSync(path.join(root, 'live', 'x', 'EA-001'), { recursive: true });
    execFileSync('mkfifo', [path.join(root, 'live', 'x', 'EA-001', '1.jpg')]);
    writeFileSync(path.join(root, 'live', 'x', 'EA-001', '2.jpg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const list = path.join(root, 'list_test.txt');
    writeFileSync(list, 'live/x/EA-001/1.jpg 0\nlive/x/EA-001/2.jpg 0\n');
    const result = await loadProtocolList(list);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.samples.map((s) => [s.status, s.reason])).toEqual([
      ['unreadable', 'not a regular file (named pipe)'],
      ['not-an-image', expect.stringMatching(/^unsupported format: the content is SVG;/)],
    ]);
  });

  it('reports a missing root or a file given as root clearly', async () => {
    expect(await listFolder('/definitely/not/here')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'uad-folder-')), 'x.txt');
    writeFileSync(file, 'x');
    expect(await listFolder(file)).toMatchObject({ ok: false, error: { code: 'not-a-folder' } });
  });
});

describe('questioned evidence (no ground truth)', () => {
  it('a folder with neither live/ nor attack/ is questioned as a whole, without a warning', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-folder-'));
    await png(path.join(root, 'IMG_0001.png'));
    await png(path.join(root, 'scene', 'IMG_0002.png'));
    const result = await listFolder(root);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.samples.map((s) => [s.path, s.label, s.category, s.species])).toEqual([
      ['IMG_0001.png', null, 'questioned', 'questioned'], ['scene/IMG_0002.png', null, 'questioned', 'questioned'],
    ]);
    expect(result.value.counts).toMatchObject({ total: 2, bonaFide: 0, attack: 0, questioned: 2 });
    expect(result.value.warnings).toBeUndefined();
  });

  it('a folder with no images says so, naming what it holds instead', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'uad-folder-'));
    expect(await listFolder(empty)).toMatchObject({ ok: false, error: { code: 'no-images', message: expect.stringMatching(/^No images in .* \(the folder is empty\)\.$/) } });
    const notes = mkdtempSync(path.join(tmpdir(), 'uad-folder-'));
    writeFileSync(path.join(notes, 'notes.txt'), 'x');
    expect(await listFolder(notes)).toMatchObject({ ok: false, error: { code: 'no-images', message: expect.stringMatching(/No images in .*1 other entries, e\.g\. notes\.txt: unsupported format/) } });
  });
});
