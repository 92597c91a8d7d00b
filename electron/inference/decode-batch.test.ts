// decodeBatchForModels: one read and hash per file, one pixel decode per distinct input geometry, and each model's
// tensor exactly what decoding for that model alone gives (normalisation or size differing). Real files, real sharp.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseSidecar, type ModelSidecar } from '../../common/model/sidecar.js';
import { shippedModel } from '../../test/support/models.js';
import { decodeBatch, decodeBatchForModels } from './decode-batch.js';

async function sidecarOf(name: 'dense-tiny' | 'lasoftmoe-tiny'): Promise<ModelSidecar> {
  return parseSidecar(JSON.parse(await readFile(shippedModel(name).replace(/\.onnx$/, '.model.json'), 'utf8')));
}

describe('decoding a batch for several models', () => {
  it('decodes once per geometry and gives each model the tensor of its own decode', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-decode-'));
    const files = await Promise.all([0, 1, 2].map(async (seed) => {
      const file = path.join(dir, `${seed}.png`);
      const pixels = Buffer.alloc(90 * 70 * 3);
      for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7 + seed * 31) % 256;
      await sharp(pixels, { raw: { width: 90, height: 70, channels: 3 } }).png().toFile(file);
      return file;
    }));
    const items = [...files, path.join(dir, 'missing.png')].map((file, key) => ({ key, path: file }));
    const dense = await sidecarOf('dense-tiny');
    const bgr: ModelSidecar = { ...dense, preprocessing: { ...dense.preprocessing, colour_order: 'BGR', mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] } };
    const smaller: ModelSidecar = { ...dense, preprocessing: { ...dense.preprocessing, resize: 64, crop: 56 } };
    const sidecars = [dense, await sidecarOf('lasoftmoe-tiny'), bgr, smaller];

    const together = await decodeBatchForModels(items, sidecars);
    expect(together.decodes).toBe(3 * 2); // three readable images, two geometries (112 and 56)
    for (const [k, sidecar] of sidecars.entries()) {
      const alone = await decodeBatch(items, sidecar);
      expect(together.batches[k]!.items).toEqual(alone.items);
      expect(together.batches[k]!.pixels).toEqual(alone.pixels);
    }
    expect(together.batches[2]!.pixels).not.toEqual(together.batches[0]!.pixels);
    expect(together.batches[3]!.pixels.length).toBe(3 * 3 * 56 * 56);
    expect(together.batches[0]!.items[3]).toMatchObject({ ok: false, reason: 'file not found' });
  });
});
