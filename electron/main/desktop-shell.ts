// Desktop conventions wired to Electron: single-instance lock, log file, window size/position, application
// menu. Electron main process; the pure parts live beside it (menu-template, window-state, rotating-log).
import { app, BrowserWindow, Menu, screen, shell } from 'electron';
import path from 'node:path';
import type { MenuCommand } from '../../common/contract/app.js';
import { menuTemplate } from './menu-template.js';
import { RotatingLog } from '../base/rotating-log.js';
import { loadWindowState, saveWindowState, type WindowState } from './window-state.js';

/** Takes the single-instance lock; false when another instance holds it (this one must quit). */
export function claimSingleInstance(focus: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = focus();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}

/** The rotating log in <userData>/logs/uad.log, with the console copied into it. */
export function startLog(): RotatingLog {
  const log = new RotatingLog(path.join(app.getPath('userData'), 'logs', 'uad.log'));
  log.captureConsole();
  log.write('info', `UAD Workbench ${app.getVersion()} starting (Electron ${process.versions.electron}, ${process.platform}-${process.arch})`);
  return log;
}

const stateFile = () => path.join(app.getPath('userData'), 'window-state.json');

/** The saved bounds for a new window, when they still fit a display. */
export function savedWindowState(): WindowState | null {
  return loadWindowState(stateFile(), screen.getAllDisplays().map((d) => d.workArea));
}

/** Saves the window's normal bounds (and whether it was maximised) when it closes. */
export function rememberWindowState(window: BrowserWindow, restored: WindowState | null): void {
  if (restored?.maximized) window.maximize();
  window.on('close', () => {
    try {
      saveWindowState(stateFile(), { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (err) {
      console.warn('could not save the window state:', err);
    }
  });
}

/** Installs the application menu; its commands go to the renderer as the contract's app.onMenuCommand. */
export function installMenu(logFile: string, send: (command: MenuCommand) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({
    isPackaged: app.isPackaged, platform: process.platform, appName: app.getName(), logFile,
    command: send, showLogFile: () => shell.showItemInFolder(logFile),
  })));
}
