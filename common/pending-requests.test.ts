// PendingRequests: ids in order, replies settle the matching request only, a failing send rejects,
// and a dead port fails everything that waits (nothing hangs).
import { describe, expect, it } from 'vitest';
import { PendingRequests } from './pending-requests';

describe('PendingRequests', () => {
  it('numbers requests from the first id and settles each by its own reply', async () => {
    const pending = new PendingRequests<string>(0);
    const sent: number[] = [];
    const a = pending.open((id) => sent.push(id));
    const b = pending.open((id) => sent.push(id));
    expect(sent).toEqual([0, 1]);
    expect(pending.nextId).toBe(2);
    pending.take(1)!.resolve('second');
    pending.take(0)!.resolve('first');
    await expect(a).resolves.toBe('first');
    await expect(b).resolves.toBe('second');
    expect(pending.size).toBe(0);
  });

  it('a reply for an unknown or already settled id finds nothing', () => {
    const pending = new PendingRequests<number>();
    void pending.open(() => undefined);
    expect(pending.take(1)).toBeDefined();
    expect(pending.take(1)).toBeUndefined();
    expect(pending.take(42)).toBeUndefined();
  });

  it('a send that throws rejects its request and leaves nothing waiting', async () => {
    const pending = new PendingRequests<number>();
    await expect(pending.open(() => { throw new Error('port closed'); })).rejects.toThrow('port closed');
    expect(pending.size).toBe(0);
  });

  it('rejectAll fails every waiting request; takeAll hands them over with their context', async () => {
    const pending = new PendingRequests<number>();
    const waits = [pending.open(() => undefined), pending.open(() => undefined)];
    pending.rejectAll(new Error('worker exited'));
    for (const wait of waits) await expect(wait).rejects.toThrow('worker exited');

    const withContext = new PendingRequests<number, string[]>();
    const first = withContext.open(() => undefined, ['a.jpg']);
    const second = withContext.open(() => undefined, ['b.jpg', 'c.jpg']);
    const taken = withContext.takeAll();
    expect(taken.map((w) => [w.id, w.context])).toEqual([[1, ['a.jpg']], [2, ['b.jpg', 'c.jpg']]]);
    for (const waiter of taken) waiter.resolve(Promise.resolve(waiter.context.length));
    await expect(Promise.all([first, second])).resolves.toEqual([1, 2]);
    expect(withContext.size).toBe(0);
  });
});
