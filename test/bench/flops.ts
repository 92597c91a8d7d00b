// Analytic FLOP count per image of a La-SoftMoE CLIP image path from its sidecar (architecture + moe):
// 2 × multiply-adds of every matrix product (patch conv, attention, MLP, Soft-MoE, head); element-wise work excluded.
// Node side (test/bench). Notation: n tokens, g² patches, d width, m MLP hidden, es = experts·slots, h expert hidden.
import type { ModelSidecar } from '../../common/model/sidecar.js';

export interface FlopCount {
  total: number;
  /** Per term, summed over blocks; `attention_scores` + `attention_values` are the n×n products. */
  terms: Record<string, number>;
  /** The same total without the two n×n attention products (what ONNX shape inference can resolve here). */
  withoutAttentionProducts: number;
}

function int(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`sidecar architecture.${name} missing: cannot count FLOPs`);
  return value;
}

export function countFlops(sidecar: ModelSidecar): FlopCount {
  const a = sidecar.architecture;
  const p = int(a.patch_size, 'patch_size');
  const d = int(a.width, 'width');
  const depth = int(a.depth, 'depth');
  const n = int(a.tokens, 'tokens');
  const patches = a.grid[0] * a.grid[1];
  const m = Math.round(d * int(a.mlp_ratio, 'mlp_ratio'));
  const embed = int(a.embed_dim, 'embed_dim');
  const classes = sidecar.classes.names.length;
  const moe = sidecar.moe;
  const moeLayers = new Set(moe?.layers ?? []);
  const es = moe ? moe.experts * moe.slots : 0;
  const h = moe?.expert_width ?? d;
  const hasMlp = (layer: number) => !moeLayers.has(layer) || moe?.placement !== 'replace';

  const terms: Record<string, number> = {
    patch_embed: 2 * patches * 3 * p * p * d,
    attention_qkv: 0,
    attention_scores: 0,
    attention_values: 0,
    attention_out: 0,
    mlp: 0,
    moe_router: 0,
    moe_dispatch: 0,
    moe_experts: 0,
    moe_combine: 0,
    head: 2 * d * embed + 2 * embed * classes, // ln_post(CLS) @ proj, then cosine logits against precomputed prompts
  };
  for (let layer = 0; layer < depth; layer++) {
    terms.attention_qkv! += 2 * n * d * 3 * d;
    terms.attention_scores! += 2 * n * n * d; // Σ over heads of n × n × (d / heads)
    terms.attention_values! += 2 * n * n * d;
    terms.attention_out! += 2 * n * d * d;
    if (hasMlp(layer)) terms.mlp! += 2 * 2 * n * d * m;
    if (moeLayers.has(layer)) {
      terms.moe_router! += 2 * n * d * es; // X · Φ
      terms.moe_dispatch! += 2 * es * n * d; // Dᵀ X
      terms.moe_experts! += 2 * es * (d * h + h * d); // per-slot two-layer expert MLP
      terms.moe_combine! += 2 * n * es * d; // C · Ỹ
    }
  }
  const total = Object.values(terms).reduce((s, v) => s + v, 0);
  return { total, terms, withoutAttentionProducts: total - terms.attention_scores! - terms.attention_values! };
}
