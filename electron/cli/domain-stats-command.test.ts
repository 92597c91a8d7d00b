// `uad domain-stats` end to end on the bundled demo lists: the written `domain` block has all three views, the
// appearance view names the shipped network by its sha256, one percentile holds for the whole check, bad
// options are refused. vitest, Node side: the CLI as a child process, onnxruntime-node CPU.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDomainSpec } from '../../common/model/face-domain.js';
import { runCli } from '../../test/support/cli.js';
import { sidecarText } from './domain-stats-command.js';
import { repoRoot, shippedModel } from '../../test/support/models.js';

const DEMO = path.join(repoRoot, 'assets/demo');
const list = (name: string) => path.join(DEMO, `SynthUAD-demo@${name}_image_dev.txt`);

/** A copy of the shipped dense model and its sidecar in a fresh folder (the CLI writes the sidecar). */
function modelCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-domain-stats-'));
  const onnx = shippedModel('dense-tiny');
  copyFileSync(onnx, path.join(dir, 'dense-tiny.onnx'));
  copyFileSync(onnx.replace(/\.onnx$/, '.model.json'), path.join(dir, 'dense-tiny.model.json'));
  return path.join(dir, 'dense-tiny.onnx');
}

describe('uad domain-stats', () => {
  it('writes the embedding, input-statistics and appearance views with one joint percentile', async () => {
    const model = modelCopy();
    const args = ['domain-stats', '--model', model, '--train', list('p2.1'), '--reference', list('p2.2'), '--check', list('p2.2'),
      '--image-root', DEMO, '--appearance-dims', '8', '--json'];
    const median = await runCli([...args, '--percentile', '50']);
    expect(median.code, median.stderr).toBe(0);
    const half = JSON.parse(median.stdout) as { check: { count: number; share_in_domain: number }; joint_scale: number };
    // the reference list checked against itself: half of it inside the whole check (not half inside each view)
    expect(half.check.count).toBe(56);
    expect(half.check.share_in_domain).toBeCloseTo(0.5, 1);
    expect(half.joint_scale).toBeGreaterThan(1);

    const all = await runCli([...args, '--percentile', '100', '--write']);
    expect(all.code, all.stderr).toBe(0);
    expect((JSON.parse(all.stdout) as { check: { share_in_domain: number } }).check.share_in_domain).toBe(1);
    const sidecar = JSON.parse(readFileSync(model.replace(/\.onnx$/, '.model.json'), 'utf8')) as { domain: unknown };
    const domain = parseDomainSpec(sidecar.domain)!;
    expect(domain.image!.features).toHaveLength(30);
    const appearance = domain.appearance!;
    expect(appearance.features).toEqual(['pc1', 'pc2', 'pc3', 'pc4', 'pc5', 'pc6', 'pc7', 'pc8', 'residual']);
    expect(appearance.center).toHaveLength(1024);
    expect(appearance.basis).toHaveLength(8 * 1024);
    const shipped = createHash('sha256').update(readFileSync(path.join(repoRoot, 'models/face/faceres.onnx'))).digest('hex');
    expect(appearance.network).toEqual({ file: 'faceres.onnx', sha256: shipped, input: 'input_1', output: 'global_pooling/Mean', side: 224 });
    expect([domain.percentile, domain.image!.percentile, appearance.percentile]).toEqual([100, 100, 100]);
  });

  it('reports every line of the training list that is not a sample and every file it could not use, and counts a repeated line once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-domain-train-'));
    const good = readFileSync(list('p2.1'), 'utf8').trim().split('\n');
    writeFileSync(path.join(dir, 'empty.jpg'), '');
    writeFileSync(path.join(dir, 'text.jpg'), 'not an image');
    const bad = ['w.jpg yes', 'x.jpg l', 'x.jpg 7', '#commented.jpg 0', '/abs.jpg 0', '../up.jpg 0', 'x.jpg 1.5', '5', 'y.jpg -1', 'z.jpg two'];
    const unusable = ['empty.jpg 0', 'text.jpg 1'];
    symlinkSync(path.join(DEMO, 'SynthUAD-demo'), path.join(dir, 'SynthUAD-demo')); // the demo images under this image root
    const train = path.join(dir, 'train_list.txt');
    writeFileSync(train, [...good, ...bad, ...unusable, good[0], good[1]].join('\n'));
    const run = await runCli(['domain-stats', '--model', shippedModel('dense-tiny'), '--train', train, '--reference', list('p2.2'),
      '--image-root', dir, '--appearance-dims', '0']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('10 line(s) of');
    for (let line = good.length + 1; line <= good.length + bad.length; line++) expect(run.stderr).toContain(`line ${line}: `);
    expect(run.stderr).toMatch(/failed: .*empty\.jpg: file is empty/);
    expect(run.stderr).toMatch(/failed: .*text\.jpg: content is not/);
    expect(run.stderr).toContain(`line ${good.length + bad.length + unusable.length + 1}: same file as line 1`);
    expect(run.stdout).toContain(`train: ${good.length}\n`); // each image once; the two unusable files are not rows
  }, 120_000);

  it('refuses bad options with exit status 2', async () => {
    const base = ['domain-stats', '--model', shippedModel('dense-tiny'), '--train', list('p2.1'), '--reference', list('p2.2')];
    for (const extra of [['--percentile', '0'], ['--appearance-dims', '1024'], ['--appearance-dims', '2.5'], ['--image-percentile', '99']]) {
      const run = await runCli([...base, ...extra]);
      expect(run.code, extra.join(' ')).toBe(2);
    }
    expect((await runCli(['domain-stats', '--model', shippedModel('dense-tiny')])).code).toBe(2);
  });

  it('refuses --appearance-dims not below the number of training samples before fitting anything', async () => {
    const model = modelCopy();
    const sidecarFile = model.replace(/\.onnx$/, '.model.json');
    const before = readFileSync(sidecarFile, 'utf8');
    const run = await runCli(['domain-stats', '--model', model, '--train', list('p2.2'), '--reference', list('p2.2'), '--image-root', DEMO, '--appearance-dims', '56', '--write']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--appearance-dims 56 needs more training samples than axes: .*p2\.2_image_dev\.txt has 56 embedded samples, so at most 55 axes can be fitted/);
    expect(readFileSync(sidecarFile, 'utf8')).toBe(before);
  });
});

describe('sidecarText', () => {
  it('puts lists of numbers on one line and leaves everything else as JSON.stringify(…, 1) does', () => {
    const json = { a: [1, 2.5e-7, -3], b: { c: [[1, 2], [3, 4]], s: ['x', 'y'], n: [] }, t: '[1, 2]', m: [1, 'x'] };
    const text = sidecarText(json);
    expect(JSON.parse(text)).toEqual(json);
    expect(text).toContain('"a": [1,2.5e-7,-3]');
    expect(text).toContain('"t": "[1, 2]"');
    expect(text).toContain('   [1,2],\n   [3,4]');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
