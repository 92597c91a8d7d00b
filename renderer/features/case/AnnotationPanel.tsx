// The inspector's annotation panel: verdict (bona fide, attack with species, inconclusive), tags, note,
// review status and examiner, saved as a new entry of the sample's append-only history; a bookmark
// toggle; triage keys (b / a / i, m, Ctrl+Enter); auto-advance to the next sample after a save (a setting).
// Renderer feature component (mounted by the Inspector).
import { useEffect, type KeyboardEvent } from 'react';
import { ANNOTATION_STATUSES, type AnnotationStatus, type Verdict } from '../../../common/contract/annotations';
import { useWorkbench } from '../../store';
import './case.css';
import { saveFinding } from './save-finding';
import { useTriageKeys } from './use-triage-keys';

const VERDICT_LABELS: Record<Verdict, string> = { 'bona-fide': 'bona fide (b)', attack: 'attack (a)', inconclusive: 'inconclusive (i)' };
const STATUS_LABELS: Record<AnnotationStatus, string> = { open: 'open', reviewed: 'reviewed', verified: 'verified by a second examiner' };

export function AnnotationPanel({ sampleId }: { sampleId: number }) {
  const workspaceFile = useWorkbench((s) => s.workspace?.file ?? null);
  const draft = useWorkbench((s) => s.annotationDraft);
  const history = useWorkbench((s) => (s.annotationHistory?.sampleId === sampleId ? s.annotationHistory.items : null));
  const species = useWorkbench((s) => s.speciesOptions);
  const author = useWorkbench((s) => s.annotationAuthor);
  const defaultAuthor = useWorkbench((s) => s.defaultAuthor);
  const saving = useWorkbench((s) => s.annotationSaving);
  const bookmarked = useWorkbench((s) => s.bookmarks.includes(sampleId));
  const autoAdvance = useWorkbench((s) => s.autoAdvance);
  const { setAnnotationDraft, setAnnotationAuthor, setAutoAdvance, toggleBookmark } = useWorkbench.getState();

  useEffect(() => { if (workspaceFile) void useWorkbench.getState().loadAnnotations(); }, [workspaceFile]);
  useEffect(() => { void useWorkbench.getState().openAnnotationDraft(sampleId); }, [sampleId]);
  useTriageKeys(sampleId);

  const ready = draft.sampleId === sampleId;
  const saveOnCtrlEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); event.stopPropagation(); void saveFinding(); }
  };
  return (
    <section className="annotation-panel" data-testid="annotation-panel" data-sample-id={sampleId} data-history={history?.length ?? 0} onKeyDown={saveOnCtrlEnter}>
      <header>
        <h3>Finding</h3>
        <button type="button" className={`bookmark${bookmarked ? ' on' : ''}`} data-testid="annotate-bookmark" aria-pressed={bookmarked}
          title="Bookmark for a case file (m)" onClick={() => void toggleBookmark(sampleId)}>{bookmarked ? '★ bookmarked' : '☆ bookmark'}</button>
      </header>
      <div className="annotation-grid">
        <label>Verdict
          <select data-testid="annotate-verdict" value={ready ? draft.verdict : ''} disabled={!ready}
            onChange={(e) => setAnnotationDraft({ verdict: e.target.value as Verdict | '' })}>
            <option value="">— choose —</option>
            {(Object.keys(VERDICT_LABELS) as Verdict[]).map((v) => <option key={v} value={v}>{VERDICT_LABELS[v]}</option>)}
          </select>
        </label>
        {draft.verdict === 'attack' && (
          <label>Species
            <select data-testid="annotate-species" value={draft.attackSpecies} onChange={(e) => setAnnotationDraft({ attackSpecies: e.target.value })}>
              <option value="">unnamed</option>
              {[...new Set([...species, ...(draft.attackSpecies ? [draft.attackSpecies] : [])])].map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
        )}
        <label>Status
          <select data-testid="annotate-status" value={draft.status} onChange={(e) => setAnnotationDraft({ status: e.target.value as AnnotationStatus })}>
            {ANNOTATION_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
        </label>
        <label>Examiner
          <input data-testid="annotate-author" value={author} placeholder={defaultAuthor || 'your name'} maxLength={100} spellCheck={false}
            onChange={(e) => setAnnotationAuthor(e.target.value)} />
        </label>
        <label className="wide">Tags
          <input data-testid="annotate-tags" value={draft.tags} placeholder="comma-separated, e.g. moiré, border" onChange={(e) => setAnnotationDraft({ tags: e.target.value })} />
        </label>
        <label className="wide">Note
          <textarea data-testid="annotate-note" value={draft.note} rows={3} maxLength={8000} placeholder="What you see, and why (Ctrl+Enter saves)"
            onChange={(e) => setAnnotationDraft({ note: e.target.value })} />
        </label>
      </div>
      <div className="annotation-actions">
        <button type="button" className="primary" data-testid="annotate-save" disabled={!ready || draft.verdict === '' || saving} onClick={() => void saveFinding()}>
          {saving ? 'Saving…' : 'Save finding'}
        </button>
        <label className="auto-advance" title="After saving, open the next sample of the list (kept for the next launch)">
          <input type="checkbox" data-testid="annotate-auto-advance" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)} /> then next sample
        </label>
        <span className="muted">Each save adds to the history; nothing is overwritten.</span>
      </div>
      {history && history.length > 0 && (
        <ol className="annotation-history" data-testid="annotation-history">
          {[...history].reverse().map((a) => (
            <li key={a.id}>
              <span className={`verdict ${a.verdict}`}>{a.verdict}{a.attackSpecies ? ` · ${a.attackSpecies}` : ''}</span>
              <span className="muted"> {a.status} · {a.author} · {new Date(a.createdAt).toLocaleString()}</span>
              {a.tags.length > 0 && <span className="tags"> [{a.tags.join(', ')}]</span>}
              {a.note && <div className="note">{a.note}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
