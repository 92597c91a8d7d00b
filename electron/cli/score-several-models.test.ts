// `uad score --model A --model B`: every model scores the listing in one pass (each image decoded once), a model's
// scored samples are never scored again (the summary says so), and `uad compare --workspace` pairs the models' scores read from the workspace.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { shippedModel } from '../../test/support/models.js';
import { Workspace } from '../workspace/workspace.js';

async function writeFace(file: string, seed: number): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const pixels = Buffer.alloc(64 * 64 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 13 + seed * 101) % 256;
  await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } }).png().toFile(file);
}

describe('uad score with several models', () => {
  it('scores with every --model, skips what each already scored, and compare reads them from the workspace', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-several-'));
    const files = ['live/a.png', 'live/b.png', 'live/c.png', 'attack/print/d.png', 'attack/print/e.png', 'attack/replay/f.png'];
    for (const [seed, file] of files.entries()) await writeFace(path.join(root, 'data', file), seed);
    const workspace = path.join(root, 'ws');
    const dense = shippedModel('dense-tiny');
    const lasoftmoe = shippedModel('lasoftmoe-tiny');

    const first = await runCli(['score', path.join(root, 'data'), '--model', dense, '--model', lasoftmoe, '--workspace', workspace, '--progress', 'none']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.match(/completed: 6 scored, 0 already scored by this model/g)).toHaveLength(2);
    expect(first.stderr).toContain('model 2 of 2');
    expect(first.stdout).toContain('6 image decode(s) shared by the 2 models');

    const again = await runCli(['score', path.join(root, 'data'), '--model', dense, '--model', shippedModel('softmoe-tiny'), '--model', lasoftmoe, '--workspace', workspace, '--progress', 'none']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.match(/completed: 0 scored, 6 already scored by this model/g)).toHaveLength(2);
    expect(again.stdout.match(/completed: 6 scored, 0 already scored by this model/g)).toHaveLength(1);
    expect(again.stdout).toContain('6 already scored by dense-tiny, skipped');
    expect(again.stdout).toContain('6 already scored by lasoftmoe-tiny, skipped');
    expect(again.stdout).toContain('6 image decode(s) shared by the 3 models');

    const opened = Workspace.openExisting(workspace, { readOnly: true });
    let shas: string[];
    try {
      const models = opened.scoredModels();
      expect(models.map((m) => m.predictions)).toEqual([6, 6, 6]);
      shas = models.map((m) => m.sha256);
    } finally {
      opened.close();
    }
    const compared = await runCli(['compare', '--workspace', workspace, '--model', shas[0].slice(0, 10), '--model', shas[1].slice(0, 10), '--threshold', '0.5', '--threshold', '0.5', '--bootstrap', '20', '--json']);
    expect(compared.code, compared.stderr).toBe(0);
    const { pairs } = JSON.parse(compared.stdout) as { pairs: { n: number; threshold_a: number; mcnemar: { attack: { b01: number; b10: number } } }[] };
    expect(pairs).toHaveLength(1);
    expect(pairs[0].n).toBe(6);
    expect(pairs[0].threshold_a).toBe(0.5);

    expect((await runCli(['score', path.join(root, 'data'), '--model', dense, '--model', dense, '--workspace', workspace])).code).toBe(2);
  }, 240_000);
});
