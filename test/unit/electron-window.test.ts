// The Electron window follows ARCHITECTURE.md §8: asserted on the very object main.ts passes to BrowserWindow,
// with the electron module replaced by a recorder (no Electron binary is needed).
import { describe, expect, it, vi } from 'vitest';
import { installNavigationGuards, isAppUrl, mainWindowOptions } from '../../electron/main/window-security.js';

const recorded = vi.hoisted(() => ({
  windowOptions: [] as unknown[],
  handlers: new Map<string, unknown>(),
  contentsListeners: new Map<string, (...args: unknown[]) => void>(),
  windowOpenHandler: undefined as undefined | (() => unknown),
  loadedUrl: '',
  permissionHandler: undefined as undefined | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
  ready: undefined as undefined | (() => void),
  menu: undefined as unknown,
  userData: '',
}));

vi.mock('electron', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  recorded.userData = mkdtempSync(join(tmpdir(), 'uad-electron-user-data-'));
  class FakeBrowserWindow {
    static getAllWindows = () => [];
    webContents = {
      on: (name: string, listener: (...args: unknown[]) => void) => { recorded.contentsListeners.set(name, listener); },
      setWindowOpenHandler: (handler: () => unknown) => { recorded.windowOpenHandler = handler; },
      send: () => undefined,
    };
    constructor(options: unknown) { recorded.windowOptions.push(options); }
    once() { return this; }
    on() { return this; }
    loadURL(url: string) { recorded.loadedUrl = url; return Promise.resolve(); }
    show() { return undefined; }
    maximize() { return undefined; }
  }
  return {
    app: {
      isPackaged: false,
      getPath: (name: string) => { if (name !== 'userData') throw new Error(`unexpected path ${name}`); return recorded.userData; },
      getVersion: () => '0.0.0-test',
      getName: () => 'UAD Workbench',
      requestSingleInstanceLock: () => true,
      on: () => undefined,
      whenReady: () => new Promise<void>((resolve) => { recorded.ready = resolve; setImmediate(resolve); }),
      quit: () => undefined,
    },
    BrowserWindow: FakeBrowserWindow,
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => { recorded.menu = menu; } },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { showItemInFolder: () => undefined },
    ipcMain: { handle: (channel: string, handler: unknown) => { recorded.handlers.set(channel, handler); } },
    net: { fetch: async () => new Response('') },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: { defaultSession: { setPermissionRequestHandler: (h: typeof recorded.permissionHandler) => { recorded.permissionHandler = h; } } },
  };
});

describe('Electron main window', () => {
  it('main.ts creates its BrowserWindow with the hardened options', async () => {
    await import('../../electron/main/main.js');
    await vi.waitFor(() => expect(recorded.windowOptions).toHaveLength(1));
    const options = recorded.windowOptions[0] as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(recorded.loadedUrl).toBe('app://uad/index.html');
    // New windows denied, navigation away blocked, permissions refused.
    expect(recorded.windowOpenHandler?.()).toEqual({ action: 'deny' });
    const preventDefault = vi.fn();
    recorded.contentsListeners.get('will-navigate')!({ preventDefault }, 'https://evil.example/');
    expect(preventDefault).toHaveBeenCalledTimes(1);
    recorded.contentsListeners.get('will-navigate')!({ preventDefault }, 'app://uad/index.html');
    expect(preventDefault).toHaveBeenCalledTimes(1);
    const granted = vi.fn();
    recorded.permissionHandler!({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(recorded.handlers.size).toBeGreaterThan(0);
    // The application menu is installed (its content: electron/main/desktop.test.ts).
    expect(Array.isArray(recorded.menu) && recorded.menu.length).toBeGreaterThan(0);
  });

  it('the options helper and guards agree with ARCHITECTURE.md §8', () => {
    const options = mainWindowOptions('/x/preload.cjs');
    expect(options.webPreferences?.sandbox).toBe(true);
    expect(isAppUrl('app://uad/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    const listeners = new Map<string, (...args: unknown[]) => void>();
    let openHandler: (() => unknown) | undefined;
    installNavigationGuards({
      on: ((name: string, listener: (...args: unknown[]) => void) => { listeners.set(name, listener); }) as never,
      setWindowOpenHandler: ((h: () => unknown) => { openHandler = h; }) as never,
    });
    expect(openHandler?.()).toEqual({ action: 'deny' });
    const preventDefault = vi.fn();
    listeners.get('will-attach-webview')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });
});
