// Every inspected sample takes a finding: the inspector shows the annotation panel for a photograph in which
// detection found no face and for a sample that could not be processed, as for a scored one; saving goes through
// the store's saveAnnotation and the host's annotations.add, and auto-advance moves on as after any save.
// Renderer component and store, rendered to markup over the test store (test/support/workbench-store.ts).
/// <reference types="vite/client" />
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Annotation, UadApi } from '../../../common/api';
import { demoTable, fakeApi, storeWith } from '../../../test/support/workbench-store';
import { nextSampleId } from '../browser/filter-rows';

type Store = ReturnType<typeof storeWith>;
const current = vi.hoisted(() => ({ store: null as unknown }));
// Markup rendering reads a zustand hook's server snapshot (the initial state): the components read the test
// store's current state through the same selectors instead, and its actions as they are.
vi.mock('../../store', () => ({ get useWorkbench() { return current.store; } }));
const asHook = (s: Store) => Object.assign(<T>(selector: (state: ReturnType<Store['getState']>) => T) => selector(s.getState()), s);

const { Inspector } = await import('./Inspector');
const { saveFinding } = await import('../case/save-finding');

const NO_FACE = 'No face found (detector confidence below 0.70)';
const table = demoTable();
/** The cat: a photograph without a face, never scored. */
const CAT = table.id[table.score.findIndex((s) => s === null)]!;
const fail = (code: string, message: string) => ({ ok: false, error: { code, message } });

let store: Store;
let added: unknown[];

beforeEach(() => {
  added = [];
  const base = fakeApi(table).api;
  const api = {
    ...base,
    samples: {
      ...base.samples,
      image: async () => ({ ok: true, value: { mime: 'image/png', base64: 'iVBORw0KGgo=', width: 4, height: 4 } }),
      // The cat has no face; every other sample here could not be read.
      detail: async ({ sampleId }: { sampleId: number }) => (sampleId === CAT ? fail('no-face', NO_FACE) : fail('detail-error', `Cannot inspect sample ${sampleId}: not an image`)),
      evidence: async () => fail('evidence-error', 'not read in this test'),
    },
    annotations: {
      ...base.annotations,
      history: async () => ({ ok: true, value: [] }),
      add: async (request: Partial<Annotation>) => {
        added.push(request);
        return { ok: true, value: { attackSpecies: '', tags: [], note: '', ...request, id: added.length, author: 'examiner-a', createdAt: '2025-01-01T00:00:00.000Z' } };
      },
    },
  } as unknown as UadApi;
  store = storeWith(table, api);
  store.setState({ models: { A: { sha256: table.modelSha256!, name: 'demo' } as never } });
  current.store = asHook(store);
});

const panelOf = (html: string) => /data-testid="annotation-panel" data-sample-id="(\d+)"/.exec(html)?.[1];

describe('the finding of an unscored sample', () => {
  it('the inspector shows the annotation panel for a photograph without a face, beside its reason', async () => {
    await store.getState().inspect(CAT);
    expect(store.getState()).toMatchObject({ inspectorStatus: 'ready', noFace: NO_FACE, details: {} });
    const html = renderToStaticMarkup(createElement(Inspector));
    expect(html).toContain('data-testid="inspector-no-face"');
    expect(panelOf(html)).toBe(String(CAT));
  });

  it('the inspector shows the annotation panel for a sample that could not be processed', async () => {
    const broken = CAT + 1;
    await store.getState().inspect(broken);
    expect(store.getState()).toMatchObject({ inspectorStatus: 'error', detailErrors: { A: `Cannot inspect sample ${broken}: not an image` } });
    expect(panelOf(renderToStaticMarkup(createElement(Inspector)))).toBe(String(broken));
  });

  it('saves through saveAnnotation and annotations.add, shows in the findings, and auto-advance opens the next sample', async () => {
    await store.getState().inspect(CAT);
    await store.getState().openAnnotationDraft(CAT);
    store.getState().setAnnotationDraft({ verdict: 'inconclusive', tags: 'no face, cat', note: 'a cat, not a person' });
    store.getState().setAutoAdvance(true);
    expect(await saveFinding()).toBe(true);
    expect(added).toEqual([{ sampleId: CAT, verdict: 'inconclusive', status: 'open', note: 'a cat, not a person', tags: ['no face', 'cat'] }]);
    expect(store.getState().latestAnnotations[CAT]).toMatchObject({ sampleId: CAT, verdict: 'inconclusive', tags: ['no face', 'cat'] });
    const next = nextSampleId((await store.getState().browserOrderIds())!, CAT);
    expect(next).not.toBeNull();
    expect(store.getState().inspectedId).toBe(next);
    expect(store.getState().selectedIds).toEqual([next]);
  });
});
