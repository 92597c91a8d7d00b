// The open models in slot order (slots A to F): the list the project bar shows, and every model a run could score.
// Renderer store (pure selector).
import { MODEL_SLOTS, type ModelInfo, type ModelSlot } from '../../common/contract/model';

export const listedSlots = (s: { models: Partial<Record<ModelSlot, ModelInfo>> }): ModelSlot[] => MODEL_SLOTS.filter((slot) => s.models[slot] !== undefined);
