// common/csv/formula.ts
var TRIGGER = /^'*[=+\-@\t\r]/;
var PREFIXED = /^'+[=+\-@\t\r]/;
/** The text as a spreadsheet-safe cell value (before CSV quoting). */
function neutraliseFormula(text) {
	return TRIGGER.test(text) ? `'${text}` : text;
}
/** The inverse of neutraliseFormula, applied by the CSV reader to every field. */
function unneutralise(field) {
	return PREFIXED.test(field) ? field.slice(1) : field;
}
export { unneutralise as n, neutraliseFormula as t };
