// The application menu as data: File (open workspace / model / dataset, export case), Edit (with Find),
// View, Help (shortcuts, the log file). Reload and developer tools only in development builds. Electron
// main process; no Electron import, so the template is unit-tested without an Electron binary.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../common/contract/app.js';

export { MENU_COMMANDS, type MenuCommand } from '../../common/contract/app.js';

export interface MenuOptions {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  appName: string;
  logFile: string;
  /** Sends a command to the focused window's renderer. */
  command: (command: MenuCommand) => void;
  /** Shows the log file in the system's file manager. */
  showLogFile: () => void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const item = (label: string, accelerator: string, command: MenuCommand): MenuItemConstructorOptions =>
    ({ label, accelerator, click: () => options.command(command) });
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ label: options.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] });
  template.push({
    label: '&File',
    submenu: [
      item('Open Workspace…', 'CmdOrCtrl+O', 'open-workspace'),
      item('Close Workspace', 'CmdOrCtrl+Shift+W', 'close-workspace'),
      item('Open Model…', 'CmdOrCtrl+Shift+M', 'open-model'),
      item('Open Dataset…', 'CmdOrCtrl+Shift+O', 'open-dataset'),
      { type: 'separator' },
      item('Export Case…', 'CmdOrCtrl+E', 'export-case'),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' }, { role: 'redo' }, { type: 'separator' },
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }, { type: 'separator' },
      item('Find…', 'CmdOrCtrl+F', 'find'),
    ],
  });
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (!options.isPackaged) view.unshift({ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  template.push({ label: '&View', submenu: view });
  if (mac) template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    label: '&Help',
    submenu: [
      item('Keyboard Shortcuts', 'Shift+/', 'shortcuts'),
      { label: `Log file: ${options.logFile}`, enabled: false },
      { label: 'Show Log File', click: options.showLogFile },
      ...(mac ? [] : [{ type: 'separator' as const }, { role: 'about' as const }]),
    ],
  });
  return template;
}
