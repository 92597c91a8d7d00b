// The embedding map: every scored sample of model A placed in 2-D (PCA then UMAP, computed in the
// analysis worker with progress and cancel, cached per model and scoring state), drawn with WebGL;
// colour by label, species, decision, error type or score; lasso or box selection filters the sample
// browser and stays drawn (its outline kept, the other points dimmed); hovering shows the thumbnail (kept inside
// the map); the inspected sample is highlighted; a click inspects.
// Renderer feature component; data-testid embedding-map (data-points = points drawn) is a stable hook.
import { useEffect, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { cssColour } from '../../../common/routing/colormap';
import { useWorkbench } from '../../store';
import { useSampleImage } from '../../components/use-sample-image';
import { MAP_COLOURINGS, type MapColouring } from '../../store/explain-slice';
import { pointColours } from './map-colours';
import { boxPolygon, fitUnitSquare, HOME_VIEW, mapToScreen, PointIndex, pointsAtEdge, screenToMap, selectInPolygon, zoomAt, type MapView } from './map-geometry';
import { PointRenderer } from './point-renderer';
import { rgbOf } from '../../components/palette';
import { useChartTheme } from '../../components/theme';
import { formatScore, formatSeconds } from '../../../common/format/figures';
import { shownModelOf } from '../../store/samples-slice';
import { useSampleTable } from '../../components/use-sample-table';

const HEIGHT = 340;
const POINT_SIZE = 4;
const HOVER_CARD = { width: 190, height: 150 };
/** Alpha of a point inside the current selection and of one outside it. */
const SELECTED_ALPHA = 220;
const DIMMED_ALPHA = 40;
type Tool = 'pan' | 'lasso' | 'box';

function HoverCard({ sampleId, x, y, width }: { sampleId: number; x: number; y: number; width: number }) {
  const url = useSampleImage(sampleId);
  const row = useWorkbench((s) => s.rowById.get(sampleId));
  const table = useWorkbench((s) => s.table);
  const score = row !== undefined ? table?.score[row] : null;
  return (
    <div className="map-hover" data-testid="map-hover" data-sample-id={sampleId}
      style={{ left: x + 12 + HOVER_CARD.width > width ? Math.max(0, x - 12 - HOVER_CARD.width) : x + 12, top: Math.max(0, Math.min(y + 12, HEIGHT - HOVER_CARD.height)) }}>
      {url ? <img src={url} alt="" /> : <div className="thumb-placeholder" />}
      <div className="mono">{row !== undefined ? table?.path[row] : `sample ${sampleId}`}</div>
      <div className="muted">{row !== undefined ? table?.species[row] : ''}{typeof score === 'number' ? ` · ${formatScore(score)}` : ''}</div>
    </div>
  );
}

export function EmbeddingMap() {
  const projection = useWorkbench((s) => s.projection);
  const status = useWorkbench((s) => s.projectionStatus);
  const progress = useWorkbench((s) => s.projectionProgress);
  const error = useWorkbench((s) => s.projectionError);
  const colouring = useWorkbench((s) => s.mapColouring);
  const setColouring = useWorkbench((s) => s.setMapColouring);
  const compute = useWorkbench((s) => s.computeProjection);
  const cancel = useWorkbench((s) => s.cancelProjection);
  const selectOnMap = useWorkbench((s) => s.selectOnMap);
  const table = useWorkbench((s) => s.table);
  const rowById = useWorkbench((s) => s.rowById);
  const threshold = useWorkbench((s) => s.threshold);
  const inspectedId = useWorkbench((s) => s.inspectedId);
  // The model in slot A, else the workspace's scored model the browser shows (no model needs to be open).
  const modelA = useWorkbench((s) => s.models.A?.sha256 ?? shownModelOf(s));
  useSampleTable();
  const only = useWorkbench((s) => s.filter.only);
  const canvas = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const renderer = useRef<PointRenderer | null>(null);
  const [width, setWidth] = useState(600);
  const [view, setView] = useState<MapView>(HOME_VIEW);
  const [tool, setTool] = useState<Tool>('lasso');
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(0);
  const [glError, setGlError] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ polygon: [number, number][]; chosen: Int32Array } | null>(null);
  const drag = useRef<{ kind: Tool; start: [number, number]; path: [number, number][]; view: MapView; moved: boolean } | null>(null);

  // Compute (or fetch from the workspace cache) when the map opens for a model it has not mapped yet.
  useEffect(() => {
    if (modelA && status !== 'running' && status !== 'error' && projection?.modelSha256 !== modelA) void compute('umap');
  }, [modelA, projection, status, compute]);

  const points = useMemo(() => (projection ? fitUnitSquare(projection.xy) : null), [projection]);
  const index = useMemo(() => (points ? new PointIndex(points) : null), [points]);
  const edgePoints = useMemo(() => (points ? pointsAtEdge(points) : 0), [points]);
  const rows = useMemo(() => (projection ? Int32Array.from(projection.ids, (id) => rowById.get(id) ?? -1) : null), [projection, rowById]);
  const theme = useChartTheme();
  const selectedHere = only?.label.includes('on the map') ? only.ids.length : 0;
  // The selection stays drawn while the browser is filtered by it; clearing the filter clears it.
  const shownSelection = selectedHere > 0 ? selection : null;
  const coloured = useMemo(() => {
    if (!table || !rows) return null;
    const result = pointColours(table, rows, colouring, threshold, theme);
    if (shownSelection) {
      for (let i = 0; i < rows.length; i++) result.colours[i * 4 + 3] = DIMMED_ALPHA;
      for (const i of shownSelection.chosen) result.colours[i * 4 + 3] = SELECTED_ALPHA;
    }
    return result;
  }, [table, rows, colouring, threshold, theme, shownSelection]);
  const look = useMemo(() => ({ background: rgbOf(theme.mapBackground), ring: rgbOf(theme.text), inspected: rgbOf(theme.inspected) }), [theme]);
  const highlight = useMemo(() => {
    if (!projection || !points || inspectedId === null) return null;
    const at = projection.ids.indexOf(inspectedId);
    return at < 0 ? null : [points[at * 2]!, points[at * 2 + 1]!] as [number, number];
  }, [projection, points, inspectedId]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(200, Math.floor(element.clientWidth))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!canvas.current || renderer.current) return;
    try {
      renderer.current = new PointRenderer(canvas.current);
    } catch (err) {
      setGlError(err instanceof Error ? err.message : String(err));
    }
    return () => { renderer.current?.dispose(); renderer.current = null; };
  }, []);

  useEffect(() => {
    if (renderer.current && points && coloured) renderer.current.setPoints(points, coloured.colours);
  }, [points, coloured]);

  useEffect(() => {
    const gl = renderer.current;
    if (!gl || !points) return;
    const frame = requestAnimationFrame(() => setDrawn(gl.draw(view, POINT_SIZE, highlight, look)));
    return () => cancelAnimationFrame(frame);
  }, [view, highlight, points, coloured, width, look]);

  const local = (event: { clientX: number; clientY: number }): [number, number] => {
    const rect = canvas.current!.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };
  const drawPath = (path: [number, number][], closed: boolean) => {
    const ctx = overlay.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, width, HEIGHT);
    // While nothing is being drawn, the kept selection's outline is.
    const shape = path.length >= 2 ? path : shownSelection ? shownSelection.polygon.map(([x, y]) => mapToScreen(view, width, HEIGHT, x, y)) : [];
    if (shape.length < 2) return;
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(path.length >= 2 ? [5, 3] : []);
    ctx.beginPath();
    ctx.moveTo(shape[0]![0], shape[0]![1]);
    for (const [x, y] of shape.slice(1)) ctx.lineTo(x, y);
    if (closed || path.length < 2) ctx.closePath();
    ctx.stroke();
  };
  useEffect(() => { if (!drag.current) drawPath([], false); });

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!points) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = local(event);
    drag.current = { kind: event.shiftKey ? 'pan' : tool, start: at, path: [at], view, moved: false };
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const at = local(event);
    const current = drag.current;
    if (current) {
      if (Math.hypot(at[0] - current.start[0], at[1] - current.start[1]) > 3) current.moved = true;
      if (current.kind === 'pan') {
        setView({ ...current.view, panX: current.view.panX + (2 * (at[0] - current.start[0])) / width, panY: current.view.panY - (2 * (at[1] - current.start[1])) / HEIGHT });
      } else if (current.kind === 'lasso') {
        current.path.push(at);
        drawPath(current.path, false);
      } else {
        current.path = [current.start, [at[0], current.start[1]], at, [current.start[0], at[1]]];
        drawPath(current.path, true);
      }
      return;
    }
    if (!index || !projection) return;
    const [mx, my] = screenToMap(view, width, HEIGHT, at[0], at[1]);
    const radius = (8 / Math.min(width, HEIGHT)) * 2 / view.zoom;
    const found = index.nearest(mx, my, radius);
    setHover(found < 0 ? null : { index: found, x: at[0], y: at[1] });
  };
  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = drag.current;
    drag.current = null;
    if (!current || !projection || !points) return;
    drawPath([], false);
    if (!current.moved) {
      if (hover) {
        const id = projection.ids[hover.index]!;
        const state = useWorkbench.getState();
        state.selectSample(id);
        void state.inspect(id);
      }
      return;
    }
    if (current.kind === 'pan') return;
    const end = local(event);
    const screenPolygon = current.kind === 'box' ? boxPolygon(current.start, end) : current.path;
    const polygon = screenPolygon.map(([x, y]) => screenToMap(view, width, HEIGHT, x, y));
    const chosen = selectInPolygon(points, polygon);
    setSelection({ polygon, chosen: Int32Array.from(chosen) });
    selectOnMap(chosen.map((i) => projection.ids[i]!), current.kind === 'box' ? 'box' : 'lasso');
  };
  const onWheel = (event: WheelEvent<HTMLCanvasElement>) => {
    const [sx, sy] = local(event);
    setView(zoomAt(view, width, HEIGHT, sx, sy, event.deltaY < 0 ? 1.2 : 1 / 1.2));
  };

  const hoverId = hover && projection ? projection.ids[hover.index]! : null;
  const phase = progress ? `${progress.phase}${progress.total > 1 ? ` ${progress.done} / ${progress.total}` : ''}` : 'starting';
  return (
    <section className="embedding-map" data-testid="embedding-map" data-points={drawn} data-status={glError ? 'error' : status} data-selected={selectedHere}>
      <div className="map-bar">
        <strong>Embedding map</strong>
        <label>colour <select data-testid="map-colour" value={colouring} onChange={(e) => setColouring(e.target.value as MapColouring)}>
          {MAP_COLOURINGS.map((c) => <option key={c} value={c}>{c === 'error' ? 'error type' : c}</option>)}
        </select></label>
        <div className="view-switch" role="group" aria-label="Map tool">
          {(['lasso', 'box', 'pan'] as Tool[]).map((t) => <button key={t} type="button" data-testid={`map-tool-${t}`} aria-pressed={tool === t} onClick={() => setTool(t)}>{t}</button>)}
        </div>
        <button type="button" onClick={() => setView(HOME_VIEW)} title="Fit the whole map">fit</button>
        <button type="button" data-testid="map-recompute" disabled={status === 'running'} onClick={() => void compute(projection?.method === 'pca' ? 'umap' : 'pca')}>
          {projection?.method === 'pca' ? 'UMAP' : 'PCA only'}
        </button>
        {status === 'running' && (
          <span className="probe-progress" data-testid="map-progress">
            <progress max={Math.max(1, progress?.total ?? 1)} value={progress?.done ?? 0} /> <span className="muted">{phase}</span>
            <button type="button" data-testid="map-cancel" onClick={() => void cancel()}>Cancel</button>
          </span>
        )}
        {projection && status !== 'running' && (
          <span className="muted">{projection.ids.length} samples · {projection.method === 'umap' ? 'PCA → UMAP' : 'PCA'} of {projection.modelSha256.slice(0, 8)}… · {projection.cached ? 'from the workspace cache' : `computed in ${formatSeconds(projection.seconds)}`} · wheel zooms, shift-drag pans{edgePoints > 0 ? ` · ${edgePoints} outlying point${edgePoints === 1 ? '' : 's'} drawn at the edge` : ''}</span>
        )}
      </div>
      {(error || glError) && <div className="error" role="alert">{glError ? `The map needs WebGL: ${glError}` : error}</div>}
      <div className="map-canvas" ref={box} style={{ height: HEIGHT }}>
        <canvas ref={canvas} width={width} height={HEIGHT} data-testid="embedding-map-canvas" onPointerDown={onPointerDown} onPointerMove={onPointerMove}
          onPointerUp={onPointerUp} onPointerLeave={() => setHover(null)} onWheel={onWheel} style={{ cursor: tool === 'pan' ? 'grab' : 'crosshair' }} />
        <canvas ref={overlay} width={width} height={HEIGHT} className="map-overlay" />
        {hoverId !== null && hover && <HoverCard sampleId={hoverId} x={hover.x} y={hover.y} width={width} />}
        {highlight && (() => { const [x, y] = mapToScreen(view, width, HEIGHT, highlight[0], highlight[1]); return <span className="map-inspected-label" style={{ left: x + 8, top: y - 8 }}>inspected</span>; })()}
      </div>
      {coloured && (
        <div className="map-legend">
          {coloured.legend.map((entry) => <span key={entry.label} className="legend-swatch"><i style={{ background: cssColour(entry.colour) }} />{entry.label}</span>)}
        </div>
      )}
    </section>
  );
}
