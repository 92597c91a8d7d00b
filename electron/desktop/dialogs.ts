// Native open/save dialog options per kind of path the app asks for (workspace folder, model, dataset list
// or manifest, scores CSV, case file, case export). Electron main process; pure, so unit-tested.
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { PathKind } from '../../common/contract/app.js';

export function dialogOptions(kind: PathKind): { save: false; options: OpenDialogOptions } | { save: true; options: SaveDialogOptions } {
  switch (kind) {
    case 'workspace':
      return { save: false, options: { title: 'Open workspace folder', properties: ['openDirectory', 'createDirectory'] } };
    case 'model':
      return { save: false, options: { title: 'Open model', properties: ['openFile'], filters: [{ name: 'ONNX model', extensions: ['onnx'] }] } };
    case 'dataset-folder':
      return { save: false, options: { title: 'Open dataset folder', properties: ['openDirectory'] } };
    case 'dataset-file':
      return { save: false, options: { title: 'Open protocol list or manifest', properties: ['openFile'], filters: [{ name: 'Protocol list or CSV manifest', extensions: ['txt', 'lst', 'csv'] }] } };
    case 'scores':
      return { save: false, options: { title: 'Open scores CSV', properties: ['openFile'], filters: [{ name: 'Scores CSV', extensions: ['csv'] }] } };
    case 'case':
      return { save: false, options: { title: 'Open case file', properties: ['openFile'], filters: [{ name: 'Case file', extensions: ['zip'] }] } };
    case 'case-export':
      return { save: true, options: { title: 'Export case file', defaultPath: 'case.zip', filters: [{ name: 'Case file', extensions: ['zip'] }] } };
  }
}
