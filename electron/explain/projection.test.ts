// The embedding map's projection: UMAP with a seed is deterministic, separates planted clusters, and
// stops when cancelled; PCA mode keeps the first two components.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/metrics/prng.js';
import { project, ProjectionCancelled } from './projection.js';

/** Three well separated clusters of n/3 points in 16-d. */
function clusters(n = 180): { rows: Float32Array; label: number[] } {
  const random = new SeededRandom(11);
  const d = 16;
  const rows = new Float32Array(n * d);
  const label: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    label.push(c);
    for (let j = 0; j < d; j++) rows[i * d + j] = (j % 3 === c ? 4 : 0) + random.nextDouble() - 0.5;
  }
  return { rows, label };
}

describe('projection', () => {
  it('UMAP with the same seed gives the same map, another seed another one', () => {
    const { rows } = clusters();
    const a = project(rows, 180, 16, { method: 'umap', seed: 42 });
    const b = project(rows, 180, 16, { method: 'umap', seed: 42 });
    const c = project(rows, 180, 16, { method: 'umap', seed: 7 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it('keeps planted clusters apart: each point\'s nearest mapped neighbour is from its own cluster', () => {
    const { rows, label } = clusters();
    const xy = project(rows, 180, 16, { method: 'umap', seed: 42 });
    let same = 0;
    for (let i = 0; i < 180; i++) {
      let best = -1;
      let bestDistance = Infinity;
      for (let j = 0; j < 180; j++) {
        if (j === i) continue;
        const distance = (xy[i * 2]! - xy[j * 2]!) ** 2 + (xy[i * 2 + 1]! - xy[j * 2 + 1]!) ** 2;
        if (distance < bestDistance) { bestDistance = distance; best = j; }
      }
      if (label[best] === label[i]) same += 1;
    }
    expect(same).toBe(180);
  });

  it('above the landmark count, places the other samples beside their own cluster, deterministically', () => {
    const n = 600;
    const { rows, label } = clusters(n);
    const phases: string[] = [];
    const xy = project(rows, n, 16, { method: 'umap', seed: 42, landmarks: 150, onProgress: (phase) => { if (phases.at(-1) !== phase) phases.push(phase); } });
    expect(phases).toEqual(['pca', 'neighbours', 'layout', 'placing']);
    expect(project(rows, n, 16, { method: 'umap', seed: 42, landmarks: 150 })).toEqual(xy);
    // Cluster centres on the map; every point is nearest to its own cluster's centre.
    const centres = [0, 1, 2].map((c) => {
      const members = label.map((l, i) => (l === c ? i : -1)).filter((i) => i >= 0);
      return [members.reduce((s, i) => s + xy[i * 2]!, 0) / members.length, members.reduce((s, i) => s + xy[i * 2 + 1]!, 0) / members.length];
    });
    const nearestCentre = (i: number) => centres.map(([x, y], c) => [(xy[i * 2]! - x!) ** 2 + (xy[i * 2 + 1]! - y!) ** 2, c]).sort((a, b) => a[0]! - b[0]!)[0]![1];
    expect(label.every((l, i) => nearestCentre(i) === l)).toBe(true);
  });

  it('reports its phases and stops when cancelled', () => {
    const { rows } = clusters();
    const phases = new Set<string>();
    let layoutSteps = 0;
    expect(() => project(rows, 180, 16, {
      method: 'umap', seed: 1,
      onProgress: (phase) => { phases.add(phase); if (phase === 'layout') layoutSteps += 1; },
      cancelled: () => layoutSteps >= 2,
    })).toThrow(ProjectionCancelled);
    expect([...phases]).toEqual(['pca', 'neighbours', 'layout']);
  });

  it('PCA mode places points on the first two components; tiny inputs do not fail', () => {
    const { rows } = clusters();
    const xy = project(rows, 180, 16, { method: 'pca', seed: 0 });
    expect(xy).toHaveLength(360);
    expect(project(new Float32Array(0), 0, 16, { method: 'umap', seed: 0 })).toHaveLength(0);
    expect(project(rows.subarray(0, 32), 2, 16, { method: 'umap', seed: 0 })).toHaveLength(4);
  });
});
