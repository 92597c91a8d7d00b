// Browser filters and sort: a sample list (neighbours, map selection), label, species, split, decision,
// error type, score range, dominant expert, domain, the examiner's verdict and tag, path search; table/grid
// switch. Renderer feature component.
import { useMemo } from 'react';
import { useWorkbench } from '../../store';
import type { BrowserFilter, SortKey } from '../../store/samples-slice';

function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

export function FilterBar() {
  const filter = useWorkbench((s) => s.filter);
  const sort = useWorkbench((s) => s.sort);
  const columns = useWorkbench((s) => s.browserPage?.columns ?? null);
  const listing = useWorkbench((s) => s.listing);
  const view = useWorkbench((s) => s.browserView);
  const experts = useWorkbench((s) => s.models.A?.sidecar.moe?.experts ?? 0);
  const setFilter = useWorkbench((s) => s.setFilter);
  const resetFilter = useWorkbench((s) => s.resetFilter);
  const setSort = useWorkbench((s) => s.setSort);
  const setView = useWorkbench((s) => s.setBrowserView);
  const threshold = useWorkbench((s) => s.threshold);
  const mapOpen = useWorkbench((s) => s.mapOpen);
  const setMapOpen = useWorkbench((s) => s.setMapOpen);
  const setOperatingPoint = useWorkbench((s) => s.setOperatingPoint);
  const findings = useWorkbench((s) => s.latestAnnotations);
  const tagOptions = useMemo(() => [...new Set(Object.values(findings).flatMap((a) => a.tags))].sort(), [findings]);

  const speciesOptions = useMemo(() => {
    const values = columns?.species ?? listing?.samples.map((s) => s.species) ?? [];
    return [...new Set(values)].sort();
  }, [columns, listing]);
  const splitOptions = useMemo(() => [...new Set(columns?.split ?? [])].filter(Boolean).sort(), [columns]);
  const select = <K extends keyof BrowserFilter>(key: K, value: BrowserFilter[K]) => setFilter({ [key]: value } as Partial<BrowserFilter>);

  return (
    <div className="filter-bar" aria-label="Filters">
      {filter.only && (
        <span className="filter-only" data-testid="filter-only" data-count={filter.only.ids.length}>
          only: {filter.only.label}
          <button type="button" aria-label="Clear this limit" title="Show all samples again" onClick={() => select('only', null)}>×</button>
        </span>
      )}
      <input type="search" data-testid="filter-search" placeholder="search path…" value={filter.search} onChange={(e) => select('search', e.target.value)} />
      <select data-testid="filter-label" value={filter.label} onChange={(e) => select('label', e.target.value as BrowserFilter['label'])} aria-label="Label">
        <option value="all">all labels</option><option value="bona-fide">bona fide</option><option value="attack">attack</option><option value="questioned">questioned</option>
      </select>
      <select data-testid="filter-species" value={filter.species[0] ?? ''} onChange={(e) => select('species', e.target.value ? [e.target.value] : [])} aria-label="Species">
        <option value="">all species</option>
        {speciesOptions.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select data-testid="filter-split" value={filter.split} onChange={(e) => select('split', e.target.value)} aria-label="Split">
        <option value="all">all splits</option>
        {splitOptions.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select data-testid="filter-decision" value={filter.decision} onChange={(e) => select('decision', e.target.value as BrowserFilter['decision'])} aria-label="Decision">
        <option value="all">any decision</option><option value="attack">called attack</option><option value="bona-fide">called bona fide</option><option value="inconclusive">inconclusive (outside the domain)</option>
      </select>
      <select data-testid="filter-error" value={filter.error} onChange={(e) => select('error', e.target.value as BrowserFilter['error'])} aria-label="Error type">
        <option value="all">all outcomes</option>
        <option value="false-accept">false accepts (attack passed)</option>
        <option value="false-reject">false rejects (bona fide refused)</option>
        <option value="any-error">any error</option>
      </select>
      <label className="range">score
        <input data-testid="filter-score-min" type="number" step="0.01" min="0" max="1" placeholder="min" value={filter.scoreMin ?? ''} onChange={(e) => select('scoreMin', numberOrNull(e.target.value))} />
        –<input data-testid="filter-score-max" type="number" step="0.01" min="0" max="1" placeholder="max" value={filter.scoreMax ?? ''} onChange={(e) => select('scoreMax', numberOrNull(e.target.value))} />
      </label>
      <select data-testid="filter-expert" value={filter.dominantExpert ?? ''} onChange={(e) => select('dominantExpert', e.target.value === '' ? null : Number(e.target.value))} aria-label="Dominant expert">
        <option value="">any expert</option>
        {Array.from({ length: experts }, (_, e) => <option key={e} value={e}>expert {e}</option>)}
      </select>
      <select data-testid="filter-domain" value={filter.domain} onChange={(e) => select('domain', e.target.value as typeof filter.domain)} aria-label="Domain check">
        <option value="all">any domain</option>
        <option value="in">in domain</option>
        <option value="out">outside the domain</option>
        <option value="unknown">domain unknown</option>
      </select>
      <select data-testid="filter-verdict" value={filter.verdict} onChange={(e) => select('verdict', e.target.value as BrowserFilter['verdict'])} aria-label="Examiner's verdict"
        title="The examiner's finding (newest annotation), not the model's decision">
        <option value="all">any finding</option>
        <option value="none">no finding yet</option>
        <option value="attack">found attack</option><option value="bona-fide">found bona fide</option><option value="inconclusive">found inconclusive</option>
      </select>
      <select data-testid="filter-tag" value={filter.tag} onChange={(e) => select('tag', e.target.value)} aria-label="Tag">
        <option value="">any tag</option>
        {[...new Set([...tagOptions, ...(filter.tag ? [filter.tag] : [])])].map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
      <select data-testid="sort-key" value={`${sort.key}:${sort.descending ? 'desc' : 'asc'}`} aria-label="Sort"
        onChange={(e) => { const [key, dir] = e.target.value.split(':'); setSort(key as SortKey, dir === 'desc'); }}>
        <option value="id:asc">order added</option>
        <option value="score:desc">score ↓</option><option value="score:asc">score ↑</option>
        <option value="margin:asc">closest to threshold</option><option value="margin:desc">farthest from threshold</option>
        <option value="path:asc">path</option><option value="species:asc">species</option>
      </select>
      <label className="range" title="Decision threshold: a sample is called an attack when its score ≥ τ (set precisely on the Evaluation tab)">τ
        <input data-testid="browser-threshold" type="number" step="0.01" min="0" max="1" value={Number(threshold.toFixed(4))}
          onChange={(e) => { const v = numberOrNull(e.target.value); if (v !== null) setOperatingPoint(v); }} />
      </label>
      <button type="button" onClick={resetFilter} title="Clear every filter">Clear</button>
      <button type="button" data-testid="map-toggle" aria-pressed={mapOpen} onClick={() => setMapOpen(!mapOpen)} title="Show every scored sample on a 2-D map of the model's embeddings">Map</button>
      <div className="view-switch" role="group" aria-label="View">
        <button type="button" data-testid="view-table" aria-pressed={view === 'table'} onClick={() => setView('table')}>Table</button>
        <button type="button" data-testid="view-grid" aria-pressed={view === 'grid'} onClick={() => setView('grid')}>Grid</button>
      </div>
    </div>
  );
}
