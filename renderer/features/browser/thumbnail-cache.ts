// Small LRU cache of sample thumbnails (data URLs) for the grid view and inspector; loads on demand.
// Renderer helper; requests go through the contract client.
import { api } from '../../bridge/client';

const MAX_ENTRIES = 400;
const cache = new Map<number, Promise<string | null>>();

export function sampleImageUrl(sampleId: number): Promise<string | null> {
  const hit = cache.get(sampleId);
  if (hit) {
    cache.delete(sampleId);
    cache.set(sampleId, hit); // refresh recency
    return hit;
  }
  const loading = api().samples.image({ sampleId }).then((r) => (r.ok ? `data:${r.value.mime};base64,${r.value.base64}` : null));
  cache.set(sampleId, loading);
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return loading;
}
