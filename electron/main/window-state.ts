// Window size and position remembered between starts: a small JSON file in the user's data folder, read
// back only when it still fits a connected display. Electron main process (no Electron import: testable).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Rect { x: number; y: number; width: number; height: number }
export interface WindowState extends Rect { maximized: boolean }

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 1024, height: 700 };

const isRect = (value: unknown): value is Rect => typeof value === 'object' && value !== null &&
  (['x', 'y', 'width', 'height'] as const).every((key) => Number.isFinite((value as Record<string, unknown>)[key]));

/** Overlap area of two rectangles (0 when apart). */
function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The saved state when it is sane and a quarter of it (or of the display, for a huge one) lies on one of
 * the displays' work areas (a monitor may have been unplugged), else null (the window opens centred at the default size). Sizes are
 * clamped to the minimum and to the display holding the window.
 */
export function fitToDisplays(saved: unknown, workAreas: readonly Rect[]): WindowState | null {
  if (!isRect(saved)) return null;
  const best = [...workAreas].sort((a, b) => overlap(saved, b) - overlap(saved, a))[0];
  if (!best || overlap(saved, best) < Math.min(saved.width * saved.height, best.width * best.height) / 4) return null;
  const width = Math.min(best.width, Math.max(MIN_SIZE.width, Math.round(saved.width)));
  const height = Math.min(best.height, Math.max(MIN_SIZE.height, Math.round(saved.height)));
  const x = Math.min(Math.max(Math.round(saved.x), best.x), best.x + best.width - width);
  const y = Math.min(Math.max(Math.round(saved.y), best.y), best.y + best.height - height);
  return { x, y, width, height, maximized: (saved as { maximized?: unknown }).maximized === true };
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState | null {
  try {
    return fitToDisplays(JSON.parse(readFileSync(file, 'utf8')), workAreas);
  } catch {
    return null; // absent or unreadable: default placement
  }
}

/** Written whole to a temporary file, then renamed, so a crash never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, file);
}
