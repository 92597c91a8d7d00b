// Names of the threshold criteria, for the criterion select and the provenance line. Numbers are written by
// common/format/figures.ts. Renderer (pure).

/** Human names of the criteria. */
export const CRITERION_LABELS: Record<string, string> = {
  fixed: 'Fixed (manual)',
  eer: 'EER',
  'min-hter': 'min-HTER',
  bpcer20: 'BPCER20 (APCER ≤ 5 %)',
  bpcer100: 'BPCER100 (APCER ≤ 1 %)',
  apcer20: 'APCER @ BPCER ≤ 5 %',
  apcer100: 'APCER @ BPCER ≤ 1 %',
};
