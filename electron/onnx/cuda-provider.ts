// Before the engine asks onnxruntime for the CUDA provider: refuse a provider built for another core version,
// preload the CUDA/cuDNN libraries setup:gpu found off the loader's path, and name the GPU for the badge.
// Node side (inference worker).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import path from 'node:path';
import { CUDA_PROVIDER_FILES, embeddedOrtVersions, readStamp, versionRefusal } from './gpu-runtime.js';

/** glibc's RTLD_NODELETE: keeps a preloaded library mapped after Node's addon check lets go of it. */
const RTLD_NODELETE = 0x1000;

/** onnxruntime-node's binding folder for this platform: the core looks for provider libraries beside itself. */
export function ortBinDir(): string {
  const require = createRequire(import.meta.url);
  const ortDir = path.dirname(require.resolve('onnxruntime-node/package.json'));
  return path.join(ortDir, 'bin', 'napi-v6', process.platform, process.arch);
}

export function ortCoreVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('onnxruntime-node/package.json') as { version: string }).version;
}

/** The refusal when the CUDA provider libraries are not installed: the provider is absent, not failing. */
export const CUDA_NOT_INSTALLED = 'CUDA provider libraries not installed (run `npm run setup:gpu`)';

let cached: { key: string; refusal: string | null } | null = null;

/**
 * Null when the CUDA provider may be tried, else the reason it is not. The provider's core version comes from
 * setup:gpu's stamp, or — for a provider installed another way — from the version string it embeds.
 */
export function cudaProviderRefusal(binDir = ortBinDir(), coreVersion = ortCoreVersion()): string | null {
  const key = `${binDir}|${coreVersion}`;
  if (cached?.key === key) return cached.refusal;
  const refusal = computeRefusal(binDir, coreVersion);
  cached = { key, refusal };
  return refusal;
}

function computeRefusal(binDir: string, coreVersion: string): string | null {
  if (process.platform !== 'linux') return null; // other platforms' CUDA builds ship with their own core
  const missing = CUDA_PROVIDER_FILES.filter((file) => !existsSync(path.join(binDir, file)));
  if (missing.length > 0) return CUDA_NOT_INSTALLED;
  const stamp = readStamp(binDir);
  let built = stamp?.ortVersion;
  if (!built) {
    const versions = embeddedOrtVersions(readFileSync(path.join(binDir, CUDA_PROVIDER_FILES[0])));
    if (versions.length !== 1) return 'cannot tell which onnxruntime version the CUDA provider was built for: not loaded (run `npm run setup:gpu`)';
    built = versions[0]!;
  }
  const refusal = versionRefusal(built, coreVersion);
  if (refusal) return refusal;
  for (const file of stamp?.preload ?? []) {
    const error = preloadLibrary(file);
    if (error) return `cannot load ${path.basename(file)}: ${error}`;
  }
  return null;
}

/**
 * Maps a shared library into the process with global symbols, so the provider's own dlopen finds it by soname.
 * Node's addon loader maps it, finds no module in it and throws, but RTLD_NODELETE keeps it mapped.
 */
export function preloadLibrary(file: string): string | null {
  try {
    process.dlopen({ exports: {} }, file, constants.dlopen.RTLD_NOW | constants.dlopen.RTLD_GLOBAL | RTLD_NODELETE);
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return /did not self-register|Module did not/.test(message) ? null : message.split('\n')[0]!;
  }
}

/** The NVIDIA GPU's name, best effort: nvidia-smi, else the driver's /proc entry; null when neither answers. */
export function nvidiaGpuName(): string | null {
  try {
    const out = execFileSync('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
    const first = out.split('\n').map((l) => l.trim()).find(Boolean);
    if (first) return first;
  } catch { /* no nvidia-smi: try /proc */ }
  try {
    const gpusDir = '/proc/driver/nvidia/gpus';
    for (const gpu of readdirSync(gpusDir)) {
      const info = readFileSync(path.join(gpusDir, gpu, 'information'), 'utf8');
      const model = /^Model:\s*(.+)$/m.exec(info)?.[1]?.trim();
      if (model) return model;
    }
  } catch { /* no NVIDIA driver */ }
  return null;
}
