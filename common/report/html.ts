// HTML escaping and number formatting for the self-contained evaluation report. Pure shared code (common/).

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A rate as a percentage with two decimals, e.g. "3.46 %". */
export function percent(rate: number): string {
  return `${(rate * 100).toFixed(2)} %`;
}

/** An interval as "low–high %" with two decimals. */
export function percentRange(low: number, high: number): string {
  return `${(low * 100).toFixed(2)}–${(high * 100).toFixed(2)} %`;
}
