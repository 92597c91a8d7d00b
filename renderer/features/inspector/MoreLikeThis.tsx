// "More like this": the inspected sample's k nearest samples by cosine similarity of the stored
// embeddings (model A), as a strip of thumbnails, and as a browser filter. Renderer component;
// data-testid more-like-this (data-count = neighbours listed) is a stable automation hook.
import { useWorkbench } from '../../store';
import { useSampleImage } from '../../components/use-sample-image';
import { useSampleTable } from '../../components/use-sample-table';
import { formatScore, formatStatistic } from '../../../common/format/figures';

const K_CHOICES = [5, 10, 20, 50, 100];

function Neighbour({ sampleId, similarity }: { sampleId: number; similarity: number }) {
  const url = useSampleImage(sampleId);
  const row = useWorkbench((s) => s.rowById.get(sampleId));
  const table = useWorkbench((s) => s.table);
  const inspect = useWorkbench((s) => s.inspect);
  const select = useWorkbench((s) => s.selectSample);
  const species = row !== undefined ? table?.species[row] : undefined;
  const score = row !== undefined ? table?.score[row] : undefined;
  return (
    <button type="button" className="neighbour" data-sample-id={sampleId} title={row !== undefined ? table?.path[row] : `sample ${sampleId}`}
      onClick={() => { select(sampleId); void inspect(sampleId); }}>
      {url ? <img src={url} alt="" draggable={false} /> : <div className="thumb-placeholder" />}
      <span className="mono">cos {formatStatistic(similarity)}</span>
      <span className="muted">{species ?? '?'}{typeof score === 'number' ? ` · ${formatScore(score)}` : ''}</span>
    </button>
  );
}

export function MoreLikeThis({ sampleId }: { sampleId: number }) {
  useSampleTable();
  const similar = useWorkbench((s) => s.similar);
  const status = useWorkbench((s) => s.similarStatus);
  const error = useWorkbench((s) => s.similarError);
  const k = useWorkbench((s) => s.similarK);
  const setK = useWorkbench((s) => s.setSimilarK);
  const find = useWorkbench((s) => s.findSimilar);
  const showInGrid = useWorkbench((s) => s.showSimilarInGrid);
  const current = similar?.sampleId === sampleId ? similar : null;
  return (
    <section className="more-like-this" data-testid="more-like-this" data-status={current ? 'ready' : status === 'loading' ? 'loading' : status === 'error' ? 'error' : 'idle'}
      data-count={current?.neighbours.length ?? 0}>
      <div className="more-like-this-bar">
        <strong>More like this</strong>
        <label>k <select data-testid="more-like-this-k" value={k} onChange={(e) => setK(Number(e.target.value))}>
          {K_CHOICES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select></label>
        <button type="button" data-testid="more-like-this-find" onClick={() => void find(sampleId)} disabled={status === 'loading'}>Find nearest</button>
        {current && <button type="button" data-testid="more-like-this-filter" onClick={showInGrid}>Show in grid</button>}
        {current && <span className="muted">cosine of {current.dims}-d embeddings, exact over {current.searched} samples of {`${current.modelSha256.slice(0, 8)}…`}</span>}
      </div>
      {status === 'error' && !current && <div className="error" role="alert">{error}</div>}
      {current && (
        <div className="neighbour-strip">
          {current.neighbours.map((n) => <Neighbour key={n.sampleId} sampleId={n.sampleId} similarity={n.similarity} />)}
        </div>
      )}
    </section>
  );
}
