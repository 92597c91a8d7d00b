// Parser for scores CSV files (`score,label[,species][,identity]`, any column order, extra columns
// ignored). Pure shared code (common/): takes the text, so the CLI and the renderer share it.

import { DEFAULT_SPECIES_NAME, type LabelledScores } from './labelled-scores.js';

/** Parsed rows as typed arrays, ready for ThresholdIndex.build. */
export interface ParsedScoresCsv extends LabelledScores {
  readonly speciesCodes: Uint32Array;
  readonly speciesNames: readonly string[];
  /** False when the file has no species column (all attacks then share one species). */
  readonly hasSpeciesColumn: boolean;
  /** The 1-based line on which each data row starts, for messages about single rows. */
  readonly rowLines: Uint32Array;
}

/** A CSV problem; the message names the source and the 1-based line, e.g. `dev.csv:7: ...`. */
export class ScoresCsvError extends Error {
  readonly source: string;
  readonly line: number;

  constructor(source: string, line: number, reason: string) {
    super(`${source}:${line}: ${reason}`);
    this.name = 'ScoresCsvError';
    this.source = source;
    this.line = line;
  }
}

export const SCORES_CSV_HEADER_HINT = 'score,label[,species][,identity]';
/** Species name given to attacks whose species field is empty. */
export const UNSPECIFIED_SPECIES = 'unspecified';

// A finite decimal number as written by Python, numpy or JavaScript (no hex, no inf/nan).
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

/**
 * Splits RFC 4180 CSV into records: fields may be double-quoted (then they may hold commas, line
 * breaks and "" for a quote), LF or CRLF line ends, a UTF-8 BOM is skipped. A quote inside an
 * unquoted field is kept literally, as Python's csv module does. Blank lines are skipped.
 */
function* csvRecords(text: string, source: string): Generator<CsvRecord> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const length = text.length;
  while (pos < length) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let field: string;
      if (text.charCodeAt(pos) === 0x22 /* " */) {
        const quoteLine = line;
        let value = '';
        pos++;
        for (;;) {
          const close = text.indexOf('"', pos);
          if (close < 0) throw new ScoresCsvError(source, quoteLine, 'quoted field is never closed (missing ")');
          const chunk = text.slice(pos, close);
          line += countLineBreaks(chunk);
          value += chunk;
          pos = close + 1;
          if (text.charCodeAt(pos) === 0x22) {
            value += '"';
            pos++;
          } else break;
        }
        const after = text.charCodeAt(pos);
        if (pos < length && after !== 0x2c && after !== 0x0a && after !== 0x0d) {
          throw new ScoresCsvError(source, line, `unexpected text after a closing quote: '${text.slice(pos, pos + 10)}'`);
        }
        field = value;
      } else {
        let end = pos;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === 0x2c || code === 0x0a || code === 0x0d) break;
          end++;
        }
        field = text.slice(pos, end);
        pos = end;
      }
      fields.push(field);
      const code = text.charCodeAt(pos);
      if (code === 0x2c) {
        pos++;
        continue;
      }
      if (code === 0x0d) pos++;
      if (text.charCodeAt(pos) === 0x0a) pos++;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0].trim() === '') continue;
    yield { fields, line: recordLine };
  }
}

function countLineBreaks(chunk: string): number {
  let count = 0;
  for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Parses a scores CSV. Header (case-insensitive, trimmed): `score` and `label` required,
 * `species` and `identity` optional, other columns ignored. label: 1 = attack, 0 = bona fide
 * (1.0 / 0.0 accepted). score: a finite decimal number. An attack with an empty species gets
 * UNSPECIFIED_SPECIES; without a species column every attack is of species DEFAULT_SPECIES_NAME; the species of bona fide rows is ignored; an empty identity makes the row
 * its own identity. Throws ScoresCsvError naming the line for any problem, including an empty
 * file or a header without data rows. O(text length).
 */
export function parseScoresCsv(text: string, source: string): ParsedScoresCsv {
  const records = csvRecords(text, source);
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
  const missing = [scoreColumn < 0 ? 'score' : '', labelColumn < 0 ? 'label' : ''].filter((name) => name !== '');
  if (missing.length > 0) {
    throw new ScoresCsvError(source, header.line, `header lacks column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `'${c}'`).join(' and ')}; expected '${SCORES_CSV_HEADER_HINT}', found '${header.fields.join(',')}'`);
  }

  const scores: number[] = [];
  const labels: number[] = [];
  const speciesCodes: number[] = [];
  const identityCodes: number[] = [];
  const rowLines: number[] = [];
  const speciesIndex = new Map<string, number>();
  const identityIndex = new Map<string, number>();
  const codeOf = (table: Map<string, number>, name: string): number => {
    let code = table.get(name);
    if (code === undefined) {
      code = table.size;
      table.set(name, code);
    }
    return code;
  };

  for (const { fields, line } of records) {
    if (fields.length !== columns.length) {
      throw new ScoresCsvError(source, line, `expected ${columns.length} fields as in the header, found ${fields.length}`);
    }
    const scoreText = fields[scoreColumn].trim();
    if (!DECIMAL.test(scoreText)) {
      const why = scoreText === '' ? 'score is empty' : /^[+-]?nan$/i.test(scoreText) ? `score is '${scoreText}' (NaN scores are not allowed)` : `score '${scoreText}' is not a finite number`;
      throw new ScoresCsvError(source, line, why);
    }
    const score = Number(scoreText);
    if (!Number.isFinite(score)) throw new ScoresCsvError(source, line, `score '${scoreText}' overflows to ${score}`);
    const labelText = fields[labelColumn].trim();
    const label = DECIMAL.test(labelText) ? Number(labelText) : NaN;
    if (label !== 0 && label !== 1) {
      throw new ScoresCsvError(source, line, `label '${labelText}' must be 1 (attack) or 0 (bona fide)`);
    }
    scores.push(score);
    labels.push(label);
    rowLines.push(line);
    if (speciesColumn >= 0 && label === 1) {
      speciesCodes.push(codeOf(speciesIndex, fields[speciesColumn].trim() || UNSPECIFIED_SPECIES));
    } else {
      // Without a species column all attacks form one species; bona fide rows carry a dummy code.
      speciesCodes.push(label === 1 ? codeOf(speciesIndex, DEFAULT_SPECIES_NAME) : 0);
    }
    if (identityColumn >= 0) identityCodes.push(codeOf(identityIndex, fields[identityColumn].trim() || `(line ${line})`));
  }
  if (scores.length === 0) throw new ScoresCsvError(source, header.line + 1, 'no data rows after the header');

  const parsed: ParsedScoresCsv = {
    scores: Float64Array.from(scores),
    labels: Uint8Array.from(labels),
    speciesCodes: Uint32Array.from(speciesCodes),
    speciesNames: [...speciesIndex.keys()],
    hasSpeciesColumn: speciesColumn >= 0,
    rowLines: Uint32Array.from(rowLines),
  };
  if (identityColumn < 0) return parsed;
  return { ...parsed, identityCodes: Uint32Array.from(identityCodes), identityNames: [...identityIndex.keys()] };
}
