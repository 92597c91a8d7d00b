// e2e (Electron): the same open-dataset flow in the real desktop window, where Electron is installed.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { makeSmallDataset } from '../support/make-dataset';

function electronBinary(): string | null {
  try {
    const pathFile = path.join(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = path.join(path.dirname(pathFile), 'dist', readFileSync(pathFile, 'utf8'));
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const display = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
const skipReason = !binary
  ? 'Electron binary not installed (run `npm run setup` where the network allows)'
  : !display ? 'no display (set DISPLAY, e.g. under xvfb-run)' : '';
if (skipReason) console.log(`electron e2e skipped: ${skipReason}`);

test('opens a dataset folder in the desktop window', async () => {
  test.skip(!!skipReason, skipReason);
  const dataset = await makeSmallDataset();
  const app = await electron.launch({ executablePath: binary!, args: [path.resolve('.')] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
    await expect(window.getByTestId('host-mode')).toContainText('desktop');
    await window.getByTestId('dataset-path').fill(dataset.root);
    await window.getByTestId('dataset-open').click();
    await expect(window.getByTestId('sample-grid')).toHaveAttribute('data-count', String(dataset.expected.length));
    await expect(window.getByTestId('sample-row')).toHaveCount(dataset.expected.length);
  } finally {
    await app.close();
  }
});
