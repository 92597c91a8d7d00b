// A case's annotations against its custody log, over a real workspace: annotations written by one bulk
// action are each matched to the entry that recorded them; one edited afterwards is caught. Node side (cases).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../common/cases/case-types.js';
import type { CaseProblem } from '../../common/contract/cases.js';
import { addAnnotation, annotationsOf, tagSamples } from '../workspace/annotations.js';
import { custodyEntries } from '../workspace/custody.js';
import { Workspace } from '../workspace/workspace.js';
import { checkAnnotations } from './case-consistency.js';

let workspace: Workspace;
let ids: number[];
beforeEach(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-consistency-'));
  workspace = Workspace.open(dir, 'examiner-a');
  const sample = (p: string) => ({ id: 0, path: p, label: 1 as const, category: 'physical' as const, species: 'print', identity: '', split: 'test', sizeBytes: 1, status: 'ok' as const });
  ids = workspace.ingest({
    root: dir, source: 'folder', skipped: [], counts: { total: 3, bonaFide: 0, attack: 3, unusable: 0, bySpecies: {} },
    samples: [sample('attack/print/a.png'), sample('attack/print/b.png'), sample('attack/print/c.png')],
  }).sampleIds;
});
afterEach(() => workspace.close());

/** The two parts of a case that checkAnnotations reads, as the export writes them. */
const caseOf = (): CaseFile => ({ custody: { entries: custodyEntries(workspace) }, annotations: annotationsOf(workspace, ids) }) as unknown as CaseFile;

describe('annotations against custody', () => {
  it('every annotation of a bulk action matches its one entry; an edited one does not', () => {
    addAnnotation(workspace, { sampleId: ids[0]!, verdict: 'attack', attackSpecies: 'print', status: 'open' });
    tagSamples(workspace, { sampleIds: ids, tags: ['batch-7'] });
    const problems: CaseProblem[] = [];
    checkAnnotations(caseOf(), problems);
    expect(problems).toEqual([]);
    const edited = caseOf();
    edited.annotations.at(-1)!.tags = ['other'];
    checkAnnotations(edited, problems);
    expect(problems.map((p) => p.code)).toEqual(['annotation-mismatch']);
  });
});
