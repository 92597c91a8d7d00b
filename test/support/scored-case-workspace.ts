// A small real dataset (face-like synthetic images written with sharp) scored by the shipped model into
// a fresh workspace: the starting point of the case-file tests.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { listFolder } from '../../electron/dataset/folder-loader.js';
import { InferenceEngine } from '../../electron/inference/engine.js';
import { scoreDataset } from '../../electron/scoring/scoring-run.js';
import { Workspace } from '../../electron/workspace/workspace.js';
import { shippedModel } from './models.js';
import { sampleRecords } from '../../electron/workspace/samples.js';

export interface ScoredCaseWorkspace {
  dir: string;
  datasetRoot: string;
  workspace: Workspace;
  modelSha256: string;
  /** Sample ids by relative path. */
  idByPath: Map<string, number>;
}

/** A face-like synthetic photograph (JPEG) at `file`. */
export async function face(file: string, skin: [number, number, number], stripes: boolean): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const pattern = stripes ? Array.from({ length: 20 }, (_, i) => `<rect x="0" y="${i * 8}" width="160" height="3" fill="#223" opacity="0.35"/>`).join('') : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160"><rect width="160" height="160" fill="#6a7b8c"/>
    <ellipse cx="80" cy="84" rx="48" ry="62" fill="rgb(${skin.join(',')})"/><circle cx="62" cy="70" r="6" fill="#222"/><circle cx="98" cy="70" r="6" fill="#222"/>
    <rect x="64" y="112" width="32" height="6" fill="#822"/>${pattern}</svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toFile(file);
}

export async function scoredCaseWorkspace(actor = 'examiner-a'): Promise<ScoredCaseWorkspace> {
  const datasetRoot = mkdtempSync(path.join(tmpdir(), 'uad-case-data-'));
  await face(path.join(datasetRoot, 'live', 'subject-01.jpg'), [224, 180, 150], false);
  await face(path.join(datasetRoot, 'live', 'subject-02.jpg'), [200, 160, 130], false);
  await face(path.join(datasetRoot, 'attack', 'print', 'subject-01.jpg'), [180, 170, 160], true);
  await face(path.join(datasetRoot, 'attack', 'replay', 'subject-02.jpg'), [150, 170, 210], true);
  const listing = await listFolder(datasetRoot);
  if (!listing.ok) throw new Error(listing.error.message);
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-case-ws-'));
  const workspace = Workspace.open(dir, actor);
  const engine = await InferenceEngine.start({ modelPath: shippedModel(), provider: 'cpu', intraOpThreads: 1 });
  try {
    await scoreDataset({ workspace, listing: listing.value, engine, batchSize: 4 });
    const idByPath = new Map(sampleRecords(workspace).map((r) => [r.path, r.id]));
    return { dir, datasetRoot, workspace, modelSha256: engine.model.sha256, idByPath };
  } finally {
    await engine.close();
  }
}
