// The case view's sample list: every annotated or bookmarked sample with its score, decision, newest
// finding and review status; ticked rows form the 'selection' a case can be exported from.
// Renderer feature component.
import { useMemo } from 'react';
import { useWorkbench } from '../../store';
import { decisionOf } from '../../../common/metrics/decision';
import { formatScore } from '../../../common/format/figures';
import { useSampleTable } from '../../components/use-sample-table';

/** The end of a path is what tells samples apart (file name, identity); the start is the shared root. */
const pathTail = (p: string, keep = 32): string => (p.length <= keep ? p : `…${p.slice(-keep)}`);

export function CaseSamples() {
  const latest = useWorkbench((s) => s.latestAnnotations);
  const bookmarks = useWorkbench((s) => s.bookmarks);
  const selection = useWorkbench((s) => s.caseSelection);
  const table = useWorkbench((s) => s.table);
  const rowById = useWorkbench((s) => s.rowById);
  useSampleTable();
  const threshold = useWorkbench((s) => s.threshold);
  const toggle = useWorkbench((s) => s.toggleCaseSelection);
  const ids = useMemo(() => [...new Set([...Object.keys(latest).map(Number), ...bookmarks])].sort((a, b) => a - b), [latest, bookmarks]);

  if (ids.length === 0) {
    return <div className="empty-state" data-testid="case-samples" data-count={0}>No annotated or bookmarked samples yet: inspect a sample on the Samples tab and record a finding (b / a / i, then Ctrl+Enter).</div>;
  }
  return (
    <table className="case-samples" data-testid="case-samples" data-count={ids.length}>
      <thead><tr><th title="Include in a 'selection' export">✓</th><th>#</th><th>Path</th><th>Score</th><th>Decision</th><th>Finding</th><th>Status</th><th>Examiner</th><th>★</th></tr></thead>
      <tbody>
        {ids.map((id) => {
          const row = rowById.get(id);
          const score = row === undefined ? null : table?.score[row] ?? null;
          const decision = decisionOf(score, threshold);
          const a = latest[id];
          return (
            <tr key={id} data-testid="case-sample-row" data-sample-id={id}>
              <td><input type="checkbox" aria-label={`include sample ${id}`} checked={selection.includes(id)} onChange={() => toggle(id)} /></td>
              <td>{id}</td>
              <td className="path" title={row === undefined ? '' : table?.path[row]}>{row === undefined ? '—' : pathTail(table!.path[row]!)}</td>
              <td className="num">{formatScore(score)}</td>
              <td className={`decision ${decision ?? ''}`}>{decision ?? '—'}</td>
              <td className={a ? `verdict ${a.verdict}` : 'muted'}>{a ? `${a.verdict}${a.attackSpecies ? ` · ${a.attackSpecies}` : ''}` : '—'}</td>
              <td>{a?.status ?? '—'}</td>
              <td>{a?.author ?? '—'}</td>
              <td>{bookmarks.includes(id) ? '★' : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
