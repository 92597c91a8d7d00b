// Runs recorded straight into a workspace for tests of its queries: a model identity named by a tag (the demo
// sidecar, no file behind it) and one run of it scoring some samples and failing others, through recordBatch.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeFloat16 } from '../../common/routing/float16.js';
import { parseSidecar } from '../../common/model/sidecar.js';
import type { ModelFiles } from '../../electron/onnx/model-files.js';
import type { ScoredItem } from '../../electron/workspace/scored-item.js';
import type { Workspace } from '../../electron/workspace/workspace.js';
import { repoRoot } from './models.js';

/** A model identity for `tag`: the demo model's sidecar under that name, sha256 the tag repeated. */
export function taggedModel(tag: string): ModelFiles {
  const base = JSON.parse(readFileSync(path.join(repoRoot, 'models', 'lasoftmoe-tiny.model.json'), 'utf8')) as Record<string, unknown>;
  return { onnxPath: `/${tag}.onnx`, sidecarPath: `/${tag}.model.json`, sidecar: parseSidecar({ ...base, name: tag, sha256: undefined }), sha256: tag.repeat(64).slice(0, 64), sizeBytes: 1 };
}

/** One run of `model` on `datasetId`: `keys` scored (score 0.4), `failed` failing with `reason`; ends as `status`. */
export function recordRun(workspace: Workspace, model: ModelFiles, datasetId: number, keys: number[], failed: number[] = [], reason = 'cannot decode', status: 'completed' | 'cancelled' = 'completed'): void {
  workspace.registerModel(model);
  const layers = model.sidecar.moe!.layers;
  const experts = model.sidecar.moe!.experts;
  const mass = layers.map(() => encodeFloat16(new Float32Array(4 * experts).fill(1 / experts)));
  const runId = workspace.startRun({ modelSha256: model.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: 8, total: keys.length + failed.length, skipped: 0 });
  const items: ScoredItem[] = [
    ...keys.map((key): ScoredItem => ({ key, ok: true, sha256: 'a'.repeat(64), sizeBytes: 1, score: 0.4, logits: [0.6, 0.4], expertMass: mass })),
    ...failed.map((key): ScoredItem => ({ key, ok: false, reason })),
  ];
  workspace.recordBatch(runId, model.sha256, layers, experts, items, { decodeMs: 1, inferMs: 1 });
  workspace.finishRun(runId, status);
}
