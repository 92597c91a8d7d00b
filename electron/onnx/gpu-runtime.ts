// The CUDA provider's runtime checks, shared by `npm run setup:gpu` and the engine: which ONNX Runtime core a
// provider library was built for (it must be the loaded core's exact version), and where the CUDA 13 and cuDNN 9
// libraries it needs are on this machine. Node side (setup script, inference worker).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** What setup:gpu copies next to onnxruntime-node's binding (where the core looks for provider libraries). */
export const CUDA_PROVIDER_FILES = ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so'] as const;
/** Written by setup:gpu beside the provider files: what was installed, for which core, and the libraries found. */
export const PROVIDER_STAMP = 'uad-cuda-provider.json';

export interface ProviderStamp {
  package: string;
  packageVersion: string;
  /** ONNX Runtime core version the provider library was built for. */
  ortVersion: string;
  /** Absolute paths of CUDA/cuDNN libraries found off the loader's search path, in load order. */
  preload: string[];
}

/** A runtime library the CUDA provider links against or opens at run time. */
export interface LibrarySpec {
  name: string;
  what: string;
  /** False for libraries only some operators open (the provider starts without them). */
  required: boolean;
}

/**
 * The CUDA provider of com.github.asus4.onnxruntime.linux-x64-gpu 0.4.9: NEEDED entries of its ELF header
 * (libcuda, libcudart, libcublas, libcublasLt, libcurand) plus the libraries it opens by name (cuDNN 9 with the
 * sub-libraries cuDNN itself opens, cuFFT, NVRTC). Order = a safe preload order (dependencies first).
 */
export const CUDA_RUNTIME_LIBRARIES: readonly LibrarySpec[] = [
  { name: 'libcuda.so.1', what: 'NVIDIA driver', required: true },
  { name: 'libcudart.so.13', what: 'CUDA 13 runtime', required: true },
  { name: 'libcublasLt.so.13', what: 'cuBLASLt (CUDA 13)', required: true },
  { name: 'libcublas.so.13', what: 'cuBLAS (CUDA 13)', required: true },
  { name: 'libcurand.so.10', what: 'cuRAND (CUDA 13)', required: true },
  { name: 'libcudnn_graph.so.9', what: 'cuDNN 9 graph library', required: true },
  { name: 'libcudnn_ops.so.9', what: 'cuDNN 9 operators', required: true },
  { name: 'libcudnn_cnn.so.9', what: 'cuDNN 9 convolutions', required: true },
  { name: 'libcudnn_engines_precompiled.so.9', what: 'cuDNN 9 precompiled engines', required: true },
  { name: 'libcudnn_engines_runtime_compiled.so.9', what: 'cuDNN 9 runtime-compiled engines', required: false },
  { name: 'libcudnn_heuristic.so.9', what: 'cuDNN 9 heuristics', required: false },
  { name: 'libcudnn_adv.so.9', what: 'cuDNN 9 advanced operators', required: false },
  { name: 'libcudnn.so.9', what: 'cuDNN 9', required: true },
  { name: 'libcufft.so.12', what: 'cuFFT (FFT operators only)', required: false },
  { name: 'libnvrtc.so.13', what: 'NVRTC (runtime-compiled kernels only)', required: false },
];

// ---------------------------------------------------------------------------------------------- versions

/** "1.29.0" → [1, 29, 0]; anything else → null. */
export function parseVersion(text: string): [number, number, number] | null {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

/**
 * A shared provider library talks to the core through a C++ interface table (ProviderHost) that the core hands
 * over without any version check, so only the exact version it was built for is safe: patch releases included.
 */
export function providerMatchesCore(providerVersion: string, coreVersion: string): boolean {
  const a = parseVersion(providerVersion);
  const b = parseVersion(coreVersion);
  return a !== null && b !== null && a.every((part, i) => part === b[i]);
}

/** The refusal line when they differ, or null when the provider may load. */
export function versionRefusal(providerVersion: string, coreVersion: string): string | null {
  if (providerMatchesCore(providerVersion, coreVersion)) return null;
  return `CUDA provider built for onnxruntime ${providerVersion}, but this onnxruntime-node is ${coreVersion}: not loaded (a provider for another core version is undefined behaviour)`;
}

/**
 * Distinct NUL-delimited version strings "1.N.M" in a binary: an ONNX Runtime library embeds the version it was
 * built from as one such C string (ORT_VERSION). Linear in the buffer's size.
 */
export function embeddedOrtVersions(binary: Uint8Array): string[] {
  const found = new Set<string>();
  // "\0" "1" "." : the start of a candidate.
  for (let i = binary.indexOf(0x31); i >= 0 && i < binary.length; i = binary.indexOf(0x31, i + 1)) {
    if (i === 0 || binary[i - 1] !== 0 || binary[i + 1] !== 0x2e) continue;
    let end = i;
    while (end < binary.length && end - i < 12 && (binary[end] === 0x2e || (binary[end]! >= 0x30 && binary[end]! <= 0x39))) end++;
    if (binary[end] !== 0) continue;
    const text = String.fromCharCode(...binary.subarray(i, end));
    if (parseVersion(text)) found.add(text);
  }
  return [...found];
}

/** The core library's own version, from its ELF symbol version "VERS_1.N.M". */
export function coreSymbolVersion(binary: Uint8Array): string | null {
  const marker = Buffer.from('VERS_1.');
  const at = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength).indexOf(marker);
  if (at < 0) return null;
  let end = at + 5;
  while (end < binary.length && (binary[end] === 0x2e || (binary[end]! >= 0x30 && binary[end]! <= 0x39))) end++;
  const text = Buffer.from(binary.subarray(at + 5, end)).toString('latin1');
  return parseVersion(text) ? text : null;
}

// ---------------------------------------------------------------------------------------------- library search

export interface SearchDir {
  dir: string;
  /** True when the dynamic loader searches it by itself (LD_LIBRARY_PATH, ld.so cache, default dirs). */
  onLoaderPath: boolean;
  origin: string;
}

export interface LibraryFound extends LibrarySpec {
  path: string | null;
  onLoaderPath: boolean;
  origin: string | null;
}

/** Looks up each library in the directories, first hit wins (loader-path directories should come first). */
export function findLibraries(specs: readonly LibrarySpec[], dirs: readonly SearchDir[], exists: (file: string) => boolean = existsSync): LibraryFound[] {
  return specs.map((spec) => {
    for (const dir of dirs) {
      const file = path.join(dir.dir, spec.name);
      if (exists(file)) return { ...spec, path: file, onLoaderPath: dir.onLoaderPath, origin: dir.origin };
    }
    return { ...spec, path: null, onLoaderPath: false, origin: null };
  });
}

/** `ldconfig -p` lines "\tlibcudart.so.13 (libc6,x86-64) => /usr/local/cuda/lib/libcudart.so.13" → their folders. */
export function ldconfigDirs(listing: string): string[] {
  const dirs = new Set<string>();
  for (const line of listing.split('\n')) {
    const match = /\(libc6,x86-64[^)]*\)\s+=>\s+(\S+)$/.exec(line.trim());
    if (match) dirs.add(path.dirname(match[1]!));
  }
  return [...dirs];
}

const DEFAULT_LOADER_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib64', '/usr/lib64', '/lib', '/usr/lib'];

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => path.join(dir, e.name)).sort();
  } catch {
    return [];
  }
}

/**
 * Where CUDA and cuDNN libraries live: the loader's own path first (LD_LIBRARY_PATH, the ld.so cache, default
 * folders), then CUDA toolkit and driver folders, then the NVIDIA wheels of installed Python frameworks
 * (site-packages/nvidia/<lib>/lib, e.g. beside PyTorch). `root` prefixes every absolute folder (tests use a fake tree).
 */
export function cudaSearchDirs(options: { ldLibraryPath?: string; ldconfigListing?: string; sitePackages?: string[]; root?: string } = {}): SearchDir[] {
  const root = options.root ?? '';
  const at = (dir: string) => (root ? path.join(root, dir) : dir);
  const out: SearchDir[] = [];
  const seen = new Set<string>();
  const add = (dir: string, onLoaderPath: boolean, origin: string) => {
    if (!dir || seen.has(dir)) return;
    seen.add(dir);
    out.push({ dir, onLoaderPath, origin });
  };
  for (const dir of (options.ldLibraryPath ?? '').split(':')) add(dir, true, 'LD_LIBRARY_PATH');
  for (const dir of ldconfigDirs(options.ldconfigListing ?? '')) add(at(dir), true, 'ld.so cache');
  for (const dir of DEFAULT_LOADER_DIRS) add(at(dir), true, 'default loader path');
  const cudaRoots = subdirs(at('/usr/local')).filter((d) => /^cuda(-[\d.]+)?$/.test(path.basename(d)));
  for (const cuda of cudaRoots) {
    for (const lib of ['lib64', 'lib', 'targets/x86_64-linux/lib']) add(path.join(cuda, lib), false, 'CUDA toolkit');
  }
  for (const lib of ['/usr/local/nvidia/lib64', '/usr/local/nvidia/lib']) add(at(lib), false, 'NVIDIA driver folder');
  for (const site of options.sitePackages ?? []) {
    for (const pkg of subdirs(path.join(site, 'nvidia'))) add(path.join(pkg, 'lib'), false, `Python wheel (${path.relative(site, pkg)})`);
    add(path.join(site, 'torch', 'lib'), false, 'PyTorch wheel');
  }
  return out.filter((d) => isDir(d.dir));
}

function isDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** One line per library: found (and whether the loader finds it by itself), or missing with what it is for. */
export function libraryLine(lib: LibraryFound): string {
  const name = lib.name.padEnd(40);
  if (!lib.path) return `${lib.required ? 'missing ' : 'absent  '} ${name} ${lib.what}${lib.required ? '' : ' (optional)'}`;
  const where = lib.onLoaderPath ? `(${lib.origin})` : `(${lib.origin}; off the loader path: preloaded by the engine)`;
  return `found    ${name} ${lib.path} ${where}`;
}

/** Libraries off the loader path, in preload order; empty when a required one is missing (nothing to preload). */
export function preloadList(found: readonly LibraryFound[]): string[] {
  return found.filter((lib) => lib.path && !lib.onLoaderPath).map((lib) => lib.path!);
}

export function readStamp(binDir: string): ProviderStamp | null {
  try {
    const stamp = JSON.parse(readFileSync(path.join(binDir, PROVIDER_STAMP), 'utf8')) as Partial<ProviderStamp>;
    if (typeof stamp.ortVersion !== 'string' || typeof stamp.package !== 'string') return null;
    return { package: stamp.package, packageVersion: String(stamp.packageVersion ?? ''), ortVersion: stamp.ortVersion, preload: Array.isArray(stamp.preload) ? stamp.preload.filter((p): p is string => typeof p === 'string') : [] };
  } catch {
    return null;
  }
}
