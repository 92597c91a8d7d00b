// Inspector slice: the selected sample's routing detail under model A (and B when comparing), and the
// view controls (layer, mode, expert, slot, opacity, colour range, grid lines). Renderer store slice.
import type { StateCreator } from 'zustand';
import type { ModelSlot, SampleDetailPayload, SampleImage } from '../../common/api';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';

export type RoutingMode = 'argmax' | 'expert-mass' | 'dispatch';

export interface InspectorSlice {
  inspectedId: number | null;
  details: Partial<Record<ModelSlot, SampleDetailPayload>>;
  detailErrors: Partial<Record<ModelSlot, string>>;
  original: SampleImage | null;
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
  inspect: (sampleId: number) => Promise<void>;
  setRouting: (patch: Partial<Pick<InspectorSlice, 'layerIndex' | 'routingMode' | 'expert' | 'slot' | 'opacity' | 'rangeMode' | 'gridLines'>>) => void;
  setCompare: (compare: boolean) => void;
}

export const createInspectorSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], InspectorSlice> => (set, get) => ({
  inspectedId: null,
  details: {},
  detailErrors: {},
  original: null,
  inspectorStatus: 'idle',
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
  inspect: async (sampleId) => {
    set({ inspectedId: sampleId, inspectorStatus: 'loading', details: {}, detailErrors: {}, original: null });
    const slots: ModelSlot[] = get().compare && get().models.B ? ['A', 'B'] : ['A'];
    const [image, ...details] = await Promise.all([
      api().samples.image({ sampleId }),
      ...slots.filter((slot) => get().models[slot]).map(async (slot) => [slot, await api().samples.detail({ sampleId, slot })] as const),
    ]);
    if (get().inspectedId !== sampleId) return; // the analyst moved on while this loaded
    const loaded: Partial<Record<ModelSlot, SampleDetailPayload>> = {};
    const errors: Partial<Record<ModelSlot, string>> = {};
    for (const [slot, result] of details) {
      if (result.ok) loaded[slot] = result.value;
      else errors[slot] = result.error.message;
    }
    const layers = loaded.A?.layers.length ?? 0;
    set({
      original: image.ok ? image.value : null,
      details: loaded,
      detailErrors: image.ok ? errors : { ...errors, A: errors.A ?? image.error.message },
      inspectorStatus: loaded.A ? 'ready' : 'error',
      // The last MoE layer routes most distinctly; the first spreads mass almost evenly and shows nothing.
      layerIndex: get().layerChosen ? Math.min(get().layerIndex, Math.max(0, layers - 1)) : Math.max(0, layers - 1),
    });
    if (loaded.A) void get().loadProbes(sampleId);
  },
  setRouting: (patch) => set(patch.layerIndex === undefined ? patch : { ...patch, layerChosen: true }),
  setCompare: (compare) => {
    set({ compare });
    const id = get().inspectedId;
    if (id !== null) void get().inspect(id);
  },
});
