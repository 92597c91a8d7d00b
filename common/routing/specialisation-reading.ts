// The plain-language reading of a specialisation test: whether the effect is detectable at all (p against the
// shuffled-label baseline) and, separately, how large it is (NMI). A tiny NMI with a tiny p is real but negligible.
// Pure shared code.

/** NMI below this is negligible however significant; the bands above it read weak, moderate, strong. */
export const NMI_BANDS = { negligible: 0.05, weak: 0.2, moderate: 0.5 } as const;

export function specialisationReading(nmi: number, pValue: number, alpha = 0.05): string {
  if (!(pValue < alpha)) return 'no detectable specialisation: shuffled labels do as well';
  if (nmi < NMI_BANDS.negligible) return 'statistically detectable but negligible specialisation';
  if (nmi < NMI_BANDS.weak) return 'weak specialisation';
  if (nmi < NMI_BANDS.moderate) return 'moderate specialisation';
  return 'strong specialisation';
}
