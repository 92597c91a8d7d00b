// workspace.close: the open workspace is closed (its database file released, later calls say to open one),
// a second close says none was open, and a close during a scoring run is refused with the workspace kept.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchSession } from './session.js';
import { workspaceHandlers } from './workspace-handlers.js';

const ctx = { transport: 'http' as const };
let session: WorkbenchSession;
afterEach(async () => { await session.dispose(); });

describe('workspace.close', () => {
  it('closes the open workspace; then nothing is open and a second close says so', async () => {
    session = new WorkbenchSession();
    const handlers = workspaceHandlers(session);
    const opened = await handlers.open({ path: mkdtempSync(path.join(tmpdir(), 'uad-close-ws-')) }, ctx);
    expect(opened.ok).toBe(true);
    expect(await handlers.close(undefined, ctx)).toEqual({ ok: true, value: true });
    expect(session.workspace).toBeNull();
    expect(await handlers.summary(undefined, ctx)).toEqual({ ok: true, value: null });
    expect(() => session.requireWorkspace()).toThrow('Open a workspace first');
    expect(await handlers.close(undefined, ctx)).toEqual({ ok: true, value: false });
  });

  it('is refused while a scoring run writes into the workspace, which stays open', async () => {
    session = new WorkbenchSession();
    const handlers = workspaceHandlers(session);
    await handlers.open({ path: mkdtempSync(path.join(tmpdir(), 'uad-close-busy-')) }, ctx);
    session.activeRun = { runId: 1, controller: new AbortController(), done: Promise.resolve() };
    const refused = await handlers.close(undefined, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(session.workspace).not.toBeNull();
    session.activeRun = null;
  });
});
