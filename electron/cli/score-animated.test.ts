// `uad score` on an animated GIF: the frame scored (the first) is stated per sample in text and --json, and
// its score is that of the first frame saved as a still image.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { shippedModel } from '../../test/support/models.js';
import { Workspace } from '../workspace/workspace.js';

/** A 64×64 frame: two flat colours split down the middle, different per frame. */
function frame(k: number): Promise<Buffer> {
  const pixels = Buffer.alloc(64 * 64 * 3);
  for (let i = 0; i < 64 * 64; i++) {
    const left = i % 64 < 32;
    pixels.set(left ? [40 + 90 * k, 200 - 60 * k, 30] : [10, 80 + 50 * k, 220 - 70 * k], i * 3);
  }
  return sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
}

describe('uad score: animated images', () => {
  it('states "animated image: 3 frames, frame 1 scored" and scores the first frame', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-animated-'));
    const data = path.join(root, 'data');
    mkdirSync(path.join(data, 'live'), { recursive: true });
    mkdirSync(path.join(data, 'attack', 'print'), { recursive: true });
    const frames = await Promise.all([0, 1, 2].map(frame));
    writeFileSync(path.join(data, 'live', 'anim.gif'), await sharp(frames, { join: { animated: true } }).gif().toBuffer());
    writeFileSync(path.join(data, 'attack', 'print', 'first.png'), frames[0]!);

    const text = await runCli(['score', data, '--model', shippedModel(), '--workspace', path.join(root, 'ws'), '--progress', 'none']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/completed: 2 scored/);
    expect(text.stdout).toMatch(/ {2}1 animated image\(s\): only the first frame of each was scored\n {2}live\/anim\.gif: animated image: 3 frames, frame 1 scored\n/);
    const ws = Workspace.open(path.join(root, 'ws'));
    try {
      const scores = new Map(ws.scoredModels().flatMap((m) => ws.scores(m.sha256)).map((r) => [r.path, r.score]));
      expect(scores.get('live/anim.gif')).toBeCloseTo(scores.get('attack/print/first.png')!, 5);
    } finally {
      ws.close();
    }

    const json = await runCli(['score', data, '--model', shippedModel(), '--workspace', path.join(root, 'ws-json'), '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { animated: unknown }).animated).toEqual([{ path: 'live/anim.gif', frames: 3, frame: 1, note: 'animated image: 3 frames, frame 1 scored' }]);
  });
});
