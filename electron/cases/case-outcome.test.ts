// Case files carry each sample's outcome (attack, bona fide, or inconclusive with its reason) from the one
// definition in common/metrics/outcome.ts, a questioned sample with an empty label, and how the evaluation that
// set τ counted out-of-domain samples; the report shows the outcome, never a decision for an inconclusive sample,
// and the case verifies. Real scoring (shipped model), SQLite and zip on disk.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_JSON, REPORT_HTML, type CaseFile } from '../../common/cases/case-types.js';
import { domainLimit, outcomeOf, reasonText } from '../../common/metrics/outcome.js';
import { usableDomain } from '../../common/model/domain-validity.js';
import { face } from '../../test/support/scored-case-workspace.js';
import { shippedModel } from '../../test/support/models.js';
import { listFolder } from '../dataset/folder-loader.js';
import { InferenceEngine } from '../inference/engine.js';
import { scoreDataset } from '../scoring/scoring-run.js';
import { modelRecord } from '../workspace/models.js';
import { predictionOf } from '../workspace/predictions.js';
import { sampleRecords } from '../workspace/samples.js';
import { Workspace } from '../workspace/workspace.js';
import { exportCase } from './export-case.js';
import { verifyCaseFile } from './verify-case.js';
import { readZipSafely } from './zip-reader.js';

let workspace: Workspace;
let modelSha256: string;
let ids: Map<string, number>;
const out = mkdtempSync(path.join(tmpdir(), 'uad-case-outcome-'));
const operatingPoint = { threshold: 0.5, criterion: 'fixed', at: '2025-01-01T00:00:00.000Z' };

beforeAll(async () => {
  // A mixed layout: labelled class folders, one photograph outside them (questioned) and one unreadable file.
  const root = mkdtempSync(path.join(tmpdir(), 'uad-case-outcome-data-'));
  await face(path.join(root, 'live', 'subject-01.jpg'), [224, 180, 150], false);
  await face(path.join(root, 'attack', 'print', 'subject-01.jpg'), [180, 170, 160], true);
  await face(path.join(root, 'questioned-photo.jpg'), [200, 160, 130], false);
  writeFileSync(path.join(root, 'attack', 'print', 'broken.jpg'), 'this is text, not a JPEG');
  const listing = await listFolder(root);
  if (!listing.ok) throw new Error(listing.error.message);
  workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-case-outcome-ws-')), 'examiner-a');
  const engine = await InferenceEngine.start({ modelPath: shippedModel(), provider: 'cpu', intraOpThreads: 1 });
  try {
    await scoreDataset({ workspace, listing: listing.value, engine, batchSize: 4 });
    modelSha256 = engine.model.sha256;
  } finally {
    await engine.close();
  }
  ids = new Map(sampleRecords(workspace).map((r) => [r.path, r.id]));
}, 120_000);
afterAll(() => workspace?.close());

async function exported(name: string, decideOutOfDomainByScore?: boolean): Promise<{ zip: string; caseFile: CaseFile; report: string }> {
  const zip = path.join(out, name);
  await exportCase(workspace, {
    source: 'selection', sampleIds: [...ids.values()], title: 'Outcomes', examiner: 'examiner-a', evidence: 'hashes', operatingPoint, modelSha256,
    outPath: zip, ...(decideOutOfDomainByScore !== undefined ? { decideOutOfDomainByScore } : {}),
  });
  const read = await readZipSafely(zip);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const file = (n: string) => read.entries.find((e) => e.name === n)!.data.toString('utf8');
  return { zip, caseFile: JSON.parse(file(CASE_JSON)) as CaseFile, report: file(REPORT_HTML) };
}

describe('case outcomes', () => {
  it('each result carries the outcome of outcomeOf; a questioned sample has an empty label; the case verifies', async () => {
    const { zip, caseFile, report } = await exported('outcomes.zip');
    expect((await verifyCaseFile(zip)).ok).toBe(true);
    const limit = domainLimit(usableDomain(modelRecord(workspace, modelSha256)!.sidecar.domain));
    const byPath = new Map(caseFile.evidence.map((e) => [e.path, e]));
    expect(byPath.get('questioned-photo.jpg')!.dataset.label).toBe('');
    expect(byPath.get('live/subject-01.jpg')!.dataset.label).toBe('bona-fide');
    expect(byPath.get('attack/print/subject-01.jpg')!.dataset.label).toBe('attack');
    for (const result of caseFile.results) {
      const prediction = predictionOf(workspace, result.sampleId, modelSha256);
      if (!prediction) continue;
      const expected = outcomeOf({ score: prediction.score, threshold: 0.5, domain: { inDomain: prediction.inDomain, distance: prediction.domainDistance, limit } });
      expect([result.outcome, result.outcomeReason]).toEqual([expected.outcome, expected.reason ? reasonText(expected.reason) : '']);
    }
    // The unreadable file is inconclusive with its reason, and the report never calls it attack or bona fide.
    const broken = caseFile.results.find((r) => r.sampleId === ids.get('attack/print/broken.jpg'))!;
    expect(broken.score).toBeNull();
    expect(broken.outcome).toBe('inconclusive');
    expect(broken.outcomeReason).toMatch(/^could not be processed: /);
    expect(report).toContain(`Inconclusive — ${broken.outcomeReason}`);
    expect(report).toContain('questioned (no ground truth)');
    const rows = report.split('<tr>').filter((row) => row.includes('data-outcome="inconclusive"'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).not.toMatch(/class="(attack|bona-fide)"/);
    for (const result of caseFile.results.filter((r) => r.outcome !== 'inconclusive')) expect(report).toContain(`data-outcome="${result.outcome}"`);
    expect(caseFile.operatingPoint.outOfDomainSamples).toBeUndefined();
  });

  it('records how the evaluation that set τ counted out-of-domain samples, and says it in the report', async () => {
    const off = await exported('non-responses.zip', false);
    expect(off.caseFile.operatingPoint.outOfDomainSamples).toBe('non-responses');
    expect(off.report).toContain('out-of-domain samples counted as non-responses in the evaluation');
    const on = await exported('decided.zip', true);
    expect(on.caseFile.operatingPoint.outOfDomainSamples).toBe('decided-by-score');
    expect(on.report).toContain('out-of-domain samples decided by score in the evaluation');
    expect((await verifyCaseFile(on.zip)).ok).toBe(true);
    // The outcomes themselves do not follow the switch: an out-of-domain sample stays inconclusive in evidence.
    expect(on.caseFile.results.map((r) => r.outcome)).toEqual(off.caseFile.results.map((r) => r.outcome));
  });
});
