// `uad score <photos> --faces detect` end to end: one sample per detected face with box and domain fields,
// a photograph without a face as a non-response, the choice recorded with the run, export-scores columns.
// vitest, Node side: the CLI as a child process, real photographs (test/fixtures/photos), the shipped model.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { shippedModel } from '../../test/support/models.js';
import { readZipSafely } from '../cases/zip-reader.js';
import { Workspace } from '../workspace/workspace.js';
import { listRuns } from '../workspace/runs.js';
import { sampleRecords } from '../workspace/samples.js';

const PHOTOS = path.join(process.cwd(), 'test/fixtures/photos');

async function photoFolder(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), 'uad-faces-'));
  mkdirSync(path.join(root, 'live'), { recursive: true });
  mkdirSync(path.join(root, 'attack', 'print'), { recursive: true });
  copyFileSync(path.join(PHOTOS, 'astronaut.jpg'), path.join(root, 'live', 'astronaut.jpg'));
  copyFileSync(path.join(PHOTOS, 'chelsea.jpg'), path.join(root, 'attack', 'print', 'cat.jpg'));
  // three faces: the astronaut, the photographer, the astronaut mirrored (as in detector.test.ts)
  const astro = await sharp(path.join(PHOTOS, 'astronaut.jpg')).extract({ left: 115, top: 20, width: 220, height: 220 }).toBuffer();
  const cam = await sharp(path.join(PHOTOS, 'camera.jpg')).extract({ left: 110, top: 55, width: 220, height: 220 }).toColourspace('srgb').toBuffer();
  await sharp({ create: { width: 440, height: 440, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([{ input: astro, left: 0, top: 0 }, { input: cam, left: 220, top: 0 }, { input: await sharp(astro).flop().toBuffer(), left: 0, top: 220 }])
    .jpeg().toFile(path.join(root, 'live', 'group.jpg'));
  return root;
}

describe('uad score --faces', () => {
  it('detect: one sample per face, photos without a face as non-responses, exported with face and domain columns', async () => {
    const root = await photoFolder();
    const ws = path.join(root, 'ws');
    const run = await runCli(['score', root, '--model', shippedModel(), '--workspace', ws, '--faces', 'detect', '--progress', 'none']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/4 faces in 3 photographs, 1 without a face/);
    expect(run.stdout).toMatch(/completed: 4 scored, 0 already scored by this model, 1 failed/);
    expect(run.stdout).toMatch(/failed: attack\/print\/cat\.jpg: no face found/);

    const workspace = Workspace.open(ws);
    try {
      const faces = sampleRecords(workspace).filter((s) => s.face !== null).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      expect(faces.map((f) => f.path)).toEqual(['live/astronaut.jpg#face1', 'live/group.jpg#face1', 'live/group.jpg#face2', 'live/group.jpg#face3']);
      const group = faces.filter((f) => f.face!.filePath === 'live/group.jpg');
      expect(new Set(group.map((f) => f.sha256)).size).toBe(1); // same file, same hash
      for (const f of faces) {
        expect(f.face!.box).toHaveLength(4);
        expect(f.face!.keypoints).toHaveLength(6);
        expect(f.face!.confidence).toBeGreaterThan(0.7);
      }
      expect(listRuns(workspace, { limit: 1 })[0]!.faces).toBe('detect');
    } finally {
      workspace.close();
    }

    const csv = path.join(root, 'scores.csv');
    const exported = await runCli(['export-scores', '--workspace', ws, '--out', csv]);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('path,score,label,species,identity,class,status,face_index,face_box,domain_distance,in_domain,outcome,outcome_reason');
    expect(lines).toHaveLength(6); // four faces and the cat photograph as a non-response
    expect(lines.find((l) => l.startsWith('attack/print/cat.jpg,,'))).toMatch(/no face found,,,,,inconclusive,no face found \(detector confidence below 0\.\d+\)$/);
    const astronaut = lines.find((l) => l.startsWith('live/astronaut.jpg#face1'))!.split(',');
    expect(astronaut[6]).toBe('ok');
    expect(astronaut[7]).toBe('1');
    const [x1, y1, x2, y2] = astronaut[8]!.split(' ').map(Number);
    expect(x1! < x2! && y1! < y2!).toBe(true);
    expect(['true', 'false', 'unknown']).toContain(astronaut[10]);
    if (astronaut[10] === 'unknown') expect(astronaut[9]).toBe('');
    else expect(Number(astronaut[9])).toBeGreaterThan(0);

    // a case file of the group photograph's faces carries each face and its domain verdict, in case.json and the report
    const ids = Workspace.open(ws);
    let groupIds: number[];
    try {
      groupIds = sampleRecords(ids).filter((r) => r.face?.filePath === 'live/group.jpg').map((r) => r.id);
    } finally {
      ids.close();
    }
    const zip = path.join(root, 'case.zip');
    const exportedCase = await runCli(['export-case', '--workspace', ws, '--samples', groupIds.join(','), '--examiner', 'A. Analyst', '--out', zip]);
    expect(exportedCase.code, exportedCase.stderr).toBe(0);
    const verified = await runCli(['verify-case', zip]);
    expect([0, 3]).toContain(verified.code); // intact; 3 = intact but unsigned here
    const read = await readZipSafely(zip);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const entry = (name: string) => read.entries.find((e) => e.name.endsWith(name))!.data.toString('utf8');
    const results = (JSON.parse(entry('case.json')) as { results: { face?: { index: number; box: number[] }; domain?: { inDomain: boolean | null } }[] }).results;
    expect(results.map((r) => r.face?.index).sort()).toEqual([1, 2, 3]);
    for (const r of results) expect(r.domain).toBeDefined();
    const report = entry('report.html');
    expect(report).toContain('face 1 of the photograph');
    expect(report).toMatch(/the model's domain|domain unknown/);
  });

  it('none scores whole images and records the choice; a bad --faces value is a usage error', async () => {
    const root = await photoFolder();
    writeFileSync(path.join(root, 'README.txt'), 'not an image');
    const ws = path.join(root, 'ws');
    const run = await runCli(['score', root, '--model', shippedModel(), '--workspace', ws, '--faces', 'none', '--progress', 'none']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/completed: 3 scored/);
    const workspace = Workspace.open(ws);
    try {
      expect(sampleRecords(workspace).filter((s) => s.face !== null)).toHaveLength(0);
      expect(listRuns(workspace).map((r) => r.faces)).toEqual(['none']);
    } finally {
      workspace.close();
    }
    const bad = await runCli(['score', root, '--model', shippedModel(), '--workspace', ws, '--faces', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--faces must be one of detect, none, auto/);
  });

  it('--max-faces caps the faces per photograph and says which photograph reached it, in text and --json', async () => {
    const root = await photoFolder();
    const ws = path.join(root, 'ws');
    const run = await runCli(['score', root, '--model', shippedModel(), '--workspace', ws, '--faces', 'detect', '--max-faces', '2', '--progress', 'none']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/3 faces in 3 photographs, 1 without a face/);
    expect(run.stderr).toMatch(/1 photograph\(s\) had more than 2 faces \(--max-faces\): only the best 2 of each became samples\n {2}live\/group\.jpg: 2 of 3 faces kept; raise --max-faces/);
    expect(run.stdout).toMatch(/1 photograph\(s\) had more than 2 faces; live\/group\.jpg 2 of 3 faces kept; raise --max-faces/);
    const workspace = Workspace.open(ws);
    try {
      expect(sampleRecords(workspace).filter((s) => s.face?.filePath === 'live/group.jpg').map((s) => s.path).sort()).toEqual(['live/group.jpg#face1', 'live/group.jpg#face2']);
    } finally {
      workspace.close();
    }
    const json = await runCli(['score', root, '--model', shippedModel(), '--workspace', path.join(root, 'ws2'), '--faces', 'detect', '--max-faces', '1', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { facesCapped: unknown }).facesCapped).toEqual([{ path: 'live/group.jpg', kept: 1, found: 3 }]);
    const bad = await runCli(['score', root, '--model', shippedModel(), '--workspace', ws, '--max-faces', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-faces must be an integer from 1 to 1000, got '0'/);
  });
});
