// Virtualised sample table: renders only the rows in view, so 10⁵ samples scroll smoothly.
// Renderer feature component.
import { useMemo, useState, type UIEvent } from 'react';
import type { DatasetSample } from '../../../common/dataset/types';
import { useWorkbench } from '../../store';

const ROW_HEIGHT = 28;
const OVERSCAN = 12;

function StatusCell({ sample }: { sample: DatasetSample }) {
  if (sample.status === 'ok') return <span className="status ok">ok</span>;
  return <span className="status bad" title={sample.reason}>{sample.status}: {sample.reason}</span>;
}

export function SampleTable() {
  const listing = useWorkbench((s) => s.listing);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const samples = useMemo(() => listing?.samples ?? [], [listing]);

  if (!listing) {
    return <div className="empty-state">Open a dataset folder to list its samples.</div>;
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(samples.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    setScrollTop(event.currentTarget.scrollTop);
    setViewport(event.currentTarget.clientHeight);
  };

  return (
    <div className="sample-table" data-testid="sample-grid" data-count={samples.length}>
      <div className="sample-header" role="row">
        <span>#</span><span>Path</span><span>Label</span><span>Species</span><span>Identity</span><span>File</span>
      </div>
      <div className="sample-body" onScroll={onScroll} role="rowgroup">
        <div style={{ height: samples.length * ROW_HEIGHT, position: 'relative' }}>
          {samples.slice(first, last).map((sample) => (
            <div
              key={sample.id}
              className={`sample-row${sample.status === 'ok' ? '' : ' unusable'}`}
              role="row"
              data-testid="sample-row"
              data-sample-id={sample.id}
              style={{ top: sample.id * ROW_HEIGHT, height: ROW_HEIGHT }}
            >
              <span>{sample.id + 1}</span>
              <span className="path" title={sample.path}>{sample.path}</span>
              <span className={sample.label === 1 ? 'label attack' : 'label bona'}>{sample.label === 1 ? 'attack' : 'bona fide'}</span>
              <span>{sample.species}</span>
              <span>{sample.identity}</span>
              <StatusCell sample={sample} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
