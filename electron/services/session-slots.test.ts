// The session holds up to six models, one per slot A to F, each with its own inference worker: they are listed
// in slot order whatever order they were opened in, a closed slot leaves the others open, and the contract
// refuses a slot past F. Real ONNX models.
import { afterAll, describe, expect, it } from 'vitest';
import { firstFreeSlot, MODEL_SLOTS, modelContract } from '../../common/contract/model.js';
import { shippedModel } from '../../test/support/models.js';
import { WorkbenchSession } from './session.js';

const session = new WorkbenchSession();
afterAll(async () => { await session.dispose(); });

describe('model slots A to F', () => {
  it('names six slots and the first free one', () => {
    expect(MODEL_SLOTS).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(firstFreeSlot([])).toBe('A');
    expect(firstFreeSlot(['A', 'C'])).toBe('B');
    expect(firstFreeSlot(MODEL_SLOTS)).toBeNull();
  });

  it('lists open models in slot order and closes one slot alone', async () => {
    await session.openModel(shippedModel('softmoe-tiny'), 'C');
    await session.openModel(shippedModel(), 'A');
    await session.openModel(shippedModel('softmoe-tiny'), 'F');
    expect(session.models().map((m) => m.slot)).toEqual(['A', 'C', 'F']);
    expect(await session.closeModel('C')).toBe(true);
    expect(session.models().map((m) => [m.slot, m.name])).toEqual([['A', session.engines.get('A')!.sidecar.name], ['F', session.engines.get('F')!.sidecar.name]]);
    expect(await session.closeModel('C')).toBe(false);
  }, 120_000);

  it('refuses a slot the contract does not name', () => {
    expect(() => modelContract.open.validate({ path: '/m.onnx', slot: 'G' })).toThrow();
    expect(modelContract.open.validate({ path: '/m.onnx', slot: 'F' })).toEqual({ path: '/m.onnx', slot: 'F' });
  });
});
