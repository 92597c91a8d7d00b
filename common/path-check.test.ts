// The typed-path rules per kind of path: existing files with the right extension, dataset folders or lists,
// workspace folders that may be new, and case files to write into an existing writable folder.
import { describe, expect, it } from 'vitest';
import { PATH_KINDS } from './contract/app.js';
import { PATH_RULES, pathProblem, type PathFacts } from './path-check.js';

const file: PathFacts = { entry: 'file', parent: 'folder', parentWritable: true };
const folder: PathFacts = { entry: 'folder', parent: 'folder', parentWritable: true };
const missing: PathFacts = { entry: 'missing', parent: 'folder', parentWritable: true };

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
    expect(pathProblem('workspace', '/a/b', { entry: 'missing', parent: 'missing', parentWritable: false })).toBeNull();
    expect(pathProblem('workspace', '/f/w', { entry: 'missing', parent: 'file', parentWritable: false })).toBe('The folder that would hold /f/w is not a folder.');
    expect(pathProblem('workspace', '/ro/w', { entry: 'missing', parent: 'folder', parentWritable: false })).toBe('Cannot write into the folder that would hold /ro/w (no permission).');
  });

  it('saves a case file only into an existing writable folder, never over a folder', () => {
    expect(pathProblem('case-export', '/o/case.zip', missing)).toBeNull();
    expect(pathProblem('case-export', '/o/case.zip', file)).toBeNull();
    expect(pathProblem('case-export', '/o', folder)).toBe('/o is a folder, not a file to write.');
    expect(pathProblem('case-export', '/o/case.txt', missing)).toBe('/o/case.txt is not a case file to write (.zip).');
    expect(pathProblem('case-export', '/x/case.zip', { entry: 'missing', parent: 'missing', parentWritable: false })).toBe('The folder that would hold /x/case.zip does not exist.');
    expect(pathProblem('case-export', '/f/case.zip', { entry: 'missing', parent: 'file', parentWritable: false })).toBe('The folder that would hold /f/case.zip is not a folder.');
    expect(pathProblem('case-export', '/ro/case.zip', { entry: 'missing', parent: 'folder', parentWritable: false })).toBe('Cannot write into the folder that would hold /ro/case.zip (no permission).');
  });

  it('asks for a path when none is typed', () => {
    expect(pathProblem('case', '  ', missing)).toBe('Enter a case file (.zip).');
  });
});
