// The browser's rows: windows of the workspace's samples asked of the host for the filter (the analyst's
// findings and the A vs B filter included), sort and τ (or, before a workspace holds samples, the listed dataset
// as a preview, filtered and sorted here with the same definition). Renderer hook.
import { useCallback, useMemo } from 'react';
import type { SampleTable } from '../../../common/api';
import type { DatasetListing } from '../../../common/dataset/types';
import { slotThresholdValue, useWorkbench } from '../../store';
import { positionOf, queryKey, rowAt } from '../../store/sample-pages';
import { browserQueryOf } from '../../store/samples-slice';
import { filterDisagreement, filterRows, sortRows } from './filter-rows';

export function listingAsTable(listing: DatasetListing): SampleTable {
  const s = listing.samples;
  return {
    modelSha256: null,
    id: s.map((x) => x.id),
    datasetId: s.map(() => 0),
    path: s.map((x) => x.path),
    label: s.map((x) => x.label),
    category: s.map((x) => x.category),
    species: s.map((x) => x.species),
    split: s.map((x) => x.split),
    identity: s.map((x) => x.identity),
    fileStatus: s.map((x) => (x.status === 'ok' ? 'ok' : `${x.status}: ${x.reason ?? ''}`)),
    score: s.map(() => null),
    dominantExpert: s.map(() => null),
  };
}

export interface BrowserRows {
  source: 'workspace' | 'preview' | 'none';
  /** Rows the filter keeps, loaded or not. */
  count: number;
  /** The row at a display position (its table and its index there); null while its window is on its way. */
  rowAt: (position: number) => { table: SampleTable; row: number } | null;
  /** The display position of a sample among the loaded rows; -1 when not loaded. */
  positionOf: (sampleId: number) => number;
  /** Asks for the rows at display positions [from, to) (the workspace's are fetched in windows; a no-op for the preview). */
  request: (from: number, to: number) => void;
  /** The sample id at a display position, its window fetched first when needed. */
  idAt: (position: number) => Promise<number | null>;
  /** Every kept sample id in display order (the workspace's asked of the host); null when the query changed meanwhile. */
  orderIds: () => Promise<number[] | null>;
}

const NONE: BrowserRows = { source: 'none', count: 0, rowAt: () => null, positionOf: () => -1, request: () => undefined, idAt: async () => null, orderIds: async () => [] };

/**
 * The workspace's rows come from the host a window at a time (renderer/store/sample-pages.ts): the renderer
 * never holds the whole filtered table for the browser. A listed dataset not yet in a workspace is
 * filtered and sorted here, with the same definition (common/samples/sample-query.ts).
 */
export function useBrowserRows(): BrowserRows {
  const page = useWorkbench((s) => s.browserPage);
  const listing = useWorkbench((s) => s.listing);
  const filter = useWorkbench((s) => s.filter);
  const sort = useWorkbench((s) => s.sort);
  const threshold = useWorkbench((s) => s.threshold);
  const findings = useWorkbench((s) => s.latestAnnotations);
  const disagreement = useWorkbench((s) => s.disagreement);
  const scoresB = useWorkbench((s) => (s.disagreementScores?.sha256 === s.models.B?.sha256 ? s.disagreementScores : null));
  const thresholdB = useWorkbench((s) => slotThresholdValue(s, 'B'));
  const key = useWorkbench((s) => queryKey(browserQueryOf(s)));
  const loadBrowserRows = useWorkbench((s) => s.loadBrowserRows);
  const browserOrderIds = useWorkbench((s) => s.browserOrderIds);
  const preview = useMemo(() => (listing ? listingAsTable(listing) : null), [listing]);
  const useWorkspace = page !== null && page.total > 0;
  const previewRows = useMemo(() => {
    if (useWorkspace || !preview) return null;
    let kept = filterRows(preview, filter, threshold, findings);
    // A and B each decided at its own τ; a disagreement B cannot be decided for keeps nothing rather than everything.
    if (disagreement !== null) {
      kept = scoresB && thresholdB !== null
        ? filterDisagreement(preview, kept, threshold, disagreement, { score: preview.id.map((id) => scoresB.byId.get(id)?.score ?? null), inDomain: preview.id.map((id) => scoresB.byId.get(id)?.inDomain ?? null), threshold: thresholdB })
        : new Int32Array(0);
    }
    return sort.key === 'id' && !sort.descending ? kept : sortRows(kept, preview, sort.key, sort.descending, threshold);
  }, [useWorkspace, preview, filter, sort, threshold, findings, disagreement, scoresB, thresholdB]);
  // `key` names the query the requests are for: a new filter, sort, τ, finding or reload asks again.
  const request = useCallback((from: number, to: number) => { void key; void loadBrowserRows(from, to); }, [key, loadBrowserRows]);
  return useMemo((): BrowserRows => {
    if (useWorkspace) {
      // Until the first window of a new query lands, the old rows are not shown as its answer: their places stay empty.
      const current = page.key === key;
      return {
        source: 'workspace', count: page.matched, rowAt: (position) => (current ? rowAt(page, position) : null),
        positionOf: (id) => (current ? positionOf(page, id) : -1), request,
        idAt: async (position) => {
          await loadBrowserRows(position, position + 1);
          const shown = useWorkbench.getState().browserPage;
          const hit = shown ? rowAt(shown, position) : null;
          return hit ? hit.table.id[hit.row]! : null;
        },
        orderIds: browserOrderIds,
      };
    }
    if (preview && previewRows) {
      const at = (position: number) => (position >= 0 && position < previewRows.length ? { table: preview, row: previewRows[position]! } : null);
      return {
        source: 'preview', count: previewRows.length, rowAt: at, positionOf: (id) => previewRows.findIndex((row) => preview.id[row] === id), request: () => undefined,
        idAt: async (position) => { const hit = at(position); return hit ? hit.table.id[hit.row]! : null; },
        orderIds: async () => Array.from(previewRows, (row) => preview.id[row]!),
      };
    }
    return NONE;
  }, [useWorkspace, page, key, preview, previewRows, request, loadBrowserRows, browserOrderIds]);
}
