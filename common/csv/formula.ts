// Spreadsheet formula neutralisation (OWASP "CSV injection") for text cells, and its exact inverse for
// reading our own files back. Pure shared code (common/).
//
// Rule: a text cell whose first character is = + - @ TAB or CR would be evaluated by a spreadsheet (a
// formula, or a DDE payload); it is written with a leading apostrophe, which spreadsheets show as text.
// Numbers are data, not text: a finite number (a score, a rate, a negative margin) is written as its
// decimal form, e.g. -0.25, because a spreadsheet reads a plain number as a number, never as a formula.
// The type decides, not the look: the string "-0.25" (say, a species named so) is text and is prefixed.
// A text cell that already starts with apostrophes before a trigger character gets one more, so reading
// drops exactly one and every value survives the round trip.

const TRIGGER = /^'*[=+\-@\t\r]/;
const PREFIXED = /^'+[=+\-@\t\r]/;

/** The text as a spreadsheet-safe cell value (before CSV quoting). */
export function neutraliseFormula(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseFormula, applied by the CSV reader to every field. */
export function unneutralise(field: string): string {
  return PREFIXED.test(field) ? field.slice(1) : field;
}
