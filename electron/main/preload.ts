// Sandboxed preload: exposes the contract as window.uad through contextBridge, and window.uadFiles.pathForFile
// (Electron's webUtils.getPathForFile: the path of a file the user dropped onto the window), nothing else.
// Bundled into one CommonJS file (sandboxed preloads cannot load sibling modules).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildPreloadApi } from './preload-api.js';

contextBridge.exposeInMainWorld('uad', buildPreloadApi(ipcRenderer));
contextBridge.exposeInMainWorld('uadFiles', { pathForFile: (file: File): string => webUtils.getPathForFile(file) });
