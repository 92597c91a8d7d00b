// Occlusion and perturbation probes in case files: probes run on the engine and saved in a real scored
// workspace are exported as overlays and case.json entries, and the case verifies (also with `uad verify-case`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_JSON, type CaseFile } from '../../common/cases/case-types.js';
import type { ProbeJob, ProbeKind } from '../../common/contract/explain.js';
import { flipStrength } from '../../common/explain/perturb.js';
import { runCli } from '../../test/support/cli.js';
import { shippedModel } from '../../test/support/models.js';
import { scoredCaseWorkspace, type ScoredCaseWorkspace } from '../../test/support/scored-case-workspace.js';
import { InferenceEngine } from '../inference/engine.js';
import { saveProbe, sampleLocation, savedProbes } from '../workspace/probes.js';
import { exportCase } from './export-case.js';
import { verifyCaseFile } from './verify-case.js';
import { readZipSafely } from './zip-reader.js';

let fx: ScoredCaseWorkspace;
const out = mkdtempSync(path.join(tmpdir(), 'uad-case-probes-'));
const operatingPoint = { threshold: 0.5, criterion: 'eer', split: 'dev', dataHash: 'ab'.repeat(32), at: '2025-01-01T00:00:00.000Z' };
let sampleId: number;

beforeAll(async () => {
  fx = await scoredCaseWorkspace();
  sampleId = fx.idByPath.get('attack/print/subject-01.jpg')!;
  const engine = await InferenceEngine.start({ modelPath: shippedModel(), provider: 'cpu', intraOpThreads: 1 });
  try {
    const file = sampleLocation(fx.workspace, sampleId)!.absPath;
    const jobs: [ProbeKind, ProbeJob][] = [['occlusion-7x7', { kind: 'occlusion', grid: [7, 7] }], ['perturbation', { kind: 'perturbation' }]];
    for (const [kind, job] of jobs) {
      const { sha256, result } = await engine.probe(file, job);
      saveProbe(fx.workspace, { kind, sampleId, modelSha256: fx.modelSha256, sampleSha256: sha256, result });
    }
  } finally {
    await engine.close();
  }
}, 120_000);
afterAll(() => {
  fx?.workspace.close();
  rmSync(out, { recursive: true, force: true });
});

describe('probes in case files', () => {
  it('are saved with the sample, one per kind', () => {
    const saved = savedProbes(fx.workspace, sampleId, fx.modelSha256);
    expect(saved.map((p) => p.kind)).toEqual(['occlusion-7x7', 'perturbation']);
    expect(savedProbes(fx.workspace, sampleId, 'f'.repeat(64))).toEqual([]);
  });

  it('export as overlays and case.json entries, and the case verifies', async () => {
    const summary = await exportCase(fx.workspace, {
      source: 'selection', sampleIds: [sampleId], title: 'Probes', examiner: 'examiner-a', evidence: 'embed', operatingPoint, modelSha256: fx.modelSha256,
      outPath: path.join(out, 'probes.zip'),
    });
    expect(summary.warnings).toEqual([]);
    const verdict = await verifyCaseFile(summary.path);
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    const cli = await runCli(['verify-case', summary.path]);
    expect(cli.code).toBe(0);

    const read = await readZipSafely(summary.path);
    if (!read.ok) throw new Error('unreadable case');
    const files = new Map(read.entries.map((e) => [e.name, e.data]));
    const caseFile = JSON.parse(files.get(CASE_JSON)!.toString()) as CaseFile;
    const result = caseFile.results[0]!;
    const saved = savedProbes(fx.workspace, sampleId, fx.modelSha256);
    const occlusion = result.probes!.find((p) => p.kind === 'occlusion-7x7')!;
    expect(occlusion.grid).toEqual([7, 7]);
    expect(occlusion.scores).toHaveLength(49);
    expect(occlusion.scores).toEqual(saved[0]!.result.kind === 'occlusion' ? saved[0]!.result.scores : null);
    const perturbation = result.probes!.find((p) => p.kind === 'perturbation')!;
    const savedPerturbation = saved[1]!.result;
    if (savedPerturbation.kind !== 'perturbation') throw new Error('wrong kind');
    perturbation.families!.forEach((f, i) => expect(f.flipsAt).toBe(flipStrength(savedPerturbation.baseScore, f.strengths, savedPerturbation.families[i]!.scores, 0.5)));

    const kinds = result.overlays.map((o) => o.kind);
    expect(kinds).toContain('occlusion');
    expect(kinds).toContain('perturbation');
    const occlusionPng = files.get(result.overlays.find((o) => o.kind === 'occlusion')!.file)!;
    const meta = await sharp(occlusionPng).metadata();
    expect(meta.width).toBe(meta.height);
    expect(result.overlays.find((o) => o.kind === 'occlusion')!.range![0]).toBeLessThanOrEqual(result.overlays.find((o) => o.kind === 'occlusion')!.range![1]);
    expect(files.get('report.html')!.toString()).toContain('perturbation probe');
  }, 120_000);

  it('leaves out a probe run on another version of the file, with a warning', async () => {
    const other = fx.idByPath.get('live/subject-01.jpg')!;
    saveProbe(fx.workspace, { kind: 'perturbation', sampleId: other, modelSha256: fx.modelSha256, sampleSha256: '0'.repeat(64), result: { kind: 'perturbation', baseScore: 0.1, families: [] } });
    const summary = await exportCase(fx.workspace, {
      source: 'selection', sampleIds: [other], title: 'Stale probe', examiner: 'examiner-a', evidence: 'hashes', operatingPoint, modelSha256: fx.modelSha256,
      outPath: path.join(out, 'stale.zip'),
    });
    expect(summary.warnings.join(' ')).toMatch(/another version of the file/);
    expect((await verifyCaseFile(summary.path)).ok).toBe(true);
  }, 120_000);
});
