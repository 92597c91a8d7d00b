// Pairs two models' scores CSVs sample by sample (by path) for a paired comparison, refusing what cannot be
// paired honestly: no path column, a path listed twice, a sample whose label, species or attack class the
// two files disagree on, and different sample sets unless their intersection is asked for. Pure shared code.

import { ATTACK_CLASSES } from './attack-classes.js';
import { POSITIVE_LABEL } from './labelled-scores.js';
import type { PairedScores } from './paired.js';
import type { ParsedScoresCsv } from './scores-csv.js';

/** Why two score sets cannot be paired; the message says what to do. */
export class PairingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PairingError';
  }
}

export interface PairedSamples {
  readonly data: PairedScores;
  /** Paths in the order of `data`. */
  readonly paths: readonly string[];
  /** Samples scored in only one of the files (left out when `intersect`; else the pairing is refused). */
  readonly onlyA: number;
  readonly onlyB: number;
}

const MAX_NAMED = 3;

function indexByPath(csv: ParsedScoresCsv, name: string): Map<string, number> {
  if (csv.paths.length > 0 && csv.paths.every((p) => p === '')) throw new PairingError(`${name} has no path column: a paired comparison matches samples by path`);
  const rows = new Map<string, number>();
  for (let i = 0; i < csv.paths.length; i++) {
    const path = csv.paths[i];
    if (path === '') throw new PairingError(`${name}: the row on line ${csv.rowLines[i]} has an empty path; every sample needs one to be paired`);
    if (rows.has(path)) throw new PairingError(`${name} lists '${path}' twice (lines ${csv.rowLines[rows.get(path)!]} and ${csv.rowLines[i]}); a sample must be listed once to be paired`);
    rows.set(path, i);
  }
  return rows;
}

/** What each file says of one sample: its class (bona fide, or the attack class) and its species. */
function describe(csv: ParsedScoresCsv, row: number): { label: number; attackClass: string; species: string } {
  const label = csv.labels[row];
  if (label !== POSITIVE_LABEL) return { label, attackClass: 'bona fide', species: '' };
  return { label, attackClass: ATTACK_CLASSES[csv.classCodes[row]] ?? 'unclassified', species: csv.speciesNames[csv.speciesCodes[row]] ?? '' };
}

/**
 * Pairs the scored samples of A and B by path (non-responses of either are not scored and so not paired).
 * Throws PairingError on a disagreement or, without `intersect`, when the sets differ (counts named).
 * The species and identities of the result are A's.
 */
export function pairByPath(a: ParsedScoresCsv, b: ParsedScoresCsv, names: { a: string; b: string }, intersect: boolean): PairedSamples {
  const rowsA = indexByPath(a, names.a);
  const rowsB = indexByPath(b, names.b);
  const paths: string[] = [];
  const disagreements: string[] = [];
  let disagreementCount = 0;
  for (const [path, rowA] of rowsA) {
    const rowB = rowsB.get(path);
    if (rowB === undefined) continue;
    const sayA = describe(a, rowA);
    const sayB = describe(b, rowB);
    if (sayA.attackClass !== sayB.attackClass || sayA.species !== sayB.species) {
      disagreementCount++;
      const what = (say: typeof sayA): string => (say.label === POSITIVE_LABEL ? `attack (${say.attackClass}, ${say.species})` : 'bona fide');
      if (disagreements.length < MAX_NAMED) disagreements.push(`'${path}': ${names.a} says ${what(sayA)}, ${names.b} says ${what(sayB)}`);
      continue;
    }
    paths.push(path);
  }
  if (disagreementCount > 0) {
    throw new PairingError(`the two files disagree on the class of ${disagreementCount} samples, e.g. ${disagreements.join('; ')}; compare models only on the same ground truth`);
  }
  const onlyA = rowsA.size - paths.length;
  const onlyB = rowsB.size - paths.length;
  if (!intersect && (onlyA > 0 || onlyB > 0)) {
    throw new PairingError(`the files score different samples: ${paths.length} in both, ${onlyA} only in ${names.a}, ${onlyB} only in ${names.b}; give --intersect to compare on the ${paths.length} in both`);
  }
  const pick = Uint32Array.from(paths, (path) => rowsA.get(path)!);
  const identityCodes = a.identityCodes === undefined ? undefined : Uint32Array.from(pick, (row) => a.identityCodes![row]);
  const data: PairedScores = {
    scoresA: Float64Array.from(pick, (row) => a.scores[row]),
    scoresB: Float64Array.from(paths, (path) => b.scores[rowsB.get(path)!]),
    labels: Uint8Array.from(pick, (row) => a.labels[row]),
    speciesCodes: Uint32Array.from(pick, (row) => a.speciesCodes[row]),
    speciesNames: a.speciesNames,
    ...(identityCodes === undefined ? {} : { identityCodes, identityNames: a.identityNames }),
  };
  return { data, paths, onlyA, onlyB };
}
