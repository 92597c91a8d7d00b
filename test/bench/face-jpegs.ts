// Seeded synthetic face-like JPEG corpus for the inference benchmark: live/ and attack/<species>/ folders,
// 200–400 px images (skin-tone ellipse, eyes, mouth, hair, gradient background, sensor noise), encoded by sharp.
// Node side (test/bench); written once per seed and count into the OS temp folder, reused while complete.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/** Mulberry32: small, fast, seeded; enough for synthetic pixels. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIES = ['print', 'replay', 'mask', 'faceswap'];

/** Relative path of image i: 40 % live, the rest spread over four attack species. */
function relativePath(i: number): string {
  const name = `img-${String(i).padStart(5, '0')}.jpg`;
  if (i % 5 < 2) return `live/${name}`;
  return `attack/${SPECIES[i % SPECIES.length]}/${name}`;
}

/** One face-like RGB image, HWC uint8. */
function renderFace(random: () => number, width: number, height: number, attack: boolean): Buffer {
  const px = Buffer.alloc(width * height * 3);
  const bg0 = [random() * 255, random() * 255, random() * 255];
  const bg1 = [random() * 255, random() * 255, random() * 255];
  const skin = [150 + random() * 90, 100 + random() * 80, 70 + random() * 70];
  const hair = [random() * 90, random() * 70, random() * 50];
  const cx = width * (0.45 + random() * 0.1);
  const cy = height * (0.48 + random() * 0.08);
  const rx = width * (0.22 + random() * 0.08);
  const ry = height * (0.3 + random() * 0.08);
  const eyeDx = rx * 0.4;
  const eyeY = cy - ry * 0.2;
  const eyeR = Math.max(2, rx * 0.1);
  const mouthY = cy + ry * 0.45;
  const noise = 6 + random() * 14;
  // Attacks get a periodic moiré / print pattern, as a screen or paper would add.
  const moire = attack ? 10 + random() * 25 : 0;
  const period = 2 + random() * 5;
  for (let y = 0; y < height; y++) {
    const ty = y / height;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const dx = (x - cx) / rx;
      const dy = (y - cy) / ry;
      const d = dx * dx + dy * dy;
      let c: number[];
      if (d < 1) {
        const shade = 1 - 0.25 * d;
        c = [skin[0]! * shade, skin[1]! * shade, skin[2]! * shade];
        const ex1 = x - (cx - eyeDx);
        const ex2 = x - (cx + eyeDx);
        const ey = y - eyeY;
        if (ex1 * ex1 + ey * ey < eyeR * eyeR || ex2 * ex2 + ey * ey < eyeR * eyeR) c = [30, 25, 20];
        if (Math.abs(y - mouthY) < ry * 0.04 && Math.abs(x - cx) < rx * 0.35) c = [150, 50, 50];
        if (dy < -0.55) c = hair;
      } else if (d < 1.25 && dy < 0) {
        c = hair;
      } else {
        c = [bg0[0]! + (bg1[0]! - bg0[0]!) * ty, bg0[1]! + (bg1[1]! - bg0[1]!) * ty, bg0[2]! + (bg1[2]! - bg0[2]!) * ty];
      }
      const m = moire * Math.sin((x + y * 0.7) / period);
      for (let k = 0; k < 3; k++) px[o + k] = Math.max(0, Math.min(255, c[k]! + m + (random() - 0.5) * 2 * noise));
    }
  }
  return px;
}

export interface FaceCorpus {
  root: string;
  count: number;
  seed: number;
  totalBytes: number;
  generatedNow: boolean;
  generateSeconds: number;
}

/** Writes (or reuses) `count` seeded JPEGs under a temp folder named after count and seed. */
export async function faceCorpus(count: number, seed: number): Promise<FaceCorpus> {
  const root = path.join(tmpdir(), `uad-bench-faces-v1-n${count}-s${seed}`);
  const marker = path.join(root, '.complete.json');
  if (existsSync(marker)) {
    const info = JSON.parse(readFileSync(marker, 'utf8')) as { totalBytes: number };
    return { root, count, seed, totalBytes: info.totalBytes, generatedNow: false, generateSeconds: 0 };
  }
  rmSync(root, { recursive: true, force: true });
  const started = performance.now();
  const random = rng(seed);
  let totalBytes = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const rel = relativePath(i);
    const width = 200 + Math.floor(random() * 201);
    const height = 200 + Math.floor(random() * 201);
    const quality = 75 + Math.floor(random() * 21);
    const pixels = renderFace(random, width, height, rel.startsWith('attack/'));
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    pending.push(sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toFile(file).then((info) => {
      totalBytes += info.size;
    }));
    if (pending.length >= 16) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  writeFileSync(marker, JSON.stringify({ count, seed, totalBytes }));
  return { root, count, seed, totalBytes, generatedNow: true, generateSeconds: (performance.now() - started) / 1000 };
}
