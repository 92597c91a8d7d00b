// The store's wiring of host events: streamed run results reach the sample table as a new table (the
// one a view already holds is never edited), unsubscribing stops them, and thumbnails are fetched once.
import { describe, expect, it } from 'vitest';
import type { UadApi } from '../../common/api';
import { demoTable, emptyStore, fakeApi } from '../../test/support/workbench-store';

const table = demoTable();

/** fakeApi plus push events a test can emit, and a counted image call. */
function eventfulApi() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const on = (channel: string) => (listener: (payload: unknown) => void) => {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    set.add(listener);
    return () => { set.delete(listener); };
  };
  const images: number[] = [];
  const base = fakeApi(table).api;
  const api = {
    ...base,
    dataset: { onScanProgress: on('scan') },
    run: { onProgress: on('progress'), onResults: on('results'), onFinished: on('finished') },
    explain: { onProbeProgress: on('probe'), onProjectionProgress: on('projection') },
    app: { onMenuCommand: on('menu') },
    samples: {
      ...base.samples,
      image: async ({ sampleId }: { sampleId: number }) => {
        images.push(sampleId);
        return { ok: true, value: { mime: 'image/png', base64: `x${sampleId}` } };
      },
    },
  } as unknown as UadApi;
  const emit = (channel: string, payload: unknown) => { for (const listener of listeners.get(channel) ?? []) listener(payload); };
  return { api, emit, images, listening: () => [...listeners.values()].reduce((n, set) => n + set.size, 0) };
}

describe('host events in the store', () => {
  it('applies streamed results as a new table, leaving the table a view holds as it was', async () => {
    const host = eventfulApi();
    const store = emptyStore(host.api);
    await store.getState().ensureSampleTable(table.modelSha256!);
    const before = store.getState().table!;
    const scoresBefore = [...before.score];
    const menu: string[] = [];
    const disconnect = store.getState().connectHostEvents((command) => menu.push(command));
    expect(host.listening()).toBe(7);

    host.emit('results', { modelSha256: table.modelSha256, rows: [{ sampleId: 5, ok: true, score: 0.125, dominantExpert: 2 }] });
    const after = store.getState().table!;
    expect(after).not.toBe(before);
    expect(after.score[4]).toBe(0.125);
    expect(after.dominantExpert[4]).toBe(2);
    expect(before.score).toEqual(scoresBefore);
    expect(before.dominantExpert[4]).toBeNull();
    expect(after.path).toBe(before.path);

    host.emit('menu', 'find');
    expect(menu).toEqual(['find']);
    disconnect();
    expect(host.listening()).toBe(0);
    host.emit('results', { modelSha256: table.modelSha256, rows: [{ sampleId: 6, ok: true, score: 0.5, dominantExpert: 1 }] });
    expect(store.getState().table).toBe(after);
  });

  it('results of another model leave the table alone', async () => {
    const host = eventfulApi();
    const store = emptyStore(host.api);
    await store.getState().ensureSampleTable(table.modelSha256!);
    const before = store.getState().table;
    store.getState().applyRunResults('b'.repeat(64), [{ sampleId: 5, ok: true, score: 0.9, dominantExpert: 0 }]);
    expect(store.getState().table).toBe(before);
    expect(before!.score[4]).toBe(table.score[4]);
  });

  it('fetches a thumbnail once per sample and store', async () => {
    const host = eventfulApi();
    const store = emptyStore(host.api);
    expect(await store.getState().sampleImageUrl(3)).toBe('data:image/png;base64,x3');
    expect(await store.getState().sampleImageUrl(3)).toBe('data:image/png;base64,x3');
    await emptyStore(host.api).getState().sampleImageUrl(3);
    expect(host.images).toEqual([3, 3]);
  });
});
