// Inspector slice: the selected sample's routing detail under model A (and B when comparing), and the
// view controls (layer, mode, expert, slot, opacity, colour range, grid lines). Renderer store slice.
import type { StateCreator } from 'zustand';
import type { ModelSlot, SampleDetailPayload, SampleEvidence, SampleImage } from '../../common/api';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

export type RoutingMode = 'argmax' | 'expert-mass' | 'dispatch';

export interface InspectorSlice {
  inspectedId: number | null;
  details: Partial<Record<ModelSlot, SampleDetailPayload>>;
  detailErrors: Partial<Record<ModelSlot, string>>;
  original: SampleImage | null;
  /** The inspected sample is a photograph in which detection found no face: the reason, and it is not scored. */
  noFace: string | null;
  /** The file behind the inspected sample (hash, size, format, pixel size, EXIF), or why it cannot be read. */
  evidence: SampleEvidence | null;
  evidenceError: string | null;
  inspectorStatus: 'idle' | 'loading' | 'ready' | 'error';
  layerIndex: number;
  /** Whether the analyst picked the layer; until then each inspected sample opens at the last MoE layer. */
  layerChosen: boolean;
  routingMode: RoutingMode;
  expert: number;
  slot: number;
  opacity: number;
  rangeMode: 'fixed' | 'per-image';
  gridLines: boolean;
  compare: boolean;
  inspect: (sampleId: number, options?: { wholeImage?: boolean }) => Promise<void>;
  /** The analyst's explicit action on a photograph without a face: score its whole image (logged in custody first). */
  scoreWholeImage: () => Promise<void>;
  setRouting: (patch: Partial<Pick<InspectorSlice, 'layerIndex' | 'routingMode' | 'expert' | 'slot' | 'opacity' | 'rangeMode' | 'gridLines'>>) => void;
  setCompare: (compare: boolean) => void;
}

/** The inspector state that belongs to the open workspace: the inspected sample, its detail and image (the view controls stay). */
export const inspectorWorkspaceState = (): Pick<InspectorSlice, 'inspectedId' | 'details' | 'detailErrors' | 'original' | 'noFace' | 'evidence' | 'evidenceError' | 'inspectorStatus'> => ({
  inspectedId: null, details: {}, detailErrors: {}, original: null, noFace: null, evidence: null, evidenceError: null, inspectorStatus: 'idle',
});

export const createInspectorSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], InspectorSlice> => (set, get) => ({
  ...inspectorWorkspaceState(),
  layerIndex: 0,
  layerChosen: false,
  routingMode: 'expert-mass',
  expert: 0,
  slot: 0,
  opacity: 0.6,
  // Per image: routing close to uniform (mass ≈ 1/experts everywhere) would draw as one flat colour on [0, 1].
  rangeMode: 'per-image',
  gridLines: false,
  compare: false,
  inspect: async (sampleId, options) => {
    set({ inspectedId: sampleId, inspectorStatus: 'loading', details: {}, detailErrors: {}, original: null, noFace: null, evidence: null, evidenceError: null });
    const wholeImage = options?.wholeImage === true ? { wholeImage: true } : {};
    const here = sameWorkspace(get);
    const slots: ModelSlot[] = get().compare && get().models.B ? ['A', 'B'] : ['A'];
    const [image, ...details] = await Promise.all([
      api().samples.image({ sampleId }),
      ...slots.filter((slot) => get().models[slot]).map(async (slot) => [slot, await api().samples.detail({ sampleId, slot, ...wholeImage })] as const),
    ]);
    if (!here() || get().inspectedId !== sampleId) return; // the analyst moved on (or left the workspace) while this loaded
    const loaded: Partial<Record<ModelSlot, SampleDetailPayload>> = {};
    const errors: Partial<Record<ModelSlot, string>> = {};
    let noFace: string | null = null;
    for (const [slot, result] of details) {
      if (result.ok) loaded[slot] = result.value;
      else if (result.error.code === 'no-face') noFace = result.error.message; // not scored: said once, not as a failure
      else errors[slot] = result.error.message;
    }
    const layers = loaded.A?.layers.length ?? 0;
    set({
      original: image.ok ? image.value : null,
      details: loaded,
      noFace,
      detailErrors: image.ok ? errors : { ...errors, A: errors.A ?? image.error.message },
      inspectorStatus: loaded.A || (noFace !== null && image.ok) ? 'ready' : 'error',
      // The last MoE layer routes most distinctly; the first spreads mass almost evenly and shows nothing.
      layerIndex: get().layerChosen ? Math.min(get().layerIndex, Math.max(0, layers - 1)) : Math.max(0, layers - 1),
    });
    if (loaded.A) void get().loadProbes(sampleId);
    const evidence = await api().samples.evidence({ sampleId });
    if (get().inspectedId !== sampleId) return;
    set(evidence.ok ? { evidence: evidence.value, evidenceError: null } : { evidence: null, evidenceError: evidence.error.message });
  },
  scoreWholeImage: async () => {
    const id = get().inspectedId;
    if (id !== null) await get().inspect(id, { wholeImage: true });
  },
  setRouting: (patch) => set(patch.layerIndex === undefined ? patch : { ...patch, layerChosen: true }),
  setCompare: (compare) => {
    set({ compare });
    const id = get().inspectedId;
    if (id !== null) void get().inspect(id);
  },
});
