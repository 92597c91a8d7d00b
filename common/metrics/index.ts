// Public surface of the evaluation engine (ROC/DET, ISO/IEC 30107-3 rates, thresholds, bootstrap).
// Pure shared code (common/): import from here in the renderer's worker, the CLI and case files.

export * from './labelled-scores.js';
export * from './threshold-index.js';
export * from './roc.js';
export * from './det.js';
export * from './normal.js';
export * from './eer.js';
export * from './pr.js';
export * from './operating-points.js';
export * from './criteria.js';
export * from './confusion.js';
export * from './bootstrap.js';
export * from './prng.js';
export * from './scores-csv.js';
export * from './report.js';
export * from './binomial.js';
export * from './attack-classes.js';
export * from './certification.js';
export * from './certification-json.js';
export * from './profiles.js';
export * from './leakage.js';
export * from './full-evaluation.js';
export * from './score-bytes.js';
export * from './normal-tail.js';
export * from './paired.js';
export * from './paired-bootstrap.js';
export * from './paired-comparison.js';
export * from './paired-samples.js';
