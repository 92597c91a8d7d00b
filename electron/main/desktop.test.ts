// Desktop conventions without an Electron binary: the menu template (accelerators, no Reload or DevTools
// when packaged), the remembered window state, the size-rotated log file, native dialogs per path kind, the typed-path check.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { PATH_KINDS } from '../../common/contract/app.js';
import { createHandlers } from '../services/handlers.js';
import { RecentStore } from '../services/recent-store.js';
import { WorkbenchSession } from '../services/session.js';
import { dialogOptions } from './dialogs.js';
import { MENU_COMMANDS, menuTemplate, type MenuCommand } from './menu-template.js';
import { RotatingLog } from '../base/rotating-log.js';
import { fitToDisplays, loadWindowState, saveWindowState } from './window-state.js';

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);

describe('menuTemplate', () => {
  const build = (isPackaged: boolean, platform: NodeJS.Platform) => {
    const sent: MenuCommand[] = [];
    const shown: string[] = [];
    const template = menuTemplate({ isPackaged, platform, appName: 'UAD Workbench', logFile: '/u/logs/uad.log', command: (c) => sent.push(c), showLogFile: () => shown.push('log') });
    return { items: flatten(template), sent, shown, help: template.find((i) => i.role === 'help') };
  };

  it('binds the accelerators and sends each command', () => {
    const { items, sent, shown } = build(true, 'linux');
    const byLabel = Object.fromEntries(items.filter((i) => i.label).map((i) => [i.label, i]));
    expect(byLabel['Open Workspace…']!.accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel['Close Workspace']!.accelerator).toBe('CmdOrCtrl+Shift+W');
    expect(byLabel['Open Model…']!.accelerator).toBe('CmdOrCtrl+Shift+M');
    expect(byLabel['Open Dataset…']!.accelerator).toBe('CmdOrCtrl+Shift+O');
    expect(byLabel['Export Case…']!.accelerator).toBe('CmdOrCtrl+E');
    expect(byLabel['Find…']!.accelerator).toBe('CmdOrCtrl+F');
    expect(byLabel['Log file: /u/logs/uad.log']).toMatchObject({ enabled: false });
    const helpLabels = (build(true, 'linux').help!.submenu as MenuItemConstructorOptions[]).map((i) => i.label);
    expect(helpLabels).toEqual(expect.arrayContaining(['Log file: /u/logs/uad.log', 'Show Log File']));
    for (const i of items) (i.click as (() => void) | undefined)?.();
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
    expect(shown).toEqual(['log']);
    const accelerators = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('has Reload and DevTools only in development builds; a macOS app menu on macOS', () => {
    const roles = (isPackaged: boolean, platform: NodeJS.Platform) => build(isPackaged, platform).items.map((i) => i.role).filter(Boolean);
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(roles(true, platform)).not.toEqual(expect.arrayContaining(['reload']));
      expect(roles(true, platform).filter((r) => r === 'reload' || r === 'forceReload' || r === 'toggleDevTools')).toEqual([]);
      expect(roles(false, platform)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    }
    expect(build(true, 'darwin').items[0]!.label).toBe('UAD Workbench');
    expect(roles(true, 'linux')).toContain('quit');
  });
});

describe('window state', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };

  it('restores a saved state that fits, clamps one that is too big, drops one on an unplugged display', () => {
    expect(fitToDisplays({ x: 100, y: 50, width: 1300, height: 800, maximized: true }, [screen])).toEqual({ x: 100, y: 50, width: 1300, height: 800, maximized: true });
    expect(fitToDisplays({ x: -10, y: 0, width: 5000, height: 3000 }, [screen])).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: false });
    expect(fitToDisplays({ x: 2000, y: 0, width: 1300, height: 800 }, [screen])).toBeNull();
    expect(fitToDisplays({ x: 2000, y: 0, width: 1300, height: 800 }, [screen, { x: 1920, y: 0, width: 2560, height: 1400 }])).toMatchObject({ x: 2000, width: 1300 });
    expect(fitToDisplays({ x: 0, y: 0, width: 'wide' }, [screen])).toBeNull();
    expect(fitToDisplays(null, [screen])).toBeNull();
  });

  it('saves atomically and loads back; a missing or corrupt file means default placement', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-window-'));
    const file = path.join(dir, 'sub', 'window-state.json');
    expect(loadWindowState(file, [screen])).toBeNull();
    saveWindowState(file, { x: 10, y: 20, width: 1200, height: 800, maximized: false });
    expect(loadWindowState(file, [screen])).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false });
    expect(existsSync(`${file}.tmp`)).toBe(false);
    writeFileSync(file, '{"x": 1,');
    expect(loadWindowState(file, [screen])).toBeNull();
  });
});

describe('RotatingLog', () => {
  it('appends stamped lines and rotates by size, keeping the newest files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-log-'));
    const file = path.join(dir, 'logs', 'uad.log');
    const log = new RotatingLog(file, { maxBytes: 200, keep: 2, now: () => new Date('2026-01-02T03:04:05.000Z') });
    for (let k = 0; k < 12; k++) log.write(k % 2 ? 'warn' : 'info', `message ${k}`);
    const current = readFileSync(file, 'utf8');
    expect(current.split('\n')[0]).toMatch(/^2026-01-02T03:04:05\.000Z (info |warn ) message \d+$/);
    expect(current).toContain('message 11');
    expect(readFileSync(`${file}.1`, 'utf8').length).toBeLessThanOrEqual(200);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    const all = [`${file}.2`, `${file}.1`, file].map((f) => readFileSync(f, 'utf8')).join('');
    const numbers = [...all.matchAll(/message (\d+)/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b)); // in order across the files
    expect(numbers.at(-1)).toBe(11);
  });

  it('copies console output into the file, multi-line messages line by line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-log-'));
    const log = new RotatingLog(path.join(dir, 'uad.log'));
    const printed: unknown[][] = [];
    const fake = { log: (...a: unknown[]) => printed.push(a), info: (...a: unknown[]) => printed.push(a), warn: (...a: unknown[]) => printed.push(a), error: (...a: unknown[]) => printed.push(a) };
    log.captureConsole(fake);
    fake.warn('two\nlines', { n: 1 });
    expect(printed).toEqual([['two\nlines', { n: 1 }]]);
    expect(readFileSync(log.file, 'utf8')).toMatch(/warn  two\n.*warn  lines \{"n":1\}\n$/);
  });
});

describe('native dialogs', () => {
  it('has an open dialog for every kind of path, a save dialog for the case export, with the right filters', () => {
    for (const kind of PATH_KINDS) {
      const { save, options } = dialogOptions(kind);
      expect(save, kind).toBe(kind === 'case-export');
      expect(options.title, kind).toBeTruthy();
    }
    expect(dialogOptions('workspace').options).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
    expect(dialogOptions('model').options).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['onnx'] }] });
    expect(dialogOptions('dataset-file').options).toMatchObject({ filters: [{ extensions: ['txt', 'lst', 'csv'] }] });
    expect(dialogOptions('case-export').options).toMatchObject({ defaultPath: 'case.zip', filters: [{ extensions: ['zip'] }] });
  });

  it('app.pickPath answers with the dialog in the desktop app and says why not in browser mode', async () => {
    const base = { emit: () => undefined, session: new WorkbenchSession(), recent: new RecentStore(null) };
    const desktop = createHandlers({ ...base, mode: 'electron', pickPath: async (kind) => (kind === 'model' ? '/models/m.onnx' : null) });
    expect(await desktop.app.pickPath({ kind: 'model' }, {} as never)).toEqual({ ok: true, value: '/models/m.onnx' });
    expect(await desktop.app.pickPath({ kind: 'workspace' }, {} as never)).toEqual({ ok: true, value: null });
    const browser = createHandlers({ ...base, mode: 'browser' });
    expect(await browser.app.pickPath({ kind: 'model' }, {} as never)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('app.checkPath checks a typed path against the disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-check-'));
    writeFileSync(path.join(dir, 'case.zip'), 'x');
    const handlers = createHandlers({ emit: () => undefined, session: new WorkbenchSession(), recent: new RecentStore(null), mode: 'browser' });
    const check = (kind: 'case' | 'case-export' | 'dataset-file', p: string) => handlers.app.checkPath({ kind, path: p }, {} as never);
    expect(await check('case', path.join(dir, 'case.zip'))).toEqual({ ok: true, value: null });
    expect(await check('case', path.join(dir, 'gone.zip'))).toEqual({ ok: true, value: `${path.join(dir, 'gone.zip')} does not exist.` });
    expect(await check('dataset-file', dir)).toEqual({ ok: true, value: null });
    expect(await check('case-export', path.join(dir, 'out.zip'))).toEqual({ ok: true, value: null });
    expect(await check('case-export', path.join(dir, 'no', 'out.zip'))).toMatchObject({ ok: true, value: expect.stringContaining('does not exist') });
    expect(await check('case-export', path.join(dir, 'case.zip', 'out.zip'))).toMatchObject({ ok: true, value: expect.stringContaining('is not a folder') });
  });
});
