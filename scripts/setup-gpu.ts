// `npm run setup:gpu [-- --tarball FILE] [--force]`: installs onnxruntime's CUDA provider from the npm package
// com.github.asus4.onnxruntime.linux-x64-gpu next to onnxruntime-node's binding, refuses one built for another core
// version, finds the CUDA 13 / cuDNN 9 libraries, and probes the CUDA and WebGPU providers. One line per item; never
// part of npm install or npm test; offline or without a GPU it says so and exits 0.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nvidiaGpuName, ortBinDir, ortCoreVersion } from '../electron/onnx/cuda-provider.js';
import {
  coreSymbolVersion, CUDA_PROVIDER_FILES, CUDA_RUNTIME_LIBRARIES, cudaSearchDirs, embeddedOrtVersions, findLibraries,
  libraryLine, preloadList, PROVIDER_STAMP, readStamp, versionRefusal, type ProviderStamp,
} from '../electron/onnx/gpu-runtime.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, '.cache', 'ort-gpu');
/** The npm package carrying the CUDA provider, and the file layout inside its tarball. */
export const GPU_PACKAGE = { name: 'com.github.asus4.onnxruntime.linux-x64-gpu', version: '0.4.9', dir: 'package/Plugins/Linux/x64' };
const PROBE_MODEL = path.join(ROOT, 'models', 'lasoftmoe-tiny.onnx');
const PROBE_TIMEOUT_MS = 180_000;

const { values: args } = parseArgs({ options: { tarball: { type: 'string' }, force: { type: 'boolean', default: false } } });
const say = (line: string) => console.log(`setup:gpu: ${line}`);

function run(command: string, argv: string[], timeoutMs = 30_000): { ok: boolean; out: string } {
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: timeoutMs, cwd: ROOT, maxBuffer: 64 << 20 });
  return { ok: result.status === 0, out: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** site-packages of the Python interpreters on this machine (where PyTorch keeps NVIDIA's CUDA wheels). */
function sitePackages(): string[] {
  const pythons = [...new Set([process.env.UAD_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p)))];
  const dirs = new Set<string>();
  for (const python of pythons) {
    const { ok, out } = run(python, ['-c', 'import site; print("\\n".join(site.getsitepackages() + [site.getusersitepackages()]))'], 15_000);
    if (ok) for (const line of out.split('\n')) if (line.trim()) dirs.add(line.trim());
  }
  return [...dirs];
}

function ldconfigListing(): string {
  for (const ldconfig of ['ldconfig', '/sbin/ldconfig', '/usr/sbin/ldconfig']) {
    const { ok, out } = run(ldconfig, ['-p']);
    if (ok) return out;
  }
  return '';
}

/** The package tarball: --tarball, else the cache, else `npm pack` from the registry into the cache. */
function obtainTarball(): { file: string } | { error: string } {
  if (args.tarball) return existsSync(args.tarball) ? { file: path.resolve(args.tarball) } : { error: `no such file: ${args.tarball}` };
  const name = `${GPU_PACKAGE.name}-${GPU_PACKAGE.version}.tgz`;
  const cached = path.join(CACHE, name);
  if (existsSync(cached)) return { file: cached };
  mkdirSync(CACHE, { recursive: true });
  say(`fetching ${GPU_PACKAGE.name}@${GPU_PACKAGE.version} (about 180 MB) with npm pack…`);
  const packed = run('npm', ['pack', `${GPU_PACKAGE.name}@${GPU_PACKAGE.version}`, '--pack-destination', CACHE, '--silent'], 15 * 60_000);
  if (packed.ok && existsSync(cached)) return { file: cached };
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|ETIMEDOUT|getaddrinfo|network/i.test(packed.out);
  return { error: offline ? 'no network access to the npm registry' : (packed.out.split('\n').find((l) => /err/i.test(l)) ?? 'npm pack failed').trim() };
}

/** Extracts the provider files into a temporary folder; returns it, or an error line. */
function extract(tarball: string): { dir: string; tmp: string } | { error: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-gpu-'));
  const members = CUDA_PROVIDER_FILES.map((f) => `${GPU_PACKAGE.dir}/${f}`);
  const untar = run('tar', ['-xzf', tarball, '-C', dir, ...members], 5 * 60_000);
  if (!untar.ok) {
    rmSync(dir, { recursive: true, force: true });
    return { error: `cannot extract ${members.join(', ')} from ${tarball}: ${untar.out.trim().split('\n')[0]}` };
  }
  return { dir: path.join(dir, GPU_PACKAGE.dir), tmp: dir };
}

/** Installs the provider files; returns the provider's core version or a refusal (nothing copied then). */
function installProvider(binDir: string, coreVersion: string): { ok: true; ortVersion: string } | { ok: false; line: string; fatal: boolean } {
  const tarball = obtainTarball();
  if ('error' in tarball) return { ok: false, fatal: false, line: `CUDA provider not installed: ${tarball.error}; inference uses the CPU (or WebGPU) provider` };
  const extracted = extract(tarball.file);
  if ('error' in extracted) return { ok: false, fatal: true, line: extracted.error };
  try {
    const versions = embeddedOrtVersions(readFileSync(path.join(extracted.dir, CUDA_PROVIDER_FILES[0])));
    if (versions.length !== 1) return { ok: false, fatal: true, line: `refused: cannot tell which onnxruntime version ${CUDA_PROVIDER_FILES[0]} was built for (found ${versions.join(', ') || 'none'})` };
    const refusal = versionRefusal(versions[0]!, coreVersion);
    if (refusal) return { ok: false, fatal: true, line: `refused: ${refusal}. Pin onnxruntime-node to ${versions[0]} in package.json, or use a provider package built for ${coreVersion}` };
    for (const file of CUDA_PROVIDER_FILES) copyFileSync(path.join(extracted.dir, file), path.join(binDir, file));
    return { ok: true, ortVersion: versions[0]! };
  } finally {
    rmSync(extracted.tmp, { recursive: true, force: true });
  }
}

function probe(provider: string): string {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsx, path.join(ROOT, 'scripts', 'probe-provider.ts'), provider, PROBE_MODEL], { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, cwd: ROOT });
  const line = (result.stdout ?? '').split('\n').find((l) => l.startsWith('{'));
  if (!line) {
    const why = result.error ? result.error.message : result.signal ? `killed by ${result.signal}` : `exit ${result.status}`;
    return `${provider} provider: the probe crashed (${why}) ${(result.stderr ?? '').trim().split('\n').at(-1) ?? ''}`.trim();
  }
  const outcome = JSON.parse(line) as { ok: boolean; device?: string; error?: string };
  return outcome.ok ? `${provider} provider: runs${outcome.device ? ` on ${outcome.device}` : ''} (opened ${path.basename(PROBE_MODEL)} and scored a blank image)` : `${provider} provider: does not start: ${outcome.error}`;
}

function main(): number {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    say(`nothing to install on ${process.platform}/${process.arch}: the CUDA provider package is for Linux x64. Windows tries CUDA then DirectML, macOS CoreML then WebGPU (README, "GPU").`);
    return 0;
  }
  const binDir = ortBinDir();
  const coreVersion = ortCoreVersion();
  const coreLibrary = path.join(binDir, 'libonnxruntime.so.1');
  const symbolVersion = existsSync(coreLibrary) ? coreSymbolVersion(readFileSync(coreLibrary)) : null;
  say(`onnxruntime-node ${coreVersion} (core library ${symbolVersion ? `VERS_${symbolVersion}` : 'version unknown'}) in ${path.relative(ROOT, binDir)}`);
  if (symbolVersion && symbolVersion !== coreVersion) {
    say(`refused: the core library is ${symbolVersion} but the package says ${coreVersion}; reinstall with npm ci`);
    return 1;
  }

  const gpu = nvidiaGpuName();
  say(gpu ? `GPU: ${gpu}` : 'GPU: none found (no nvidia-smi answer, no /proc/driver/nvidia/gpus): CUDA cannot run on this machine');

  const stamp = readStamp(binDir);
  const present = CUDA_PROVIDER_FILES.every((f) => existsSync(path.join(binDir, f)));
  let providerVersion: string | null = null;
  if (present && stamp && !versionRefusal(stamp.ortVersion, coreVersion)) {
    providerVersion = stamp.ortVersion;
    say(`present  CUDA provider (${stamp.package}@${stamp.packageVersion}, built for onnxruntime ${stamp.ortVersion})`);
  } else if (!gpu && !args.force) {
    say('skipped  CUDA provider download (no GPU here; --force installs it anyway)');
  } else {
    const installed = installProvider(binDir, coreVersion);
    if (!installed.ok) {
      say(installed.line);
      if (installed.fatal) return 1;
    } else {
      providerVersion = installed.ortVersion;
      say(`installed CUDA provider ${GPU_PACKAGE.name}@${GPU_PACKAGE.version} (built for onnxruntime ${installed.ortVersion}) → ${path.relative(ROOT, binDir)}`);
    }
  }

  const found = findLibraries(CUDA_RUNTIME_LIBRARIES, cudaSearchDirs({ ldLibraryPath: process.env.LD_LIBRARY_PATH, ldconfigListing: ldconfigListing(), sitePackages: sitePackages() }));
  for (const lib of found) say(libraryLine(lib));
  const missing = found.filter((lib) => lib.required && !lib.path);
  if (providerVersion) {
    const record: ProviderStamp = { package: GPU_PACKAGE.name, packageVersion: GPU_PACKAGE.version, ortVersion: providerVersion, preload: preloadList(found) };
    writeFileSync(path.join(binDir, PROVIDER_STAMP), `${JSON.stringify(record, null, 2)}\n`);
  }

  if (!providerVersion) say('CUDA provider: not installed, not probed');
  else if (!gpu) say('CUDA provider: installed; not probed (no GPU here)');
  else if (missing.length > 0) say(`CUDA provider: not probed: ${missing.length} required librar${missing.length === 1 ? 'y' : 'ies'} missing (${missing.map((l) => l.name).join(', ')})`);
  else say(probe('cuda'));

  const vulkan = findLibraries([{ name: 'libvulkan.so.1', what: 'Vulkan loader (WebGPU runs on Dawn over Vulkan)', required: false }], cudaSearchDirs({ ldLibraryPath: process.env.LD_LIBRARY_PATH, ldconfigListing: ldconfigListing() }))[0]!;
  say(libraryLine(vulkan));
  say(probe('webgpu'));
  if (!gpu) say('no GPU on this machine: nothing more to do; inference uses the CPU provider.');
  return 0;
}

process.exitCode = main();
