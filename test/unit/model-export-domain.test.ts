// `npm run model:export` with --domain-train/--domain-reference: the export (python3 -m lasoftmoe.export, tiny
// config, random init) followed by uad domain-stats writes the `domain` block into the exported sidecar; the
// domain options are checked before anything runs. vitest, Node side: the script as a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDomainSpec } from '../../common/model/face-domain.js';
import { repoRoot } from '../support/models.js';

const PYTHON = process.env.UAD_PYTHON ?? '/usr/bin/python3';
const pythonReady = spawnSync(PYTHON, ['-c', 'import torch, onnx'], { encoding: 'utf8' }).status === 0;
const script = path.join(repoRoot, 'scripts', 'model-export.mjs');
const demoList = (name: string) => path.join(repoRoot, 'assets/demo', `SynthUAD-demo@${name}_image_dev.txt`);

describe('model:export with domain statistics', () => {
  it.skipIf(!pythonReady)('exports a model and writes its domain block', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'uad-export-domain-'));
    const run = spawnSync(process.execPath, [script, '--config', 'tiny', '--init', 'random', '--seed', '0', '--out', out, '--name', 'm',
      '--domain-train', demoList('p2.1'), '--domain-reference', demoList('p2.2'), '--domain-image-root', path.join(repoRoot, 'assets/demo'),
      '--domain-appearance-dims', '4', '--domain-percentile', '99'], { cwd: repoRoot, encoding: 'utf8', timeout: 600_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/domain statistics of .*m\.onnx/);
    const domain = parseDomainSpec((JSON.parse(readFileSync(path.join(out, 'm.model.json'), 'utf8')) as { domain: unknown }).domain)!;
    expect(domain.percentile).toBe(99);
    expect(domain.fitted_on).toMatchObject({ split: 'train', count: 96 });
    expect(domain.appearance!.features).toHaveLength(5);
  });

  it('refuses half a domain request before exporting anything', () => {
    const run = spawnSync(process.execPath, [script, '--config', 'tiny', '--init', 'random', '--out', tmpdir(), '--domain-train', demoList('p2.1')], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/need both --domain-train LIST and --domain-reference LIST/);
    const dangling = spawnSync(process.execPath, [script, '--domain-percentile'], { cwd: repoRoot, encoding: 'utf8' });
    expect(dangling.status).toBe(2);
    expect(dangling.stderr).toMatch(/--domain-percentile needs a value/);
  });
});
