// Untrusted text reaches the terminal inert: a graph's output name and a sidecar's model name carrying
// ESC sequences and a bidi override are shown as visible escapes by `uad model init`, `score` and
// `export-scores`, and their --json output escapes them as \uXXXX while parsing to the same string.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { repoRoot } from '../../test/support/models.js';

/** ESC[2J clears the screen; U+202E reverses what follows. Same UTF-8 length as "Identity" (8 bytes). */
const HOSTILE_OUTPUT = '\u001b[2J\u202eX';
const HOSTILE_NAME = 'model\u001b[2K\r\u001b[1AOK \u202egpj.exe';
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The anti-spoofing CNN with its output tensor renamed (the Identity op itself kept): a real graph with a hostile name. */
function hostileGraph(dir: string): string {
  const bytes = readFileSync(path.join(repoRoot, 'models', 'face', 'antispoof.onnx'));
  const opType = Buffer.from('\u0022\u0008Identity', 'latin1');
  const parts = bytes.toString('latin1').split(opType.toString('latin1'))
    .map((part) => part.split('Identity').join(Buffer.from(HOSTILE_OUTPUT).toString('latin1')));
  const file = path.join(dir, 'hostile.onnx');
  writeFileSync(file, Buffer.from(parts.join(opType.toString('latin1')), 'latin1'));
  return file;
}

describe('CLI output of untrusted names', () => {
  it('model init, score and export-scores show hostile names as visible escapes, text and --json', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-terminal-'));
    const model = hostileGraph(dir);

    const text = await runCli(['model', 'init', model, '--score', HOSTILE_OUTPUT]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toMatch(RAW);
    expect(text.stdout).toContain('from \\e[2J\\u{202e}X,');

    const json = await runCli(['model', 'init', model, '--score', HOSTILE_OUTPUT, '--json', '--force']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout.trim()).not.toMatch(RAW);
    expect(json.stdout).toContain('\\u001b[2J\\u202eX');
    expect((JSON.parse(json.stdout) as { score: { output: string } }).score.output).toBe(HOSTILE_OUTPUT);

    const sidecarFile = path.join(dir, 'hostile.model.json');
    const sidecar = JSON.parse(readFileSync(sidecarFile, 'utf8')) as { name: string };
    sidecar.name = HOSTILE_NAME;
    writeFileSync(sidecarFile, JSON.stringify(sidecar));

    const data = path.join(dir, 'data');
    for (const [i, folder] of ['live', 'attack/print'].entries()) {
      mkdirSync(path.join(data, folder), { recursive: true });
      await sharp({ create: { width: 128, height: 128, channels: 3, background: { r: 40 + 90 * i, g: 90, b: 140 } } }).png().toFile(path.join(data, folder, `img-${i}.png`));
    }
    const workspace = path.join(dir, 'ws.uadw');
    const scored = await runCli(['score', data, '--model', model, '--workspace', workspace, '--progress', 'none']);
    expect(scored.code, scored.stderr).toBe(0);
    expect(scored.stderr + scored.stdout).not.toMatch(RAW);
    expect(scored.stderr).toContain('model model\\e[2K\\r\\e[1AOK \\u{202e}gpj.exe (');

    const exported = await runCli(['export-scores', '--workspace', workspace, '--out', path.join(dir, 'scores.csv')]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).not.toMatch(RAW);
    expect(exported.stdout).toContain('of model\\e[2K\\r\\e[1AOK \\u{202e}gpj.exe (');
    const exportedJson = await runCli(['export-scores', '--workspace', workspace, '--out', path.join(dir, 'scores2.csv'), '--json']);
    expect(exportedJson.stdout.trim()).not.toMatch(RAW);
    expect((JSON.parse(exportedJson.stdout) as { model: { name: string } }).model.name).toBe(HOSTILE_NAME);
  });
});
