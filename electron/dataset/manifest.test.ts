// CSV manifest loader (RFC 4180 parsing, columns, path resolution, per-row errors) and openDataset's
// dispatch by what the path is.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../common/csv/read.js';
import { loadManifest } from './manifest.js';
import { openDataset } from './open-dataset.js';

async function png(file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png().toFile(file);
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'uad-manifest-'));
}

function writeCsv(folder: string, name: string, text: string | Buffer): string {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers records by starting line', () => {
    const parsed = parseCsv('a,b,c\r\n"x, y","say ""hi""",\n\n"multi\nline",2,3\rlast,,"" ');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.map((r) => [r.line, r.fields, r.problem])).toEqual([
      [1, ['a', 'b', 'c'], undefined],
      [2, ['x, y', 'say "hi"', ''], undefined],
      [4, ['multi\nline', '2', '3'], undefined],
      [6, ['last', '', ' '], 'unexpected text after a closing quote (field 3)'],
    ]);
  });

  it('marks a stray quote in an unquoted field, and fails naming the line of a quote never closed', () => {
    const stray = parseCsv('a,b\nx"y,1\n');
    expect(stray.ok && stray.value[1]!.problem).toBe('stray quote inside unquoted field 1');
    expect(parseCsv('path,label\nok.png,0\n"open.png,1\nmore,0\n')).toMatchObject({
      ok: false, error: { code: 'csv-unterminated', detail: 'line 3' },
    });
  });
});

describe('loadManifest', () => {
  it('opens a manifest with quoted, relative, absolute and outside paths, optional columns and a BOM', async () => {
    const top = tempDir();
    const folder = path.join(top, 'study');
    await png(path.join(folder, 'live/EA-001/a.png'));
    await png(path.join(folder, 'imgs/with, comma.png'));
    await png(path.join(top, 'elsewhere/spoof/east-asia/EA-003/screen-rs/color/1.png'));
    const csv = writeCsv(folder, 'manifest.csv', '\uFEFFPath,Label,Species,identity,split,score\r\n' + [
      'live/EA-001/a.png,0,,,Train,0.1',
      '"imgs/with, comma.png",1,print,P-7,val,0.9',
      `${path.join(folder, 'live/EA-001/a.png')},0,,,train,0.2`, // the file of line 2 again, same label and metadata
      `${path.join(top, 'elsewhere/spoof/east-asia/EA-003/screen-rs/color/1.png')},1,,,test,0.8`,
      'gone/UniAttackData/Data/adv-attacks/alma/alma_x-112x112/EA-004/1.jpg,1,,,,',
    ].join('\r\n'));

    const result = await loadManifest(csv);
    if (!result.ok) throw new Error(result.error.message);
    const listing = result.value;
    expect(listing).toMatchObject({ source: 'manifest', root: top, sourceFile: csv, skipped: [] });
    expect(listing.samples.map((s) => [s.path, s.label, s.category, s.species, s.identity, s.split, s.status])).toEqual([
      ['study/live/EA-001/a.png', 0, 'bona-fide', 'bona-fide', 'EA-001', 'train', 'ok'],
      ['study/imgs/with, comma.png', 1, 'attack', 'print', 'P-7', 'dev', 'ok'],
      ['elsewhere/spoof/east-asia/EA-003/screen-rs/color/1.png', 1, 'physical', 'screen-rs', 'EA-003', 'test', 'ok'],
      ['study/gone/UniAttackData/Data/adv-attacks/alma/alma_x-112x112/EA-004/1.jpg', 1, 'adversarial', 'alma', 'EA-004', '', 'missing'],
    ]);
    expect(listing.samples[3]!.reason).toBe(`file not found under ${top}`);
    expect(listing.warnings).toEqual({ count: 1, messages: ['line 4: same file as line 2 (study/live/EA-001/a.png) with the same label and metadata; kept once'] });
    expect(listing.duplicateLines).toBe(1);
    expect(listing.counts).toMatchObject({ total: 4, bonaFide: 1, attack: 3, unusable: 1, byCategory: { 'bona-fide': 1, attack: 1, physical: 1, adversarial: 1 } });
  });

  it('scores no file listed twice with conflicting label or metadata, and keeps an exact repeat once', async () => {
    const folder = tempDir();
    for (const name of ['a', 'b', 'c', 'd']) await png(path.join(folder, `img/${name}.png`));
    const csv = writeCsv(folder, 'dups.csv', [
      'path,label,species,split,identity',
      'img/a.png,0,,test,',
      './img/a.png,1,,test,', // label conflict
      'img/b.png,1,print,test,',
      `${path.join(folder, 'img', 'b.png')},1,replay,test,`, // species conflict through an absolute path
      'img/c.png,1,print,test,P-1',
      'img//c.png,1,print,test,P-1', // exact repeat
      'img/d.png,0,,train,',
      'img/x/../d.png,0,,dev,', // split conflict
    ].join('\n'));
    const result = await loadManifest(csv);
    if (!result.ok) throw new Error(result.error.message);
    const listing = result.value;
    expect(listing.samples.map((s) => [s.id, s.path, s.label, s.species, s.identity])).toEqual([[0, 'img/c.png', 1, 'print', 'P-1']]);
    expect(listing.duplicateLines).toBe(1);
    expect(listing.conflictingFiles).toBe(3);
    expect(listing.skipped.map((s) => s.line)).toEqual([2, 3, 4, 5, 8, 9]);
    expect(listing.skipped[0]!.reason).toMatch(/^line 2: same file as line 3 .*label 0 here, 1 on line 3.*not scored/);
    expect(listing.skipped[3]!.reason).toMatch(/^line 5: same file as line 4 .*species 'replay' here, 'print' on line 4/);
    expect(listing.skipped[5]!.reason).toMatch(/^line 9: same file as line 8 .*split 'dev' here, 'train' on line 8/);
    expect(listing.warnings!.messages).toContain('line 7: same file as line 6 (img/c.png) with the same label and metadata; kept once');
    expect(listing.samples.length + listing.duplicateLines! + listing.skippedCount!).toBe(8);
  });

  it('resolves relative paths against an explicit image root', async () => {
    const images = tempDir();
    await png(path.join(images, 'x/1.png'));
    const csv = writeCsv(tempDir(), 'list.csv', 'label,path\n1,x/1.png\n');
    const result = await loadManifest(csv, { imageRoot: images });
    expect(result.ok && [result.value.root, result.value.samples[0]!.status, result.value.samples[0]!.species]).toEqual([images, 'ok', 'unspecified']);
  });

  it('skips bad rows naming their line, and warns when the path contradicts the label', async () => {
    const csv = writeCsv(tempDir(), 'rows.csv', [
      'path,label,category,species',
      'live/a.png,1,,',
      'b.png,2,,',
      'c.png,yes,,',
      'd.png,0,physical,',
      'e.png,1,mask,',
      ',0,,',
      'f.png,0',
      'g.png,0,,,extra',
      'h.png,1,"digital"x,',
      'i.png,0,,live-ish',
    ].join('\n'));
    const result = await loadManifest(csv);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.samples.map((s) => [s.path, s.label, s.species])).toEqual([['live/a.png', 1, 'unspecified'], ['i.png', 0, 'bona-fide']]);
    expect(result.value.skipped).toEqual([
      { path: 'b.png', reason: 'line 3: label "2" is not 0 (bona fide), 1 (attack), or empty, ? or unknown (questioned)', line: 3 },
      { path: 'c.png', reason: 'line 4: label "yes" is not 0 (bona fide), 1 (attack), or empty, ? or unknown (questioned)', line: 4 },
      { path: 'd.png', reason: 'line 5: category "physical" contradicts label 0', line: 5 },
      { path: 'e.png', reason: 'line 6: category "mask" is not one of bona-fide, physical, adversarial, digital, attack', line: 6 },
      { path: '', reason: 'line 7: empty path', line: 7 },
      { path: 'f.png', reason: 'line 8: has 2 fields, the header has 4', line: 8 },
      { path: 'g.png', reason: 'line 9: has 5 fields, the header has 4', line: 9 },
      { path: 'h.png', reason: 'line 10: unexpected text after a closing quote (field 3)', line: 10 },
    ]);
    expect(result.value.skippedCount).toBe(8);
    expect(result.value.warnings?.messages).toEqual([
      'line 2: path implies bona-fide (bona-fide) but label 1 says attack; the label is kept',
      "line 11: species 'live-ish' ignored for a bona fide sample",
    ]);
  });

  it('fails for a bad header, an unclosed quote, no valid row and an empty file', async () => {
    const folder = tempDir();
    expect(await loadManifest(writeCsv(folder, 'a.csv', 'file;label\nx.png;0\n'))).toMatchObject({
      ok: false, error: { code: 'manifest-header', detail: 'line 1', message: expect.stringContaining("no 'path' or 'label' column") },
    });
    expect(await loadManifest(writeCsv(folder, 'b.csv', 'path,label,Path\nx,0,y\n'))).toMatchObject({
      ok: false, error: { code: 'manifest-header', message: expect.stringContaining("'path' twice") },
    });
    expect(await loadManifest(writeCsv(folder, 'c.csv', 'path,label\n"x.png,0\n'))).toMatchObject({ ok: false, error: { code: 'csv-unterminated', detail: 'line 2' } });
    expect(await loadManifest(writeCsv(folder, 'd.csv', 'path,label\nx.png,3\n'))).toMatchObject({
      ok: false, error: { code: 'no-samples', detail: 'line 2: label "3" is not 0 (bona fide), 1 (attack), or empty, ? or unknown (questioned)' },
    });
    expect(await loadManifest(writeCsv(folder, 'e.csv', ''))).toMatchObject({ ok: false, error: { code: 'no-samples' } });
    expect(await loadManifest(writeCsv(folder, 'f.csv', 'path,label\n'))).toMatchObject({ ok: false, error: { code: 'no-samples' } });
    expect(await loadManifest(writeCsv(folder, 'g.csv', 'path,label\nx.png,0\n'), { imageRoot: path.join(folder, 'none') })).toMatchObject({
      ok: false, error: { code: 'not-found' },
    });
  });
});

describe('openDataset', () => {
  it('opens a folder, a protocol list and a manifest by what the path is, and refuses anything else', async () => {
    const folder = tempDir();
    await png(path.join(folder, 'live/EA-001/a.png'));
    writeCsv(folder, 'list.txt', 'live/EA-001/a.png 0\n');
    writeCsv(folder, 'list.LST', 'live/EA-001/a.png 0\n');
    writeCsv(folder, 'manifest.csv', 'path,label\nlive/EA-001/a.png,0\n');
    writeCsv(folder, 'notes.json', '{}');
    const sources: string[] = [];
    for (const name of ['', 'list.txt', 'list.LST', 'manifest.csv']) {
      const result = await openDataset(path.join(folder, name));
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.samples.find((s) => s.path === 'live/EA-001/a.png')?.status).toBe('ok');
      sources.push(result.value.source);
    }
    expect(sources).toEqual(['folder', 'protocol-list', 'protocol-list', 'manifest']);
    expect(await openDataset(path.join(folder, 'notes.json'))).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await openDataset(path.join(folder, 'absent'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('passes the image root and reports progress in listFolder\'s shape', async () => {
    const images = tempDir();
    await png(path.join(images, 'live/EA-001/a.png'));
    const list = writeCsv(tempDir(), 'list.txt', 'live/EA-001/a.png 0\n');
    const progress: [number, string][] = [];
    const result = await openDataset(list, { imageRoot: images, onProgress: (scanned, phase) => progress.push([scanned, phase]) });
    expect(result.ok && result.value.samples[0]!.status).toBe('ok');
    expect(progress).toEqual([[1, 'walking'], [1, 'done']]);
  });
});

describe('questioned samples in manifests and as single images', () => {
  it('an empty, ? or unknown label is a questioned sample; any other label is a bad row with its line number', async () => {
    const folder = tempDir();
    for (const name of ['a.png', 'b.png', 'c.png', 'd.png', 'e.png']) await png(path.join(folder, name));
    const csv = writeCsv(folder, 'm.csv', 'path,label\na.png,1\nb.png,\nc.png,?\nd.png,Unknown\ne.png,maybe\n');
    const result = await loadManifest(csv);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.samples.map((s) => [s.path, s.label, s.category, s.species])).toEqual([
      ['a.png', 1, 'attack', 'unspecified'], ['b.png', null, 'questioned', 'questioned'], ['c.png', null, 'questioned', 'questioned'], ['d.png', null, 'questioned', 'questioned'],
    ]);
    expect(result.value.counts.questioned).toBe(3);
    expect(result.value.skipped).toEqual([{ path: 'e.png', reason: 'line 6: label "maybe" is not 0 (bona fide), 1 (attack), or empty, ? or unknown (questioned)', line: 6 }]);
  });

  it('openDataset takes one image file as a dataset of one questioned sample', async () => {
    const folder = tempDir();
    await png(path.join(folder, 'evidence.png'));
    const result = await openDataset(path.join(folder, 'evidence.png'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ root: folder, source: 'image', counts: { total: 1, questioned: 1 } });
    expect(result.value.samples).toEqual([expect.objectContaining({ path: 'evidence.png', label: null, category: 'questioned', status: 'ok' })]);
  });
});
