// Thresholds saved in the workspace with their provenance; any can be applied again. Also the
// metrics downloads (CSV, JSON). Renderer feature component.
import { useWorkbench } from '../../store';
import { primarySource } from '../../store/evaluation-selectors';
import { csvText } from '../../../common/csv/write';
import { downloadBlob } from '../../lib/download';
import { fileStem } from './download';
import { CRITERION_LABELS } from '../../components/format';
import { formatThreshold } from '../../../common/format/figures';
import { metricsCsvRows } from './metrics-export';

export function MetricsExport() {
  const report = useWorkbench((s) => s.metricsReport);
  const notify = useWorkbench((s) => s.showNotice);
  const stem = useWorkbench((s) => fileStem(`metrics-${primarySource(s)?.name ?? ''}-${s.evalSplit}`));
  const ready = useWorkbench((s) => s.evalQuery !== null);
  const save = async (format: 'csv' | 'json') => {
    try {
      const json = await report();
      if (!json) return;
      const blob = format === 'json'
        ? new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' })
        : new Blob([csvText(metricsCsvRows(json))], { type: 'text/csv' });
      downloadBlob(blob, `${stem}.${format}`);
    } catch (error) {
      notify({ kind: 'error', text: `Export failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return (
    <span className="metrics-export">
      <span className="muted">Metrics</span>
      <button type="button" data-testid="export-metrics-csv" disabled={!ready} onClick={() => void save('csv')}>CSV</button>
      <button type="button" data-testid="export-metrics-json" disabled={!ready} onClick={() => void save('json')}>JSON</button>
    </span>
  );
}

export function SavedThresholds() {
  const saved = useWorkbench((s) => s.savedThresholds);
  const apply = useWorkbench((s) => s.applySavedThreshold);
  const current = useWorkbench((s) => s.threshold);
  if (saved.length === 0) return null;
  return (
    <section className="saved-thresholds" aria-label="Saved thresholds">
      <h3>Saved thresholds <span className="muted">(workspace, custody-logged)</span></h3>
      <table data-testid="saved-thresholds">
        <thead><tr><th>#</th><th>τ</th><th>criterion</th><th>chosen on</th><th>data SHA-256</th><th>model</th><th>saved</th><th /></tr></thead>
        <tbody>
          {saved.slice(0, 12).map((t) => (
            <tr key={t.id} data-testid="saved-threshold" className={t.value === current ? 'current' : ''}>
              <td className="num">{t.id}</td>
              <td className="num mono" title={String(t.value)}>{formatThreshold(t.value)}</td>
              <td>{CRITERION_LABELS[t.criterion] ?? t.criterion}</td>
              <td>{t.split}</td>
              <td className="mono" title={t.dataHash}>{t.dataHash.slice(0, 12)}…</td>
              <td className="mono" title={t.modelSha256 ?? 'external file'}>{t.modelSha256?.slice(0, 8) ?? 'file'}</td>
              <td className="muted">{new Date(t.createdAt).toLocaleString()}</td>
              <td><button type="button" onClick={() => apply(t)}>Use</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
