// The embedding map: every scored sample of model A placed in 2-D (PCA then UMAP, computed in the
// analysis worker with progress and cancel, cached per model and scoring state), drawn with WebGL;
// colour by label, species, decision, error type or score; lasso or box selection filters the sample
// browser; hovering shows the thumbnail; the inspected sample is highlighted; a click inspects.
// Renderer feature component; data-testid embedding-map (data-points = points drawn) is a stable hook.
import { useEffect, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { cssColour } from '../../../common/routing/colormap';
import { useWorkbench } from '../../store';
import { useSampleImage } from '../../components/use-sample-image';
import { MAP_COLOURINGS, type MapColouring } from '../../store/explain-slice';
import { pointColours } from './map-colours';
import { boxPolygon, fitUnitSquare, HOME_VIEW, mapToScreen, PointIndex, screenToMap, selectInPolygon, zoomAt, type MapView } from './map-geometry';
import { PointRenderer } from './point-renderer';
import { shownModelOf } from '../../store/samples-slice';
import { useSampleTable } from '../../components/use-sample-table';

const HEIGHT = 340;
const POINT_SIZE = 4;
type Tool = 'pan' | 'lasso' | 'box';

function HoverCard({ sampleId, x, y }: { sampleId: number; x: number; y: number }) {
  const url = useSampleImage(sampleId);
  const row = useWorkbench((s) => s.rowById.get(sampleId));
  const table = useWorkbench((s) => s.table);
  const score = row !== undefined ? table?.score[row] : null;
  return (
    <div className="map-hover" data-testid="map-hover" data-sample-id={sampleId} style={{ left: x + 12, top: y + 12 }}>
      {url ? <img src={url} alt="" /> : <div className="thumb-placeholder" />}
      <div className="mono">{row !== undefined ? table?.path[row] : `sample ${sampleId}`}</div>
      <div className="muted">{row !== undefined ? table?.species[row] : ''}{typeof score === 'number' ? ` · ${score.toFixed(4)}` : ''}</div>
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
  const drag = useRef<{ kind: Tool; start: [number, number]; path: [number, number][]; view: MapView; moved: boolean } | null>(null);

  // Compute (or fetch from the workspace cache) when the map opens for a model it has not mapped yet.
  useEffect(() => {
    if (modelA && status !== 'running' && status !== 'error' && projection?.modelSha256 !== modelA) void compute('umap');
  }, [modelA, projection, status, compute]);

  const points = useMemo(() => (projection ? fitUnitSquare(projection.xy) : null), [projection]);
  const index = useMemo(() => (points ? new PointIndex(points) : null), [points]);
  const rows = useMemo(() => (projection ? Int32Array.from(projection.ids, (id) => rowById.get(id) ?? -1) : null), [projection, rowById]);
  const coloured = useMemo(() => (table && rows ? pointColours(table, rows, colouring, threshold) : null), [table, rows, colouring, threshold]);
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
    const frame = requestAnimationFrame(() => setDrawn(gl.draw(view, POINT_SIZE, highlight)));
    return () => cancelAnimationFrame(frame);
  }, [view, highlight, points, coloured, width]);

  const local = (event: { clientX: number; clientY: number }): [number, number] => {
    const rect = canvas.current!.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };
  const drawPath = (path: [number, number][], closed: boolean) => {
    const ctx = overlay.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, width, HEIGHT);
    if (path.length < 2) return;
    ctx.strokeStyle = '#f2c14e';
    ctx.setLineDash([5, 3]);
    ctx.beginPath();
    ctx.moveTo(path[0]![0], path[0]![1]);
    for (const [x, y] of path.slice(1)) ctx.lineTo(x, y);
    if (closed) ctx.closePath();
    ctx.stroke();
  };

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
    selectOnMap(chosen.map((i) => projection.ids[i]!), current.kind === 'box' ? 'box' : 'lasso');
  };
  const onWheel = (event: WheelEvent<HTMLCanvasElement>) => {
    const [sx, sy] = local(event);
    setView(zoomAt(view, width, HEIGHT, sx, sy, event.deltaY < 0 ? 1.2 : 1 / 1.2));
  };

  const hoverId = hover && projection ? projection.ids[hover.index]! : null;
  const selectedHere = only?.label.includes('on the map') ? only.ids.length : 0;
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
          <span className="muted">{projection.ids.length} samples · {projection.method === 'umap' ? 'PCA → UMAP' : 'PCA'} of {projection.modelSha256.slice(0, 8)}… · {projection.cached ? 'from the workspace cache' : `computed in ${projection.seconds.toFixed(1)} s`} · wheel zooms, shift-drag pans</span>
        )}
      </div>
      {(error || glError) && <div className="error" role="alert">{glError ? `The map needs WebGL: ${glError}` : error}</div>}
      <div className="map-canvas" ref={box} style={{ height: HEIGHT }}>
        <canvas ref={canvas} width={width} height={HEIGHT} data-testid="embedding-map-canvas" onPointerDown={onPointerDown} onPointerMove={onPointerMove}
          onPointerUp={onPointerUp} onPointerLeave={() => setHover(null)} onWheel={onWheel} style={{ cursor: tool === 'pan' ? 'grab' : 'crosshair' }} />
        <canvas ref={overlay} width={width} height={HEIGHT} className="map-overlay" />
        {hoverId !== null && hover && <HoverCard sampleId={hoverId} x={hover.x} y={hover.y} />}
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
