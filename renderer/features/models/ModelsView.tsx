// The Models tab: identity of every open model, slots A to F (name, SHA-256, opset, provider in use and every
// provider tried, MoE configuration, training data and metrics from the sidecar); A and B, the two compared,
// keep a field each. Renderer feature component.
import type { ModelInfo, ModelSlot } from '../../../common/api';
import { useWorkbench } from '../../store';
import { PathField } from '../../components/PathField';
import { ModelCurves } from './ModelCurves';
import { ModelDiffTable } from './ModelDiffTable';
import { formatBytes, formatRate, formatStatistic } from '../../../common/format/figures';
import { listedSlots } from '../../store/model-slots';

/** Sidecar metric keys (as models/lasoftmoe/onnx_export.py writes them) and their column labels. */
const SIDECAR_METRICS: [string, string][] = [
  ['acer', 'ACER'], ['auc', 'AUC'], ['eer', 'EER'], ['acc', 'ACC'],
  ['apcer_pooled', 'APCER pooled'], ['apcer_max', 'APCER max'], ['bpcer', 'BPCER'],
];

function Row({ name, children }: { name: string; children: React.ReactNode }) {
  return <tr><th>{name}</th><td>{children}</td></tr>;
}

function ModelCard({ model }: { model: ModelInfo }) {
  const sidecar = model.sidecar;
  const arch = sidecar.architecture;
  const moe = sidecar.moe;
  const training = sidecar.training as Record<string, unknown> | undefined;
  const metrics = sidecar.metrics as Record<string, Record<string, unknown>> | undefined;
  return (
    <div className="model-card" data-testid={`model-card-${model.slot}`}>
      <h3>Slot {model.slot}: {model.name} <span className="muted">v{sidecar.version}</span></h3>
      <table className="kv"><tbody>
        <Row name="SHA-256"><span className="mono" data-testid={`model-sha-${model.slot}`}>{model.sha256}</span></Row>
        <Row name="File">{model.onnxPath} ({formatBytes(model.sizeBytes)})</Row>
        <Row name="Opset">{model.opset ?? 'not stated in the sidecar'}</Row>
        <Row name="Provider"><span className="provider-badge">{model.provider.toUpperCase()}</span>{' '}
          {model.providerAttempts.find((a) => a.ok)?.device ?? ''}{' '}
          <span className="muted">{model.providerAttempts.filter((a) => !a.ok).map((a) => `${a.provider} unavailable (${a.error})`).join('; ')}</span></Row>
        <Row name="Architecture">{arch.variant} · {arch.image_size}² input · {arch.family !== 'third-party' ? `patch ${arch.patch_size} · grid ${arch.grid[0]}×${arch.grid[1]} · ${arch.tokens} tokens` : `input ${sidecar.io.input} (${sidecar.io.layout}) · score ${sidecar.io.score.output}`}
          {arch.width ? ` · width ${arch.width}` : ''}{arch.depth ? ` · depth ${arch.depth}` : ''}{arch.heads ? ` · ${arch.heads} heads` : ''}</Row>
        <Row name="Soft-MoE">{moe ? `${moe.experts} experts × ${moe.slots} slots in blocks ${moe.layers.join(', ')} · weighting ${moe.weighting}${moe.phi ? ` (φ = ${moe.phi})` : ''} · ${moe.placement}` : 'none: this model has no Soft-MoE routing outputs'}</Row>
        <Row name="Classes">{sidecar.classes.names.map((n, i) => `${n}: “${sidecar.classes.prompts[i] ?? n}”`).join(' · ')}</Row>
        <Row name="Preprocessing">resize {sidecar.preprocessing.resize} ({sidecar.preprocessing.resize_mode}, {sidecar.preprocessing.interpolation}) · crop {sidecar.preprocessing.crop} · mean [{sidecar.preprocessing.mean.map(formatStatistic).join(', ')}] · std [{sidecar.preprocessing.std.map(formatStatistic).join(', ')}] · {sidecar.preprocessing.colour_order}</Row>
        <Row name="Training data">{String(training?.data ?? training?.note ?? 'not stated')}</Row>
      </tbody></table>
      {metrics && Object.keys(metrics).length > 0 && (
        <table className="metrics-table">
          <thead><tr><th>protocol</th>{SIDECAR_METRICS.map(([k, label]) => <th key={k}>{label}</th>)}</tr></thead>
          <tbody>{Object.entries(metrics).filter(([, v]) => typeof v === 'object' && v !== null).map(([protocol, m]) => (
            <tr key={protocol} data-testid={`model-metrics-${model.slot}-${protocol}`}><td>{protocol}</td>{SIDECAR_METRICS.map(([k]) => <td key={k} className="num">{formatRate(typeof m[k] === 'number' ? m[k] : null)}</td>)}</tr>
          ))}</tbody>
        </table>
      )}
      {typeof sidecar.metrics_note === 'string' && <p className="muted">{sidecar.metrics_note}</p>}
    </div>
  );
}

export function ModelsView() {
  const models = useWorkbench((s) => s.models);
  const recent = useWorkbench((s) => s.recentModels);
  const busy = useWorkbench((s) => s.modelBusy);
  const openModel = useWorkbench((s) => s.openModel);
  const closeModel = useWorkbench((s) => s.closeModel);
  const compared: ModelSlot[] = ['A', 'B'];
  const others = listedSlots({ models }).filter((slot) => !compared.includes(slot));
  return (
    <div className="models-view">
      <ModelCurves />
      {compared.map((slot) => (
        <section key={slot} className="model-slot">
          <div className="slot-bar">
            <PathField label={`Model ${slot}`} placeholder="/path/to/model.onnx" recent={recent} action={models[slot] ? 'Replace' : 'Load'}
              busy={busy === slot} testId={`model-${slot.toLowerCase()}`} onSubmit={(p) => openModel(p, slot)} browse="model" />
            {models[slot] && <button type="button" onClick={() => void closeModel(slot)}>Close</button>}
          </div>
          {models[slot] ? <ModelCard model={models[slot]} /> : <p className="muted">No model in slot {slot}.{slot === 'B' ? ' Load one to compare a sample under both models.' : ''}</p>}
        </section>
      ))}
      {others.map((slot) => (
        <section key={slot} className="model-slot">
          <div className="slot-bar">
            <span className="muted">Model {slot}</span>
            <button type="button" data-testid={`model-close-${slot.toLowerCase()}`} onClick={() => void closeModel(slot)}>Close</button>
          </div>
          <ModelCard model={models[slot]!} />
        </section>
      ))}
      <ModelDiffTable models={listedSlots({ models }).map((slot) => models[slot]!)} />
    </div>
  );
}
