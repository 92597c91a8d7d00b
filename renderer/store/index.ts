// The workbench's one zustand store, composed of typed slices (app, dataset, …).
// Renderer; components read it through narrow selectors.
import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';

export type WorkbenchState = AppSlice & DatasetSlice;

export const useWorkbench = create<WorkbenchState>()((...args) => ({
  ...createAppSlice(...args),
  ...createDatasetSlice(...args),
}));
