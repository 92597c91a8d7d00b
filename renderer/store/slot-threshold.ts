// Each model slot's own operating point for the views that decide a sample under it (inspector A|B, the project
// bar's model list): model A at the analyst's τ; any other slot at its newest saved threshold, else at the τ the
// evaluation's comparison row chose on its own data; never at A's τ (ARCHITECTURE.md §11). Renderer store (pure
// selectors returning primitives).
import type { ModelSlot } from '../../common/api';
import type { WorkbenchState } from './create-store';
import { newestSavedThreshold, savedThresholdSays } from './evaluation-selectors';

type SlotView = Pick<WorkbenchState, 'models' | 'threshold' | 'thresholdProvenance' | 'savedThresholds' | 'evalQuery' | 'evalSources'>;

interface SlotThreshold {
  value: number | null;
  says: string;
  /** The criterion and data it was chosen on, in a few words ("eer on dev"); "no τ yet" when none. */
  chosenOn: string;
}

function slotThreshold(s: SlotView, slot: ModelSlot): SlotThreshold {
  if (slot === 'A') {
    const { criterion, split } = s.thresholdProvenance;
    return { value: s.threshold, says: `the operating point (${criterion})`, chosenOn: split ? `${criterion} on ${split}` : criterion };
  }
  const sha = s.models[slot]?.sha256;
  if (!sha) return { value: null, says: `no model ${slot}`, chosenOn: 'no model' };
  const saved = newestSavedThreshold(s.savedThresholds, sha);
  if (saved) return { value: saved.value, says: savedThresholdSays(saved), chosenOn: `${saved.criterion} on ${saved.split} (saved #${saved.id})` };
  const source = s.evalSources.find((x) => x.modelSha256 === sha);
  const row = source ? s.evalQuery?.comparison.find((r) => r.sourceId === source.id && r.error === null) : undefined;
  if (row && Number.isFinite(row.threshold)) return { value: row.threshold, says: row.thresholdSays, chosenOn: row.thresholdSays };
  return { value: null, says: `model ${slot} has no τ of its own yet: save one for it, or add it to the evaluation as a run`, chosenOn: 'no τ yet' };
}

/** The τ a slot's decisions are made at, or null when the slot has none of its own. */
export const slotThresholdValue = (s: SlotView, slot: ModelSlot): number | null => slotThreshold(s, slot).value;
/** Which τ that is, in words. */
export const slotThresholdSays = (s: SlotView, slot: ModelSlot): string => slotThreshold(s, slot).says;
/** The criterion and data the slot's τ was chosen on, short enough for a list row. */
export const slotThresholdChosenOn = (s: SlotView, slot: ModelSlot): string => slotThreshold(s, slot).chosenOn;
