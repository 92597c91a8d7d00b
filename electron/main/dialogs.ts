// Native open/save dialog options per kind of path the app asks for (workspace folder, model, dataset list
// or manifest, scores CSV, case file, case export). Electron main process; pure, so unit-tested.
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { PathKind } from '../../common/contract/app.js';
import { PATH_RULES } from '../../common/path-check.js';

/** The file extensions a kind of path takes (one rule, shared with the typed-path check). */
const ext = (kind: PathKind): string[] => [...(PATH_RULES[kind].extensions ?? [])];

export function dialogOptions(kind: PathKind): { save: false; options: OpenDialogOptions } | { save: true; options: SaveDialogOptions } {
  switch (kind) {
    case 'workspace':
      return { save: false, options: { title: 'Open workspace folder', properties: ['openDirectory', 'createDirectory'] } };
    case 'model':
      return { save: false, options: { title: 'Open model', properties: ['openFile'], filters: [{ name: 'ONNX model', extensions: ext('model') }] } };
    case 'dataset-folder':
      return { save: false, options: { title: 'Open dataset folder', properties: ['openDirectory'] } };
    case 'dataset-file':
      return { save: false, options: { title: 'Open protocol list or manifest', properties: ['openFile'], filters: [{ name: 'Protocol list or CSV manifest', extensions: ext('dataset-file') }] } };
    case 'scores':
      return { save: false, options: { title: 'Open scores CSV', properties: ['openFile'], filters: [{ name: 'Scores CSV', extensions: ext('scores') }] } };
    case 'case':
      return { save: false, options: { title: 'Open case file', properties: ['openFile'], filters: [{ name: 'Case file', extensions: ext('case') }] } };
    case 'case-export':
      return { save: true, options: { title: 'Export case file', defaultPath: 'case.zip', filters: [{ name: 'Case file', extensions: ext('case-export') }] } };
  }
}
