// What the open dataset did not turn into samples: each list or manifest line (number and reason) or
// unclassified file, so nothing is lost without a word. Renderer component in the run panel; every
// path and reason is shown escaped.
import { escapeForDisplay as shown } from '../../../common/display-text';
import { useWorkbench } from '../../store';

export function SkippedLines() {
  const listing = useWorkbench((s) => s.listing);
  if (!listing) return null;
  const count = listing.skippedCount ?? listing.skipped.length;
  if (count === 0) return null;
  const what = listing.source === 'folder' ? 'file(s) not listed' : 'line(s) not turned into samples';
  return (
    <details className="skipped-lines" data-testid="skipped-lines" data-count={count}>
      <summary>{count} {what}</summary>
      <ul>
        {listing.skipped.map((skip, i) => (
          <li key={i} data-line={skip.line ?? ''}>{shown(skip.reason)}{skip.path ? <> — <span className="mono">{shown(skip.path)}</span></> : null}</li>
        ))}
      </ul>
    </details>
  );
}
