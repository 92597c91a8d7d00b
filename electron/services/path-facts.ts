// What is on disk at a typed path and at the folder that would hold it (for common/path-check.ts, which
// decides whether the path fits the field). Node side (Electron main, browser host).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PathFacts } from '../../common/path-check.js';

type Entry = PathFacts['entry'];

async function entryAt(target: string): Promise<Entry> {
  try {
    const info = await stat(target);
    return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

export async function pathFacts(typed: string): Promise<PathFacts> {
  const target = path.resolve(typed.trim());
  const parentDir = path.dirname(target);
  const [entry, parent] = await Promise.all([entryAt(target), entryAt(parentDir)]);
  let parentWritable = false;
  if (parent === 'folder') parentWritable = await access(parentDir, constants.W_OK).then(() => true, () => false);
  return { entry, parent, parentWritable };
}
