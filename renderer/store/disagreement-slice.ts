// Disagreement slice: the sample browser's filter "A and B disagree" / "only A wrong" / "only B wrong" / "both
// wrong" (common/samples/sample-query.ts), with model B's scores of the workspace's samples, B decided at its own
// τ (slot-threshold.ts). Renderer store slice; the host request happens in its action.
import type { StateCreator } from 'zustand';
import { decodeSampleTable } from '../../common/contract/sample-table-codec';
import type { Disagreement } from '../../common/samples/sample-query';
import type { WorkbenchState } from './create-store';
import { slotThresholdSays, slotThresholdValue } from './slot-threshold';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

/** Model B's score and domain check per sample id. */
export interface SecondModelScores {
  sha256: string;
  byId: ReadonlyMap<number, { score: number | null; inDomain: number | null }>;
}

export interface DisagreementSlice {
  /** The disagreement shown, or null for none. */
  disagreement: Disagreement | null;
  disagreementScores: SecondModelScores | null;
  /** Turns the filter on (loading model B's scores once) or off; refused, with the reason, when B cannot be decided. */
  setDisagreement: (kind: Disagreement | null) => Promise<void>;
}

export const disagreementWorkspaceState = (): Pick<DisagreementSlice, 'disagreement' | 'disagreementScores'> => ({ disagreement: null, disagreementScores: null });

export const createDisagreementSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], DisagreementSlice> => (set, get) => ({
  ...disagreementWorkspaceState(),
  setDisagreement: async (kind) => {
    if (kind === null) {
      set({ disagreement: null });
      return;
    }
    const b = get().models.B;
    if (!b) {
      get().showNotice({ kind: 'error', text: 'Open a second model in slot B (Models tab) to compare decisions.' });
      return;
    }
    if (slotThresholdValue(get(), 'B') === null) {
      get().showNotice({ kind: 'error', text: `Cannot decide model B: ${slotThresholdSays(get(), 'B')}.` });
      return;
    }
    if (get().disagreementScores?.sha256 !== b.sha256) {
      const here = sameWorkspace(get);
      const result = await api().samples.list({ modelSha256: b.sha256 });
      if (!here()) return;
      if (!result.ok) {
        get().showNotice({ kind: 'error', text: `Model B's scores cannot be read: ${result.error.message}` });
        return;
      }
      const table = decodeSampleTable(result.value);
      const byId = new Map(table.id.map((id, i) => [id, { score: table.score[i] ?? null, inDomain: table.inDomain?.[i] ?? null }] as const));
      set({ disagreementScores: { sha256: b.sha256, byId } });
    }
    set({ disagreement: kind });
  },
});
