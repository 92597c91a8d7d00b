// Recent paths kept by the host: newest first, no repeats, capped, saved in the user's data folder and
// read back by a new host (another browser-mode port, a restart); a broken file starts afresh.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECENT, RecentStore } from './recent-store.js';

describe('RecentStore', () => {
  it('keeps each kind newest first, without repeats, at most MAX_RECENT, and a new store reads them back', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'uad-recent-')), 'profile', 'recent.json');
    const store = new RecentStore(file);
    for (let k = 0; k < MAX_RECENT + 3; k++) store.remember('workspaces', `/ws/${k}`);
    store.remember('workspaces', '/ws/5');
    store.remember('models', ' /m/a.onnx ');
    store.remember('datasets', '');
    const expected = ['/ws/5', '/ws/10', '/ws/9', '/ws/8', '/ws/7', '/ws/6', '/ws/4', '/ws/3'];
    expect(store.list()).toEqual({ workspaces: expected, models: ['/m/a.onnx'], datasets: [] });
    expect(new RecentStore(file).list()).toEqual(store.list());
    expect(JSON.parse(readFileSync(file, 'utf8')).workspaces).toEqual(expected);
  });

  it('starts afresh from a missing, corrupt or foreign file, and keeps only strings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-recent-'));
    expect(new RecentStore(path.join(dir, 'none.json')).list()).toEqual({ workspaces: [], models: [], datasets: [] });
    writeFileSync(path.join(dir, 'bad.json'), '{"workspaces": [');
    expect(new RecentStore(path.join(dir, 'bad.json')).list()).toEqual({ workspaces: [], models: [], datasets: [] });
    writeFileSync(path.join(dir, 'odd.json'), JSON.stringify({ workspaces: ['/a', 3, null, ''], models: 'x' }));
    expect(new RecentStore(path.join(dir, 'odd.json')).list()).toEqual({ workspaces: ['/a'], models: [], datasets: [] });
    const memory = new RecentStore(null);
    memory.remember('models', '/m');
    expect(memory.list().models).toEqual(['/m']);
  });
});
