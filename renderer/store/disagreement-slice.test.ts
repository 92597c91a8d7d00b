// The disagreement filter's state: refused with the reason while model B has no τ of its own; with one, model B's
// scores are read once and the browser's rows are those where A (at the operating point) and B (at its τ) part.
import { describe, expect, it } from 'vitest';
import type { SavedThreshold } from '../../common/contract/thresholds';
import { filterDisagreement, filterRows } from '../../common/samples/sample-query';
import { demoTable, storeWith } from '../../test/support/workbench-store';
import { EMPTY_FILTER } from './samples-slice';

const table = demoTable();
const sha = table.modelSha256!;

describe('disagreement filter', () => {
  it('refuses while B has no τ of its own, then reads B`s scores and keeps the rows decided apart', async () => {
    const store = storeWith(table);
    store.setState({ models: { A: { sha256: sha, name: 'a' } as never, B: { sha256: sha, name: 'b' } as never }, threshold: 0.5 });
    await store.getState().setDisagreement('disagree');
    expect(store.getState().disagreement).toBeNull();
    expect(store.getState().notice?.text).toContain('no τ of its own');

    store.setState({ savedThresholds: [{ id: 4, modelSha256: sha, value: 0.8, criterion: 'bpcer20', split: 'dev' } as SavedThreshold] });
    await store.getState().setDisagreement('disagree');
    const s = store.getState();
    expect(s.disagreement).toBe('disagree');
    expect(s.disagreementScores!.byId.size).toBe(table.id.length);
    const column = { score: table.id.map((id) => s.disagreementScores!.byId.get(id)!.score), threshold: 0.8 };
    const rows = filterDisagreement(table, filterRows(table, EMPTY_FILTER, 0.5), 0.5, 'disagree', column);
    expect(rows.length).toBeGreaterThan(0);
    for (const i of rows) expect(table.score[i]! >= 0.5 && table.score[i]! < 0.8).toBe(true);
    await store.getState().setDisagreement(null);
    expect(store.getState().disagreement).toBeNull();
  });
});
