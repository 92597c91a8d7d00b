// Threshold-independent drawing data of one split: ROC and DET polylines thinned to about a pixel,
// score histograms per class and species, AUC/EER and the BPCER20/100 points. Renderer (metrics worker).
import {
  bpcerAtApcer,
  countBelow,
  equalErrorRate,
  normalQuantile,
  rocAuc,
  thresholdOfRow,
  type ThresholdIndex,
} from '../../common/metrics/index';
import type { CurvePoints, ScoreHistogram, SplitSummary } from './metrics-protocol';
import { scoreLabelHash } from './score-hash';
import type { PreparedSplit } from './split-data';

/** Thinning tolerance as a share of the axis span: about one pixel on a 500 px chart. */
const ROC_TOLERANCE = 0.002;
/** DET rates are clipped here before Φ⁻¹, so rates 0 and 1 land just outside any sensible axis. */
export const DET_RATE_CLIP = 1e-7;
const DET_TOLERANCE = 0.01;
/** Histogram bins: √n (the square-root rule), at least 10 and at most 50. */
export const histogramBins = (n: number): number => Math.min(50, Math.max(10, Math.round(Math.sqrt(n))));

/**
 * Keeps the vertices of a monotone polyline that move at least `tolerance` (in x or y) from the last
 * kept one, plus the first and last: at most ~(x span + y span) / tolerance vertices, so a curve over
 * 10⁶ distinct scores draws with a few thousand. Every kept vertex keeps its exact threshold, so a
 * click on the drawn curve still lands on a real operating point. O(count).
 */
export function thinPolyline(count: number, at: (i: number) => [x: number, y: number, threshold: number], tolerance: number): CurvePoints {
  const x: number[] = [];
  const y: number[] = [];
  const thresholds: number[] = [];
  let lastX = NaN;
  let lastY = NaN;
  for (let i = 0; i < count; i++) {
    const [px, py, t] = at(i);
    const isEnd = i === 0 || i === count - 1;
    if (isEnd || Math.abs(px - lastX) >= tolerance || Math.abs(py - lastY) >= tolerance) {
      x.push(px);
      y.push(py);
      thresholds.push(t);
      lastX = px;
      lastY = py;
    }
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y), thresholds: Float64Array.from(thresholds) };
}

/** ROC from "nothing called attack" (0, 0) to "everything called attack" (1, 1): x BPCER, y 1 − APCER pooled. */
export function rocPoints(index: ThresholdIndex): CurvePoints {
  const m = index.distinctScores.length;
  return thinPolyline(m + 1, (j) => {
    const row = m - j;
    return [index.bpcerAtRow(row), 1 - index.apcerPooledAtRow(row), thresholdOfRow(index, row)];
  }, ROC_TOLERANCE);
}

const probit = (rate: number): number => normalQuantile(Math.min(1 - DET_RATE_CLIP, Math.max(DET_RATE_CLIP, rate)));

/** DET in normal deviates, thresholds increasing: x Φ⁻¹(BPCER) falls, y Φ⁻¹(APCER pooled) rises. */
export function detPoints(index: ThresholdIndex): CurvePoints {
  return thinPolyline(index.distinctScores.length + 1, (row) => [probit(index.bpcerAtRow(row)), probit(index.apcerPooledAtRow(row)), thresholdOfRow(index, row)], DET_TOLERANCE);
}

/** Histogram over [min, max] read off the index's cumulative counts: O(bins · (log m + species)). */
export function scoreHistogram(index: ThresholdIndex, bins = histogramBins(index.sampleCount)): ScoreHistogram {
  const scores = index.distinctScores;
  const min = scores[0];
  const max = scores[scores.length - 1];
  const width = max > min ? (max - min) / bins : 1 / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, b) => (b === bins ? Math.max(max, min + width * bins) : min + width * b));
  const speciesCount = index.speciesNames.length;
  const bonaFide = new Uint32Array(bins);
  const attacks = new Uint32Array(bins);
  const bySpecies = Array.from({ length: speciesCount }, () => new Uint32Array(bins));
  // Rows at the inner edges; the last bin takes everything up to and including the maximum.
  const rowAt = (b: number): number => (b === 0 ? 0 : b === bins ? scores.length : countBelow(scores, edges[b]));
  let previous = rowAt(0);
  for (let b = 0; b < bins; b++) {
    const row = rowAt(b + 1);
    bonaFide[b] = index.bonaFideBelow[row] - index.bonaFideBelow[previous];
    attacks[b] = index.attacksBelow[row] - index.attacksBelow[previous];
    for (let s = 0; s < speciesCount; s++) {
      bySpecies[s][b] = index.speciesBelow[row * speciesCount + s] - index.speciesBelow[previous * speciesCount + s];
    }
    previous = row;
  }
  return { edges, bonaFide, attacks, bySpecies };
}

export async function summariseSplit(prepared: PreparedSplit): Promise<SplitSummary> {
  const { index, data, split } = prepared;
  let attacks = 0;
  for (let i = 0; i < data.labels.length; i++) attacks += data.labels[i];
  const base = { split, samples: data.scores.length, attacks, bonaFide: data.scores.length - attacks };
  if (index === null) {
    const empty = new Float64Array(0);
    const none = { x: empty, y: empty, thresholds: empty };
    return {
      ...base, unusable: prepared.unusable ?? 'not evaluable', speciesNames: [], speciesAttackCounts: [], scoreMin: 0, scoreMax: 1,
      auc: NaN, eer: NaN, eerThreshold: NaN, bpcer20: { threshold: NaN, bpcer: NaN }, bpcer100: { threshold: NaN, bpcer: NaN },
      roc: none, det: none, histogram: { edges: empty, bonaFide: new Uint32Array(0), attacks: new Uint32Array(0), bySpecies: [] }, dataHash: '',
    };
  }
  const eer = equalErrorRate(index);
  const point = (maxApcer: number) => {
    const p = bpcerAtApcer(index, maxApcer);
    return { threshold: p.threshold, bpcer: p.rates.bpcer };
  };
  return {
    ...base,
    unusable: null,
    speciesNames: [...index.speciesNames],
    speciesAttackCounts: Array.from(index.speciesAttackCounts),
    scoreMin: index.distinctScores[0],
    scoreMax: index.distinctScores[index.distinctScores.length - 1],
    auc: rocAuc(index),
    eer: eer.eer,
    eerThreshold: eer.threshold,
    bpcer20: point(0.05),
    bpcer100: point(0.01),
    roc: rocPoints(index),
    det: detPoints(index),
    histogram: scoreHistogram(index),
    dataHash: await scoreLabelHash(index),
  };
}

/** The transfer list of a summary's typed arrays. */
export function summaryBuffers(summary: SplitSummary): ArrayBuffer[] {
  const { roc, det, histogram } = summary;
  const arrays = [roc.x, roc.y, roc.thresholds, det.x, det.y, det.thresholds, histogram.edges, histogram.bonaFide, histogram.attacks, ...histogram.bySpecies];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
