// The appearance view's network (models/face/faceres.onnx) on onnxruntime-node: pooled features of the
// classifier's normalised inputs, batched. Node side (inference worker thread and the domain-stats CLI).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { APPEARANCE_NETWORK, appearanceInput, type NormalisationSpec } from '../../common/faces/appearance.js';
import { freeInputDims } from '../onnx/free-input-dims.js';
import { relu6AsClip } from '../onnx/relu6-as-clip.js';
import { openSession, type ProviderName } from '../onnx/providers.js';
import { bundledDir } from '../base/paths.js';

export function defaultAppearancePath(): string {
  return path.join(bundledDir('models'), 'face', APPEARANCE_NETWORK.file);
}

async function readNetwork(modelPath: string): Promise<Buffer> {
  return readFile(modelPath).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`appearance network ${modelPath}: ${err.code === 'ENOENT' ? 'file not found' : err.message}`);
  });
}

/** sha256 of the network file (what a sidecar's appearance statistics name). */
export async function appearanceFileSha256(modelPath = defaultAppearancePath()): Promise<string> {
  return createHash('sha256').update(await readNetwork(modelPath)).digest('hex');
}

export class AppearanceNetwork {
  private constructor(private readonly session: ort.InferenceSession, readonly sha256: string, readonly modelPath: string) {}

  /**
   * Reads the file once: its bytes are hashed (what a sidecar names) and handed to onnxruntime with the input's
   * height and width freed (the file fixes them at 224), so the network runs at the side a sidecar declares, and
   * its ReLU6 chains made single Clips (the same values; onnxruntime fuses each into its convolution).
   */
  static async open(order: ProviderName[], intraOpThreads = 1, modelPath = defaultAppearancePath()): Promise<AppearanceNetwork> {
    const bytes = await readNetwork(modelPath);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const graph = relu6AsClip(freeInputDims(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), APPEARANCE_NETWORK.input, [1, 2])).model; // NHWC
    const opened = await openSession(graph, order, intraOpThreads);
    return new AppearanceNetwork(opened.session, sha256, modelPath);
  }

  /**
   * Pooled features r [g, D] of g stacked normalised inputs `pixels` [g, 3, s, s], all in one run of the network at
   * `side` pixels (the sidecar's `domain.appearance.network.side`, the size its statistics were fitted at).
   */
  async pooled(pixels: Float32Array, g: number, s: number, norm: NormalisationSpec, side: number = APPEARANCE_NETWORK.side): Promise<Float32Array> {
    const per = side * side * 3;
    const input = new Float32Array(g * per); // [g, S, S, 3], 0–255
    for (let b = 0; b < g; b++) appearanceInput(pixels, s, b * 3 * s * s, norm, input, b * per, side);
    const out = await this.session.run({ [APPEARANCE_NETWORK.input]: new ort.Tensor('float32', input, [g, side, side, 3]) }, [APPEARANCE_NETWORK.output]);
    const tensor = out[APPEARANCE_NETWORK.output]!;
    const pooled = Float32Array.from(tensor.data as Float32Array); // [g, D]
    tensor.dispose?.();
    if (pooled.length !== g * APPEARANCE_NETWORK.dims) throw new Error(`appearance network gave ${pooled.length} values for ${g} images`);
    return pooled;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
