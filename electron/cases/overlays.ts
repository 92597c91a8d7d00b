// Case-file overlays as PNG, rendered with sharp on the Node side: the model's input (preprocessed as
// the sidecar says), routing heatmaps (argmax expert per patch, one expert's mass) blended over it from
// the workspace's stored routing summaries, occlusion maps and perturbation charts from saved probes, and a
// score card. Node side (cases).
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import type { PreprocessingSpec } from '../../common/model/sidecar.js';
import { expertColour, viridis } from '../../common/routing/colormap.js';
import { dominantExperts } from '../../common/routing/expert-mass.js';
import { expertColumn, patchGrid, valueRange } from '../../common/routing/maps.js';
import { preprocessImage } from '../onnx/preprocess.js';
import { formatMargin, formatScore, formatThreshold } from '../../common/format/figures.js';

/** Overlays are drawn at about this many pixels across (an integer multiple of the model input). */
const TARGET_SIZE = 336;
const MAX_EVIDENCE_BYTES_FOR_OVERLAY = 256 * 1024 * 1024;
const OVERLAY_ALPHA = 0.55;

export interface ModelInputImage {
  /** RGB, size × size × 3. */
  rgb: Uint8Array;
  size: number;
}

/** The image exactly as the model saw it, or null when the file cannot be read (reported by the caller). */
export async function modelInputImage(absPath: string, spec: PreprocessingSpec): Promise<ModelInputImage | null> {
  const info = await stat(absPath).catch(() => null);
  if (!info?.isFile() || info.size > MAX_EVIDENCE_BYTES_FOR_OVERLAY) return null;
  try {
    const image = await preprocessImage(await readFile(absPath), spec);
    return { rgb: image.rgb, size: image.size };
  } catch {
    return null;
  }
}

function scaled(input: ModelInputImage | null, size: number): { rgb: Uint8Array; side: number } {
  const factor = Math.max(1, Math.round(TARGET_SIZE / size));
  const side = size * factor;
  const rgb = new Uint8Array(side * side * 3);
  if (!input) return { rgb: rgb.fill(96), side }; // neutral grey when the image is unavailable
  for (let y = 0; y < side; y++) {
    const sy = Math.floor(y / factor);
    for (let x = 0; x < side; x++) {
      const source = (sy * size + Math.floor(x / factor)) * 3;
      const target = (y * side + x) * 3;
      rgb[target] = input.rgb[source]!;
      rgb[target + 1] = input.rgb[source + 1]!;
      rgb[target + 2] = input.rgb[source + 2]!;
    }
  }
  return { rgb, side };
}

const png = (rgb: Uint8Array, side: number): Promise<Buffer> =>
  sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 9 }).toBuffer();

/** The model input at overlay scale (nearest-neighbour, so pixels stay honest). */
export async function renderModelInput(input: ModelInputImage | null, size: number): Promise<Buffer> {
  const { rgb, side } = scaled(input, size);
  return png(rgb, side);
}

/** Blends one colour per patch cell over the image, with thin darker cell borders. */
async function renderCells(input: ModelInputImage | null, size: number, grid: [number, number], colourOf: (cell: number) => [number, number, number]): Promise<Buffer> {
  const { rgb, side } = scaled(input, size);
  const [gh, gw] = grid;
  for (let y = 0; y < side; y++) {
    const gy = Math.min(gh - 1, Math.floor((y * gh) / side));
    const borderY = Math.floor(((y + 1) * gh) / side) !== Math.floor((y * gh) / side);
    for (let x = 0; x < side; x++) {
      const gx = Math.min(gw - 1, Math.floor((x * gw) / side));
      const borderX = Math.floor(((x + 1) * gw) / side) !== Math.floor((x * gw) / side);
      const colour = colourOf(gy * gw + gx);
      const alpha = borderX || borderY ? 0.85 : OVERLAY_ALPHA;
      const at = (y * side + x) * 3;
      for (let c = 0; c < 3; c++) {
        const tint = borderX || borderY ? colour[c]! * 0.5 : colour[c]!;
        rgb[at + c] = Math.round(rgb[at + c]! * (1 - alpha) + tint * alpha);
      }
    }
  }
  return png(rgb, side);
}

/** Each patch coloured by the expert that carries most of its mass (Okabe–Ito palette, CLS excluded). */
export function renderArgmaxExperts(input: ModelInputImage | null, size: number, grid: [number, number], mass: Float32Array, tokens: number, experts: number): Promise<Buffer> {
  const argmax = patchGrid(dominantExperts(mass, tokens, experts), grid[0], grid[1]);
  return renderCells(input, size, grid, (cell) => expertColour(argmax[cell]!));
}

/**
 * One expert's mass per patch in viridis, stretched over this image's range (a fixed 0–1 scale leaves
 * every patch near 1/experts and unreadable); the range is returned so the case states it.
 */
export async function renderExpertMass(input: ModelInputImage | null, size: number, grid: [number, number], mass: Float32Array, tokens: number, experts: number, expert: number): Promise<{ png: Buffer; range: [number, number] }> {
  const values = patchGrid(expertColumn(mass, tokens, experts, expert), grid[0], grid[1]);
  const { min, max } = valueRange(values);
  const span = max - min || 1;
  const png = await renderCells(input, size, grid, (cell) => viridis((values[cell]! - min) / span));
  return { png, range: [Math.round(min * 1e4) / 1e4, Math.round(max * 1e4) / 1e4] };
}

/** Occlusion sensitivity: each cell's score change (base − masked) in viridis over this probe's range. */
export async function renderOcclusion(input: ModelInputImage | null, size: number, grid: [number, number], deltas: Float32Array): Promise<{ png: Buffer; range: [number, number] }> {
  const { min, max } = valueRange(deltas);
  const span = max - min || 1;
  const png = await renderCells(input, size, grid, (cell) => viridis((deltas[cell]! - min) / span));
  return { png, range: [Math.round(min * 1e4) / 1e4, Math.round(max * 1e4) / 1e4] };
}

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export interface ScoreCardFacts {
  sampleLabel: string;
  score: number | null;
  threshold: number;
  decision: 'attack' | 'bona-fide' | null;
  modelName: string;
  criterion: string;
}

/** A small card: the score on a 0–1 bar with the threshold marked, the decision and the margin. */
export async function renderScoreCard(facts: ScoreCardFacts): Promise<Buffer> {
  const width = 480;
  const height = 160;
  const bar = { x: 20, y: 84, w: 440, h: 18 };
  const at = (v: number) => bar.x + Math.min(1, Math.max(0, v)) * bar.w;
  const colour = facts.decision === 'attack' ? '#c0392b' : facts.decision === 'bona-fide' ? '#1e8449' : '#555';
  const decisionText = facts.decision === null ? 'not scored' : facts.decision === 'attack' ? 'attack (score ≥ threshold)' : 'bona fide (score < threshold)';
  const margin = facts.score === null ? '' : `margin ${formatMargin(facts.score - facts.threshold)}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Arial, sans-serif">
  <rect width="${width}" height="${height}" fill="#ffffff" stroke="#999" />
  <text x="20" y="26" font-size="14" fill="#333">${escapeXml(facts.sampleLabel)}</text>
  <text x="20" y="54" font-size="22" font-weight="bold" fill="${colour}">${formatScore(facts.score)}  ${escapeXml(decisionText)}</text>
  <rect x="${bar.x}" y="${bar.y}" width="${bar.w}" height="${bar.h}" fill="#e8e8e8" stroke="#888" />
  ${facts.score === null ? '' : `<rect x="${bar.x}" y="${bar.y}" width="${at(facts.score) - bar.x}" height="${bar.h}" fill="${colour}" opacity="0.75" />`}
  <line x1="${at(facts.threshold)}" y1="${bar.y - 6}" x2="${at(facts.threshold)}" y2="${bar.y + bar.h + 6}" stroke="#000" stroke-width="2" />
  <text x="${bar.x}" y="${bar.y + bar.h + 18}" font-size="11" fill="#555">0</text>
  <text x="${bar.x + bar.w - 8}" y="${bar.y + bar.h + 18}" font-size="11" fill="#555">1</text>
  <text x="${Math.min(at(facts.threshold) + 4, width - 150)}" y="${bar.y - 8}" font-size="11" fill="#000">τ = ${formatThreshold(facts.threshold)} (${escapeXml(facts.criterion)})</text>
  <text x="20" y="148" font-size="12" fill="#333">${escapeXml(facts.modelName)}  ${escapeXml(margin)}  · investigative finding, not proof</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const LADDER_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

export interface LadderChart {
  baseScore: number;
  threshold: number;
  families: { label: string; scores: number[]; flipsAt: number | null }[];
}

/** The perturbation probe as a chart: score against strength step per family, τ dashed, flips listed. */
export async function renderPerturbationChart(chart: LadderChart): Promise<Buffer> {
  const width = 640;
  const height = 300;
  const plot = { x: 48, y: 20, w: 360, h: 230 };
  const steps = Math.max(1, ...chart.families.map((f) => f.scores.length));
  const px = (step: number) => plot.x + (step / steps) * plot.w;
  const py = (score: number) => plot.y + (1 - Math.min(1, Math.max(0, score))) * plot.h;
  const lines = chart.families.map((f, i) => {
    const points = [chart.baseScore, ...f.scores].map((score, step) => `${px(step).toFixed(1)},${py(score).toFixed(1)}`).join(' ');
    return `<polyline points="${points}" fill="none" stroke="${LADDER_COLOURS[i % LADDER_COLOURS.length]}" stroke-width="2" />`;
  }).join('');
  const legend = chart.families.map((f, i) => {
    const y = plot.y + 14 + i * 22;
    const flip = f.flipsAt === null ? 'no flip' : `flips at ${f.flipsAt}`;
    return `<rect x="${plot.x + plot.w + 20}" y="${y - 9}" width="12" height="12" fill="${LADDER_COLOURS[i % LADDER_COLOURS.length]}" />
  <text x="${plot.x + plot.w + 38}" y="${y + 1}" font-size="11" fill="#222">${escapeXml(f.label)}: ${escapeXml(flip)}</text>`;
  }).join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((v) => `<text x="${plot.x - 6}" y="${py(v) + 4}" font-size="10" text-anchor="end" fill="#555">${v}</text>
  <line x1="${plot.x}" y1="${py(v)}" x2="${plot.x + plot.w}" y2="${py(v)}" stroke="#e4e4e4" />`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Arial, sans-serif">
  <rect width="${width}" height="${height}" fill="#ffffff" stroke="#999" />
  ${ticks}
  <rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#888" />
  <line x1="${plot.x}" y1="${py(chart.threshold)}" x2="${plot.x + plot.w}" y2="${py(chart.threshold)}" stroke="#000" stroke-width="1.5" stroke-dasharray="6 4" />
  <text x="${plot.x + plot.w - 4}" y="${py(chart.threshold) - 4}" font-size="11" text-anchor="end" fill="#000">τ = ${formatThreshold(chart.threshold)}</text>
  ${lines}
  <text x="${plot.x + plot.w / 2}" y="${height - 14}" font-size="11" text-anchor="middle" fill="#333">strength step (0 = unperturbed)</text>
  <text x="14" y="${plot.y + plot.h / 2}" font-size="11" fill="#333" transform="rotate(-90 14 ${plot.y + plot.h / 2})">attack score</text>
  ${legend}
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
