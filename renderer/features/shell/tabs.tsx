// The workbench's tabs: one entry per feature area. Renderer; each feature owns its component.
import type { ComponentType } from 'react';
import type { TabId } from '../../store/ui-slice';
import { AnalyticsView } from '../analytics/AnalyticsView';
import { SamplesView } from '../browser/SamplesView';
import { CaseView } from '../case/CaseView';
import { EvaluationView } from '../evaluation/EvaluationView';
import { ModelsView } from '../models/ModelsView';

export interface TabSpec {
  id: TabId;
  label: string;
  component: ComponentType;
}

export const TABS: TabSpec[] = [
  { id: 'samples', label: 'Samples', component: SamplesView },
  { id: 'evaluation', label: 'Evaluation', component: EvaluationView },
  { id: 'analytics', label: 'Expert analytics', component: AnalyticsView },
  { id: 'models', label: 'Models', component: ModelsView },
  { id: 'case', label: 'Case file', component: CaseView },
];
