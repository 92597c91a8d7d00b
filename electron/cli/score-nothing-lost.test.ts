// `uad score` never loses an input without a word: a list with typos reports each line that did not
// become a sample (number and reason) in the text summary and in --json; a run in which nothing could
// be scored exits 1. Node side (CLI as a child process, real model).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { shippedModel } from '../../test/support/models.js';
import { Workspace } from '../workspace/workspace.js';
import { sampleRecords } from '../workspace/samples.js';
import { scoreExitCode } from './score-command.js';

async function writeFace(file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 190, g: 150, b: 120 } } }).jpeg().toFile(file);
}

describe('uad score accounts for every line', () => {
  it('reports each malformed line of a list with typos, counts them, and lists them in --json', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-typos-'));
    await writeFace(path.join(root, 'live', 'a.jpg'));
    await writeFace(path.join(root, 'spoof', 'print', 'b.jpg'));
    await writeFace(path.join(root, 'evidence', 'c.jpg'));
    const list = path.join(root, 'list_test.txt');
    writeFileSync(list, [
      'live/a.jpg 0',
      'spoof/print/b.jpg l', // typo: letter l for 1
      'evidence/c.jpg',      // no label: a questioned sample, not a bad line
      '#live/a.jpg 0',       // commented out
      `live/${'x'.repeat(5000)}.jpg 0`, // over-long path
      'spoof/print/b.jpg 1',
    ].join('\n'));
    const text = await runCli(['score', list, '--model', shippedModel(), '--workspace', path.join(root, 'ws'), '--progress', 'none']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain('3 line(s) of');
    expect(text.stderr).toMatch(/line 2: label "l" is not an integer/);
    expect(text.stderr).not.toMatch(/line 3:/);
    expect(text.stderr).toMatch(/line 4: starts with '#'/);
    expect(text.stderr).toMatch(/line 5: path is longer than/);
    expect(text.stdout).toMatch(/3 scored, 0 already scored by this model, 0 failed, 3 line\(s\) not samples/);

    const json = await runCli(['score', list, '--model', shippedModel(), '--workspace', path.join(root, 'ws2'), '--json']);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as { skippedLineCount: number; skippedLines: { line: number; reason: string }[]; run: { scored: number } };
    expect(result.skippedLineCount).toBe(3);
    expect(result.skippedLines.map((s) => s.line)).toEqual([2, 4, 5]);
    expect(result.run.scored).toBe(3);
  }, 120_000);

  it('scores a file listed twice once, scores none listed with conflicting labels, and its counts match the workspace', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-repeats-'));
    for (const name of ['x', 'y', 'z']) await writeFace(path.join(root, 'live', `${name}.jpg`));
    const list = path.join(root, 'list_test.txt');
    writeFileSync(list, ['live/x.jpg 0', 'live/y.jpg 0', 'live/z.jpg 0', './live/x.jpg 1', 'live//y.jpg 1', 'live/z.jpg 0'].join('\n'));
    const workspace = path.join(root, 'ws');
    const text = await runCli(['score', list, '--model', shippedModel(), '--workspace', workspace, '--progress', 'none']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain('4 line(s) of');
    expect(text.stderr).toMatch(/line 1: same file as line 4 .*not scored/);
    expect(text.stderr).toMatch(/line 5: same file as line 2 .*not scored/);
    expect(text.stderr).toContain('line 6: same file as line 3 (live/z.jpg) with the same label and metadata; kept once');
    expect(text.stdout).toMatch(/1 scored, 0 already scored by this model, 0 failed, 4 line\(s\) not samples, 1 repeated line\(s\) kept once, 2 file\(s\) with conflicting lines not scored/);
    const opened = Workspace.open(workspace);
    try {
      expect(sampleRecords(opened).map((s) => [s.path, s.label])).toEqual([['live/z.jpg', 0]]);
    } finally {
      opened.close();
    }

    const csv = path.join(root, 'manifest.csv');
    writeFileSync(csv, ['path,label', 'live/x.jpg,0', './live/x.jpg,1', 'live/y.jpg,1', 'live/y.jpg,1'].join('\n'));
    const json = await runCli(['score', csv, '--model', shippedModel(), '--workspace', path.join(root, 'ws2'), '--json']);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as { run: { scored: number }; skippedLineCount: number; duplicateLines: number; conflictingFiles: number; skippedLines: { line: number }[] };
    expect([result.run.scored, result.skippedLineCount, result.duplicateLines, result.conflictingFiles]).toEqual([1, 2, 1, 1]);
    expect(result.skippedLines.map((s) => s.line)).toEqual([2, 3]);
    const second = Workspace.open(path.join(root, 'ws2'));
    try {
      expect(sampleRecords(second).map((s) => [s.path, s.label])).toEqual([['live/y.jpg', 1]]);
    } finally {
      second.close();
    }
  }, 120_000);

  it('exits 1 when nothing could be scored (every listed image missing)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-none-'));
    const list = path.join(root, 'list_test.txt');
    writeFileSync(list, 'live/absent.jpg 0\nspoof/print/absent.jpg 1\n');
    const result = await runCli(['score', list, '--model', shippedModel(), '--workspace', path.join(root, 'ws'), '--progress', 'none']);
    expect(result.stdout).toMatch(/completed with nothing scored: 0 scored, 0 already scored by this model, 2 failed/);
    expect(result.stderr).toContain('nothing could be scored');
    expect(result.code).toBe(1);
  }, 120_000);

  it('maps run outcomes to exit codes', () => {
    expect(scoreExitCode({ status: 'completed', scored: 3, skipped: 0 })).toBe(0);
    expect(scoreExitCode({ status: 'completed', scored: 0, skipped: 5 })).toBe(0);
    expect(scoreExitCode({ status: 'completed', scored: 0, skipped: 0 })).toBe(1);
    expect(scoreExitCode({ status: 'failed', scored: 3, skipped: 0 })).toBe(1);
    expect(scoreExitCode({ status: 'cancelled', scored: 3, skipped: 0 })).toBe(130);
  });
});
