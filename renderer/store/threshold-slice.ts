// Threshold slice: the operating point every decision in the UI uses (attack when score ≥ τ),
// with where it came from. Renderer store slice; the evaluation view sets it, the browser reads it.
import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './index';

export interface ThresholdProvenance {
  /** e.g. 'fixed', 'eer', 'min-hter', 'bpcer20', 'sidecar'. */
  criterion: string;
  /** Split or data the criterion was computed on, e.g. 'dev'. */
  split?: string;
  /** Hash of the scores it was computed from, when computed. */
  dataHash?: string;
  at: string;
}

export interface ThresholdSlice {
  threshold: number;
  thresholdProvenance: ThresholdProvenance;
  setThreshold: (value: number, provenance?: Omit<ThresholdProvenance, 'at'>) => void;
}

export const createThresholdSlice: StateCreator<WorkbenchState, [], [], ThresholdSlice> = (set) => ({
  threshold: 0.5,
  thresholdProvenance: { criterion: 'fixed', at: new Date(0).toISOString() },
  setThreshold: (value, provenance) => {
    if (!Number.isFinite(value)) return;
    set({ threshold: value, thresholdProvenance: { ...(provenance ?? { criterion: 'fixed' }), at: new Date().toISOString() } });
  },
});
