// The sample browser's plain status while the host has read only part of a large workspace's table: the rows and
// count shown are those of its first samples, said so, until the answer covers them all (ARCHITECTURE.md §9).
// Renderer feature component.
import { formatCount } from '../../../common/format/figures';
import { useWorkbench } from '../../store';
import { queryKey } from '../../store/sample-pages';
import { browserQueryOf } from '../../store/samples-slice';

export function ReadingStatus() {
  const partial = useWorkbench((s) => (s.browserPage?.key === queryKey(browserQueryOf(s)) ? s.browserPage.partial ?? null : null));
  const sorted = useWorkbench((s) => s.sort.key !== 'id' || s.sort.descending);
  if (!partial) return null;
  return (
    <div className="reading-status" role="status" data-testid="reading-status" data-read={partial.read} data-total={partial.total}>
      {sorted ? 'Filtering and sorting' : 'Filtering'} the first {formatCount(partial.read)} of {formatCount(partial.total)} samples — reading the rest…
    </div>
  );
}
