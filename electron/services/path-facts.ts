// What is on disk at a typed path and at the folder that would hold it, and for rules that look inside a
// file its first bytes (for common/path-check.ts, which decides whether the path fits the field). Node
// side (Electron main, browser host).
import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { HEAD_BYTES, type PathFacts } from '../../common/path-check.js';

type Entry = PathFacts['entry'];

async function entryAt(target: string): Promise<{ entry: Entry; size: number }> {
  try {
    const info = await stat(target);
    return { entry: info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other', size: info.isFile() ? info.size : 0 };
  } catch {
    return { entry: 'missing', size: 0 };
  }
}

/** The first HEAD_BYTES bytes of a file as text; null when it cannot be read after all. */
async function headOf(target: string): Promise<PathFacts['head'] | null> {
  try {
    const handle = await open(target, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const complete = bytesRead <= HEAD_BYTES;
      return { text: buffer.subarray(0, Math.min(bytesRead, HEAD_BYTES)).toString('utf8'), complete };
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** The facts about `typed`; with `readHead`, the start of an existing readable file too. */
export async function pathFacts(typed: string, readHead = false): Promise<PathFacts> {
  const target = path.resolve(typed.trim());
  const parentDir = path.dirname(target);
  const [{ entry, size }, { entry: parent }] = await Promise.all([entryAt(target), entryAt(parentDir)]);
  let parentWritable = false;
  if (parent === 'folder') parentWritable = await access(parentDir, constants.W_OK).then(() => true, () => false);
  const readable = entry === 'file' && await access(target, constants.R_OK).then(() => true, () => false);
  const facts: PathFacts = { entry, parent, parentWritable, readable, size };
  if (readHead && readable && size > 0) {
    const head = await headOf(target);
    if (head) facts.head = head;
    else facts.readable = false;
  }
  return facts;
}
