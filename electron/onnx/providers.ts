// Execution-provider order and the fallback loop: onnxruntime throws at session creation when a
// provider cannot start, so each is tried in turn and the one that worked is reported (ARCHITECTURE.md §2).
// Node side (inference worker).
import * as ort from 'onnxruntime-node';
import { NOT_IN_BUILD } from '../../common/model/provider-attempts.js';
import { CUDA_NOT_INSTALLED, cudaProviderRefusal, nvidiaGpuName } from './cuda-provider.js';

export type ProviderName = 'cuda' | 'webgpu' | 'dml' | 'coreml' | 'cpu';
export const KNOWN_PROVIDERS: readonly ProviderName[] = ['cuda', 'webgpu', 'dml', 'coreml', 'cpu'];

/**
 * Default order per platform; the CPU provider always ends the list. On Linux WebGPU is tried only when asked for
 * (`--provider webgpu`): Dawn's Vulkan adapter probe writes to the process's stderr from native code, on every
 * start of a machine without a usable Vulkan GPU, and CUDA is the GPU path there.
 */
export function defaultProviderOrder(platform: NodeJS.Platform = process.platform): ProviderName[] {
  if (platform === 'win32') return ['cuda', 'dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'webgpu', 'cpu'];
  return ['cuda', 'cpu'];
}

/** A user's preference first, then the platform order, CPU last, no duplicates. */
export function providerOrder(preferred?: ProviderName | ProviderName[]): ProviderName[] {
  const wanted = preferred === undefined ? [] : Array.isArray(preferred) ? preferred : [preferred];
  if (wanted.length === 1 && wanted[0] === 'cpu') return ['cpu'];
  const order = [...wanted, ...defaultProviderOrder()];
  return [...new Set([...order, 'cpu' as const])];
}

export interface ProviderAttempt {
  provider: ProviderName;
  ok: boolean;
  error?: string;
  /** The device the provider runs on, where it can be named (the GPU's name for CUDA). */
  device?: string;
  /** Not installed on this machine: reported, but not a fallback (common/model/provider-attempts.ts). */
  absent?: boolean;
}

export interface OpenedSession {
  session: ort.InferenceSession;
  provider: ProviderName;
  attempts: ProviderAttempt[];
}

/** The human part of an ORT provider error: drops source locations and assertion text. */
export function conciseProviderError(err: unknown): string {
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  const sentences = first.split(/(?<=\.) |: (?=[A-Z])/).map((p) => p.trim()).filter((p) => p && !/\.(cc|cpp|h):\d+|<lambda|==/.test(p));
  return (sentences.length > 0 ? sentences.join(': ') : first).slice(0, 200);
}

export async function openSession(modelPath: string | Uint8Array, order: ProviderName[], intraOpThreads: number): Promise<OpenedSession> {
  const attempts: ProviderAttempt[] = [];
  const available = new Set(ort.listSupportedBackends().map((b) => b.name));
  // Failed provider probes are reported through `attempts`; ORT's own log would repeat them as noise.
  ort.env.logLevel = 'fatal';
  for (const provider of order) {
    if (!available.has(provider)) {
      attempts.push({ provider, ok: false, error: NOT_IN_BUILD, absent: true });
      continue;
    }
    const refusal = provider === 'cuda' ? cudaProviderRefusal() : null;
    if (refusal) {
      attempts.push({ provider, ok: false, error: refusal, ...(refusal === CUDA_NOT_INSTALLED ? { absent: true } : {}) });
      continue;
    }
    try {
      const options: ort.InferenceSession.SessionOptions = {
        executionProviders: [provider],
        intraOpNumThreads: intraOpThreads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        // Idle intra-op threads sleep instead of spinning: the model's and the appearance network's sessions run in
        // turn on one thread and share the cores with the decoders, so a spinning pool takes the cores the next run
        // needs (docs/benchmarks/inference.md, "The inference stage whole").
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      };
      const session = typeof modelPath === 'string' ? await ort.InferenceSession.create(modelPath, options) : await ort.InferenceSession.create(modelPath, options);
      const device = provider === 'cuda' ? nvidiaGpuName() : null;
      attempts.push({ provider, ok: true, ...(device ? { device } : {}) });
      return { session, provider, attempts };
    } catch (err) {
      attempts.push({ provider, ok: false, error: conciseProviderError(err) });
    }
  }
  const detail = attempts.map((a) => `${a.provider}: ${a.error}`).join('; ');
  throw new Error(`no execution provider could open the model (${detail})`);
}
