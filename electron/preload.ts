// Sandboxed preload: exposes the contract as window.uad through contextBridge, nothing else.
// Bundled into one CommonJS file (sandboxed preloads cannot load sibling modules).
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './preload-api.js';

contextBridge.exposeInMainWorld('uad', buildPreloadApi(ipcRenderer));
