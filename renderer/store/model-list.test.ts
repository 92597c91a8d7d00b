// The open models' list (slots A to F): a model file added goes into the first free slot, a seventh is refused
// with the reason and never reaches the host, closing one leaves the others in their slots, and each row's τ
// says the criterion and data it was chosen on.
import { describe, expect, it } from 'vitest';
import type { UadApi } from '../../common/api';
import type { ModelInfo, ModelSlot } from '../../common/contract/model';
import type { SavedThreshold } from '../../common/contract/thresholds';
import { demoTable, emptyStore, fakeApi } from '../../test/support/workbench-store';
import { slotThresholdChosenOn, slotThresholdValue } from './slot-threshold';
import { listedSlots } from './model-slots';

/** The contract's model namespace over an in-memory table of slots; records what the host was asked. */
function modelApi() {
  const open = new Map<ModelSlot, ModelInfo>();
  const asked: string[] = [];
  const base = fakeApi(demoTable()).api;
  const api = {
    ...base,
    app: { ...base.app, recent: async () => ({ ok: true, value: { workspaces: [], models: [], datasets: [] } }) },
    model: {
      open: async ({ path, slot }: { path: string; slot: ModelSlot }) => {
        asked.push(`open ${slot} ${path}`);
        const info = { slot, name: path.replace(/\.onnx$/, ''), sha256: `${path}-sha`, onnxPath: path } as ModelInfo;
        open.set(slot, info);
        return { ok: true, value: info };
      },
      close: async ({ slot }: { slot: ModelSlot }) => {
        asked.push(`close ${slot}`);
        return { ok: true, value: open.delete(slot) };
      },
      list: async () => ({ ok: true, value: [...open.values()] }),
    },
  } as unknown as UadApi;
  return { api, asked };
}

describe('model list', () => {
  it('adds each model in the first free slot, refuses a seventh, and closes one slot alone', async () => {
    const { api, asked } = modelApi();
    const store = emptyStore(api);
    for (const name of ['m1', 'm2', 'm3']) expect(await store.getState().addModel(`${name}.onnx`)).toBe(true);
    expect(listedSlots(store.getState())).toEqual(['A', 'B', 'C']);
    expect(store.getState().models.C?.name).toBe('m3');

    await store.getState().closeModel('B');
    expect(listedSlots(store.getState())).toEqual(['A', 'C']);
    expect(await store.getState().addModel('m4.onnx')).toBe(true);
    expect(store.getState().models.B?.name).toBe('m4');

    for (const name of ['m5', 'm6', 'm7']) expect(await store.getState().addModel(`${name}.onnx`)).toBe(true);
    expect(listedSlots(store.getState())).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    const before = asked.length;
    expect(await store.getState().addModel('m8.onnx')).toBe(false);
    expect(asked.length).toBe(before);
    expect(store.getState().notice?.text).toContain('close one to add another');
    expect(asked).toEqual(['open A m1.onnx', 'open B m2.onnx', 'open C m3.onnx', 'close B', 'open B m4.onnx', 'open D m5.onnx', 'open E m6.onnx', 'open F m7.onnx']);
  });

  it('says what each slot`s τ was chosen on', () => {
    const { api } = modelApi();
    const store = emptyStore(api);
    store.setState({
      models: { A: { sha256: 'a', name: 'a' } as ModelInfo, C: { sha256: 'c', name: 'c' } as ModelInfo, D: { sha256: 'd', name: 'd' } as ModelInfo },
      threshold: 0.42, thresholdProvenance: { criterion: 'eer', split: 'dev', at: '' },
      savedThresholds: [{ id: 7, modelSha256: 'c', value: 0.61, criterion: 'bpcer20', split: 'dev' } as SavedThreshold],
    });
    const s = store.getState();
    expect([slotThresholdValue(s, 'A'), slotThresholdChosenOn(s, 'A')]).toEqual([0.42, 'eer on dev']);
    expect([slotThresholdValue(s, 'C'), slotThresholdChosenOn(s, 'C')]).toEqual([0.61, 'bpcer20 on dev (saved #7)']);
    expect([slotThresholdValue(s, 'D'), slotThresholdChosenOn(s, 'D')]).toEqual([null, 'no τ yet']);
  });
});
