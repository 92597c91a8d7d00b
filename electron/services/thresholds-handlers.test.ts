// The `thresholds` handlers over a real SQLite workspace: save with provenance, custody entry in the
// same transaction, listing per model, and the rejections of malformed input.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../common/api.js';
import { PayloadError } from '../../common/validate.js';
import { thresholdsHandlers } from './thresholds-handlers.js';
import { WorkbenchSession } from './session.js';
import { custodyEntries } from '../workspace/custody.js';
import { listThresholds } from '../workspace/thresholds.js';

const MODEL = 'ab'.repeat(32);
const HASH = 'cd'.repeat(32);
const ctx = { transport: 'http' as const };

let session: WorkbenchSession;
beforeEach(() => {
  session = new WorkbenchSession();
  session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-thr-')));
});
afterEach(async () => { await session.dispose(); });

const input = (patch: Record<string, unknown> = {}) => ({
  modelSha256: MODEL, value: 0.4375, criterion: 'bpcer100', split: 'dev', dataHash: HASH,
  provenance: JSON.stringify({ criterion: 'bpcer100', split: 'dev', dataHash: HASH, at: '2025-01-01T00:00:00.000Z', achievedOnSource: { bpcer: 0.1 } }),
  ...patch,
});

describe('thresholds.save', () => {
  it('stores the value with its provenance and appends one custody "threshold" entry', async () => {
    const handlers = thresholdsHandlers(session);
    const before = session.summary()!.custody.entries;
    const saved = await handlers.save(input(), ctx);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value).toMatchObject({ modelSha256: MODEL, value: 0.4375, criterion: 'bpcer100', split: 'dev', dataHash: HASH });
    expect(saved.value.provenance).toMatchObject({ criterion: 'bpcer100', achievedOnSource: { bpcer: 0.1 } });
    expect(Number.isNaN(Date.parse(saved.value.createdAt))).toBe(false);

    const summary = session.summary()!;
    expect(summary.custody).toEqual({ ok: true, entries: before + 1 });
    const entry = custodyEntries(session.workspace!).at(-1)!;
    expect(entry.action).toBe('threshold');
    expect(JSON.parse(entry.detail)).toEqual({ threshold: saved.value.id, model: MODEL, value: 0.4375, criterion: 'bpcer100', split: 'dev', dataHash: HASH });
  });

  it('accepts a threshold of an external scores file (no model)', async () => {
    const saved = await thresholdsHandlers(session).save(input({ modelSha256: undefined, split: 'scores.csv' }), ctx);
    expect(saved.ok && saved.value.modelSha256).toBe(null);
  });

  it('rejects a malformed hash, an empty criterion and provenance that is not a JSON object, writing nothing', async () => {
    const handlers = thresholdsHandlers(session);
    const entries = session.summary()!.custody.entries;
    for (const bad of [{ dataHash: 'xyz' }, { modelSha256: 'not-a-hash' }, { criterion: '  ' }, { provenance: '[1,2]' }, { provenance: '{oops' }]) {
      const result = await handlers.save(input(bad), ctx);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-argument');
    }
    expect(listThresholds(session.workspace!)).toHaveLength(0);
    expect(session.summary()!.custody.entries).toBe(entries);
  });

  it('the contract validator rejects non-finite values and unknown fields before the handler runs', () => {
    expect(() => contract.thresholds.save.validate(input({ value: Number.NaN }))).toThrow(PayloadError);
    expect(() => contract.thresholds.save.validate(input({ extra: 1 }))).toThrow(PayloadError);
    expect(contract.thresholds.save.validate(input())).toMatchObject({ value: 0.4375 });
  });

  it('fails as data when no workspace is open', async () => {
    const bare = new WorkbenchSession();
    const result = await thresholdsHandlers(bare).save(input(), ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'no-workspace' } });
  });
});

describe('thresholds.list', () => {
  it('lists newest first, optionally for one model', async () => {
    const handlers = thresholdsHandlers(session);
    await handlers.save(input({ value: 0.1 }), ctx);
    await handlers.save(input({ value: 0.2, modelSha256: 'ef'.repeat(32) }), ctx);
    await handlers.save(input({ value: 0.3 }), ctx);
    const all = await handlers.list({}, ctx);
    expect(all.ok && all.value.map((t) => t.value)).toEqual([0.3, 0.2, 0.1]);
    const mine = await handlers.list({ modelSha256: MODEL.toUpperCase() }, ctx);
    expect(mine.ok && mine.value.map((t) => t.value)).toEqual([0.3, 0.1]);
  });
});
