// Embedding-map geometry: fitting, view transforms (round trip, zoom about a point), lasso and box
// selection against a brute-force check, nearest-point picking.
import { describe, expect, it } from 'vitest';
import { boxPolygon, fitUnitSquare, HOME_VIEW, insidePolygon, mapToScreen, PointIndex, pointsAtEdge, screenToMap, selectInPolygon, zoomAt } from './map-geometry';

describe('map geometry', () => {
  it('fits the projection into the unit square, keeping its aspect', () => {
    const fitted = fitUnitSquare(Float32Array.from([10, 5, 30, 5, 20, 15]));
    expect(Array.from(fitted, (v) => Number(v.toFixed(4)))).toEqual([-0.95, -0.475, 0.95, -0.475, 0, 0.475]);
  });

  it('keeps a cluster spread out when a few outliers lie far away, drawing them at the edge', () => {
    const xy = new Float32Array(2 * 200);
    for (let i = 0; i < 198; i++) { xy[i * 2] = (i % 14) / 13; xy[i * 2 + 1] = (i % 9) / 8; }
    xy.set([1000, 0.5, -800, 0.5], 198 * 2);
    const fitted = fitUnitSquare(xy);
    const clusterX = Array.from({ length: 198 }, (_, i) => fitted[i * 2]!);
    expect(Math.max(...clusterX) - Math.min(...clusterX)).toBeGreaterThan(1.5);
    expect(fitted[198 * 2]).toBeCloseTo(0.98, 5);
    expect(fitted[199 * 2]).toBeCloseTo(-0.98, 5);
    expect(pointsAtEdge(fitted)).toBe(2);
  });

  it('converts screen and map coordinates both ways, and zooms about the pointer', () => {
    const view = { zoom: 2.5, panX: 0.2, panY: -0.1 };
    const [x, y] = screenToMap(view, 800, 400, 123, 321);
    const [sx, sy] = mapToScreen(view, 800, 400, x, y);
    expect(sx).toBeCloseTo(123, 6);
    expect(sy).toBeCloseTo(321, 6);
    const zoomed = zoomAt(HOME_VIEW, 800, 400, 600, 100, 3);
    const before = screenToMap(HOME_VIEW, 800, 400, 600, 100);
    const after = screenToMap(zoomed, 800, 400, 600, 100);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
    expect(zoomed.zoom).toBe(3);
  });

  it('selects the points inside a lasso (concave) and a box, as a brute-force check does', () => {
    const points = new Float32Array(2000);
    for (let i = 0; i < 1000; i++) { points[i * 2] = Math.sin(i * 12.9898) * 0.99; points[i * 2 + 1] = Math.cos(i * 78.233) * 0.99; }
    const lasso: [number, number][] = [[-0.8, -0.8], [0.8, -0.8], [0.8, 0.8], [0, 0], [-0.8, 0.8]]; // a notch at the top
    const chosen = selectInPolygon(points, lasso);
    const brute = Array.from({ length: 1000 }, (_, i) => i).filter((i) => insidePolygon(points[i * 2]!, points[i * 2 + 1]!, lasso));
    expect(chosen).toEqual(brute);
    expect(chosen.length).toBeGreaterThan(200);
    expect(insidePolygon(0, 0.5, lasso)).toBe(false); // inside the notch is outside the lasso
    expect(insidePolygon(0, -0.5, lasso)).toBe(true);
    const box = selectInPolygon(points, boxPolygon([0.1, 0.1], [-0.1, -0.1]));
    expect(box).toEqual(Array.from({ length: 1000 }, (_, i) => i).filter((i) => Math.abs(points[i * 2]!) <= 0.1 && Math.abs(points[i * 2 + 1]!) <= 0.1));
    expect(selectInPolygon(points, [[0, 0], [1, 1]])).toEqual([]);
  });

  it('picks the nearest point within the radius', () => {
    const index = new PointIndex(Float32Array.from([0, 0, 0.5, 0.5, -0.9, 0.9]));
    expect(index.nearest(0.45, 0.52, 0.1)).toBe(1);
    expect(index.nearest(-0.88, 0.91, 0.05)).toBe(2);
    expect(index.nearest(0.25, 0.25, 0.05)).toBe(-1);
  });
});
