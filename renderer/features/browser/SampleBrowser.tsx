// Virtualised sample browser (table or thumbnail grid): only rows in view are rendered, and only their
// windows are asked of the host (use-browser-rows.ts), so 10⁶ samples scroll smoothly. Arrow keys move the
// selection, Enter opens the inspector; shift-click selects a range and ctrl/⌘-click adds or removes one
// sample, for a bulk action. Renderer feature component.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type UIEvent } from 'react';
import type { Annotation } from '../../../common/api';
import { useWorkbench } from '../../store';
import { labelName } from '../../../common/dataset/label';
import { decisionOf } from '../../../common/metrics/decision';
import { outcomeOf, reasonSentence, unscoredInput } from '../../../common/metrics/outcome';
import { marginOf } from './filter-rows';
import { useSampleImage } from '../../components/use-sample-image';
import { useBrowserRows } from './use-browser-rows';
import { formatDistance, formatMargin, formatScore } from '../../../common/format/figures';

/** The table's columns and what each means (the header's tooltips). */
const COLUMNS: [string, string][] = [
  ['#', 'row number in this list (the tooltip of each number gives the sample id)'],
  ['Path', 'image file, relative to the dataset root'],
  ['Label', 'ground truth: attack or bona fide (a genuine, live presentation)'],
  ['Species', 'attack species (instrument or method); bona fide for genuine samples'],
  ['Split', 'protocol split: train, dev or test'],
  ['Score', 'attack score from the model: higher means more likely an attack; the tooltip gives the margin to the threshold'],
  ['Decision', 'the model\'s call at the current threshold τ (score ≥ τ: attack). FA: false accept, an attack called bona fide; FR: false reject, a bona fide sample called attack'],
  ['Verdict', 'the examiner\'s finding (the sample\'s newest annotation): attack, bona fide or inconclusive; — when no finding is recorded'],
  ['Tags', 'the tags of the sample\'s newest finding'],
  ['Expert', 'Soft-MoE expert that received most of this image\'s routing mass'],
  ['Domain', 'in: the image lies within the model\'s training domain; out: outside it; ?: the model has no domain statistics'],
  ['File', 'whether the image file could be read (ok) or why not'],
];
const FA_HELP = 'FA: false accept — an attack the model called bona fide';
const FR_HELP = 'FR: false reject — a bona fide sample the model called attack';

const ROW_HEIGHT = 28;
const CELL = 132;
const OVERSCAN = 8;

function Thumbnail({ sampleId }: { sampleId: number }) {
  const url = useSampleImage(sampleId);
  return url ? <img src={url} alt="" draggable={false} /> : <div className="thumb-placeholder" />;
}

export function SampleBrowser({ onInspect }: { onInspect: () => void }) {
  const { count, rowAt, positionOf, request, idAt, orderIds, source } = useBrowserRows();
  const view = useWorkbench((s) => s.browserView);
  const threshold = useWorkbench((s) => s.threshold);
  const selected = useWorkbench((s) => s.selectedSampleId);
  const select = useWorkbench((s) => s.selectSample);
  const selectedIds = useWorkbench((s) => s.selectedIds);
  const findings = useWorkbench((s) => s.latestAnnotations);
  const chosen = useMemo(() => new Set(selectedIds), [selectedIds]);
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [size, setSize] = useState({ width: 800, height: 600 });

  useEffect(() => {
    const element = body.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setSize({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    return () => observer.disconnect();
  }, [view, source]);

  const grid = view === 'grid' && source === 'workspace';
  const perRow = grid ? Math.max(1, Math.floor(size.width / CELL)) : 1;
  const lineHeight = grid ? CELL : ROW_HEIGHT;
  const lines = Math.ceil(count / perRow);
  const firstLine = Math.max(0, Math.floor(scrollTop / lineHeight) - OVERSCAN);
  const lastLine = Math.min(lines, Math.ceil((scrollTop + size.height) / lineHeight) + OVERSCAN);
  useEffect(() => request(firstLine * perRow, Math.max(lastLine, firstLine + 1) * perRow), [request, firstLine, lastLine, perRow]);

  if (source === 'none') return <div className="empty-state" data-testid="sample-grid" data-count={0}>Open a workspace or list a dataset to browse its samples.</div>;

  const position = selected === null ? -1 : positionOf(selected);

  const moveTo = (index: number) => {
    if (count === 0) return;
    const clamped = Math.min(count - 1, Math.max(0, index));
    const hit = rowAt(clamped);
    if (hit) select(hit.table.id[hit.row]!);
    else void idAt(clamped).then((id) => { if (id !== null) select(id); });
    const element = body.current;
    if (element) {
      const top = Math.floor(clamped / perRow) * lineHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + lineHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + lineHeight - element.clientHeight;
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(size.height / lineHeight)) * perRow;
    const moves: Record<string, number> = { ArrowDown: perRow, ArrowUp: -perRow, PageDown: page, PageUp: -page, ...(grid ? { ArrowRight: 1, ArrowLeft: -1 } : {}) };
    if (event.key in moves) moveTo(position < 0 ? 0 : position + moves[event.key]!);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(count - 1);
    else if (event.key === 'Enter' && selected !== null) onInspect();
    else return;
    event.preventDefault();
  };

  /** The ids at display positions [from, to], or null when one of them is not loaded. */
  const loadedIds = (from: number, to: number): number[] | null => {
    const ids: number[] = [];
    for (let p = from; p <= to; p++) {
      const hit = rowAt(p);
      if (!hit) return null;
      ids.push(hit.table.id[hit.row]!);
    }
    return ids;
  };
  /** A click on a row: plain selects it alone, shift extends a range from the last plain click, ctrl/⌘ toggles it. */
  const onRowClick = (event: MouseEvent, id: number) => {
    const state = useWorkbench.getState();
    if (event.shiftKey) {
      // A range within the loaded rows is read from them; one reaching outside asks the host for the ids in order.
      const from = state.selectionAnchor === null ? -1 : positionOf(state.selectionAnchor);
      const to = positionOf(id);
      const loaded = from >= 0 && to >= 0 ? loadedIds(Math.min(from, to), Math.max(from, to)) : null;
      if (loaded) state.selectRange(loaded, id);
      else void orderIds().then((order) => { if (order) useWorkbench.getState().selectRange(order, id); });
    }
    else if (event.ctrlKey || event.metaKey) state.toggleSelected(id);
    else select(id);
  };

  const visible: number[] = [];
  for (let i = firstLine * perRow; i < Math.min(count, lastLine * perRow); i++) visible.push(i);

  return (
    <div className={`sample-browser ${grid ? 'grid' : 'table'}`} data-testid="sample-grid" data-count={count} data-source={source}
      tabIndex={0} onKeyDown={onKeyDown} aria-label="Samples" role="grid">
      {!grid && (
        <div className="sample-header" role="row">
          {COLUMNS.map(([name, help]) => <span key={name} role="columnheader" title={help}>{name}</span>)}
        </div>
      )}
      <div className="sample-body" ref={body} role="rowgroup" tabIndex={0} onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}>
        <div role="presentation" style={{ height: lines * lineHeight, position: 'relative' }}>
          {visible.map((position) => {
            const hit = rowAt(position);
            if (!hit) return <Pending key={`pending-${position}`} position={position} grid={grid} perRow={perRow} />;
            const { table, row } = hit;
            const id = table.id[row]!;
            const score = table.score[row] ?? null;
            const decision = decisionOf(score, threshold);
            // The outcome (common/metrics/outcome.ts): outside the model's domain a score decides nothing.
            const inDomain = table.inDomain?.[row] ?? null;
            const outcome = score === null ? null : outcomeOf({ score, threshold, domain: { inDomain: inDomain === null ? null : inDomain === 1, distance: table.domainDistance?.[row] ?? null, limit: Number.NaN } }).outcome;
            // No face, no score: a photograph without a face says so instead of a blank decision.
            const nonResponse = score === null ? table.nonResponse?.[row] ?? null : null;
            const unscoredReason = nonResponse === null ? null : outcomeOf({ score: null, threshold, ...unscoredInput(nonResponse) }).reason;
            const outcomeClass = outcome === null ? 'none' : outcome === 'inconclusive' ? 'inconclusive' : decision ?? 'none';
            const label = table.label[row] ?? null;
            const wrong = outcome !== null && outcome !== 'inconclusive' && label !== null && (decision === 'attack') !== (label === 1);
            const className = `sample-row${id === selected || chosen.has(id) ? ' selected' : ''}${wrong ? ' wrong' : ''}${table.fileStatus[row] === 'ok' ? '' : ' unusable'}`;
            const common = {
              className, role: 'row', 'data-testid': 'sample-row', 'data-sample-id': id, 'aria-selected': id === selected || chosen.has(id),
              onClick: (event: MouseEvent) => onRowClick(event, id), onDoubleClick: () => { select(id); onInspect(); },
            };
            if (grid) {
              const line = Math.floor(position / perRow);
              return (
                <div key={id} {...common} className={`${className} cell`} style={{ top: line * CELL, left: (position % perRow) * CELL, width: CELL - 6, height: CELL - 6 }}
                  title={`${table.path[row]}\n${outcome === 'inconclusive' ? 'inconclusive: outside this model\'s domain; the score is not evidence\n' : ''}score ${formatScore(score)}`}>
                  <Thumbnail sampleId={id} />
                  <span className={`badge ${outcomeClass}`} data-outcome={outcome ?? ''}>{formatScore(score)}</span>
                </div>
              );
            }
            const margin = marginOf(score, threshold);
            return (
              <div key={id} {...common} style={{ top: position * ROW_HEIGHT, height: ROW_HEIGHT }}>
                <span role="gridcell" className="num" title={`row ${position + 1} of ${count} · sample id ${id}`}>{position + 1}</span>
                <span role="gridcell" className="path" title={table.path[row]}>{table.path[row]}</span>
                <span role="gridcell" className={label === null ? 'label questioned' : label === 1 ? 'label attack' : 'label bona'}>{labelName(label)}</span>
                <span role="gridcell" title={table.species[row]}>{table.species[row]}</span>
                <span role="gridcell">{table.split[row] || '—'}</span>
                <span role="gridcell" className="num" title={margin === null ? '' : `margin ${formatMargin(margin)}`}>{formatScore(score)}</span>
                {unscoredReason !== null
                  ? <span role="gridcell" className="decision inconclusive" data-outcome="inconclusive" title={reasonSentence(unscoredReason)}>{reasonSentence(unscoredReason)}</span>
                  : <span role="gridcell" className={`decision ${outcomeClass}`} data-outcome={outcome ?? ''}
                    title={outcome === 'inconclusive' ? 'inconclusive: outside this model\'s domain; the score is not evidence' : wrong ? (label === 1 ? FA_HELP : FR_HELP) : undefined}>
                    {outcome ?? '—'}{wrong ? (label === 1 ? ' (FA)' : ' (FR)') : ''}</span>}
                <FindingCells finding={findings[id]} />
                <span role="gridcell" className="num">{table.dominantExpert[row] ?? '—'}</span>
                <DomainCell inside={table.inDomain?.[row] ?? null} distance={table.domainDistance?.[row] ?? null} scored={score !== null} />
                <span role="gridcell" className={table.fileStatus[row] === 'ok' ? 'status ok' : 'status bad'} title={table.fileStatus[row]}>{table.fileStatus[row]}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The examiner's newest finding on a row: its verdict and its tags (— when there is none). */
function FindingCells({ finding }: { finding: Annotation | undefined }) {
  if (!finding) return <><span role="gridcell" className="muted" data-verdict="">—</span><span role="gridcell" className="muted" data-tags="">—</span></>;
  const verdict = finding.verdict === 'bona-fide' ? 'bona fide' : finding.verdict;
  const tags = finding.tags.join(', ');
  return (
    <>
      <span role="gridcell" className={`finding ${finding.verdict}`} data-verdict={finding.verdict}
        title={`${verdict}${finding.attackSpecies ? ` (${finding.attackSpecies})` : ''}, ${finding.status}, by ${finding.author}`}>{verdict}</span>
      <span role="gridcell" className="tags" data-tags={tags} title={tags}>{tags || '—'}</span>
    </>
  );
}

/** A row whose window is still on its way from the host: its place, drawn empty. */
function Pending({ position, grid, perRow }: { position: number; grid: boolean; perRow: number }) {
  const style = grid
    ? { top: Math.floor(position / perRow) * CELL, left: (position % perRow) * CELL, width: CELL - 6, height: CELL - 6 }
    : { top: position * ROW_HEIGHT, height: ROW_HEIGHT };
  return <div className={`sample-row pending${grid ? ' cell' : ''}`} role="row" aria-busy="true" style={style} />;
}

/** The domain check of one row: in / out with the distance, '?' when the model has no statistics. */
function DomainCell({ inside, distance, scored }: { inside: number | null; distance: number | null; scored: boolean }) {
  if (!scored) return <span role="gridcell" className="muted">—</span>;
  if (inside === null) return <span role="gridcell" className="muted" data-in-domain="unknown" title="domain unknown: the model's sidecar has no domain statistics">?</span>;
  return <span role="gridcell" className={inside === 1 ? 'domain-cell in' : 'domain-cell out'} data-in-domain={inside === 1 ? 'true' : 'false'} title={`distance ${formatDistance(distance)}`}>{inside === 1 ? 'in' : 'out'}</span>;
}
