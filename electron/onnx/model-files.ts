// Finds, reads and checks a model's files: the .onnx, its model.json sidecar and the SHA-256 that binds them.
// Node side (engine, CLI).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseSidecar, SidecarError, type ModelSidecar } from '../../common/model/sidecar.js';

export const MAX_MODEL_BYTES = 4 * 1024 * 1024 * 1024;
export const MAX_SIDECAR_BYTES = 4 * 1024 * 1024;

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

export interface ModelFiles {
  onnxPath: string;
  sidecarPath: string;
  sidecar: ModelSidecar;
  sha256: string;
  sizeBytes: number;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `<dir>/<name>.model.json` beside `<dir>/<name>.onnx`, else `<dir>/model.json`. */
async function findSidecar(onnxPath: string): Promise<string> {
  const candidates = [onnxPath.replace(/\.onnx$/i, '') + '.model.json', path.join(path.dirname(onnxPath), 'model.json')];
  for (const candidate of candidates) {
    if ((await stat(candidate).catch(() => null))?.isFile()) return candidate;
  }
  throw new ModelFileError(`no sidecar for ${path.basename(onnxPath)}: expected ${path.basename(candidates[0]!)} or model.json beside it`);
}

export async function loadModelFiles(modelPath: string): Promise<ModelFiles> {
  const onnxPath = path.resolve(modelPath);
  const info = await stat(onnxPath).catch(() => null);
  if (!info) throw new ModelFileError(`model not found: ${onnxPath}`);
  if (!info.isFile()) throw new ModelFileError(`model path is not a file: ${onnxPath}`);
  if (info.size === 0) throw new ModelFileError(`model file is empty: ${onnxPath}`);
  if (info.size > MAX_MODEL_BYTES) throw new ModelFileError(`model file is larger than 4 GiB: ${onnxPath}`);
  const sidecarPath = await findSidecar(onnxPath);
  const sidecarInfo = await stat(sidecarPath);
  if (sidecarInfo.size > MAX_SIDECAR_BYTES) throw new ModelFileError(`sidecar is larger than 4 MiB: ${sidecarPath}`);
  let sidecar: ModelSidecar;
  try {
    sidecar = parseSidecar(JSON.parse(await readFile(sidecarPath, 'utf8')));
  } catch (err) {
    if (err instanceof SyntaxError) throw new ModelFileError(`sidecar is not valid JSON (${sidecarPath}): ${err.message}`);
    if (err instanceof SidecarError) throw new ModelFileError(`sidecar ${path.basename(sidecarPath)}: ${err.message}`);
    throw err;
  }
  const sha256 = await sha256File(onnxPath);
  if (sidecar.sha256 !== undefined && sidecar.sha256 !== sha256) {
    throw new ModelFileError(`model file does not match its sidecar: SHA-256 ${sha256.slice(0, 12)}… ≠ ${sidecar.sha256.slice(0, 12)}… (${path.basename(onnxPath)})`);
  }
  return { onnxPath, sidecarPath, sidecar, sha256, sizeBytes: info.size };
}
