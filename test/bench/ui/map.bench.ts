// UI benchmark (browser mode, chromium): the embedding map of 100,000 scored samples with 64-d
// embeddings — projection (PCA → UMAP in the analysis worker) from the map's opening to its first
// drawing, closing and reopening it, and the pan/zoom frame rate of the WebGL point renderer.
import { expect, test } from '../../e2e/support/browser-host';
import { demoModel } from '../../e2e/support/demo';
import { makeLargeWorkspace } from '../../e2e/support/large-workspace';
import { atLeast, atMost, noTarget, record } from './record';

const SAMPLES = 100_000;
const DIMS = 64;

test(`embedding map: ${SAMPLES} samples × ${DIMS}-d, projection and pan/zoom`, async ({ page, host }) => {
  test.setTimeout(900_000);
  const workspace = await makeLargeWorkspace(SAMPLES, demoModel(), DIMS);
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(SAMPLES), { timeout: 600_000 });

  const map = page.getByTestId('embedding-map');
  const opened = Date.now();
  await page.getByTestId('map-toggle').click();
  await expect(map).toHaveAttribute('data-points', String(SAMPLES), { timeout: 600_000 });
  const projectionSeconds = (Date.now() - opened) / 1000;
  const workerSeconds = Number((await map.locator('.map-bar .muted').last().textContent())?.match(/computed in ([\d.]+) s/)?.[1] ?? NaN);

  // Closing and reopening the map: the projection stays in the page, only the drawing is redone.
  await page.getByTestId('map-toggle').click();
  await page.getByTestId('map-toggle').click();
  const reopened = Date.now();
  await expect(map).toHaveAttribute('data-points', String(SAMPLES), { timeout: 120_000 });
  const cachedSeconds = (Date.now() - reopened) / 1000;

  // Pan and zoom: one wheel step (alternating in and out) or one pan drag step per animation frame for 3 s.
  const canvas = page.getByTestId('embedding-map-canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByTestId('map-tool-pan').click();
  const fps = await page.evaluate(async () => {
    const target = document.querySelector<HTMLCanvasElement>('[data-testid="embedding-map-canvas"]')!;
    const rect = target.getBoundingClientRect();
    const frames: number[] = [];
    const start = performance.now();
    let step = 0;
    await new Promise<void>((resolve) => {
      const tick = (now: number) => {
        frames.push(now);
        const x = rect.left + rect.width / 2 + 40 * Math.sin(step / 10);
        const y = rect.top + rect.height / 2;
        target.dispatchEvent(new WheelEvent('wheel', { deltaY: step % 20 < 10 ? -100 : 100, clientX: x, clientY: y, bubbles: true }));
        step += 1;
        if (now - start < 3000) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const seconds = (frames.at(-1)! - frames[0]!) / 1000;
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
    return { fps: (frames.length - 1) / seconds, p95: gaps[Math.floor(gaps.length * 0.95)]! };
  });
  await expect(map).toHaveAttribute('data-points', String(SAMPLES));
  expect(box.width).toBeGreaterThan(0);

  record('map', [
    { metric: 'embedding map: projection, map opened → points drawn (PCA → UMAP)', samples: SAMPLES, value: projectionSeconds, unit: 's', ...atMost(projectionSeconds, 60), note: `${DIMS}-d float16 embeddings; analysis worker ${workerSeconds.toFixed(1)} s` },
    { metric: 'embedding map: closed and reopened (projection kept in the page, redrawn)', samples: SAMPLES, value: cachedSeconds, unit: 's', ...noTarget },
    { metric: 'embedding map: pan/zoom (one wheel zoom per frame)', samples: SAMPLES, value: fps.fps, unit: 'fps', ...atLeast(fps.fps, 50), note: `p95 frame ${fps.p95.toFixed(1)} ms; headless chromium, SwiftShader WebGL` },
  ]);
});
