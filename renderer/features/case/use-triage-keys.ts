// Triage keys for the annotation panel: b / a / i set the verdict, m toggles the bookmark, Ctrl+Enter
// (⌘+Enter) saves (and moves on when auto-advance is on). Letters act only when no field has focus, so typing a note never changes a verdict.
// Renderer hook; listed in the help overlay (HelpOverlay SHORTCUTS).
import { useEffect } from 'react';
import type { Verdict } from '../../../common/contract/annotations';
import { useWorkbench } from '../../store';
import { saveFinding } from './save-finding';

const VERDICT_KEYS: Record<string, Verdict> = { b: 'bona-fide', a: 'attack', i: 'inconclusive' };

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'SELECT' || element.tagName === 'TEXTAREA' || element.isContentEditable);
}

export function useTriageKeys(sampleId: number): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const s = useWorkbench.getState();
      if (s.helpOpen || s.annotationDraft.sampleId !== sampleId) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        if (isTyping(event.target)) return; // inside the panel its own handler saved; elsewhere a field is not the panel's
        event.preventDefault();
        event.stopPropagation(); // the sample browser would take Enter as "inspect again"
        void saveFinding();
        return;
      }
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const verdict = VERDICT_KEYS[event.key];
      if (verdict) { s.setAnnotationDraft({ verdict }); event.preventDefault(); }
      else if (event.key === 'm') { void s.toggleBookmark(sampleId); event.preventDefault(); }
    };
    // Capture phase: runs before the focused widget's own handlers, so Ctrl+Enter means "save" everywhere.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [sampleId]);
}
