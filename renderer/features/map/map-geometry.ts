// Geometry of the embedding map: fitting the projection into the unit square, the pan/zoom view,
// screen ↔ map coordinates, lasso (polygon) and box selection, and a grid index for hover picking.
// Renderer (pure, no DOM), unit-tested.

/** From this many points on, the fit spans the 1st–99th percentile, so a few outliers cannot squash the cluster. */
export const ROBUST_FIT_MIN_POINTS = 50;
const EDGE = 0.98;

/** The q-quantile (0–1) of every other value of `xy` from `offset` (nearest rank). */
function quantile(xy: Float32Array, offset: number, q: number): number {
  const values = Float32Array.from({ length: xy.length / 2 }, (_, i) => xy[i * 2 + offset]!).sort();
  return values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))]!;
}

/**
 * Map coordinates: the projection scaled into [−1, 1]² (aspect kept), [n, 2]. With many points the scale comes from
 * the 1st–99th percentiles and a point beyond them is drawn at the edge (just inside the canvas, still selectable).
 */
export function fitUnitSquare(xy: Float32Array): Float32Array {
  const n = xy.length / 2;
  const robust = n >= ROBUST_FIT_MIN_POINTS;
  const [minX, maxX, minY, maxY] = robust ? [quantile(xy, 0, 0.01), quantile(xy, 0, 0.99), quantile(xy, 1, 0.01), quantile(xy, 1, 0.99)]
    : [0, 1].flatMap((axis) => { const v = Array.from({ length: n }, (_, i) => xy[i * 2 + axis]!); return [Math.min(...v), Math.max(...v)]; });
  const span = Math.max(maxX! - minX!, maxY! - minY!) || 1;
  const cx = (minX! + maxX!) / 2; const cy = (minY! + maxY!) / 2;
  const clamp = (v: number) => Math.max(-EDGE, Math.min(EDGE, v));
  const out = new Float32Array(xy.length);
  for (let i = 0; i < n; i++) {
    out[i * 2] = clamp((2 * (xy[i * 2]! - cx)) / span * 0.95);
    out[i * 2 + 1] = clamp((2 * (xy[i * 2 + 1]! - cy)) / span * 0.95);
  }
  return out;
}

/** How many fitted points lie at the edge because they are beyond the percentile limits. */
export function pointsAtEdge(fitted: Float32Array): number {
  let count = 0;
  for (let i = 0; i < fitted.length; i += 2) if (Math.abs(fitted[i]!) >= EDGE || Math.abs(fitted[i + 1]!) >= EDGE) count++;
  return count;
}

/** Pan and zoom: clip = map · zoom · aspect + pan. */
export interface MapView { zoom: number; panX: number; panY: number }
export const HOME_VIEW: MapView = { zoom: 1, panX: 0, panY: 0 };

/** Per-axis scale from map to clip space for a canvas (the shorter side spans [−1, 1] at zoom 1). */
export function viewScale(view: MapView, width: number, height: number): [number, number] {
  const side = Math.min(width, height);
  return [(view.zoom * side) / width, (view.zoom * side) / height];
}

/** Screen pixel (origin top-left) → map coordinates. */
export function screenToMap(view: MapView, width: number, height: number, sx: number, sy: number): [number, number] {
  const [kx, ky] = viewScale(view, width, height);
  const clipX = (2 * sx) / width - 1;
  const clipY = 1 - (2 * sy) / height;
  return [(clipX - view.panX) / kx, (clipY - view.panY) / ky];
}

/** Map coordinates → screen pixel. */
export function mapToScreen(view: MapView, width: number, height: number, x: number, y: number): [number, number] {
  const [kx, ky] = viewScale(view, width, height);
  return [((x * kx + view.panX + 1) * width) / 2, ((1 - (y * ky + view.panY)) * height) / 2];
}

/** Zooms by `factor` keeping the map point under screen pixel (sx, sy) in place. */
export function zoomAt(view: MapView, width: number, height: number, sx: number, sy: number, factor: number): MapView {
  const [mx, my] = screenToMap(view, width, height, sx, sy);
  const zoom = Math.min(500, Math.max(0.2, view.zoom * factor));
  const next = { ...view, zoom };
  const [kx, ky] = viewScale(next, width, height);
  const clipX = (2 * sx) / width - 1;
  const clipY = 1 - (2 * sy) / height;
  return { zoom, panX: clipX - mx * kx, panY: clipY - my * ky };
}

/** Even–odd rule point-in-polygon. */
export function insidePolygon(x: number, y: number, polygon: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Indexes of the points inside a polygon (map coordinates); fewer than 3 vertices select nothing. */
export function selectInPolygon(points: Float32Array, polygon: readonly [number, number][]): number[] {
  if (polygon.length < 3) return [];
  let minX = Infinity; let maxX = -Infinity; let minY = Infinity; let maxY = -Infinity;
  for (const [x, y] of polygon) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  const out: number[] = [];
  for (let i = 0; i < points.length / 2; i++) {
    const x = points[i * 2]!; const y = points[i * 2 + 1]!;
    if (x < minX || x > maxX || y < minY || y > maxY) continue;
    if (insidePolygon(x, y, polygon)) out.push(i);
  }
  return out;
}

/** The box between two corners as a polygon. */
export const boxPolygon = (a: [number, number], b: [number, number]): [number, number][] => [[a[0], a[1]], [b[0], a[1]], [b[0], b[1]], [a[0], b[1]]];

/** Uniform grid over [−1, 1]² for picking the point nearest the pointer. */
export class PointIndex {
  private readonly cells: Map<number, number[]> = new Map();
  constructor(private readonly points: Float32Array, private readonly side = 128) {
    for (let i = 0; i < points.length / 2; i++) {
      const key = this.key(points[i * 2]!, points[i * 2 + 1]!);
      const bucket = this.cells.get(key);
      if (bucket) bucket.push(i); else this.cells.set(key, [i]);
    }
  }

  private cell(v: number): number {
    return Math.min(this.side - 1, Math.max(0, Math.floor(((v + 1) / 2) * this.side)));
  }

  private key(x: number, y: number): number {
    return this.cell(x) * this.side + this.cell(y);
  }

  /** The point nearest (x, y) within `radius` (map units), or −1. */
  nearest(x: number, y: number, radius: number): number {
    const reach = Math.ceil((radius / 2) * this.side);
    const cx = this.cell(x); const cy = this.cell(y);
    let best = -1;
    let bestD = radius * radius;
    for (let gx = Math.max(0, cx - reach); gx <= Math.min(this.side - 1, cx + reach); gx++) {
      for (let gy = Math.max(0, cy - reach); gy <= Math.min(this.side - 1, cy + reach); gy++) {
        for (const i of this.cells.get(gx * this.side + gy) ?? []) {
          const d = (this.points[i * 2]! - x) ** 2 + (this.points[i * 2 + 1]! - y) ** 2;
          if (d <= bestD) { bestD = d; best = i; }
        }
      }
    }
    return best;
  }
}
