// Paired-comparison slice: when two or more runs are evaluated, the primary against each overlay on their common
// samples, each at its own τ (the comparison rows'), computed by the metrics worker (common/metrics/paired-comparison.ts,
// as `uad compare --intersect`) on the bootstrap worker. Renderer store slice; the worker request happens in its action.
import type { StateCreator } from 'zustand';
import type { PairedInput, PairedOutput } from '../workers/metrics-protocol';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

/** How long τ must rest before the comparison is computed. */
const PAIRED_DEBOUNCE_MS = 250;

export interface PairedState {
  /** The inputs of the latest comparison asked for; an answer for another key is dropped. */
  key: string;
  status: 'idle' | 'computing' | 'ready' | 'error';
  /** One per overlay, in the comparison rows' order. */
  pairs: PairedOutput[];
  /** The τ each was decided at, with its origin, as the comparison rows say: [A, B] per pair. */
  says: [string, string][];
  error: string | null;
}

export interface EvalPairedSlice {
  evalPaired: PairedState;
  /** Compares the primary with each overlay of the current comparison rows (skipped when up to date). */
  refreshPaired: () => Promise<void>;
}

export const evalPairedWorkspaceState = (): Pick<EvalPairedSlice, 'evalPaired'> => ({
  evalPaired: { key: '', status: 'idle', pairs: [], says: [], error: null },
});

export const createEvalPairedSlice = (_deps: StoreDeps): StateCreator<WorkbenchState, [], [], EvalPairedSlice> => (set, get) => ({
  ...evalPairedWorkspaceState(),
  refreshPaired: async () => {
    const s = get();
    const rows = s.evalQuery?.comparison ?? [];
    const [primary, ...overlays] = rows;
    if (!primary || primary.error !== null || overlays.length === 0) {
      if (s.evalPaired.status !== 'idle') set({ evalPaired: evalPairedWorkspaceState().evalPaired });
      return;
    }
    const usable = overlays.filter((row) => row.error === null);
    const inputs: PairedInput[] = usable.map((row) => ({
      a: { sourceId: primary.sourceId, threshold: primary.threshold },
      b: { sourceId: row.sourceId, threshold: row.threshold },
      split: s.evalQuery!.split,
      replicates: s.evalBootstrap.replicates, seed: s.evalBootstrap.seed, resample: s.evalBootstrap.resample,
    }));
    const key = JSON.stringify(inputs);
    if (s.evalPaired.key === key && s.evalPaired.status !== 'error') return;
    const says = usable.map((row): [string, string] => [primary.thresholdSays, row.thresholdSays]);
    set({ evalPaired: { key, status: 'computing', pairs: s.evalPaired.pairs, says: s.evalPaired.says, error: null } });
    const here = sameWorkspace(get);
    // Wait for τ to rest: a comparison τ has already left is never started.
    await new Promise((resolve) => setTimeout(resolve, PAIRED_DEBOUNCE_MS));
    if (!here() || get().evalPaired.key !== key) return;
    try {
      const pairs: PairedOutput[] = [];
      // The bootstrap worker's (seconds at 10⁶ scores), kept from being abandoned: dragging τ never waits on it.
      for (const input of inputs) pairs.push(await get().requestOnBootstrapWorker([input.a.sourceId, input.b.sourceId], 'paired', input));
      if (here() && get().evalPaired.key === key) set({ evalPaired: { key, status: 'ready', pairs, says, error: null } });
    } catch (error) {
      if (here() && get().evalPaired.key === key) set({ evalPaired: { key, status: 'error', pairs: [], says: [], error: error instanceof Error ? error.message : String(error) } });
    }
  },
});
