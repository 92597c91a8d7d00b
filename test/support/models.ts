// Locates the shipped demo models for tests (models/*.onnx with their sidecars).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function shippedModel(name: 'lasoftmoe-tiny' | 'softmoe-tiny' | 'dense-tiny' = 'lasoftmoe-tiny'): string {
  const onnx = path.join(process.env.UAD_TEST_MODEL_DIR ?? path.join(repoRoot, 'models'), `${name}.onnx`);
  if (!existsSync(onnx)) throw new Error(`shipped model missing: ${onnx} (python3 -m lasoftmoe.export --shipped writes it)`);
  return onnx;
}
