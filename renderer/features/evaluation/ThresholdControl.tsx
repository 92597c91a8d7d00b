// Threshold control: slider and numeric entry (attack when score ≥ τ), the criterion select computed on
// the chosen split, the provenance line and saving the operating point. Renderer feature component.
import { useState } from 'react';
import { CRITERIA, NO_SPLITS, primarySource, splitSummaryOf, thresholdChosenOnEvaluatedData, type CriterionChoice } from '../../store/evaluation-selectors';
import { useWorkbench } from '../../store';
import { ThresholdEntry } from '../../components/ThresholdEntry';
import { CRITERION_LABELS } from '../../components/format';
import { formatRate } from '../../../common/format/figures';

/** Slider positions across the score range: fine enough for 10⁶ scores, coarse enough for keys. */
const SLIDER_STEPS = 1000;

function useSliderRange(): { min: number; max: number; step: number } {
  const range = useWorkbench((s) => {
    const summary = splitSummaryOf(primarySource(s), s.evalSplit);
    return summary && summary.unusable === null ? `${summary.scoreMin} ${summary.scoreMax}` : '0 1';
  });
  const [low, high] = range.split(' ').map(Number) as [number, number];
  // Scores in [0, 1] (the model's attack_score) get the full unit range; other scales their own span.
  const [min, max] = low >= 0 && high <= 1 ? [0, 1] : [low, high > low ? high : low + 1];
  return { min, max, step: (max - min) / SLIDER_STEPS };
}

function ThresholdSlider() {
  const threshold = useWorkbench((s) => s.threshold);
  const move = useWorkbench((s) => s.setOperatingPoint);
  const { min, max, step } = useSliderRange();
  return (
    <input id="threshold-slider" data-testid="threshold-slider" className="threshold-slider" type="range" min={min} max={max} step={step} aria-label="Threshold slider"
      value={Math.min(max, Math.max(min, threshold))} data-threshold={threshold}
      onChange={(event) => move(Number(event.target.value))} />
  );
}

function Provenance() {
  const provenance = useWorkbench((s) => s.thresholdProvenance);
  const chosen = useWorkbench((s) => s.evalChosen);
  const evalSplit = useWorkbench((s) => s.evalSplit);
  const criterion = CRITERION_LABELS[provenance.criterion] ?? provenance.criterion;
  const sameData = thresholdChosenOnEvaluatedData({ evalChosen: chosen, thresholdProvenance: provenance, evalSplit });
  return (
    <p className="threshold-provenance muted" data-testid="threshold-provenance">
      {provenance.criterion === 'fixed' ? 'Set by hand' : `${criterion} chosen on ${provenance.split ?? '—'}`}
      {provenance.dataHash ? <> · data <span className="mono" title={provenance.dataHash}>{provenance.dataHash.slice(0, 12)}…</span></> : null}
      {chosen?.achievedOnSource ? ` · there: BPCER ${formatRate(chosen.achievedOnSource.bpcer)}, APCER ${formatRate(chosen.achievedOnSource.apcerMax)}` : ''}
      {sameData ? <span className="warn"> · chosen on the evaluated data itself (optimistic)</span> : null}
    </p>
  );
}

export function ThresholdControl() {
  const criterion = useWorkbench((s) => s.evalCriterion);
  const apply = useWorkbench((s) => s.applyCriterion);
  const save = useWorkbench((s) => s.saveThreshold);
  const splits = useWorkbench((s) => primarySource(s)?.summary?.splits ?? NO_SPLITS);
  const sourceSplit = useWorkbench((s) => s.evalSourceSplit);
  const setSourceSplit = useWorkbench((s) => s.setEvalSourceSplit);
  const [saving, setSaving] = useState(false);
  return (
    <section className="threshold-control" aria-label="Threshold">
      <div className="threshold-row">
        <label className="threshold-label" htmlFor="threshold-slider">Threshold τ</label>
        <ThresholdSlider />
        <ThresholdEntry />
      </div>
      <div className="threshold-row">
        <label>Criterion
          <select data-testid="criterion-select" value={criterion} onChange={(event) => void apply(event.target.value as CriterionChoice)}>
            {CRITERIA.map((name) => <option key={name} value={name}>{CRITERION_LABELS[name]}</option>)}
          </select>
        </label>
        <label>computed on
          <select data-testid="criterion-split" value={sourceSplit} onChange={(event) => void setSourceSplit(event.target.value)}>
            {splits.map((split) => <option key={split.split} value={split.split} disabled={split.unusable !== null}>{split.split}{split.unusable ? ' (not usable)' : ''}</option>)}
          </select>
        </label>
        <button type="button" className="primary" data-testid="threshold-save" disabled={saving} title="Store this threshold with its provenance in the workspace (custody-logged)"
          onClick={() => { setSaving(true); void save().finally(() => setSaving(false)); }}>Save threshold</button>
      </div>
      <Provenance />
    </section>
  );
}
