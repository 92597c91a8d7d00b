// The face cap: the most faces kept per photograph (best first), its bounds, and the one sentence that says a
// photograph had more faces than were kept. Used by `uad score --max-faces` and the app's Score. Pure shared code.
import { DEFAULT_DETECTOR_OPTIONS } from './blazeface.js';

export const FACE_CAP_MIN = 1;
export const FACE_CAP_MAX = 1000;
export const DEFAULT_FACE_CAP = DEFAULT_DETECTOR_OPTIONS.maxDetections;

/** A photograph with more faces than the cap kept: only the best `kept` of `found` became samples. */
export interface CappedPhoto {
  path: string;
  kept: number;
  found: number;
}

/** Whether a value is a usable face cap (an integer from FACE_CAP_MIN to FACE_CAP_MAX). */
export function isFaceCap(value: number): boolean {
  return Number.isInteger(value) && value >= FACE_CAP_MIN && value <= FACE_CAP_MAX;
}

/** The line that says a photograph had more faces than were kept; `raise` names the setting (the CLI's option, the app's field). */
export function cappedFacesText(c: { kept: number; found: number }, raise = '--max-faces'): string {
  return `${c.kept} of ${c.found} faces kept; raise ${raise}`;
}
