// Versions recorded with every run and case file: app, Node, Electron, onnxruntime, sharp.
// Node side.
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { appVersion } from './paths.js';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unavailable';
  }
}

export function runtimeVersions(): Record<string, string> {
  return {
    app: appVersion(),
    node: process.versions.node,
    electron: process.versions.electron ?? 'not running',
    onnxruntime: packageVersion('onnxruntime-node'),
    // sharp's package.json is not exported; the library reports its own version.
    sharp: sharp.versions.sharp ?? packageVersion('sharp'),
    platform: `${process.platform}-${process.arch}`,
  };
}
