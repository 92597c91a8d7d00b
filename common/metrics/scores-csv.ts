// Parser for scores CSV files (`score,label[,species][,identity][,class][,path][,status]`, any column
// order, extra columns ignored). Pure shared code (common/): takes the text, so the CLI and the renderer share it.

import { ATTACK_CLASSES, classOfPath, parseAttackClass, type AttackClass } from './attack-classes.js';
import { csvRecords, CsvUnclosedQuoteError } from '../csv/read.js';
import { codeOf } from '../dictionary-codes.js';
import { isQuestionedLabelText, LABEL_TEXT_MEANING } from '../dataset/label.js';
import { attributesFromPath } from '../dataset/species.js';
import { DEFAULT_SPECIES_NAME, type LabelledScores } from './labelled-scores.js';
import { OUT_OF_DOMAIN_REASON } from './outcome.js';

/** A listed sample without a score: it failed to decode, had no face, or was skipped. */
export interface NonResponse {
  /** 1-based line in the file. */
  readonly line: number;
  /** The sample's path when the file has a `path` column, else ''. */
  readonly path: string;
  readonly label: 0 | 1;
  /** For attacks; '' for bona fide. */
  readonly species: string;
  readonly attackClass: AttackClass;
  readonly identity: string;
  /** The `status` cell, e.g. 'unreadable', 'no-face', 'skipped'. */
  readonly reason: string;
}

/** Parsed rows as typed arrays, ready for ThresholdIndex.build. */
export interface ParsedScoresCsv extends LabelledScores {
  readonly speciesCodes: Uint32Array;
  readonly speciesNames: readonly string[];
  /** False when the file has no species column (all attacks then share one species). */
  readonly hasSpeciesColumn: boolean;
  /** The 1-based line on which each data row starts, for messages about single rows. */
  readonly rowLines: Uint32Array;
  /** Attack class per row (index into ATTACK_CLASSES; read for attacks only). */
  readonly classCodes: Uint8Array;
  /** Path per row ('' without a `path` column). */
  readonly paths: readonly string[];
  /** Rows whose `status` is not 'ok': not scored, counted in APNRR / BPNRR, not in the rates. */
  readonly nonResponses: readonly NonResponse[];
  /** Problems that did not stop parsing, e.g. a path listed twice (that sample then counts twice). */
  readonly warnings: readonly string[];
  /** Rows without ground truth (label empty, '?' or 'unknown'): left out of every rate, counted here. */
  readonly questioned: number;
  /** Scored rows whose `in_domain` is false: non-responses (OUT_OF_DOMAIN_REASON) by default, else decided by score. */
  readonly outOfDomain: number;
  /** True when those rows were decided by score (the switch), false when they are non-responses. */
  readonly outOfDomainDecidedByScore: boolean;
}

export interface ScoresCsvOptions {
  /** Decide rows outside the model's domain by their score instead of counting them as non-responses. */
  readonly decideOutOfDomainByScore?: boolean;
}

/** At most this many duplicate-path warnings are spelled out; the last one counts the rest. */
const MAX_DUPLICATE_WARNINGS = 20;

/** A CSV problem; the message names the source and the 1-based line, e.g. `dev.csv:7: ...`. */
export class ScoresCsvError extends Error {
  readonly source: string;
  readonly line: number;
  /** The problem without the source and line. */
  readonly reason: string;

  constructor(source: string, line: number, reason: string) {
    super(`${source}:${line}: ${reason}`);
    this.name = 'ScoresCsvError';
    this.source = source;
    this.line = line;
    this.reason = reason;
  }
}

/** A quote opened and never closed; in the first part of a file only, the cut may be what left it open. */
class ScoresCsvUnclosedQuoteError extends ScoresCsvError {}

export const SCORES_CSV_HEADER_HINT = 'score,label[,species][,identity][,class][,path][,status]';
/** Species name given to attacks whose species field is empty. */
export const UNSPECIFIED_SPECIES = 'unspecified';

// A finite decimal number as written by Python, numpy or JavaScript (no hex, no inf/nan).
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The file's records (common/csv/read.ts); any malformed record or unclosed quote is a ScoresCsvError. */
function* checkedRecords(text: string, source: string): Generator<{ fields: string[]; line: number }> {
  try {
    for (const record of csvRecords(text)) {
      if (record.problem !== undefined) throw new ScoresCsvError(source, record.line, record.problem);
      yield record;
    }
  } catch (error) {
    if (error instanceof CsvUnclosedQuoteError) throw new ScoresCsvUnclosedQuoteError(source, error.line, 'quoted field is never closed (missing ")');
    throw error;
  }
}

/**
 * Parses a scores CSV. Header (case-insensitive, trimmed): `score` and `label` required; optional
 * `species`, `identity`, `class` (or `category`: presentation/physical/1, adversarial/2,
 * digital/3), `path` and `status`; other columns ignored. label: 1 = attack, 0 = bona fide
 * (1.0 / 0.0 accepted); empty, '?' or 'unknown' = questioned (no ground truth): such a row is counted in
 * `questioned` and left out of everything else, whatever its score or status. With an `in_domain` column, a
 * scored row whose cell is 'false' is a non-response (OUT_OF_DOMAIN_REASON) unless `decideOutOfDomainByScore`.
 * score: a finite decimal number. A row whose status is neither empty nor
 * 'ok' is a non-response: its score must be empty and it is listed in `nonResponses`, not scored.
 * Class: the class column, else what the path implies under the UniAttackData folder rules, else
 * 'unclassified'. Species: the species cell, else the path's species, else the class name (when
 * known), else UNSPECIFIED_SPECIES with a species column and DEFAULT_SPECIES_NAME without one.
 * The species of bona fide rows is ignored; an empty identity makes the row its own identity.
 * Throws ScoresCsvError naming the line for any problem, including an empty file or a header
 * without data rows. O(text length).
 */
export function parseScoresCsv(text: string, source: string, options: ScoresCsvOptions = {}): ParsedScoresCsv {
  const records = checkedRecords(text, source);
  const header = readHeader(records, source);
  const rows = new ScoresCsvRows(source, header, options.decideOutOfDomainByScore === true);
  for (const record of records) {
    const row = readRow(record, header, source);
    if (row === 'questioned') rows.questioned += 1;
    else rows.add(row);
  }
  return rows.finish();
}

/** The header's line, width and the index of each known column (−1 when absent). */
interface ScoresCsvHeader {
  readonly line: number;
  readonly width: number;
  readonly score: number;
  readonly label: number;
  readonly species: number;
  readonly identity: number;
  /** The `class` column, else `category`. */
  readonly class: number;
  readonly path: number;
  readonly status: number;
  /** The `in_domain` column (false: outside the model's domain). */
  readonly inDomain: number;
}

/** Reads the first record as the header: each known column at most once, `score` and `label` required. */
function readHeader(records: Generator<{ fields: string[]; line: number }>, source: string): ScoresCsvHeader {
  const first = records.next();
  if (first.done === true) throw new ScoresCsvError(source, 1, `file is empty; expected a header '${SCORES_CSV_HEADER_HINT}'`);
  const header = first.value;
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const columnOf = (name: string): number => {
    const at = columns.indexOf(name);
    if (at >= 0 && columns.indexOf(name, at + 1) >= 0) throw new ScoresCsvError(source, header.line, `column '${name}' appears twice in the header`);
    return at;
  };
  const scoreColumn = columnOf('score');
  const labelColumn = columnOf('label');
  const speciesColumn = columnOf('species');
  const identityColumn = columnOf('identity');
  const classColumn = columnOf('class') >= 0 ? columnOf('class') : columnOf('category');
  const pathColumn = columnOf('path');
  const statusColumn = columnOf('status');
  const inDomainColumn = columnOf('in_domain');
  if (columnOf('class') >= 0 && columnOf('category') >= 0) throw new ScoresCsvError(source, header.line, "header has both 'class' and 'category'; give one");
  const missing = [scoreColumn < 0 ? 'score' : '', labelColumn < 0 ? 'label' : ''].filter((name) => name !== '');
  if (missing.length > 0) {
    throw new ScoresCsvError(source, header.line, `header lacks column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `'${c}'`).join(' and ')}; expected '${SCORES_CSV_HEADER_HINT}', found '${header.fields.join(',')}'`);
  }
  return {
    line: header.line, width: columns.length, score: scoreColumn, label: labelColumn, species: speciesColumn,
    identity: identityColumn, class: classColumn, path: pathColumn, status: statusColumn, inDomain: inDomainColumn,
  };
}

/** One data row, read and checked: a score, or a non-response with its reason. */
type ScoresCsvRow = Omit<NonResponse, 'reason'> & ({ score: number; reason: null; outOfDomain: boolean } | { score: null; reason: string });

/** Reads one data record against the header ('questioned' for a row without ground truth); throws ScoresCsvError naming its line for any bad cell. */
function readRow({ fields, line }: { fields: string[]; line: number }, header: ScoresCsvHeader, source: string): ScoresCsvRow | 'questioned' {
  if (fields.length !== header.width) {
    throw new ScoresCsvError(source, line, `expected ${header.width} fields as in the header, found ${fields.length}`);
  }
  const cell = (column: number): string => (column >= 0 ? fields[column].trim() : '');
  const labelText = fields[header.label].trim();
  if (isQuestionedLabelText(labelText)) return 'questioned';
  const label = DECIMAL.test(labelText) ? Number(labelText) : NaN;
  if (label !== 0 && label !== 1) {
    throw new ScoresCsvError(source, line, `label '${labelText.slice(0, 40)}' is not ${LABEL_TEXT_MEANING}`);
  }
  const path = cell(header.path);
  const classText = cell(header.class);
  const attackClass = classText === '' ? (path === '' ? 'unclassified' : classOfPath(path)) : parseAttackClass(classText);
  if (attackClass === null) throw new ScoresCsvError(source, line, `class '${classText.slice(0, 40)}' is not presentation, adversarial, digital (or 1, 2, 3)`);
  const species = label !== 1 ? '' : speciesOfAttack(cell(header.species), path, attackClass, header);
  const identity = cell(header.identity);
  const status = cell(header.status);
  const scoreText = fields[header.score].trim();
  if (status !== '' && status.toLowerCase() !== 'ok') {
    if (scoreText !== '') throw new ScoresCsvError(source, line, `row has status '${status.slice(0, 40)}' (a non-response) but also a score '${scoreText.slice(0, 20)}'`);
    return { line, path, label, species, attackClass, identity, score: null, reason: status };
  }
  return { line, path, label, species, attackClass, identity, score: scoreOf(scoreText, header.status >= 0, source, line), reason: null,
    outOfDomain: cell(header.inDomain).toLowerCase() === 'false' };
}

/** An attack's species: the species cell, else the path's species, else the class name, else the default. */
function speciesOfAttack(speciesText: string, path: string, attackClass: AttackClass, header: ScoresCsvHeader): string {
  if (speciesText !== '') return speciesText; // the path is read only when the cell is empty (10⁶ rows: a second saved)
  const attributes = path === '' ? null : attributesFromPath(path);
  const pathSpecies = attributes?.species ?? '';
  return (pathSpecies !== '' && pathSpecies !== UNSPECIFIED_SPECIES && attributes?.isAttack === true ? pathSpecies : '') ||
    (attackClass !== 'unclassified' ? attackClass : header.species >= 0 || header.path >= 0 ? UNSPECIFIED_SPECIES : DEFAULT_SPECIES_NAME);
}

/** A score cell as a finite number; the error says why not (and that a status is the way to leave it empty). */
function scoreOf(scoreText: string, hasStatusColumn: boolean, source: string, line: number): number {
  if (!DECIMAL.test(scoreText)) {
    const why = scoreText === '' ? 'score is empty' : /^[+-]?nan$/i.test(scoreText) ? `score is '${scoreText}' (NaN scores are not allowed)` : `score '${scoreText}' is not a finite number`;
    throw new ScoresCsvError(source, line, hasStatusColumn && scoreText === '' ? `${why} (a row without a score needs a status such as 'unreadable', 'no-face' or 'skipped')` : why);
  }
  const score = Number(scoreText);
  if (!Number.isFinite(score)) throw new ScoresCsvError(source, line, `score '${scoreText}' overflows to ${score}`);
  return score;
}

/** The rows read so far as growing columns, repeated paths warned about, and the typed result. */
class ScoresCsvRows {
  private readonly scores: number[] = [];
  private readonly labels: number[] = [];
  private readonly speciesCodes: number[] = [];
  private readonly identityCodes: number[] = [];
  private readonly rowLines: number[] = [];
  private readonly classCodes: number[] = [];
  private readonly paths: string[] = [];
  private readonly nonResponses: NonResponse[] = [];
  private readonly speciesIndex = new Map<string, number>();
  private readonly identityIndex = new Map<string, number>();
  private readonly firstLineOfPath = new Map<string, number>();
  private readonly warnings: string[] = [];
  private duplicates = 0;
  /** Rows without ground truth, left out of everything else. */
  questioned = 0;
  private outOfDomain = 0;

  constructor(private readonly source: string, private readonly header: ScoresCsvHeader, private readonly decideOutOfDomainByScore: boolean) {}

  add(row: ScoresCsvRow): void {
    this.notePath(row.path, row.line);
    const { line, path, label, species, attackClass, identity } = row;
    if (row.score === null) {
      this.nonResponses.push({ line, path, label, species, attackClass, identity, reason: row.reason });
      return;
    }
    // Outside the model's domain the outcome is inconclusive (common/metrics/outcome.ts): a non-response by default.
    if (row.outOfDomain) {
      this.outOfDomain += 1;
      if (!this.decideOutOfDomainByScore) {
        this.nonResponses.push({ line, path, label, species, attackClass, identity, reason: OUT_OF_DOMAIN_REASON });
        return;
      }
    }
    this.scores.push(row.score);
    this.labels.push(label);
    this.rowLines.push(line);
    this.paths.push(path);
    this.classCodes.push(ATTACK_CLASSES.indexOf(label === 1 ? attackClass : 'unclassified'));
    // Bona fide rows carry a dummy species code.
    this.speciesCodes.push(label === 1 ? codeOf(this.speciesIndex, species) : 0);
    if (this.header.identity >= 0) this.identityCodes.push(codeOf(this.identityIndex, identity || `(line ${line})`));
  }

  /** A path listed before is kept (that sample counts twice) with a warning; the first few are spelled out. */
  private notePath(path: string, line: number): void {
    if (path === '') return;
    const seen = this.firstLineOfPath.get(path);
    if (seen === undefined) this.firstLineOfPath.set(path, line);
    else if (++this.duplicates <= MAX_DUPLICATE_WARNINGS) this.warnings.push(`${this.source}:${line}: path '${path}' already appeared on line ${seen}; that sample counts twice`);
  }

  /** The typed result; a file without scored rows is an error. */
  finish(): ParsedScoresCsv {
    const { source, header, scores, nonResponses, warnings, duplicates } = this;
    if (scores.length === 0 && nonResponses.length > 0) {
      throw new ScoresCsvError(source, header.line + 1, `all ${nonResponses.length} rows are non-responses (status not 'ok'); nothing was scored`);
    }
    if (scores.length === 0 && this.questioned > 0) {
      throw new ScoresCsvError(source, header.line + 1, `all ${this.questioned + nonResponses.length} rows are questioned (no ground truth) or non-responses; nothing can be evaluated`);
    }
    if (scores.length === 0) throw new ScoresCsvError(source, header.line + 1, 'no data rows after the header');
    if (duplicates > MAX_DUPLICATE_WARNINGS) warnings.push(`${source}: ${duplicates - MAX_DUPLICATE_WARNINGS} more repeated paths not listed (${duplicates} in all)`);
    const parsed: ParsedScoresCsv = {
      scores: Float64Array.from(scores),
      labels: Uint8Array.from(this.labels),
      speciesCodes: Uint32Array.from(this.speciesCodes),
      speciesNames: [...this.speciesIndex.keys()],
      hasSpeciesColumn: header.species >= 0,
      rowLines: Uint32Array.from(this.rowLines),
      classCodes: Uint8Array.from(this.classCodes),
      paths: this.paths,
      nonResponses,
      warnings,
      questioned: this.questioned,
      outOfDomain: this.outOfDomain,
      outOfDomainDecidedByScore: this.decideOutOfDomainByScore,
    };
    if (header.identity < 0) return parsed;
    return { ...parsed, identityCodes: Uint32Array.from(this.identityCodes), identityNames: [...this.identityIndex.keys()] };
  }
}

/**
 * Why the start of a file is not a scores CSV, or null when it reads as one: the rules of parseScoresCsv
 * applied to `head`, the file's first bytes as text. When `complete` is false the file goes on: only whole
 * lines are read, and a quote left open at the cut is not held against it. O(head length).
 */
export function scoresCsvHeadProblem(head: string, complete: boolean): ScoresCsvError | null {
  const text = complete ? head : head.slice(0, Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r')) + 1);
  if (text === '' && !complete) return new ScoresCsvError('', 1, `first line is longer than ${head.length} characters; expected a header '${SCORES_CSV_HEADER_HINT}'`);
  try {
    parseScoresCsv(text, '');
    return null;
  } catch (error) {
    if (!(error instanceof ScoresCsvError)) throw error;
    return !complete && error instanceof ScoresCsvUnclosedQuoteError ? null : error;
  }
}
