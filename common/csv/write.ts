// The one CSV writer (RFC 4180, formula-safe) of the project: scores, metrics, case tables.
// Pure shared code (common/); see formula.ts for the neutralisation rule.
import { neutraliseFormula } from './formula.js';

/** A cell: text (neutralised), a number (written as a number when finite), a boolean, or empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** One field: numbers as numbers, text formula-neutralised, quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const text = neutraliseFormula(String(value)); // NaN and ±Infinity are text: '-Infinity is not a formula
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/** Rows as CSV text, LF line ends, a final line end. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return rows.length === 0 ? '' : `${rows.map(csvLine).join('\n')}\n`;
}
