// Probes of one sample on the inference engine: occlusion sensitivity (each grid cell masked in turn) and
// the perturbation ladders (JPEG, blur and rescaling with sharp; gamma, noise, halftone and moiré as pure
// pixel operations), scored in batches with progress and a cancel check between batches.
// Node side (inference worker thread). Notation: b batch, size crop side, CHW tensors.
import type * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { gridCells, maskCell } from '../../common/explain/occlusion.js';
import { applyGamma, applyHalftone, applyMoire, applyNoise, PERTURBATIONS, type PerturbationId } from '../../common/explain/perturb.js';
import type { ProbeJob, ProbeResult } from '../../common/contract/explain.js';
import { attackScoreOf, type ModelSidecar } from '../../common/model/sidecar.js';
import { normaliseRgb, type PreprocessedImage } from '../onnx/preprocess.js';
import { inputTensor, outputRow } from './tensors.js';

export class ProbeCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'ProbeCancelled';
  }
}

/** Variants scored per session.run. */
export const PROBE_BATCH = 16;

type Variant = (out: Float32Array) => Promise<void> | void;

const raw = (rgb: Uint8Array, size: number) => sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: { width: size, height: size, channels: 3 } });
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** One perturbation of the model-input RGB crop (size × size × 3), as an RGB crop of the same size. */
export async function perturb(rgb: Uint8Array, size: number, id: PerturbationId, strength: number): Promise<Uint8Array> {
  switch (id) {
    case 'jpeg': {
      const jpeg = await raw(rgb, size).jpeg({ quality: strength, chromaSubsampling: '4:2:0' }).toBuffer();
      return bytes(await sharp(jpeg).removeAlpha().raw().toBuffer());
    }
    case 'blur':
      return bytes(await raw(rgb, size).blur(strength).raw().toBuffer());
    case 'rescale': {
      const small = Math.max(1, Math.round(size * strength));
      const down = await raw(rgb, size).resize(small, small, { kernel: 'cubic', fit: 'fill' }).raw().toBuffer();
      return bytes(await sharp(down, { raw: { width: small, height: small, channels: 3 } }).resize(size, size, { kernel: 'cubic', fit: 'fill' }).raw().toBuffer());
    }
    case 'gamma': return applyGamma(rgb, strength);
    case 'noise': return applyNoise(rgb, strength);
    case 'halftone': return applyHalftone(rgb, size, strength);
    case 'moire': return applyMoire(rgb, size, strength);
  }
}

export interface ProbeOptions {
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
  batch?: number;
}

/** Scores the unmodified input and every variant of the job, in batches; results in job order. */
export async function runProbe(session: ort.InferenceSession, sidecar: ModelSidecar, image: PreprocessedImage, job: ProbeJob, options: ProbeOptions = {}): Promise<ProbeResult> {
  const size = sidecar.preprocessing.crop;
  const plane = 3 * size * size;
  const variants: Variant[] = [(out) => out.set(image.tensor)];
  if (job.kind === 'occlusion') {
    for (const cell of gridCells(size, job.grid)) variants.push((out) => maskCell(image.tensor, size, cell, out));
  } else {
    for (const family of PERTURBATIONS) {
      for (const strength of family.strengths) {
        variants.push(async (out) => out.set(normaliseRgb(await perturb(image.rgb, size, family.id, strength), size, sidecar.preprocessing)));
      }
    }
  }
  const batch = Math.max(1, options.batch ?? PROBE_BATCH);
  const scores: number[] = [];
  options.onProgress?.(0, variants.length);
  for (let start = 0; start < variants.length; start += batch) {
    if (options.cancelled?.()) throw new ProbeCancelled();
    const chunk = variants.slice(start, start + batch);
    const data = new Float32Array(chunk.length * plane); // [b, 3, size, size]
    for (let b = 0; b < chunk.length; b++) await chunk[b]!(data.subarray(b * plane, (b + 1) * plane));
    const io = sidecar.io;
    const out = await session.run({ [io.input]: inputTensor(data, chunk.length, size, sidecar) }, [io.score.output]);
    for (let b = 0; b < chunk.length; b++) scores.push(attackScoreOf(outputRow(out[io.score.output]!, b, chunk.length), io.score));
    for (const tensor of Object.values(out)) tensor.dispose?.();
    options.onProgress?.(scores.length, variants.length);
  }
  const [baseScore, ...rest] = scores as [number, ...number[]];
  if (job.kind === 'occlusion') return { kind: 'occlusion', grid: job.grid, mask: 'preprocessing mean colour', baseScore, scores: rest };
  let at = 0;
  return {
    kind: 'perturbation', baseScore,
    families: PERTURBATIONS.map((f) => {
      const familyScores = rest.slice(at, at + f.strengths.length);
      at += f.strengths.length;
      return { id: f.id, label: f.label, unit: f.unit, strengths: [...f.strengths], scores: familyScores };
    }),
  };
}
