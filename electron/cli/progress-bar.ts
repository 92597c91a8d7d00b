// Terminal progress line for long CLI runs: a bar on a TTY, sparse plain lines otherwise.
// Node side (CLI).
import type { RunProgress } from '../scoring/scoring-run.js';

function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export type ProgressStyle = 'bar' | 'lines' | 'none';

/** 'bar' redraws one line on a TTY (plain lines every 5 s elsewhere); 'lines' prints every update. */
export function progressReporter(style: ProgressStyle = 'bar', stream: NodeJS.WriteStream = process.stderr): { update: (p: RunProgress) => void; end: () => void } {
  if (style === 'none') return { update: () => undefined, end: () => undefined };
  if (style === 'lines') {
    return {
      update: (p) => { stream.write(`progress done=${p.done} total=${p.total} scored=${p.scored} failed=${p.failed} skipped=${p.skipped}\n`); },
      end: () => undefined,
    };
  }
  let lastPlain = 0;
  let drewBar = false;
  return {
    update: (p) => {
      const fraction = p.total > 0 ? p.done / p.total : 1;
      const text = `${p.done}/${p.total} · ${p.imagesPerSecond.toFixed(1)} img/s · ETA ${formatEta(p.etaSeconds)} · ${p.failed} failed · ${p.provider}`;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${text}\x1b[K`);
        drewBar = true;
      } else if (Date.now() - lastPlain > 5000 || p.done === p.total) {
        stream.write(`${text}\n`);
        lastPlain = Date.now();
      }
    },
    end: () => { if (drewBar) stream.write('\n'); },
  };
}
