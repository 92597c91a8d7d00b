// The operating point: the threshold every decision is made at, and where it came from. One type for
// the renderer's store, case export and the case file's header. Pure shared code (common/).

/** Where a threshold came from: the criterion, the split (or file) and scores it was computed on, when. */
export interface ThresholdProvenance {
  /** 'fixed' (set by hand) or a criterion name: 'eer', 'min-hter', 'bpcer20', 'bpcer100', … */
  criterion: string;
  /** Split or data the threshold was computed on (or evaluated on, when set by hand), e.g. 'dev'. */
  split?: string;
  /** SHA-256 (hex) of the scores it was computed from, when known. */
  dataHash?: string;
  /** When the threshold was set (ISO 8601). */
  at: string;
}

/** A threshold with its provenance: decisions are `attack when score >= threshold`. */
export interface OperatingPoint extends ThresholdProvenance {
  threshold: number;
}
