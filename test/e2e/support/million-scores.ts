// A seeded synthetic scores CSV (score,label,species) of any size, for the large-scale evaluation spec
// and the UI benchmark: bona fide lower, attacks higher by species, every score distinct in practice.
import { createWriteStream } from 'node:fs';

const SPECIES = ['print', 'replay', 'mask', 'adversarial', 'face-swap'];

export async function writeMillionScores(file: string, samples: number): Promise<void> {
  let state = 20250101;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out = createWriteStream(file);
  out.write('score,label,species\n');
  let chunk = '';
  for (let i = 0; i < samples; i++) {
    const attack = i % 2 === 1;
    const species = SPECIES[(i >> 1) % SPECIES.length]!;
    // Sum of two uniforms: a triangular bump around 0.35 (bona fide) or 0.55–0.75 by species (attacks).
    const centre = attack ? 0.55 + 0.05 * ((i >> 1) % SPECIES.length) : 0.35;
    const score = Math.min(1, Math.max(0, centre + (random() + random() - 1) * 0.3));
    chunk += `${score.toFixed(9)},${attack ? 1 : 0},${attack ? species : ''}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
