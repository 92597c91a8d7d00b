// UI benchmark (browser mode, chromium): 1,000,000 scores loaded as a CSV into the evaluation view —
// load time, then the threshold slider's frame rate under keyboard and mouse while the rates follow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../../e2e/support/browser-host';
import { writeMillionScores } from '../../e2e/support/million-scores';
import { startCounting, stopCounting, type FrameStats } from './frame-counter';
import { atLeast, noTarget, record } from './record';

const SAMPLES = 1_000_000;
const TARGET_FPS = 50;

test('1,000,000 scores: load, then the threshold slider under keyboard and mouse', async ({ page, host }) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'uad-bench-1m-'));
  const file = path.join(folder, 'scores-1m.csv');
  await writeMillionScores(file, SAMPLES);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
    await page.getByTestId('tab-evaluation').click();
    const loadStarted = Date.now();
    await page.getByTestId('scores-file').setInputFiles(file);
    await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('metrics-panel')).not.toHaveAttribute('data-threshold', '');
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    const slider = page.getByTestId('threshold-slider');
    await slider.fill('0.3');
    await expect(page.getByTestId('metrics-panel')).toHaveAttribute('data-threshold', '0.3');
    await slider.focus();
    await startCounting(page);
    for (let k = 0; k < 150; k++) {
      await page.keyboard.press('ArrowRight');
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
    const keyboard = await stopCounting(page);

    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * Number(await slider.inputValue()), y);
    await page.mouse.down();
    await startCounting(page);
    await page.mouse.move(box.x + box.width * 0.95, y, { steps: 300 });
    const mouse = await stopCounting(page);
    await page.mouse.up();

    const note = (s: FrameStats) => `p95 frame ${s.p95FrameMs.toFixed(1)} ms, max ${s.maxFrameMs.toFixed(1)} ms, rates shown for ${s.thresholdsSeen} thresholds`;
    record('slider', [
      { metric: 'scores CSV load (parse, index, curves in the worker)', samples: SAMPLES, value: loadSeconds, unit: 's', ...noTarget },
      { metric: 'threshold slider, keyboard', samples: SAMPLES, value: keyboard.fps, unit: 'fps', ...atLeast(keyboard.fps, TARGET_FPS), note: note(keyboard) },
      { metric: 'threshold slider, mouse drag', samples: SAMPLES, value: mouse.fps, unit: 'fps', ...atLeast(mouse.fps, TARGET_FPS), note: note(mouse) },
    ]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
