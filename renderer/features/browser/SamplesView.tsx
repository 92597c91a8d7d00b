// The Samples tab: filters, the embedding map (when open), the virtualised browser and the inspector side by side.
// Renderer feature component.
import { useWorkbench } from '../../store';
import { CheckPanel } from '../check/CheckPanel';
import { Inspector } from '../inspector/Inspector';
import { EmbeddingMap } from '../map/EmbeddingMap';
import { DisagreementFilter } from './DisagreementFilter';
import { FilterBar } from './FilterBar';
import { ReadingStatus } from './ReadingStatus';
import { SampleBrowser } from './SampleBrowser';
import { SelectionBar } from './SelectionBar';
import { Welcome } from '../project/Welcome';

export function SamplesView() {
  const inspect = useWorkbench((s) => s.inspect);
  const mapOpen = useWorkbench((s) => s.mapOpen);
  const openSelected = () => {
    const state = useWorkbench.getState();
    const id = state.selectedSampleId;
    if (id === null) return;
    if ((state.browserPage?.total ?? 0) > 0 && state.models.A) void inspect(id);
    else state.showNotice({ kind: 'info', text: 'Open a workspace and a model, and score the dataset, to inspect routing.' });
  };
  return (
    <div className="samples-view">
      <Welcome />
      <CheckPanel />
      <FilterBar />
      <DisagreementFilter />
      {mapOpen && <EmbeddingMap />}
      {/* Below the map, so a selection made on it does not move it under the pointer. */}
      <SelectionBar />
      <ReadingStatus />
      <div className="samples-split">
        <SampleBrowser onInspect={openSelected} />
        <Inspector />
      </div>
    </div>
  );
}
