// Builds a small dataset folder on disk for e2e flows: real images in class sub-folders plus one bad file.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export interface SmallDataset {
  root: string;
  /** Relative paths the listing must show, with their expected label text and species. */
  expected: { path: string; label: 'bona fide' | 'attack'; species: string; usable: boolean }[];
}

async function writeImage(file: string, rgb: [number, number, number], format: 'png' | 'jpeg'): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const image = sharp({ create: { width: 64, height: 64, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });
  await (format === 'png' ? image.png() : image.jpeg()).toFile(file);
}

export async function makeSmallDataset(): Promise<SmallDataset> {
  const root = mkdtempSync(path.join(tmpdir(), 'uad-e2e-dataset-'));
  await writeImage(path.join(root, 'live', 'subject-01.png'), [200, 160, 140], 'png');
  await writeImage(path.join(root, 'live', 'subject-02.jpg'), [190, 150, 130], 'jpeg');
  await writeImage(path.join(root, 'attack', 'print', 'subject-01.jpg'), [120, 110, 100], 'jpeg');
  await writeImage(path.join(root, 'attack', 'replay', 'subject-02.png'), [90, 120, 160], 'png');
  mkdirSync(path.join(root, 'attack', 'replay'), { recursive: true });
  writeFileSync(path.join(root, 'attack', 'replay', 'notes.jpg'), 'this is text, not a JPEG');
  writeFileSync(path.join(root, 'README.txt'), 'not an image; ignored');
  return {
    root,
    expected: [
      { path: 'attack/print/subject-01.jpg', label: 'attack', species: 'print', usable: true },
      { path: 'attack/replay/notes.jpg', label: 'attack', species: 'replay', usable: false },
      { path: 'attack/replay/subject-02.png', label: 'attack', species: 'replay', usable: true },
      { path: 'live/subject-01.png', label: 'bona fide', species: 'bona-fide', usable: true },
      { path: 'live/subject-02.jpg', label: 'bona fide', species: 'bona-fide', usable: true },
    ],
  };
}
