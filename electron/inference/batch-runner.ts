// Scores a decoded batch of images (decode-batch.ts) with one ORT session; per-item failures are data.
// Node side (inference worker thread). Notation: b batch, n tokens, e experts, s slots.
import * as ort from 'onnxruntime-node';
import type { ProbeJob, ProbeResult } from '../../common/contract/explain.js';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import { attackScoreOf, classProbabilities, requiredOutputs, routingOutputNames } from '../../common/model/sidecar.js';
import { encodeFloat16 } from '../../common/routing/float16.js';
import { expertMass } from '../../common/routing/expert-mass.js';
import { storedRouting } from '../../common/routing/summary.js';
import { APPEARANCE_NETWORK, appearanceFeatures, appearanceLog } from '../../common/faces/appearance.js';
import { domainVerdict, type DomainVerdict } from '../../common/faces/domain.js';
import { usableDomain } from '../../common/model/domain-validity.js';
import { imageStats } from '../../common/faces/image-stats.js';
import type { AppearanceNetwork } from '../faces/appearance-network.js';
import { ImageDecodeError } from '../onnx/preprocess.js';
import { loadImage, type DecodedBatch } from './decode-batch.js';
import { runProbe, type ProbeOptions } from './probes.js';
import { inputTensor, outputRow as row } from './tensors.js';
import type { SampleDetail, ScoreItem, ScoredItem } from './protocol.js';

/** The failure reason of a sample whose score is NaN or infinite: never stored as a score. */
export const NON_FINITE_SCORE = 'the model returned a non-finite score';

/** The outputs BatchRunner.score fetches (also what bench:inference times as pure inference). */
export function scoreFetches(sidecar: ModelSidecar): string[] {
  // Dispatch is fetched too: its per-token sum over slots feeds the mean dispatch maps of the analytics;
  // the embedding (when the model has one) is kept per sample for nearest neighbours and the embedding map.
  return requiredOutputs(sidecar);
}


/**
 * The appearance view's network as the runner holds it: open (and, when the sidecar has the view, the very file
 * its statistics were fitted with), or why not — the domain is then unknown, never "in domain".
 */
export type AppearanceState = { network: AppearanceNetwork; problem?: undefined } | { network?: undefined; problem: string };

export class BatchRunner {
  private readonly routing: { layer: number; dispatch: string; combine: string }[];
  private readonly layers: number[];
  private readonly n: number;
  private readonly e: number;
  private readonly s: number;

  /**
   * appearance: the appearance network when the sidecar's domain statistics have that view or `keepPooled` asks
   * for its raw features (what `uad domain-stats` fits the view on).
   */
  /** Input side the appearance network runs at: the caller's, else the one the sidecar's statistics were fitted at. */
  private readonly appearanceSide: number;

  constructor(private readonly session: ort.InferenceSession, private readonly sidecar: ModelSidecar,
    private readonly appearance: AppearanceState | null = null, private readonly keepPooled = false, appearanceSide?: number) {
    this.appearanceSide = appearanceSide ?? usableDomain(sidecar.domain)?.appearance?.network.side ?? APPEARANCE_NETWORK.side;
    this.routing = routingOutputNames(sidecar);
    this.layers = this.routing.map((r) => r.layer);
    this.n = sidecar.architecture.tokens;
    this.e = sidecar.moe?.experts ?? 0;
    this.s = sidecar.moe?.slots ?? 0;
    const spec = usableDomain(sidecar.domain)?.appearance;
    if (spec && appearance?.network && appearance.network.sha256 !== spec.network.sha256) {
      this.appearance = { problem: `the appearance network (${appearance.network.modelPath}) is not the one the domain statistics were fitted with (sha256 ${spec.network.sha256.slice(0, 12)}…)` };
    }
  }

  /** Pooled appearance features [g, D] of the stacked inputs, when the network is open. */
  private async pooled(pixels: Float32Array, g: number): Promise<Float32Array | undefined> {
    if (!this.appearance?.network) return undefined;
    return this.appearance.network.pooled(pixels, g, this.sidecar.preprocessing.crop, this.sidecar.preprocessing, this.appearanceSide);
  }

  /** The domain verdict of one sample from its embedding, input statistics and pooled appearance row b. */
  private verdict(embedding: ArrayLike<number>, inputStats: number[], pooled: Float32Array | undefined, b: number): DomainVerdict {
    const spec = usableDomain(this.sidecar.domain);
    if (spec === undefined) return domainVerdict(this.sidecar.domain, embedding); // none, or unusable: unknown with the reason
    if (spec.appearance && !pooled) return { known: false, reason: this.appearance?.problem ?? 'the appearance network is not open' };
    if (spec.appearance && spec.appearance.network.side !== this.appearanceSide) {
      return { known: false, reason: `the appearance features are taken at ${this.appearanceSide} px, the statistics at ${spec.appearance.network.side} px` };
    }
    const appearance = spec.appearance && pooled ? appearanceFeatures(appearanceLog(pooled, b * APPEARANCE_NETWORK.dims), spec.appearance) : undefined;
    return domainVerdict(spec, embedding, { image: inputStats, ...(appearance ? { appearance } : {}) });
  }

  /** Runs a decoded, stacked batch (see decodeBatch); returns results in input order. */
  async score(batch: Omit<DecodedBatch, 'decodeMs'>): Promise<{ items: ScoredItem[]; inferMs: number }> {
    const good = batch.items.filter((item) => item.ok);
    const results = new Map<number, ScoredItem>();
    let inferMs = 0;
    if (good.length > 0) {
      const size = this.sidecar.preprocessing.crop;
      const fetches = scoreFetches(this.sidecar);
      const io = this.sidecar.io;
      const pixels = inputTensor(batch.pixels, good.length, size, this.sidecar);
      const started = performance.now();
      const out = await this.session.run({ [io.input]: pixels }, fetches);
      inferMs = performance.now() - started;
      const pooled = await this.pooled(batch.pixels, good.length);
      const per = this.n * this.e * this.s;
      good.forEach((g, b) => {
        const score = attackScoreOf(row(out[io.score.output]!, b, good.length), io.score);
        if (!Number.isFinite(score)) {
          results.set(g.key, { key: g.key, ok: false, reason: NON_FINITE_SCORE, sha256: g.sha256!, sizeBytes: g.sizeBytes! });
          return;
        }
        const expertMassByLayer = this.routing.map((r) => {
          const combine = out[r.combine]!.data as Float32Array; // [b, n, e, s]
          return encodeFloat16(expertMass(combine, this.n, this.e, this.s, b * per)); // [n, e]
        });
        const dispatchMassByLayer = this.routing.map((r) => {
          const dispatch = out[r.dispatch]!.data as Float32Array; // [b, n, e, s]
          return encodeFloat16(expertMass(dispatch, this.n, this.e, this.s, b * per)); // Σ_s dispatch: [n, e]
        });
        const inputStats = imageStats(batch.pixels, size, b * 3 * size * size); // of the normalised [3, s, s] input
        results.set(g.key, {
          key: g.key, ok: true, sha256: g.sha256!, sizeBytes: g.sizeBytes!,
          ...(g.frames ? { frames: g.frames } : {}),
          score,
          logits: Array.from(row(out[io.logits]!, b, good.length)),
          expertMass: expertMassByLayer,
          dispatchMass: dispatchMassByLayer,
          // what the workspace stores of it, computed here so that recording a batch only writes
          routing: storedRouting(expertMassByLayer, dispatchMassByLayer, this.layers, this.e),
          inputStats,
          ...(pooled && this.keepPooled ? { appearancePooled: pooled.slice(b * APPEARANCE_NETWORK.dims, (b + 1) * APPEARANCE_NETWORK.dims) } : {}),
          ...(io.embedding ? {
            embedding: encodeFloat16(row(out[io.embedding]!, b, good.length)),
            domain: this.verdict(row(out[io.embedding]!, b, good.length), inputStats, pooled, b),
          } : {}),
        });
      });
      for (const tensor of Object.values(out)) tensor.dispose?.();
    }
    const items = batch.items.map((l): ScoredItem => results.get(l.key) ?? {
      key: l.key, ok: false, reason: l.reason ?? 'not scored',
      ...(l.sha256 ? { sha256: l.sha256, sizeBytes: l.sizeBytes } : {}),
    });
    return { items, inferMs };
  }

  /** Full routing tensors and the model-input image of one sample (recomputed on demand). */
  async detail(path: string, face?: ScoreItem['face']): Promise<SampleDetail> {
    const loaded = await loadImage({ key: 0, path, ...(face ? { face } : {}) }, this.sidecar);
    if (!loaded.image) throw new ImageDecodeError(loaded.reason ?? 'cannot decode image');
    const size = this.sidecar.preprocessing.crop;
    const io = this.sidecar.io;
    const out = await this.session.run({ [io.input]: inputTensor(loaded.image.tensor, 1, size, this.sidecar) }, requiredOutputs(this.sidecar));
    const scoreRow = row(out[io.score.output]!, 0, 1);
    const inputStats = imageStats(loaded.image.tensor, size);
    const pooled = io.embedding ? await this.pooled(loaded.image.tensor, 1) : undefined;
    return {
      path,
      sha256: loaded.sha256!,
      original: loaded.image.original,
      rgb: loaded.image.rgb,
      size,
      score: attackScoreOf(scoreRow, io.score),
      logits: Array.from(row(out[io.logits]!, 0, 1)),
      probabilities: classProbabilities(scoreRow, io.score),
      embedding: io.embedding ? Float32Array.from(out[io.embedding]!.data as Float32Array) : new Float32Array(0),
      inputStats,
      ...(io.embedding ? { domain: this.verdict(row(out[io.embedding]!, 0, 1), inputStats, pooled, 0) } : {}),
      layers: this.routing.map((r) => ({
        layer: r.layer,
        dispatch: Float32Array.from(out[r.dispatch]!.data as Float32Array),
        combine: Float32Array.from(out[r.combine]!.data as Float32Array),
      })),
      tokens: this.n,
      experts: this.e,
      slots: this.s,
    };
  }

  /** Occlusion or perturbation probe of one sample (see probes.ts). */
  async probe(path: string, face: ScoreItem['face'] | undefined, job: ProbeJob, options: ProbeOptions): Promise<{ sha256: string; result: ProbeResult }> {
    const loaded = await loadImage({ key: 0, path, ...(face ? { face } : {}) }, this.sidecar);
    if (!loaded.image) throw new ImageDecodeError(loaded.reason ?? 'cannot decode image');
    return { sha256: loaded.sha256!, result: await runProbe(this.session, this.sidecar, loaded.image, job, options) };
  }
}
