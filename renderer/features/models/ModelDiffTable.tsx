// The open models' sidecars in one table, the fields they differ on highlighted (common/model/sidecar-diff.ts);
// a switch hides the fields they share. Renderer feature component; data-testid model-diff is a stable hook.
import { useMemo, useState } from 'react';
import type { ModelInfo } from '../../../common/api';
import { sidecarDiff } from '../../../common/model/sidecar-diff';

export function ModelDiffTable({ models }: { models: readonly ModelInfo[] }) {
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const rows = useMemo(() => sidecarDiff(models.map((m) => m.sidecar)), [models]);
  if (models.length < 2) return null;
  const differing = rows.filter((row) => row.differs).length;
  const shown = onlyDifferences ? rows.filter((row) => row.differs) : rows;
  return (
    <section className="model-diff" aria-label="Models compared" data-testid="model-diff" data-differing={differing}>
      <h3>Models compared <span className="muted">· {differing} of {rows.length} sidecar fields differ</span></h3>
      <label className="check"><input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} /> only the differences</label>
      <table className="metrics-table">
        <thead><tr><th>field</th>{models.map((m) => <th key={m.slot}>{m.slot} · {m.name}</th>)}</tr></thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.field} className={row.differs ? 'differs' : undefined} data-testid="model-diff-row" data-field={row.field} data-differs={row.differs}>
              <th scope="row" className="mono">{row.field}</th>
              {row.values.map((value, k) => <td key={models[k]!.slot}>{value}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
