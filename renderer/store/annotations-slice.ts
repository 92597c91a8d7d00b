// Annotations slice: the newest finding per sample, bookmarks, the inspected sample's history and the
// draft being written in the annotation panel. Renderer store slice; IPC happens in these actions.
import type { StateCreator } from 'zustand';
import type { Annotation, AnnotationStatus, Verdict } from '../../common/api';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

const AUTHOR_KEY = 'uad.annotationAuthor';

export interface AnnotationDraft {
  sampleId: number | null;
  verdict: Verdict | '';
  attackSpecies: string;
  /** Comma-separated, as typed. */
  tags: string;
  note: string;
  status: AnnotationStatus;
}

const EMPTY_DRAFT: AnnotationDraft = { sampleId: null, verdict: '', attackSpecies: '', tags: '', note: '', status: 'open' };

/** A new draft continues from the newest finding: the analyst changes what changed and saves. */
const draftFrom = (a: Annotation): AnnotationDraft => ({
  sampleId: a.sampleId, verdict: a.verdict, attackSpecies: a.attackSpecies, tags: a.tags.join(', '), note: a.note, status: a.status,
});

function storedAuthor(): string {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

export interface AnnotationsSlice {
  /** Newest annotation by sample id. */
  latestAnnotations: Record<number, Annotation>;
  bookmarks: number[];
  speciesOptions: string[];
  /** The examiner name typed by the analyst ('' = the workspace's default author). */
  annotationAuthor: string;
  defaultAuthor: string;
  annotationHistory: { sampleId: number; items: Annotation[] } | null;
  annotationDraft: AnnotationDraft;
  annotationSaving: boolean;
  loadAnnotations: () => Promise<void>;
  /** Starts a draft for a sample, prefilled from its newest finding, and loads its history. */
  openAnnotationDraft: (sampleId: number) => Promise<void>;
  setAnnotationDraft: (patch: Partial<Omit<AnnotationDraft, 'sampleId'>>) => void;
  setAnnotationAuthor: (name: string) => void;
  saveAnnotation: () => Promise<boolean>;
  toggleBookmark: (sampleId: number) => Promise<void>;
}

/** The findings state that belongs to the open workspace (the examiner's name typed stays: it is the analyst's). */
export const annotationsWorkspaceState = (): Pick<AnnotationsSlice, 'latestAnnotations' | 'bookmarks' | 'speciesOptions' | 'defaultAuthor' | 'annotationHistory' | 'annotationDraft' | 'annotationSaving'> => ({
  latestAnnotations: {}, bookmarks: [], speciesOptions: [], defaultAuthor: '', annotationHistory: null, annotationDraft: EMPTY_DRAFT, annotationSaving: false,
});

export const createAnnotationsSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], AnnotationsSlice> => (set, get) => ({
  ...annotationsWorkspaceState(),
  annotationAuthor: storedAuthor(),
  loadAnnotations: async () => {
    const here = sameWorkspace(get);
    const result = await api().annotations.list();
    if (!here()) return; // the findings of the workspace left since
    if (!result.ok) {
      if (result.error.code !== 'no-workspace') get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    const latest: Record<number, Annotation> = {};
    for (const a of result.value.latest) latest[a.sampleId] = a;
    set({ latestAnnotations: latest, bookmarks: result.value.bookmarks, speciesOptions: result.value.speciesOptions, defaultAuthor: result.value.defaultAuthor });
  },
  openAnnotationDraft: async (sampleId) => {
    const latest = get().latestAnnotations[sampleId];
    set({
      annotationDraft: latest ? draftFrom(latest) : { ...EMPTY_DRAFT, sampleId },
      annotationHistory: get().annotationHistory?.sampleId === sampleId ? get().annotationHistory : null,
    });
    const here = sameWorkspace(get);
    const result = await api().annotations.history({ sampleId });
    const draft = get().annotationDraft;
    if (!here() || draft.sampleId !== sampleId) return; // the analyst moved on
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    const newest = result.value.at(-1);
    const untouched = draft.verdict === '' && draft.note === '' && draft.tags === '';
    set({
      annotationHistory: { sampleId, items: result.value },
      ...(newest && untouched ? { annotationDraft: draftFrom(newest) } : {}),
    });
  },
  setAnnotationDraft: (patch) => set({ annotationDraft: { ...get().annotationDraft, ...patch } }),
  setAnnotationAuthor: (name) => {
    set({ annotationAuthor: name });
    try {
      localStorage.setItem(AUTHOR_KEY, name);
    } catch {
      // storage disabled: the name lasts for this session only
    }
  },
  saveAnnotation: async () => {
    const draft = get().annotationDraft;
    if (draft.sampleId === null || draft.verdict === '' || get().annotationSaving) return false;
    set({ annotationSaving: true });
    const here = sameWorkspace(get);
    const author = get().annotationAuthor.trim();
    const result = await api().annotations.add({
      sampleId: draft.sampleId, verdict: draft.verdict, status: draft.status, note: draft.note,
      tags: draft.tags.split(',').map((t) => t.trim()).filter(Boolean),
      ...(draft.verdict === 'attack' && draft.attackSpecies ? { attackSpecies: draft.attackSpecies } : {}),
      ...(author ? { author } : {}),
    });
    if (!here()) return false; // saved in the workspace left since: nothing of it is shown here
    set({ annotationSaving: false });
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: result.error.message });
      return false;
    }
    const saved = result.value;
    const history = get().annotationHistory;
    set({
      latestAnnotations: { ...get().latestAnnotations, [saved.sampleId]: saved },
      annotationHistory: { sampleId: saved.sampleId, items: [...(history?.sampleId === saved.sampleId ? history.items : []), saved] },
    });
    get().showNotice({ kind: 'info', text: `Saved finding #${saved.id} on sample ${saved.sampleId} (${saved.verdict}, ${saved.status}) as ${saved.author}` });
    return true;
  },
  toggleBookmark: async (sampleId) => {
    const here = sameWorkspace(get);
    const result = await api().annotations.bookmark({ sampleId, bookmarked: !get().bookmarks.includes(sampleId) });
    if (!here()) return;
    if (result.ok) set({ bookmarks: result.value });
    else get().showNotice({ kind: 'error', text: result.error.message });
  },
});
