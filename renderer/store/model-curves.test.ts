// The Models tab's overlay data: every listed model with scores in the workspace is loaded as a source once (a model
// without scores is not asked for), and a model's point at its own τ is the CLI's rates at that τ on the split.
import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../common/contract/model';
import { cliIndex, demoTable, storeWith } from '../../test/support/workbench-store';

const table = demoTable();
const sha = table.modelSha256!;

describe('model curves', () => {
  it('loads each listed model that has scores, and places its τ on its curve as the CLI rates it', async () => {
    const store = storeWith(table);
    store.setState({ models: { A: { slot: 'A', sha256: sha, name: 'demo model' } as ModelInfo, C: { slot: 'C', sha256: 'c'.repeat(64), name: 'unscored' } as ModelInfo } });
    await store.getState().loadListedModelSources();
    const sources = store.getState().evalSources;
    expect(sources.map((x) => [x.id, x.status])).toEqual([[`model:${sha}`, 'ready']]);
    await store.getState().loadListedModelSources();
    expect(store.getState().evalSources).toHaveLength(1);

    const test = cliIndex(table, 'test');
    const [at, none] = await store.getState().ratesAtPoints([
      { sourceId: `model:${sha}`, split: 'test', threshold: 0.4321 },
      { sourceId: 'model:absent', split: 'test', threshold: 0.5 },
    ]);
    const rates = test.ratesAt(0.4321);
    expect(at).toEqual({ threshold: 0.4321, bpcer: rates.bpcer, apcerPooled: rates.apcerPooled });
    expect(none).toBeNull();
  });
});
