// Explain slice: what the inspected sample resembles — its nearest neighbours by embedding under model A,
// shown as a strip and usable as a grid filter — and what drives its score: occlusion and perturbation
// probes on the engine (progress, cancel; saved with the sample) — and the embedding map of every sample. Renderer store slice; IPC happens only in these actions.
import type { StateCreator } from 'zustand';
import type { SimilarSamples } from '../../common/api';
import type { OcclusionGrid, ProbeKind, ProbeProgress, ProjectionMethod, ProjectionProgress, SavedProbe } from '../../common/contract/explain';
import { base64ToBytes, base64ToFloat32 } from '../../common/encoding';
import type { Result } from '../../common/result';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';
import { shownModelOf } from './samples-slice';

/** What the embedding map's points are coloured by (features/map/map-colours.ts draws each). */
export type MapColouring = 'label' | 'species' | 'class' | 'decision' | 'error' | 'score';
export const MAP_COLOURINGS: readonly MapColouring[] = ['label', 'species', 'class', 'decision', 'error', 'score'];

export interface ExplainSlice {
  similar: (SimilarSamples & { sampleId: number }) | null;
  similarStatus: 'idle' | 'loading' | 'ready' | 'error';
  similarError: string | null;
  similarK: number;
  setSimilarK: (k: number) => void;
  /** Finds the k nearest samples of this one under the model in slot A. */
  findSimilar: (sampleId: number) => Promise<void>;
  /** Limits the sample browser to the sample and its neighbours. */
  showSimilarInGrid: () => void;
  /** Saved probes of the inspected sample under model A. */
  probes: { sampleId: number; byKind: Partial<Record<ProbeKind, SavedProbe>> } | null;
  probeRunning: ProbeProgress | null;
  probeError: string | null;
  occlusionGrid: OcclusionGrid;
  setOcclusionGrid: (grid: OcclusionGrid) => void;
  loadProbes: (sampleId: number) => Promise<void>;
  runOcclusion: (sampleId: number) => Promise<void>;
  runPerturbation: (sampleId: number) => Promise<void>;
  cancelProbe: () => Promise<void>;
  onProbeProgress: (progress: ProbeProgress) => void;
  /** The embedding map: shown or not, its projection (model A), progress and colouring. */
  mapOpen: boolean;
  setMapOpen: (open: boolean) => void;
  projection: { modelSha256: string; method: ProjectionMethod; ids: Int32Array; xy: Float32Array; seconds: number; cached: boolean } | null;
  projectionStatus: 'idle' | 'running' | 'ready' | 'error';
  projectionProgress: ProjectionProgress | null;
  projectionError: string | null;
  mapColouring: MapColouring;
  setMapColouring: (by: MapColouring) => void;
  computeProjection: (method: ProjectionMethod) => Promise<void>;
  cancelProjection: () => Promise<void>;
  onProjectionProgress: (progress: ProjectionProgress) => void;
  /** Limits the sample browser to the samples selected on the map. */
  selectOnMap: (ids: number[], how: 'lasso' | 'box') => void;
}

/** The explain state that belongs to the open workspace: neighbours, probes and the embedding map's points (the view choices stay). */
export const explainWorkspaceState = (): Pick<ExplainSlice, 'similar' | 'similarStatus' | 'similarError' | 'probes' | 'probeRunning' | 'probeError' | 'projection' | 'projectionStatus' | 'projectionProgress' | 'projectionError'> => ({
  similar: null, similarStatus: 'idle', similarError: null, probes: null, probeRunning: null, probeError: null,
  projection: null, projectionStatus: 'idle', projectionProgress: null, projectionError: null,
});

export const createExplainSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], ExplainSlice> => (set, get) => {
  /** Keeps a finished probe's result (or its error) for the sample it belongs to. */
  const keep = (sampleId: number, result: Result<SavedProbe>, here: () => boolean): void => {
    if (!here()) return; // a probe of the workspace left since
    set({ probeRunning: null });
    if (get().inspectedId !== sampleId) return;
    if (!result.ok) {
      set({ probeError: result.error.code === 'cancelled' ? 'Cancelled; nothing was saved.' : result.error.message });
      return;
    }
    const current = get().probes;
    const byKind = current?.sampleId === sampleId ? { ...current.byKind } : {};
    byKind[result.value.kind] = result.value;
    set({ probes: { sampleId, byKind } });
  };
  return {
    ...explainWorkspaceState(),
    similarK: 10,
    setSimilarK: (similarK) => set({ similarK }),
    findSimilar: async (sampleId) => {
      const model = get().details.A?.modelSha256 ?? get().models.A?.sha256;
      if (!model) {
        set({ similar: null, similarStatus: 'error', similarError: 'Open a model in slot A first.' });
        return;
      }
      set({ similarStatus: 'loading', similarError: null });
      const here = sameWorkspace(get);
      const result = await api().explain.similar({ sampleId, modelSha256: model, k: get().similarK });
      if (!here() || get().inspectedId !== sampleId) return; // the analyst moved on
      if (result.ok) set({ similar: { ...result.value, sampleId }, similarStatus: 'ready' });
      else set({ similar: null, similarStatus: 'error', similarError: result.error.message });
    },
    showSimilarInGrid: () => {
      const similar = get().similar;
      if (!similar) return;
      get().setFilter({ only: { ids: [similar.sampleId, ...similar.neighbours.map((n) => n.sampleId)], label: `sample ${similar.sampleId} and its ${similar.neighbours.length} nearest` } });
    },
    occlusionGrid: 'tokens',
    setOcclusionGrid: (occlusionGrid) => set({ occlusionGrid }),
    loadProbes: async (sampleId) => {
      const model = get().details.A?.modelSha256 ?? get().models.A?.sha256;
      if (!model) return;
      const here = sameWorkspace(get);
      const result = await api().explain.savedProbes({ sampleId, modelSha256: model });
      if (!here() || get().inspectedId !== sampleId) return;
      if (!result.ok) { set({ probeError: result.error.message }); return; }
      const byKind: Partial<Record<ProbeKind, SavedProbe>> = {};
      for (const probe of result.value) byKind[probe.kind] = probe;
      set({ probes: { sampleId, byKind }, probeError: null });
    },
    runOcclusion: async (sampleId) => {
      const grid = get().occlusionGrid;
      set({ probeRunning: { sampleId, kind: grid === '7x7' ? 'occlusion-7x7' : 'occlusion-tokens', done: 0, total: 0 }, probeError: null });
      const here = sameWorkspace(get);
      const result = await api().explain.occlusion({ sampleId, slot: 'A', grid });
      keep(sampleId, result, here);
    },
    runPerturbation: async (sampleId) => {
      set({ probeRunning: { sampleId, kind: 'perturbation', done: 0, total: 0 }, probeError: null });
      const here = sameWorkspace(get);
      const result = await api().explain.perturbation({ sampleId, slot: 'A' });
      keep(sampleId, result, here);
    },
    cancelProbe: async () => { await api().explain.cancelProbe(); },
    onProbeProgress: (progress) => {
      if (get().probeRunning) set({ probeRunning: progress });
    },
    mapOpen: false,
    setMapOpen: (mapOpen) => set({ mapOpen }),
    mapColouring: 'label',
    setMapColouring: (mapColouring) => set({ mapColouring }),
    computeProjection: async (method) => {
      const model = get().models.A?.sha256 ?? shownModelOf(get()) ?? undefined;
      if (!model) {
        set({ projectionStatus: 'error', projectionError: 'Score a dataset (or open a model in slot A) to map its embeddings.' });
        return;
      }
      set({ projectionStatus: 'running', projectionProgress: null, projectionError: null });
      const here = sameWorkspace(get);
      const result = await api().explain.projection({ modelSha256: model, method });
      if (!here()) return; // the map of the workspace left since
      if (!result.ok) {
        set({ projectionStatus: 'error', projectionProgress: null, projectionError: result.error.code === 'cancelled' ? 'Cancelled; nothing was saved.' : result.error.message });
        return;
      }
      const value = result.value;
      const idBytes = base64ToBytes(value.ids);
      set({
        projection: {
          modelSha256: value.modelSha256, method: value.method, seconds: value.seconds, cached: value.cached,
          ids: new Int32Array(idBytes.buffer, idBytes.byteOffset, idBytes.byteLength / 4), xy: base64ToFloat32(value.xy),
        },
        projectionStatus: 'ready', projectionProgress: null,
      });
    },
    cancelProjection: async () => { await api().explain.cancelProjection(); },
    onProjectionProgress: (progress) => {
      if (get().projectionStatus === 'running') set({ projectionProgress: progress });
    },
    selectOnMap: (ids, how) => {
      get().setFilter({ only: { ids, label: `${ids.length} selected on the map (${how})` } });
      get().selectIds(ids); // ready for a bulk action
    },
  };
};
