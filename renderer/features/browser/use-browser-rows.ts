// The browser's rows: the workspace's sample table (or, before a workspace holds samples, the listed
// dataset as a preview), filtered (the analyst's findings included) and sorted at the current threshold.
// Renderer hook.
import { useMemo } from 'react';
import type { SampleTable } from '../../../common/api';
import type { DatasetListing } from '../../../common/dataset/types';
import { slotThresholdValue, useWorkbench } from '../../store';
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
  table: SampleTable | null;
  /** Row indexes into the table, in display order. */
  rows: Int32Array;
  source: 'workspace' | 'preview' | 'none';
}

export function useBrowserRows(): BrowserRows {
  const workspaceTable = useWorkbench((s) => s.table);
  const listing = useWorkbench((s) => s.listing);
  const filter = useWorkbench((s) => s.filter);
  const sort = useWorkbench((s) => s.sort);
  const threshold = useWorkbench((s) => s.threshold);
  const findings = useWorkbench((s) => s.latestAnnotations);
  const disagreement = useWorkbench((s) => s.disagreement);
  const scoresB = useWorkbench((s) => (s.disagreementScores?.sha256 === s.models.B?.sha256 ? s.disagreementScores : null));
  const thresholdB = useWorkbench((s) => slotThresholdValue(s, 'B'));
  const preview = useMemo(() => (listing ? listingAsTable(listing) : null), [listing]);
  const useWorkspace = workspaceTable !== null && workspaceTable.id.length > 0;
  const table = useWorkspace ? workspaceTable : preview;
  const rows = useMemo(() => {
    if (!table) return new Int32Array(0);
    let kept = filterRows(table, filter, threshold, findings);
    // A and B each decided at its own τ; a disagreement B cannot be decided for keeps nothing rather than everything.
    if (disagreement !== null) {
      kept = scoresB && thresholdB !== null
        ? filterDisagreement(table, kept, threshold, disagreement, { score: table.id.map((id) => scoresB.byId.get(id)?.score ?? null), inDomain: table.id.map((id) => scoresB.byId.get(id)?.inDomain ?? null), threshold: thresholdB })
        : new Int32Array(0);
    }
    return sort.key === 'id' && !sort.descending ? kept : sortRows(kept, table, sort.key, sort.descending, threshold);
  }, [table, filter, sort, threshold, findings, disagreement, scoresB, thresholdB]);
  return { table, rows, source: useWorkspace ? 'workspace' : preview ? 'preview' : 'none' };
}
