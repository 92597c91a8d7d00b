// Every desktop menu command has an effect in the page: the field, tab or overlay it names.
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../../common/contract/app';
import { runMenuCommand } from './menu-commands';

describe('runMenuCommand', () => {
  it('maps each command to its field, tab or overlay', () => {
    const effects: Record<string, string[]> = {};
    for (const command of MENU_COMMANDS) {
      const done: string[] = (effects[command] = []);
      runMenuCommand(command, { setTab: (t) => done.push(`tab:${t}`), setHelpOpen: (o) => done.push(`help:${o}`), closeWorkspace: () => done.push('close-workspace'), focus: (id) => done.push(`focus:${id}`) });
    }
    expect(effects).toEqual({
      'open-workspace': ['focus:workspace-path'],
      'close-workspace': ['close-workspace'],
      'open-model': ['focus:model-path'],
      'open-dataset': ['focus:dataset-path'],
      'export-case': ['tab:case', 'focus:case-export-form'],
      find: ['tab:samples', 'focus:filter-search'],
      shortcuts: ['help:true'],
    });
  });
});
