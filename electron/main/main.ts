// Electron main process: window, app:// protocol with CSP, IPC transport, native dialogs.
// Never runs inference itself; services run in worker threads behind the same handlers as browser mode.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dialogOptions } from './dialogs.js';
import { claimSingleInstance, installMenu, rememberWindowState, savedWindowState, startLog } from './desktop-shell.js';
import { resolveInside } from '../host/static-files.js';
import { registerIpcHandlers, type IpcMainLike } from './ipc-transport.js';
import { EventHub } from '../services/event-hub.js';
import { createHandlers } from '../services/handlers.js';
import { WorkbenchSession } from '../services/session.js';
import { configureAppPaths, projectRoot, rendererBuildDir } from '../base/paths.js';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, installNavigationGuards, mainWindowOptions } from './window-security.js';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// models/ and assets/ sit in the resources folder once packaged; the demo workspace lives in userData.
configureAppPaths({ isPackaged: app.isPackaged, userData: app.getPath('userData') });

let mainWindow: BrowserWindow | null = null;
// One instance: a second start focuses the window that is already open, then quits.
if (!claimSingleInstance(() => mainWindow)) app.quit();
const log = startLog();

const hub = new EventHub();
const workbench = new WorkbenchSession();

function serveRenderer(): void {
  const root = rendererBuildDir();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = resolveInside(root, url.pathname === '/' ? '/index.html' : url.pathname) ?? path.join(root, 'index.html');
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(): void {
  const preload = path.join(projectRoot(), 'out', 'preload', 'preload.cjs');
  const restored = savedWindowState();
  mainWindow = new BrowserWindow({ ...mainWindowOptions(preload), ...(restored ? { x: restored.x, y: restored.y, width: restored.width, height: restored.height } : {}) });
  rememberWindowState(mainWindow, restored);
  installNavigationGuards(mainWindow.webContents);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => { mainWindow = null; });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents));

void app.whenReady().then(() => {
  // No permission (camera, notifications, geolocation …) is ever granted to web content.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  serveRenderer();
  const handlers = createHandlers({
    mode: 'electron',
    emit: hub.emit,
    session: workbench,
    logFile: log.file,
    pickPath: async (kind) => {
      const dialogKind = dialogOptions(kind);
      if (dialogKind.save) {
        const saved = mainWindow ? await dialog.showSaveDialog(mainWindow, dialogKind.options) : await dialog.showSaveDialog(dialogKind.options);
        return saved.canceled ? null : (saved.filePath ?? null);
      }
      const opened = mainWindow ? await dialog.showOpenDialog(mainWindow, dialogKind.options) : await dialog.showOpenDialog(dialogKind.options);
      return opened.canceled ? null : (opened.filePaths[0] ?? null);
    },
    pickFolder: async () => {
      const options = { properties: ['openDirectory' as const] };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  });
  registerIpcHandlers(ipcMain as unknown as IpcMainLike, handlers);
  hub.subscribe((channel, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(channel, payload);
  });
  installMenu(log.file, (command) => hub.emit('app', 'onMenuCommand', command));
  createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
});

app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
app.on('will-quit', () => { void workbench.dispose(); });
