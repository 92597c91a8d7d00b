// Whether a typed path fits the kind of path a field asks for (an existing file with the right extension,
// a dataset folder or list, a new workspace folder, a file to save in a writable folder; readable, not
// empty, and for scores CSVs a header and rows that parse). Pure shared code (common/): the host gathers
// the file-system facts, this decides and words the problem.
import type { PathKind } from './contract/app.js';
import { scoresCsvHeadProblem } from './metrics/scores-csv.js';

/** What the host found on disk for a path and for the folder that would hold it. */
export interface PathFacts {
  /** 'missing' when nothing is there. */
  entry: 'file' | 'folder' | 'missing' | 'other';
  /** The folder that holds the path: 'missing' when it does not exist, 'file' when it is not a folder. */
  parent: 'folder' | 'missing' | 'file' | 'other';
  /** Whether this process may create files in that folder. */
  parentWritable: boolean;
  /** Whether this process may read the file (false for anything but an existing file). */
  readable: boolean;
  /** The file's size in bytes (0 for anything but a file). */
  size: number;
  /** The file's first HEAD_BYTES bytes as UTF-8 text, read only for kinds whose rule looks inside
   * (see needsHead); `complete` when that is the whole file. */
  head?: { text: string; complete: boolean };
}

/** How much of a file the host reads for a rule that looks inside it. */
export const HEAD_BYTES = 65_536;

interface KindRule {
  want: 'file' | 'folder-or-file' | 'save' | 'folder-or-new';
  extensions?: readonly string[];
  noun: string;
  /** What is wrong with the start of the file's text (`head`), or null when it fits. */
  content?: (head: string, complete: boolean) => string | null;
}

/** A scores CSV must parse as one (common/metrics/scores-csv.ts); the reason names the line. */
function scoresContent(head: string, complete: boolean): string | null {
  const problem = scoresCsvHeadProblem(head, complete);
  return problem && `line ${problem.line}: ${problem.reason}`;
}

/** One rule per kind of path; the native dialogs (electron/main/dialogs.ts) offer the same extensions. */
export const PATH_RULES: Record<PathKind, KindRule> = {
  workspace: { want: 'folder-or-new', noun: 'a workspace folder' },
  model: { want: 'file', extensions: ['onnx'], noun: 'an ONNX model (.onnx)' },
  'dataset-folder': { want: 'folder-or-file', extensions: ['txt', 'lst', 'csv'], noun: 'a dataset folder, protocol list (.txt, .lst) or manifest (.csv)' },
  'dataset-file': { want: 'folder-or-file', extensions: ['txt', 'lst', 'csv'], noun: 'a dataset folder, protocol list (.txt, .lst) or manifest (.csv)' },
  scores: { want: 'file', extensions: ['csv'], noun: 'a scores CSV (.csv)', content: scoresContent },
  case: { want: 'file', extensions: ['zip'], noun: 'a case file (.zip)' },
  'case-export': { want: 'save', extensions: ['zip'], noun: 'a case file to write (.zip)' },
};

const extensionOf = (path: string): string => {
  const name = path.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/** Whether the host should read the start of the file for `kind` (its rule looks inside). */
export const needsHead = (kind: PathKind): boolean => PATH_RULES[kind].content !== undefined;

/** The problem with using `path` for `kind` given what is on disk, or null when it fits. */
export function pathProblem(kind: PathKind, path: string, facts: PathFacts): string | null {
  const rule = PATH_RULES[kind];
  if (path.trim() === '') return `Enter ${rule.noun}.`;
  const extensionOk = !rule.extensions || rule.extensions.includes(extensionOf(path));
  const wrongExtension = `${path} is not ${rule.noun}.`;
  const parentProblem = (): string | null => {
    if (facts.parent === 'missing') return `The folder that would hold ${path} does not exist.`;
    if (facts.parent !== 'folder') return `The folder that would hold ${path} is not a folder.`;
    if (!facts.parentWritable) return `Cannot write into the folder that would hold ${path} (no permission).`;
    return null;
  };
  switch (rule.want) {
    case 'folder-or-new':
      if (facts.entry === 'folder') return null;
      if (facts.entry !== 'missing') return `${path} exists and is not a folder.`;
      // A new workspace folder is created with any missing folders above it.
      return facts.parent === 'missing' ? null : parentProblem();
    case 'save':
      if (facts.entry === 'folder' || facts.entry === 'other') return `${path} is a folder, not a file to write.`;
      if (!extensionOk) return wrongExtension;
      return parentProblem();
    case 'file':
    case 'folder-or-file': {
      if (facts.entry === 'missing') return `${path} does not exist.`;
      if (facts.entry === 'folder') return rule.want === 'file' ? `${path} is a folder, not ${rule.noun}.` : null;
      if (facts.entry === 'other') return `${path} is not a regular file or folder.`;
      if (!extensionOk) return wrongExtension;
      if (!facts.readable) return `Cannot read ${path} (no permission).`;
      if (facts.size === 0) return `${path} is empty.`;
      if (!rule.content || !facts.head) return null;
      const inside = rule.content(facts.head.text, facts.head.complete);
      return inside && `${path} is not ${rule.noun}: ${inside}`;
    }
  }
}
