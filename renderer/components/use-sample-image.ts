// A sample's image for a thumbnail (grid view, inspector neighbours, map hover), loaded through the
// store's cached action; null until it arrives or when the host cannot read it. Renderer shared hook.
import { useEffect, useState } from 'react';
import { useWorkbench } from '../store';

export function useSampleImage(sampleId: number): string | null {
  const load = useWorkbench((s) => s.sampleImageUrl);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void load(sampleId).then((u) => { if (live) setUrl(u); });
    return () => { live = false; };
  }, [load, sampleId]);
  return url;
}
