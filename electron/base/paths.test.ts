// The one rule for bundled folders: models/ and assets/ in the project tree in development, in the
// resources folder of a packaged app; the demo workspace in the user's data folder.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledDir, currentLayout, demoPaths, projectRoot, userDataDir } from './paths.js';

describe('bundledDir', () => {
  it('uses the project tree in development (this checkout)', () => {
    const layout = currentLayout();
    expect(layout).toMatchObject({ isPackaged: false, projectRoot: path.resolve(__dirname, '..', '..') });
    expect(bundledDir('models', layout)).toBe(path.join(projectRoot(), 'models'));
    expect(bundledDir('assets', layout)).toBe(path.join(projectRoot(), 'assets'));
    expect(demoPaths(layout).model).toBe(path.join(projectRoot(), 'models', 'lasoftmoe-tiny.onnx'));
  });

  it('uses the resources folder of a packaged app, not the asar archive', () => {
    const resources = mkdtempSync(path.join(tmpdir(), 'uad-resources-'));
    mkdirSync(path.join(resources, 'models'));
    writeFileSync(path.join(resources, 'models', 'lasoftmoe-tiny.onnx'), 'onnx bytes');
    mkdirSync(path.join(resources, 'assets', 'demo'), { recursive: true });
    writeFileSync(path.join(resources, 'assets', 'demo', 'SynthUAD-demo@p1_image_test.txt'), 'live/a.jpg 0\n');
    writeFileSync(path.join(resources, 'assets', 'demo', 'README.md'), '');
    const layout = { isPackaged: true, resourcesPath: resources, projectRoot: path.join(resources, 'app.asar') };
    expect(bundledDir('models', layout)).toBe(path.join(resources, 'models'));
    expect(bundledDir('assets', layout)).toBe(path.join(resources, 'assets'));
    const demo = demoPaths(layout);
    expect(demo.model).toBe(path.join(resources, 'models', 'lasoftmoe-tiny.onnx'));
    expect(demo.datasets).toEqual([path.join(resources, 'assets', 'demo', 'SynthUAD-demo@p1_image_test.txt')]);
    expect(() => bundledDir('models', { ...layout, resourcesPath: undefined })).toThrow(/resources path/);
  });

  it('recognises packaged code by where it runs: app.asar, or app.asar.unpacked for the shipped CLI', () => {
    for (const archive of ['app.asar', 'app.asar.unpacked']) {
      const root = path.join('/opt', 'UAD Workbench', 'resources', archive);
      const layout = currentLayout(root);
      expect(layout).toEqual({ isPackaged: true, resourcesPath: path.join('/opt', 'UAD Workbench', 'resources'), projectRoot: root });
      expect(bundledDir('models', layout)).toBe(path.join('/opt', 'UAD Workbench', 'resources', 'models'));
    }
    expect(currentLayout('/home/ana/uad-workbench').isPackaged).toBe(false);
  });
});

describe('userDataDir', () => {
  it('is where Electron puts userData on each platform, unless overridden', () => {
    expect(userDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.config/UAD Workbench');
    expect(userDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ana')).toBe('/xdg/UAD Workbench');
    expect(userDataDir({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/UAD Workbench');
    expect(userDataDir({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\UAD Workbench');
    expect(userDataDir({ UAD_USER_DATA: '/tmp/profile' }, 'linux', '/home/ana')).toBe('/tmp/profile');
  });

  it('holds the demo workspace', () => {
    const saved = process.env.UAD_DEMO_WORKSPACE;
    delete process.env.UAD_DEMO_WORKSPACE;
    try {
      expect(demoPaths().workspace).toBe(path.join(userDataDir(), 'demo-workspace'));
    } finally {
      if (saved !== undefined) process.env.UAD_DEMO_WORKSPACE = saved;
    }
  });
});
