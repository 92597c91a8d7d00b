// What a person reads from `uad`: a successful CPU run prints no warning, every --help shows options, defaults,
// examples and exit codes, an unknown command gets one line, a run that scored nothing says so, --json is rounded.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { shippedModel } from '../../test/support/models.js';
import { COMMANDS } from './commands.js';

/** Patterned noise: a real image with no face in it. */
async function writeNoise(file: string, seed: number): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const pixels = Buffer.alloc(64 * 64 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 13 + seed * 101) % 256;
  await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toFile(file);
}

let root = '';
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'uad-output-'));
  for (let i = 0; i < 4; i++) await writeNoise(path.join(root, 'data', i % 2 ? 'live' : 'attack/print', `img-${i}.jpg`), i);
});

describe('uad output', () => {
  it('a successful run on the default providers prints no warning, and --json rounds the timings', async () => {
    const run = await runCli(['score', path.join(root, 'data'), '--model', shippedModel(), '--workspace', path.join(root, 'ws-ok'), '--progress', 'none', '--json']);
    expect(run.code, run.stderr).toBe(0);
    // Only the one line naming the model: no native probe output, no provider that is merely not installed.
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^model lasoftmoe-tiny \(.*\) on \w+.*; 4 samples; faces none; batch 8$/)]);
    const out = JSON.parse(run.stdout) as { outcome: string; run: { inferMs: number; decodeMs: number }; wallSeconds: number };
    expect(out.outcome).toBe('completed');
    for (const ms of [out.run.inferMs, out.run.decodeMs]) expect(String(ms)).toMatch(/^\d+(\.\d)?$/);
    expect(String(out.wallSeconds)).toMatch(/^\d+(\.\d{1,2})?$/);
  });

  it('a run in which no image has a face says it scored nothing and exits 1, in text and in --json', async () => {
    const args = ['score', path.join(root, 'data'), '--model', shippedModel(), '--faces', 'detect', '--progress', 'none'];
    const text = await runCli([...args, '--workspace', path.join(root, 'ws-none')]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^run 1 completed with nothing scored: 0 scored, 0 already scored by this model, 4 failed/m);
    expect(text.stdout).not.toMatch(/^run 1 completed:/m);
    expect(text.stdout).toMatch(/failed: .*img-0\.jpg: no face found/);
    expect(text.stderr).toMatch(/nothing could be scored.*exit status 1/);
    const json = await runCli([...args, '--workspace', path.join(root, 'ws-none-json'), '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ outcome: 'nothing-scored', run: { status: 'completed', scored: 0, failed: 4 } });
  });

  it('an unknown command gets one line pointing at --help, and exit status 2', async () => {
    const run = await runCli(['bogus']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: "uad: unknown command 'bogus'; see uad --help\n" });
  });

  it.each(COMMANDS.map((c) => c.name))('%s --help shows its options, examples and exit status', async (name) => {
    const help = await runCli([name, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: uad /);
    expect(help.stdout).toContain('--json');
    expect(help.stdout).toMatch(new RegExp(`\\nexamples:\\n {2}uad ${name} `));
    expect(help.stdout).toMatch(/\nexit status:?[\s\S]*\b2\b/);
  });

  it('score --help states each option with its default', async () => {
    const help = (await runCli(['score', '--help'])).stdout;
    for (const option of ['--model FILE', '--workspace DIR', '--batch N', '--provider NAME', '--image-root DIR', '--faces MODE', '--progress STYLE']) {
      expect(help).toContain(`  ${option}`);
    }
    expect(help).toContain('(default 8)');
    expect(help).toMatch(/auto \(default\)/);
    expect(help).toMatch(/130 +cancelled/);
  });
});
