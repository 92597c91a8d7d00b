// Frame counting for the UI benchmarks (browser mode, chromium): every animation frame's time and, when the page
// has a metrics panel, every threshold it showed, from start to stop, in the page. Shared by slider.bench.ts,
// report.bench.ts and the grid scrolling of grid-measure.ts.
import type { Page } from '@playwright/test';

export interface FrameStats { fps: number; p95FrameMs: number; maxFrameMs: number; thresholdsSeen: number }

export async function startCounting(page: Page): Promise<void> {
  await page.evaluate(() => {
    const perf = { frames: [] as number[], thresholds: new Set<string>(), running: true, observer: null as MutationObserver | null };
    (window as unknown as { __perf: typeof perf }).__perf = perf;
    const loop = (time: number) => {
      perf.frames.push(time);
      if (perf.running) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    const panel = document.querySelector('[data-testid="metrics-panel"]');
    if (!panel) return;
    perf.observer = new MutationObserver(() => perf.thresholds.add(panel.getAttribute('data-threshold') ?? ''));
    perf.observer.observe(panel, { attributes: true, attributeFilter: ['data-threshold'] });
  });
}

export async function stopCounting(page: Page): Promise<FrameStats> {
  return page.evaluate(() => {
    const perf = (window as unknown as { __perf: { frames: number[]; thresholds: Set<string>; running: boolean; observer: MutationObserver | null } }).__perf;
    perf.running = false;
    perf.observer?.disconnect();
    const frames = perf.frames;
    const intervals = frames.slice(1).map((t, k) => t - frames[k]!).sort((a, b) => a - b);
    const seconds = (frames.at(-1)! - frames[0]!) / 1000;
    return {
      fps: (frames.length - 1) / seconds,
      p95FrameMs: intervals[Math.floor(intervals.length * 0.95)] ?? 0,
      maxFrameMs: intervals.at(-1) ?? 0,
      thresholdsSeen: perf.thresholds.size,
    };
  });
}
