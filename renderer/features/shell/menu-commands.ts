// What each desktop menu command (common/contract/app.ts MENU_COMMANDS) does in the page: focus the path
// field it names, close the workspace, open the case tab, the search box or the shortcuts. Renderer; DOM lookups by test id.
import type { MenuCommand } from '../../../common/contract/app';
import type { TabId } from '../../store/ui-slice';

export interface MenuTargets {
  setTab: (tab: TabId) => void;
  setHelpOpen: (open: boolean) => void;
  /** Closes the open workspace (the store's closeWorkspace). */
  closeWorkspace: () => void;
  /** Focuses (and selects) the element with this data-testid once it is in the page. */
  focus: (testId: string) => void;
}

export function runMenuCommand(command: MenuCommand, targets: MenuTargets): void {
  switch (command) {
    case 'open-workspace': targets.focus('workspace-path'); break;
    case 'close-workspace': targets.closeWorkspace(); break;
    case 'open-model': targets.focus('model-path'); break;
    case 'open-dataset': targets.focus('dataset-path'); break;
    case 'export-case': targets.setTab('case'); targets.focus('case-export-form'); break;
    case 'find': targets.setTab('samples'); targets.focus('filter-search'); break;
    case 'shortcuts': targets.setHelpOpen(true); break;
  }
}

/** Focus by test id after React has rendered the tab switch. */
export function focusTestId(testId: string): void {
  requestAnimationFrame(() => {
    const element = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const field = element?.matches('input, select, textarea, button') ? element : element?.querySelector<HTMLElement>('input, select, textarea, button');
    field?.focus();
    if (field instanceof HTMLInputElement) field.select();
  });
}
