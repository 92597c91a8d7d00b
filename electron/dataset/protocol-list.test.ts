// Protocol-list loader: the nine real UniAttackData lists (images absent; gzipped in test/fixtures),
// real images on disk, every bad-line case, encodings and size bounds.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classOfCategory } from '../../common/metrics/attack-classes.js';
import { MAX_LIST_LINES, MAX_REPORTED_ISSUES } from './listed-files.js';
import { loadProtocolList, parseProtocolList, protocolAndSplitFromFileName } from './protocol-list.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COMPRESSED = path.join(REPO_ROOT, 'test', 'fixtures', 'uniattackdata');
/** The lists are loaded as a user's files: decompressed once into a folder of their own. */
const FIXTURES = mkdtempSync(path.join(tmpdir(), 'uad-uniattackdata-'));
const LISTS = ['p1', 'p2.1', 'p2.2'].flatMap((protocol) => ['train', 'dev', 'test'].map((split) => ({
  protocol, split, file: path.join(FIXTURES, `UniAttackData@${protocol}_image_${split}.txt`),
})));

/** Counts computed from the raw text with the simplest possible rules, independent of the loader. */
function independentCounts(file: string) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/));
  const firstOfPath = new Map(lines.map((row, at) => [row[0], at] as const).reverse());
  const rows = lines.filter((row, at) => firstOfPath.get(row[0]) === at); // a repeated line is one sample
  const byLabel = [0, 0, 0, 0];
  const bySpecies: Record<string, number> = {};
  const identities: string[] = [];
  for (const [relative, label] of rows) {
    byLabel[Number(label)]! += 1;
    const parts = relative!.split('/'); // UniAttackData/Data/<top>/...
    const top = parts[2]!;
    const species = top === 'live' ? 'bona-fide' : top === 'spoof' ? parts[5]! : top === 'adv-attacks' ? parts[3]! : top;
    bySpecies[species] = (bySpecies[species] ?? 0) + 1;
    identities.push((top === 'adv-attacks' ? parts[5]! : parts[4]!).split('-To-')[0]!);
  }
  const duplicates = lines.length - rows.length;
  return { files: rows.length, byLabel, bySpecies, identities, duplicates };
}

async function image(file: string, format: 'jpeg' | 'png'): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).toFormat(format).toFile(file);
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'uad-protocol-'));
}

describe('the nine real UniAttackData lists', () => {
  beforeAll(() => {
    for (const name of readdirSync(COMPRESSED).filter((n) => n.endsWith('.txt.gz'))) {
      writeFileSync(path.join(FIXTURES, name.slice(0, -'.gz'.length)), gunzipSync(readFileSync(path.join(COMPRESSED, name))));
    }
  });
  afterAll(() => rmSync(FIXTURES, { recursive: true, force: true }));

  it('are all in the repository', () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(LISTS.map(({ file }) => path.basename(file)).sort());
  });

  it.each(LISTS)('$protocol $split parses with the file\'s counts, species and identities', async ({ protocol, split, file }) => {
    const expected = independentCounts(file);
    const result = await loadProtocolList(file);
    if (!result.ok) throw new Error(result.error.message);
    const listing = result.value;

    expect(listing).toMatchObject({ source: 'protocol-list', protocol, split, root: FIXTURES, sourceFile: file, skipped: [] });
    expect(listing.samples).toHaveLength(expected.files);
    const byCategory = listing.counts.byCategory!;
    expect([byCategory['bona-fide'] ?? 0, byCategory.physical ?? 0, byCategory.adversarial ?? 0, byCategory.digital ?? 0]).toEqual(expected.byLabel);
    expect(listing.counts.bonaFide).toBe(expected.byLabel[0]);
    expect(listing.counts.attack).toBe(expected.files - expected.byLabel[0]!);
    expect(listing.counts.bySpecies).toEqual(expected.bySpecies);
    expect(listing.samples.map((s) => s.identity)).toEqual(expected.identities);
    expect(listing.samples.every((s) => /^[A-Z]{2}-\d{3}$/.test(s.identity))).toBe(true);
    expect(listing.warnings?.count).toBe(expected.duplicates); // the real lists repeat a few lines, always with the same label
    expect(listing.duplicateLines).toBe(expected.duplicates);
    expect(listing.counts.unusable).toBe(expected.files);
    expect(listing.samples.every((s) => s.status === 'missing' && s.reason === `file not found under ${FIXTURES}` && s.split === split)).toBe(true);
  });

  it('P1 covers every species; P2.1 tests unseen physical, P2.2 unseen digital', async () => {
    const speciesOf = async (protocol: string, splits: string[]) => {
      const found = new Set<string>();
      for (const split of splits) {
        const result = await loadProtocolList(path.join(FIXTURES, `UniAttackData@${protocol}_image_${split}.txt`));
        if (!result.ok) throw new Error(result.error.message);
        for (const sample of result.value.samples) found.add(`${sample.category}:${sample.species}`);
      }
      return [...found].sort();
    };
    expect(await speciesOf('p1', ['train', 'dev', 'test'])).toEqual([
      'adversarial:advdrop', 'adversarial:alma', 'adversarial:demiguise', 'adversarial:fgtm', 'adversarial:ila_da', 'adversarial:ssah',
      'bona-fide:bona-fide',
      'digital:DaGAN', 'digital:FaceDancer', 'digital:InsightFace', 'digital:OneShotTH', 'digital:SAFA', 'digital:simswap',
      'physical:cloth-indoor', 'physical:cloth-outdoor', 'physical:screen-rs',
    ]);
    expect(await speciesOf('p2.1', ['test'])).toEqual(['bona-fide:bona-fide', 'physical:cloth-indoor', 'physical:cloth-outdoor', 'physical:screen-rs']);
    const p22Test = await speciesOf('p2.2', ['test']);
    expect(p22Test.filter((s) => s.startsWith('physical:'))).toEqual([]);
    expect(p22Test).toContain('digital:simswap');
  });
});

describe('loadProtocolList with images on disk', () => {
  it('finds the image root above the list and reports ok, missing, empty and non-image files', async () => {
    const root = tempDir();
    const data = path.join(root, 'UniAttackData', 'Data');
    await image(path.join(data, 'live/east-asia/EA-001/real.rssdk/color/0001.jpg'), 'jpeg');
    await image(path.join(data, 'spoof/east-asia/EA-001/screen-rs/color/0002.png'), 'png');
    mkdirSync(path.join(data, 'adv-attacks/alma/alma_east-asia-112x112/EA-001'), { recursive: true });
    writeFileSync(path.join(data, 'adv-attacks/alma/alma_east-asia-112x112/EA-001/0003.jpg'), '');
    writeFileSync(path.join(data, 'adv-attacks/alma/alma_east-asia-112x112/EA-001/0004.jpg'), 'not an image');
    mkdirSync(path.join(root, 'protocols'));
    const list = path.join(root, 'protocols', 'UniAttackData@p1_image_dev.txt');
    writeFileSync(list, [
      'UniAttackData/Data/live/east-asia/EA-001/real.rssdk/color/0001.jpg 0',
      'UniAttackData/Data/spoof/east-asia/EA-001/screen-rs/color/0002.png 1',
      'UniAttackData/Data/adv-attacks/alma/alma_east-asia-112x112/EA-001/0003.jpg 2',
      'UniAttackData/Data/adv-attacks/alma/alma_east-asia-112x112/EA-001/0004.jpg 2',
      'UniAttackData/Data/simswap/east-asia/EA-002-To-EA-001/real.rssdk/color/0005.jpg 3',
      'UniAttackData/Data/live/east-asia/EA-001/real.rssdk/color/0006.jpg 0',
    ].join('\n'));

    const phases = new Set<string>();
    const result = await loadProtocolList(list, { onProgress: (_, phase) => phases.add(phase) });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.root).toBe(root);
    expect(result.value.samples.map((s) => s.status)).toEqual(['ok', 'ok', 'empty', 'not-an-image', 'missing', 'missing']);
    expect(result.value.samples[0]).toMatchObject({ label: 0, species: 'bona-fide', identity: 'EA-001', split: 'dev' });
    expect(result.value.samples[0]!.sizeBytes).toBeGreaterThan(0);
    expect(result.value.samples[4]).toMatchObject({ label: 1, category: 'digital', species: 'simswap', identity: 'EA-002', reason: `file not found under ${root}` });
    expect(result.value.samples[5]!.reason).toBe(`file not found under ${root}`); // folder exists, file does not
    expect(result.value.counts.unusable).toBe(4);
    expect([...phases]).toEqual(['walking', 'done']);
  });

  it('uses an explicit image root, and fails clearly when it is not a folder', async () => {
    const images = tempDir();
    await image(path.join(images, 'live/a/EA-001/x.png'), 'png');
    const list = path.join(tempDir(), 'custom.lst');
    writeFileSync(list, 'live/a/EA-001/x.png 0\n');
    const result = await loadProtocolList(list, { imageRoot: images });
    expect(result.ok && result.value.samples[0]!.status).toBe('ok');
    expect(result.ok && [result.value.protocol, result.value.split]).toEqual(['', '']);
    expect(await loadProtocolList(list, { imageRoot: path.join(images, 'nope') })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('falls back to the list folder and marks everything missing when no candidate root has the images', async () => {
    const folder = tempDir();
    const list = path.join(folder, 'list_test.txt');
    writeFileSync(list, 'live/x/EA-001/1.jpg 0\nspoof/x/EA-001/screen-rs/c/2.jpg 1\n');
    const result = await loadProtocolList(list);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.root).toBe(folder);
    expect(result.value.split).toBe('test');
    expect(result.value.samples.map((s) => [s.status, s.reason])).toEqual([
      ['missing', `file not found under ${folder}`], ['missing', `file not found under ${folder}`],
    ]);
  });
});

describe('attack classes of lists whose paths follow no UniAttackData rule', () => {
  it('takes the class from the label (1 presentation, 2 adversarial, 3 digital) and names the species after it', async () => {
    const folder = tempDir();
    const list = path.join(folder, 'lab_capture_test.txt');
    writeFileSync(list, 'captures/cam1/0001.jpg 0\ncaptures/cam1/0002.jpg 1\ncaptures/cam2/0003.jpg 2\ncaptures/cam2/0004.jpg 3\n');
    const result = await loadProtocolList(list);
    if (!result.ok) throw new Error(result.error.message);
    const samples = result.value.samples;
    expect(samples.map((s) => [s.category, s.species])).toEqual([['bona-fide', 'bona-fide'], ['physical', 'physical'], ['adversarial', 'adversarial'], ['digital', 'digital']]);
    expect(samples.slice(1).map((s) => classOfCategory(s.category))).toEqual(['presentation', 'adversarial', 'digital']);
    expect(result.value.warnings?.messages.some((m) => /path names no known attack species; species set to 'physical'/.test(m))).toBe(true);
  });
});

describe('parseProtocolList line handling', () => {
  const text = [
    '# a comment',
    'live/east-asia/EA-001/real.rssdk/color/0001.jpg 0   ',
    '',
    '   ',
    'spoof/east-asia/EA-002/screen-rs/color/my photo 1.jpg\t1',
    'UniAttackData/Data/spoof/x.jpg',
    'live/a.jpg 7',
    'live/a.jpg 1.5',
    'live/a.jpg x',
    '/abs/live/a.jpg 0',
    'C:\\data\\live\\a.jpg 0',
    '../live/a.jpg 0',
    'live/../../a.jpg 0',
    '2',
    'live\\x\\EA-009\\.\\sub\\..\\b.jpg 0',
    'live/a.jpg -1',
  ].join('\n');

  it('keeps good lines (spaces in paths, tabs, backslashes) and skips each bad line with its number and reason', () => {
    const { entries, skipped } = parseProtocolList(text);
    expect(entries).toEqual([
      { line: 2, path: 'live/east-asia/EA-001/real.rssdk/color/0001.jpg', label: 0 },
      { line: 5, path: 'spoof/east-asia/EA-002/screen-rs/color/my photo 1.jpg', label: 1 },
      // A lone path has an empty label: a questioned sample, not a bad line.
      { line: 6, path: 'UniAttackData/Data/spoof/x.jpg', label: null },
      { line: 15, path: 'live/x/EA-009/b.jpg', label: 0 },
    ]);
    expect(skipped.entries.map((s) => s.reason)).toEqual([
      "line 1: starts with '#': read as a comment, not a sample",
      'line 7: label 7 is not 0 (live), 1 (physical), 2 (adversarial) or 3 (digital editing), or ? or unknown (questioned)',
      'line 8: label "1.5" is not an integer; expected 0 (live), 1 (physical), 2 (adversarial) or 3 (digital editing), or ? or unknown (questioned)',
      'line 9: label "x" is not an integer; expected 0 (live), 1 (physical), 2 (adversarial) or 3 (digital editing), or ? or unknown (questioned)',
      'line 10: absolute path; listed paths must be relative to the image root',
      'line 11: absolute path; listed paths must be relative to the image root',
      "line 12: path leaves the image root through '..'",
      "line 13: path leaves the image root through '..'",
      'line 14: no path before the label',
      'line 16: label -1 is not 0 (live), 1 (physical), 2 (adversarial) or 3 (digital editing), or ? or unknown (questioned)',
    ]);
    expect(skipped.entries[1]!.path).toBe('live/a.jpg');
    expect(skipped.entries.map((s) => s.line)).toEqual([1, 7, 8, 9, 10, 11, 12, 13, 14, 16]);
    expect(skipped.count).toBe(10);
  });

  it('reads CRLF and lone CR line endings the same as LF', () => {
    const lf = parseProtocolList(text).entries;
    expect(parseProtocolList(text.replaceAll('\n', '\r\n')).entries).toEqual(lf);
    expect(parseProtocolList(text.replaceAll('\n', '\r')).entries).toEqual(lf);
  });

  it('names protocol and split from the file name', () => {
    expect(protocolAndSplitFromFileName('/x/UniAttackData@p2.1_image_dev.txt')).toEqual({ protocol: 'p2.1', split: 'dev' });
    expect(protocolAndSplitFromFileName('UniAttackData@p1_image_train.txt')).toEqual({ protocol: 'p1', split: 'train' });
    expect(protocolAndSplitFromFileName('my-list-val.lst')).toEqual({ protocol: '', split: 'dev' });
    expect(protocolAndSplitFromFileName('scores.txt')).toEqual({ protocol: '', split: '' });
  });
});

describe('loadProtocolList on awkward files', () => {
  const body = 'live/e/EA-001/r/c/1.jpg 0\r\nsimswap/e/EA-002-To-EA-003/r/c/2.jpg 1\r\nlive/e/EA-004/r/c/3.jpg 2\r\n';

  it('reads a CRLF file with a UTF-8 BOM, and UTF-16LE, keeping the label when the path disagrees', async () => {
    const folder = tempDir();
    const utf8 = path.join(folder, 'utf8.txt');
    writeFileSync(utf8, `\uFEFF${body}`);
    const utf16 = path.join(folder, 'utf16.txt');
    writeFileSync(utf16, Buffer.from(`\uFEFF${body}`, 'utf16le'));
    for (const file of [utf8, utf16]) {
      const result = await loadProtocolList(file);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.samples.map((s) => [s.path, s.label, s.category, s.species, s.identity])).toEqual([
        ['live/e/EA-001/r/c/1.jpg', 0, 'bona-fide', 'bona-fide', 'EA-001'],
        ['simswap/e/EA-002-To-EA-003/r/c/2.jpg', 1, 'physical', 'simswap', 'EA-002'],
        ['live/e/EA-004/r/c/3.jpg', 1, 'adversarial', 'adversarial', 'EA-004'],
      ]);
      expect(result.value.warnings).toEqual({
        count: 2,
        messages: [
          'line 2: path implies digital (simswap) but label 1 says physical; the label is kept',
          'line 3: path implies bona-fide (bona-fide) but label 2 says adversarial; the label is kept',
        ],
      });
    }
  });

  it('fails for a list with no valid line, a binary file, a missing file, an oversized file and too many lines', async () => {
    const folder = tempDir();
    const write = (name: string, content: string | Buffer) => { const file = path.join(folder, name); writeFileSync(file, content); return file; };
    const none = await loadProtocolList(write('none.txt', '# only a comment\nlive/a.jpg 9\n\n'));
    expect(none).toMatchObject({ ok: false, error: { code: 'no-samples', detail: "line 1: starts with '#': read as a comment, not a sample; line 2: label 9 is not 0 (live), 1 (physical), 2 (adversarial) or 3 (digital editing), or ? or unknown (questioned)" } });
    expect(await loadProtocolList(write('empty.txt', ''))).toMatchObject({ ok: false, error: { code: 'no-samples' } });
    expect(await loadProtocolList(write('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])))).toMatchObject({ ok: false, error: { code: 'not-text' } });
    expect(await loadProtocolList(path.join(folder, 'absent.txt'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const huge = write('huge.txt', '');
    truncateSync(huge, 257 * 1024 * 1024); // sparse: no disk used, only the size is checked
    expect(await loadProtocolList(huge)).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(await loadProtocolList(write('long.txt', '\n'.repeat(MAX_LIST_LINES)))).toMatchObject({ ok: false, error: { code: 'too-many-lines' } });
  });

  it('lists at most MAX_REPORTED_ISSUES bad lines and says how many more there were', async () => {
    const file = path.join(tempDir(), 'noisy.txt');
    writeFileSync(file, `live/e/EA-001/r/c/1.jpg 0\n${'bad line x\n'.repeat(MAX_REPORTED_ISSUES + 500)}`);
    const result = await loadProtocolList(file);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.samples).toHaveLength(1);
    expect(result.value.skipped).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(result.value.skipped.at(-1)).toEqual({ path: '', reason: '500 more bad lines not listed' });
  });
});

describe('the same image listed twice', () => {
  it('keeps an exact repeat once with a warning naming both lines, and scores no file whose lines conflict', async () => {
    const root = tempDir();
    for (const name of ['x', 'y', 'z', 'w']) await image(path.join(root, `live/EA-001/${name}.jpg`), 'jpeg');
    symlinkSync('w.jpg', path.join(root, 'live/EA-001/w-link.jpg'));
    const list = path.join(root, 'list_test.txt');
    writeFileSync(list, [
      'live/EA-001/x.jpg 0',
      './live/EA-001/x.jpg 1', // same file, other label: conflict
      'live/EA-001/y.jpg 0',
      'live//EA-001/y.jpg 0', // same file, same label: duplicate
      'live/EA-001/z.jpg 0',
      'live/EA-001/sub/../z.jpg 0', // same after normalisation: duplicate
      'live/EA-001/w.jpg 0',
      'live/EA-001/w-link.jpg 2', // the same file through a link, other label: conflict
    ].join('\n'));
    const result = await loadProtocolList(list);
    if (!result.ok) throw new Error(result.error.message);
    const listing = result.value;
    expect(listing.samples.map((s) => [s.id, s.path, s.label])).toEqual([[0, 'live/EA-001/y.jpg', 0], [1, 'live/EA-001/z.jpg', 0]]);
    expect(listing.counts).toMatchObject({ total: 2, bonaFide: 2, attack: 0 });
    expect(listing.duplicateLines).toBe(2);
    expect(listing.conflictingFiles).toBe(2);
    expect(listing.skippedCount).toBe(4);
    expect(listing.skipped.map((s) => s.line)).toEqual([1, 2, 7, 8]);
    expect(listing.skipped[0]!.reason).toMatch(/^line 1: same file as line 2 .*category 'bona-fide' here, 'physical' on line 2.*not scored/);
    expect(listing.skipped[1]!.reason).toMatch(/^line 2: same file as line 1 .*category 'physical' here, 'bona-fide' on line 1.*not scored/);
    expect(listing.skipped[3]!.reason).toMatch(/^line 8: same file as line 7 .*category 'adversarial' here, 'bona-fide' on line 7/);
    expect(listing.warnings!.messages.filter((m) => /same file/.test(m))).toEqual([
      'line 4: same file as line 3 (live/EA-001/y.jpg) with the same label and metadata; kept once',
      'line 6: same file as line 5 (live/EA-001/z.jpg) with the same label and metadata; kept once',
    ]);
    // every line is accounted for: samples + repeats kept once + lines not samples
    expect(listing.samples.length + listing.duplicateLines! + listing.skippedCount!).toBe(8);
  });
});

describe('questioned lines in a protocol list', () => {
  it('a lone path, ? or unknown is a questioned sample; the listing counts them apart', () => {
    const { entries, skipped } = parseProtocolList('live/a.jpg 0\nevidence/one.jpg\nevidence/two.jpg ?\nevidence/three.jpg unknown\nevidence/four.jpg maybe\n');
    expect(entries.map((e) => [e.line, e.path, e.label])).toEqual([
      [1, 'live/a.jpg', 0], [2, 'evidence/one.jpg', null], [3, 'evidence/two.jpg', null], [4, 'evidence/three.jpg', null],
    ]);
    expect(skipped.entries.map((s) => s.reason)).toEqual([
      'line 5: label "maybe" is not an integer; expected 0 (live), 1 (physical), 2 (adversarial) or 3 (digital editing), or ? or unknown (questioned)',
    ]);
  });
});
