// Annotations slice: the newest finding per sample, bookmarks, the inspected sample's history, the
// draft being written in the annotation panel, bulk tags on the selection and the auto-advance setting.
// Renderer store slice; IPC happens in these actions.
import type { StateCreator } from 'zustand';
import type { Annotation, AnnotationStatus, Verdict } from '../../common/api';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

const AUTHOR_KEY = 'uad.annotationAuthor';
const AUTO_ADVANCE_KEY = 'uad.autoAdvance';

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

function stored(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: the setting lasts for this session only
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
  /** After a finding is saved, move on to the next sample of the browser (a setting, kept across launches). */
  autoAdvance: boolean;
  setAutoAdvance: (on: boolean) => void;
  /** Adds tags (and a verdict when given) to every selected sample in one custody-logged action. */
  tagSelected: (tags: string[], verdict?: Verdict) => Promise<boolean>;
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
  annotationAuthor: stored(AUTHOR_KEY),
  autoAdvance: stored(AUTO_ADVANCE_KEY) === 'on',
  setAutoAdvance: (on) => {
    set({ autoAdvance: on });
    store(AUTO_ADVANCE_KEY, on ? 'on' : 'off');
  },
  tagSelected: async (tags, verdict) => {
    const sampleIds = get().selectedIds;
    const clean = tags.map((t) => t.trim()).filter(Boolean);
    if (sampleIds.length === 0 || (clean.length === 0 && verdict === undefined)) return false;
    const author = get().annotationAuthor.trim();
    const here = sameWorkspace(get);
    const result = await api().annotations.tag({ sampleIds, tags: clean, ...(verdict ? { verdict } : {}), ...(author ? { author } : {}) });
    if (!here()) return false; // tagged in the workspace left since: nothing of it is shown on this one
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: result.error.message });
      return false;
    }
    const latest = { ...get().latestAnnotations };
    for (const a of result.value) latest[a.sampleId] = a;
    const history = get().annotationHistory;
    const inspected = history ? result.value.find((a) => a.sampleId === history.sampleId) : undefined;
    // A draft open on a tagged sample continues from what was just saved, so saving it keeps the new tags.
    const draft = get().annotationDraft;
    const drafted = result.value.find((a) => a.sampleId === draft.sampleId);
    set({
      latestAnnotations: latest,
      ...(history && inspected ? { annotationHistory: { sampleId: history.sampleId, items: [...history.items, inspected] } } : {}),
      ...(drafted ? { annotationDraft: { ...draft, tags: drafted.tags.join(', '), ...(verdict ? { verdict: drafted.verdict, attackSpecies: drafted.attackSpecies, status: drafted.status } : {}) } } : {}),
    });
    const what = [clean.length > 0 ? `tagged ${clean.join(', ')}` : '', verdict ? `verdict ${verdict}` : ''].filter(Boolean).join(', ');
    get().showNotice({ kind: 'info', text: `${result.value.length} sample${result.value.length === 1 ? '' : 's'} ${what} (one custody entry)` });
    return true;
  },
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
    store(AUTHOR_KEY, name);
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
