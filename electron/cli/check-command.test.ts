// `uad check` on real photographs (faces, a cat without one, a missing file) and its agreement with
// `uad score` + `uad export-scores` on the same folder: same faces, same scores, same outcomes, also when the image is
// checked into the workspace that holds the folder's run.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../common/csv/read.js';
import { runCli } from '../../test/support/cli.js';
import { repoRoot, shippedModel } from '../../test/support/models.js';
import type { CheckRow } from './check-command.js';

const PHOTOS = ['astronaut.jpg', 'chelsea.jpg', 'grace_hopper.jpg'];

describe('uad check', () => {
  it('agrees with uad score and export-scores on the same folder, face by face', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'uad-check-'));
    const evidence = path.join(folder, 'evidence');
    mkdirSync(evidence);
    for (const name of PHOTOS) copyFileSync(path.join(repoRoot, 'test', 'fixtures', 'photos', name), path.join(evidence, name));
    const workspace = path.join(folder, 'ws');
    const scored = await runCli(['score', evidence, '--model', shippedModel(), '--workspace', workspace, '--faces', 'detect', '--progress', 'none']);
    expect(scored.code, scored.stderr).toBe(0);
    const out = path.join(folder, 'scores.csv');
    expect((await runCli(['export-scores', '--workspace', workspace, '--out', out, '--threshold', '0.5'])).code).toBe(0);
    const [header, ...records] = (parseCsv(readFileSync(out, 'utf8')) as { ok: true; value: { fields: string[] }[] }).value;
    const col = (name: string) => header!.fields.indexOf(name);
    const fromScore = records.map(({ fields }) => ({
      file: fields[col('path')]!.split('#')[0], face: fields[col('face_index')] === '' ? null : Number(fields[col('face_index')]), label: fields[col('label')],
      score: fields[col('score')] === '' ? null : Number(fields[col('score')]), outcome: fields[col('outcome')], reason: fields[col('outcome_reason')] || null,
    })).sort((a, b) => `${a.file}${a.face}`.localeCompare(`${b.file}${b.face}`));

    const checked = await runCli(['check', ...PHOTOS.map((n) => path.join(evidence, n)), '--model', shippedModel(), '--threshold', '0.5', '--json']);
    expect(checked.code, checked.stderr).toBe(0);
    const rows = JSON.parse(checked.stdout) as CheckRow[];
    const fromCheck = rows.map((r) => ({
      file: path.basename(r.path), face: r.face_index ?? null, label: '', score: r.score, outcome: r.outcome, reason: r.reason,
    })).sort((a, b) => `${a.file}${a.face}`.localeCompare(`${b.file}${b.face}`));

    expect(fromCheck).toEqual(fromScore);
    // Checked into the workspace that already holds the folder's run: the image's own faces, once each.
    const again = await runCli(['check', path.join(evidence, 'grace_hopper.jpg'), '--model', shippedModel(), '--threshold', '0.5', '--workspace', workspace, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as CheckRow[]).map((r) => ({ face: r.face_index ?? null, score: r.score, outcome: r.outcome })).sort((a, b) => (a.face ?? 0) - (b.face ?? 0)))
      .toEqual(fromScore.filter((r) => r.file === 'grace_hopper.jpg').map((r) => ({ face: r.face, score: r.score, outcome: r.outcome })));
    // The cat has no face: one object without face_index, never scored.
    const cat = rows.filter((r) => r.path.endsWith('chelsea.jpg'));
    expect(cat).toEqual([{ path: path.join(evidence, 'chelsea.jpg'), outcome: 'inconclusive', reason: 'no face found (detector confidence below 0.70)', score: null, domain_distance: null, in_domain: null }]);
    // The portraits have faces with boxes; every key is present.
    const faces = rows.filter((r) => r.face_index !== undefined);
    expect(faces.length).toBeGreaterThanOrEqual(2);
    for (const face of faces) {
      expect(Object.keys(face).sort()).toEqual(['domain_distance', 'face_box', 'face_index', 'in_domain', 'outcome', 'path', 'reason', 'score']);
      expect(['attack', 'bona fide', 'inconclusive']).toContain(face.outcome);
      if (face.in_domain === false) expect(face).toMatchObject({ outcome: 'inconclusive', reason: expect.stringMatching(/^outside this model's domain \(distance \d+\.\d\d, limit 1\.00\)$/) });
    }
  });

  it('exits 1 when an image cannot be read, still reporting the others; text lines say the reason first', async () => {
    const result = await runCli(['check', path.join(repoRoot, 'test', 'fixtures', 'photos', 'chelsea.jpg'), '/nonexistent/evidence.jpg', '--model', shippedModel()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/chelsea\.jpg {2}Inconclusive — no face found \(detector confidence below 0\.70\) {2}no score/);
    expect(result.stdout).toMatch(/\/nonexistent\/evidence\.jpg {2}Inconclusive — could not be processed: file not found/);
  });
});
