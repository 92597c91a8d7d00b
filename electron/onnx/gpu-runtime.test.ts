// Unit tests of the CUDA provider checks: version matching, version strings in binaries, the library search over a
// fake folder tree, the report lines, and the engine's refusal of a provider built for another core.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cudaProviderRefusal } from './cuda-provider.js';
import {
  coreSymbolVersion, CUDA_PROVIDER_FILES, cudaSearchDirs, embeddedOrtVersions, findLibraries, ldconfigDirs, libraryLine,
  parseVersion, preloadList, PROVIDER_STAMP, providerMatchesCore, versionRefusal, type LibrarySpec,
} from './gpu-runtime.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'uad-gpu-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function touch(file: string, content: string | Uint8Array = ''): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('core version matching', () => {
  it('parses x.y.z only', () => {
    expect(parseVersion('1.29.0')).toEqual([1, 29, 0]);
    expect(parseVersion(' 1.30.12 ')).toEqual([1, 30, 12]);
    expect(parseVersion('1.29')).toBeNull();
    expect(parseVersion('1.29.0-dev')).toBeNull();
  });

  it('accepts only the exact core version, patch included', () => {
    expect(providerMatchesCore('1.29.0', '1.29.0')).toBe(true);
    expect(providerMatchesCore('1.29.0', '1.30.0')).toBe(false);
    expect(providerMatchesCore('1.29.0', '1.29.1')).toBe(false);
    expect(providerMatchesCore('garbage', '1.29.0')).toBe(false);
  });

  it('names both versions in the refusal line', () => {
    expect(versionRefusal('1.29.0', '1.29.0')).toBeNull();
    expect(versionRefusal('1.29.0', '1.30.0')).toBe('CUDA provider built for onnxruntime 1.29.0, but this onnxruntime-node is 1.30.0: not loaded (a provider for another core version is undefined behaviour)');
  });
});

describe('version strings inside binaries', () => {
  it('finds NUL-delimited x.y.z strings, each once', () => {
    const binary = bytes('\x7fELF\x00junk1.2.3\x001.29.0\x00\x001.2\x00text\x001.29.0\x00\x001.3.2\x00tail');
    expect(embeddedOrtVersions(binary).sort()).toEqual(['1.29.0', '1.3.2']);
  });

  it('ignores strings not delimited by NUL on both sides', () => {
    expect(embeddedOrtVersions(bytes('\x001.29.0x\x00a1.29.0\x00'))).toEqual([]);
    expect(embeddedOrtVersions(bytes(''))).toEqual([]);
  });

  it('reads the core library symbol version VERS_x.y.z', () => {
    expect(coreSymbolVersion(bytes('\x00abc\x00VERS_1.29.0\x00OrtGetApiBase\x00'))).toBe('1.29.0');
    expect(coreSymbolVersion(bytes('\x00VERS_1.x\x00'))).toBeNull();
    expect(coreSymbolVersion(bytes('no version here'))).toBeNull();
  });
});

describe('CUDA library search', () => {
  const specs: LibrarySpec[] = [
    { name: 'libcudart.so.13', what: 'CUDA 13 runtime', required: true },
    { name: 'libcublas.so.13', what: 'cuBLAS (CUDA 13)', required: true },
    { name: 'libcudnn.so.9', what: 'cuDNN 9', required: true },
    { name: 'libcufft.so.12', what: 'cuFFT', required: false },
    { name: 'libcurand.so.10', what: 'cuRAND', required: true },
  ];

  it('reads folders from an ldconfig listing', () => {
    const listing = '3 libs found in cache `/etc/ld.so.cache\'\n\tlibcudart.so.13 (libc6,x86-64) => /usr/local/cuda-13.0/lib/libcudart.so.13\n\tlibz.so.1 (libc6,x86-64, hwcap: 0x0) => /lib/x86_64-linux-gnu/libz.so.1\n\tlibfoo.so (libc6) => /lib32/libfoo.so\n';
    expect(ldconfigDirs(listing)).toEqual(['/usr/local/cuda-13.0/lib', '/lib/x86_64-linux-gnu']);
  });

  it('finds libraries in toolkit, wheel and LD_LIBRARY_PATH folders of a fake tree, loader path first', () => {
    const root = path.join(scratch, 'tree');
    const ldDir = path.join(scratch, 'ld');
    touch(path.join(root, 'usr/local/cuda-13.0/lib64/libcudart.so.13'));
    touch(path.join(root, 'usr/local/cuda-13.0/lib64/libcublas.so.13'));
    const site = path.join(scratch, 'site-packages');
    touch(path.join(site, 'nvidia/cudnn/lib/libcudnn.so.9'));
    touch(path.join(site, 'nvidia/cublas/lib/libcublas.so.13'));
    touch(path.join(ldDir, 'libcudart.so.13'));
    const dirs = cudaSearchDirs({ root, ldLibraryPath: `${ldDir}:/definitely/not/here`, sitePackages: [site] });
    expect(dirs[0]).toEqual({ dir: ldDir, onLoaderPath: true, origin: 'LD_LIBRARY_PATH' });
    expect(dirs.map((d) => d.dir)).toContain(path.join(site, 'nvidia', 'cudnn', 'lib'));
    expect(dirs.some((d) => d.dir === '/definitely/not/here')).toBe(false);

    const found = findLibraries(specs, dirs);
    expect(found.map((f) => [f.name, f.path, f.onLoaderPath, f.origin])).toEqual([
      ['libcudart.so.13', path.join(ldDir, 'libcudart.so.13'), true, 'LD_LIBRARY_PATH'],
      ['libcublas.so.13', path.join(root, 'usr/local/cuda-13.0/lib64/libcublas.so.13'), false, 'CUDA toolkit'],
      ['libcudnn.so.9', path.join(site, 'nvidia/cudnn/lib/libcudnn.so.9'), false, 'Python wheel (nvidia/cudnn)'],
      ['libcufft.so.12', null, false, null],
      ['libcurand.so.10', null, false, null],
    ]);
    expect(preloadList(found)).toEqual([path.join(root, 'usr/local/cuda-13.0/lib64/libcublas.so.13'), path.join(site, 'nvidia/cudnn/lib/libcudnn.so.9')]);

    expect(libraryLine(found[0]!)).toBe(`found    ${'libcudart.so.13'.padEnd(40)} ${path.join(ldDir, 'libcudart.so.13')} (LD_LIBRARY_PATH)`);
    expect(libraryLine(found[2]!)).toContain('(Python wheel (nvidia/cudnn); off the loader path: preloaded by the engine)');
    expect(libraryLine(found[3]!)).toBe(`absent   ${'libcufft.so.12'.padEnd(40)} cuFFT (optional)`);
    expect(libraryLine(found[4]!)).toBe(`missing  ${'libcurand.so.10'.padEnd(40)} cuRAND`);
  });
});

describe('the engine refuses a CUDA provider it must not load', () => {
  const providerWith = (dir: string, embedded: string) => {
    touch(path.join(dir, CUDA_PROVIDER_FILES[0]), bytes(`\x7fELF\x00${embedded}\x00tail`));
    touch(path.join(dir, CUDA_PROVIDER_FILES[1]), bytes('\x7fELF\x00'));
  };

  it('says how to install it when the files are absent', () => {
    expect(cudaProviderRefusal(path.join(scratch, 'empty-bin'), '1.29.0')).toBe('CUDA provider libraries not installed (run `npm run setup:gpu`)');
  });

  it('refuses a stamped provider for another core, accepts the matching one', () => {
    const bin = path.join(scratch, 'bin-stamped');
    providerWith(bin, '1.29.0');
    touch(path.join(bin, PROVIDER_STAMP), JSON.stringify({ package: 'p', packageVersion: '0.4.9', ortVersion: '1.29.0', preload: [] }));
    expect(cudaProviderRefusal(bin, '1.30.0')).toMatch(/^CUDA provider built for onnxruntime 1\.29\.0, but this onnxruntime-node is 1\.30\.0: not loaded/);
    expect(cudaProviderRefusal(bin, '1.29.0')).toBeNull();
  });

  it('reads the version from an unstamped provider, and refuses one it cannot date', () => {
    const dated = path.join(scratch, 'bin-unstamped');
    providerWith(dated, '1.28.0');
    expect(cudaProviderRefusal(dated, '1.29.0')).toMatch(/built for onnxruntime 1\.28\.0/);
    const undated = path.join(scratch, 'bin-undated');
    providerWith(undated, 'no version');
    expect(cudaProviderRefusal(undated, '1.29.0')).toMatch(/^cannot tell which onnxruntime version/);
  });

  it('reports a preload that fails instead of trying the provider', () => {
    const bin = path.join(scratch, 'bin-preload');
    providerWith(bin, '1.29.0');
    touch(path.join(bin, PROVIDER_STAMP), JSON.stringify({ package: 'p', packageVersion: '0.4.9', ortVersion: '1.29.0', preload: [path.join(scratch, 'gone', 'libcublas.so.13')] }));
    expect(cudaProviderRefusal(bin, '1.29.0')).toMatch(/^cannot load libcublas\.so\.13: .*No such file/);
  });
});
