// The typed-path rules per kind of path: existing files with the right extension, dataset folders or lists,
// workspace folders that may be new, and case files to write into an existing writable folder.
import { describe, expect, it } from 'vitest';
import { PATH_KINDS } from './contract/app.js';
import { needsHead, PATH_RULES, pathProblem, type PathFacts } from './path-check.js';

const file: PathFacts = { entry: 'file', parent: 'folder', parentWritable: true, readable: true, size: 120 };
const folder: PathFacts = { entry: 'folder', parent: 'folder', parentWritable: true, readable: false, size: 0 };
const missing: PathFacts = { entry: 'missing', parent: 'folder', parentWritable: true, readable: false, size: 0 };

describe('pathProblem', () => {
  it('has a rule for every kind of path', () => {
    for (const kind of PATH_KINDS) expect(PATH_RULES[kind].noun, kind).toBeTruthy();
  });

  it('wants an existing file with the right extension for models, scores and case files', () => {
    expect(pathProblem('model', '/m/a.onnx', file)).toBeNull();
    expect(pathProblem('model', '/m/A.ONNX', file)).toBeNull();
    expect(pathProblem('model', '/m/a.onnx', missing)).toBe('/m/a.onnx does not exist.');
    expect(pathProblem('model', '/m/a.pt', file)).toBe('/m/a.pt is not an ONNX model (.onnx).');
    expect(pathProblem('model', '/m', folder)).toBe('/m is a folder, not an ONNX model (.onnx).');
    expect(pathProblem('scores', '/s/x.csv', file)).toBeNull();
    expect(pathProblem('scores', '/s/x.txt', file)).toContain('is not a scores CSV');
    expect(pathProblem('case', '/c/case.zip', file)).toBeNull();
    expect(pathProblem('case', '/c/case.zip', { ...file, entry: 'other' })).toBe('/c/case.zip is not a regular file or folder.');
  });

  it('takes a dataset folder, protocol list or manifest', () => {
    for (const kind of ['dataset-folder', 'dataset-file'] as const) {
      expect(pathProblem(kind, '/d', folder)).toBeNull();
      expect(pathProblem(kind, '/d/list.txt', file)).toBeNull();
      expect(pathProblem(kind, '/d/list.lst', file)).toBeNull();
      expect(pathProblem(kind, '/d/manifest.csv', file)).toBeNull();
      expect(pathProblem(kind, '/d/photo.jpg', file)).toContain('is not a dataset folder');
      expect(pathProblem(kind, '/nope', missing)).toBe('/nope does not exist.');
    }
  });

  it('takes an existing or new workspace folder (missing folders above it are created), never a file', () => {
    expect(pathProblem('workspace', '/w', folder)).toBeNull();
    expect(pathProblem('workspace', '/w/new', missing)).toBeNull();
    expect(pathProblem('workspace', '/w/db.txt', file)).toBe('/w/db.txt exists and is not a folder.');
    expect(pathProblem('workspace', '/a/b', { ...missing, parent: 'missing', parentWritable: false })).toBeNull();
    expect(pathProblem('workspace', '/f/w', { ...missing, parent: 'file', parentWritable: false })).toBe('The folder that would hold /f/w is not a folder.');
    expect(pathProblem('workspace', '/ro/w', { ...missing, parent: 'folder', parentWritable: false })).toBe('Cannot write into the folder that would hold /ro/w (no permission).');
  });

  it('saves a case file only into an existing writable folder, never over a folder', () => {
    expect(pathProblem('case-export', '/o/case.zip', missing)).toBeNull();
    expect(pathProblem('case-export', '/o/case.zip', file)).toBeNull();
    expect(pathProblem('case-export', '/o', folder)).toBe('/o is a folder, not a file to write.');
    expect(pathProblem('case-export', '/o/case.txt', missing)).toBe('/o/case.txt is not a case file to write (.zip).');
    expect(pathProblem('case-export', '/x/case.zip', { ...missing, parent: 'missing', parentWritable: false })).toBe('The folder that would hold /x/case.zip does not exist.');
    expect(pathProblem('case-export', '/f/case.zip', { ...missing, parent: 'file', parentWritable: false })).toBe('The folder that would hold /f/case.zip is not a folder.');
    expect(pathProblem('case-export', '/ro/case.zip', { ...missing, parent: 'folder', parentWritable: false })).toBe('Cannot write into the folder that would hold /ro/case.zip (no permission).');
  });

  it('refuses an unreadable or empty file, whatever its kind', () => {
    expect(pathProblem('model', '/m/a.onnx', { ...file, readable: false })).toBe('Cannot read /m/a.onnx (no permission).');
    expect(pathProblem('case', '/c/case.zip', { ...file, size: 0 })).toBe('/c/case.zip is empty.');
    expect(pathProblem('dataset-file', '/d/list.txt', { ...file, size: 0 })).toBe('/d/list.txt is empty.');
    expect(pathProblem('scores', '/s/test.csv', { ...file, readable: false })).toBe('Cannot read /s/test.csv (no permission).');
    expect(pathProblem('scores', '/s/test.csv', { ...file, size: 0 })).toBe('/s/test.csv is empty.');
    expect(pathProblem('scores', '/s', folder)).toBe('/s is a folder, not a scores CSV (.csv).');
    expect(pathProblem('scores', '/s/gone.csv', missing)).toBe('/s/gone.csv does not exist.');
  });

  it('reads the start of a scores CSV only: its header and rows must parse as a scores CSV', () => {
    expect(PATH_KINDS.filter(needsHead)).toEqual(['scores']);
    const scores = (text: string, complete = true): string | null => pathProblem('scores', '/s/dev.csv', { ...file, size: text.length, head: { text, complete } });
    expect(scores('score,label\n0.9,1\n0.1,0\n')).toBeNull();
    expect(scores('path,score,label,status\na.png,0.9,1,ok\nb.png,,0,no-face\n')).toBeNull();
    expect(scores('image,prob\na.png,0.9\n')).toBe("/s/dev.csv is not a scores CSV (.csv): line 1: header lacks columns 'score' and 'label'; expected 'score,label[,species][,identity][,class][,path][,status]', found 'image,prob'");
    expect(scores('score,label\n')).toBe('/s/dev.csv is not a scores CSV (.csv): line 2: no data rows after the header');
    expect(scores('score,label\n0.9,1\n0.2,2\n')).toBe("/s/dev.csv is not a scores CSV (.csv): line 3: label '2' is not 0 (bona fide), 1 (attack), or empty, ? or unknown (questioned)");
    expect(scores('score,label\n0.9,1\n"0.2')).toBe('/s/dev.csv is not a scores CSV (.csv): line 3: quoted field is never closed (missing ")');
    // The first bytes of a longer file: the cut line and a quote it leaves open are not held against it.
    expect(scores('score,label\n0.9,1\n0.2,', false)).toBeNull();
    expect(scores('score,label\n0.9,1\n"0.2', false)).toBeNull();
    expect(scores('score,label\n0.9,1\nx,0\n0.3,', false)).toBe("/s/dev.csv is not a scores CSV (.csv): line 3: score 'x' is not a finite number");
    expect(scores('score', false)).toContain('line 1: first line is longer than 5 characters');
    // Without the start of the file (a kind that does not look inside), the file fits.
    expect(pathProblem('scores', '/s/dev.csv', file)).toBeNull();
  });

  it('asks for a path when none is typed', () => {
    expect(pathProblem('case', '  ', missing)).toBe('Enter a case file (.zip).');
  });
});
