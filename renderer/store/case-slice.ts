// Case slice: the case-file form (samples, title, examiner, evidence mode, output path), the last export,
// and verification / import of a case file. Renderer store slice; IPC happens in these actions.
import type { StateCreator } from 'zustand';
import type { CaseExportSummary, CaseImport, CaseVerification, EvidenceMode } from '../../common/api';
import type { CaseSource } from '../../common/contract/cases';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

export interface CaseForm {
  source: CaseSource;
  title: string;
  examiner: string;
  description: string;
  evidence: EvidenceMode;
  /** '' = the default, <workspace>/cases/<case id>.zip. */
  outPath: string;
}

export interface CaseSlice {
  caseForm: CaseForm;
  /** Samples ticked in the case view, exported when source is 'selection'. */
  caseSelection: number[];
  caseExporting: boolean;
  lastExport: CaseExportSummary | null;
  caseVerification: CaseVerification | null;
  caseImport: CaseImport | null;
  caseChecking: 'verify' | 'import' | null;
  setCaseForm: (patch: Partial<CaseForm>) => void;
  toggleCaseSelection: (sampleId: number) => void;
  exportCase: () => Promise<boolean>;
  verifyCase: (path: string) => Promise<void>;
  importCase: (path: string) => Promise<void>;
}

/** The case state that belongs to the open workspace: the whole form, the ticked samples, the last export and checks. */
export const caseWorkspaceState = (): Pick<CaseSlice, 'caseForm' | 'caseSelection' | 'caseExporting' | 'lastExport' | 'caseVerification' | 'caseImport' | 'caseChecking'> => ({
  caseForm: { source: 'annotated', title: '', examiner: '', description: '', evidence: 'embed', outPath: '' },
  caseSelection: [], caseExporting: false, lastExport: null, caseVerification: null, caseImport: null, caseChecking: null,
});

export const createCaseSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], CaseSlice> => (set, get) => ({
  ...caseWorkspaceState(),
  setCaseForm: (patch) => set({ caseForm: { ...get().caseForm, ...patch } }),
  toggleCaseSelection: (sampleId) => {
    const selection = get().caseSelection;
    set({ caseSelection: selection.includes(sampleId) ? selection.filter((id) => id !== sampleId) : [...selection, sampleId].sort((a, b) => a - b) });
  },
  exportCase: async () => {
    const { caseForm: form, threshold, thresholdProvenance: provenance, models, annotationAuthor, defaultAuthor } = get();
    const examiner = form.examiner.trim() || annotationAuthor.trim() || defaultAuthor;
    set({ caseExporting: true, lastExport: null });
    const here = sameWorkspace(get);
    const result = await api().cases.export({
      source: form.source,
      ...(form.source === 'selection' ? { sampleIds: get().caseSelection } : {}),
      title: form.title.trim() || 'Untitled case',
      examiner,
      description: form.description,
      evidence: form.evidence,
      operatingPoint: {
        threshold, criterion: provenance.criterion, at: provenance.at,
        ...(provenance.split ? { split: provenance.split } : {}), ...(provenance.dataHash ? { dataHash: provenance.dataHash } : {}),
      },
      ...(models.A ? { modelSha256: models.A.sha256 } : {}),
      ...(form.outPath.trim() ? { outPath: form.outPath.trim() } : {}),
      decideOutOfDomainByScore: get().evalDecideOutOfDomainByScore,
    });
    if (!here()) return false; // written from the workspace left since: its summary is not shown here
    set({ caseExporting: false });
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: result.error.message });
      return false;
    }
    set({ lastExport: result.value, caseVerification: null, caseImport: null });
    get().showNotice({ kind: 'info', text: `Case ${result.value.caseId} written to ${result.value.path}` });
    return true;
  },
  verifyCase: async (path) => {
    set({ caseChecking: 'verify', caseVerification: null, caseImport: null });
    const here = sameWorkspace(get);
    const result = await api().cases.verify({ path: path.trim() });
    if (!here()) return;
    set({ caseChecking: null });
    if (result.ok) set({ caseVerification: result.value });
    else get().showNotice({ kind: 'error', text: result.error.message });
  },
  importCase: async (path) => {
    set({ caseChecking: 'import', caseVerification: null, caseImport: null });
    const here = sameWorkspace(get);
    const result = await api().cases.import({ path: path.trim() });
    if (!here()) return;
    set({ caseChecking: null });
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    set({ caseImport: result.value, caseVerification: result.value.verification });
    if (result.value.folder) get().showNotice({ kind: 'info', text: `Case imported into ${result.value.folder}` });
  },
});
