// Dictionary coding of string columns (species, splits, identities) into small integer codes, in order of
// first appearance. Pure shared code (common/), used by the scores-CSV parser and the metrics columns.

/** The code of `name` in `table`, adding it with the next code (the table's size) when new. O(1). */
export function codeOf(table: Map<string, number>, name: string): number {
  let code = table.get(name);
  if (code === undefined) {
    code = table.size;
    table.set(name, code);
  }
  return code;
}
