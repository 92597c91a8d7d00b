// Unit tests of the scores CSV parser: column order, quoting, line numbers in every error.
// Pure code under test (common/metrics/scores-csv.ts).
import { describe, expect, it } from 'vitest';
import { parseScoresCsv, ScoresCsvError } from './scores-csv.js';

describe('parseScoresCsv', () => {
  it('reads columns in any order and ignores extra columns such as path', () => {
    const parsed = parseScoresCsv(
      'path,score,label,species,identity\nlive/a.png,0.1,0,,id1\nspoof/b.png,0.9,1,print,id1\nspoof/c.png,0.7,1,replay,id2\n',
      'scores.csv',
    );
    expect(Array.from(parsed.scores)).toEqual([0.1, 0.9, 0.7]);
    expect(Array.from(parsed.labels)).toEqual([0, 1, 1]);
    expect(parsed.speciesNames).toEqual(['print', 'replay']);
    expect(Array.from(parsed.speciesCodes).slice(1)).toEqual([0, 1]);
    expect(parsed.identityNames).toEqual(['id1', 'id2']);
    expect(Array.from(parsed.identityCodes!)).toEqual([0, 0, 1]);
    expect(Array.from(parsed.rowLines)).toEqual([2, 3, 4]);
    expect(parsed.hasSpeciesColumn).toBe(true);
  });

  it('puts all attacks in one species without a species column; accepts CRLF, BOM, 1.0/0.0, spaces, blank lines', () => {
    const parsed = parseScoresCsv('\uFEFF Label , SCORE \r\n1.0, 5e-1\r\n\r\n0.0,-.25\r\n', 'x.csv');
    expect(Array.from(parsed.scores)).toEqual([0.5, -0.25]);
    expect(Array.from(parsed.labels)).toEqual([1, 0]);
    expect(parsed.speciesNames).toEqual(['attack']);
    expect(parsed.hasSpeciesColumn).toBe(false);
    expect(parsed.identityCodes).toBeUndefined();
  });

  it('handles quoted fields with commas, doubled quotes and line breaks, counting lines', () => {
    const text = 'score,label,path,species\n0.2,0,"a,b.png",\n"0.8","1","he said ""hi""\nnext line",print\n0.6,1,c.png,"mask, silicone"\n';
    const parsed = parseScoresCsv(text, 'q.csv');
    expect(Array.from(parsed.scores)).toEqual([0.2, 0.8, 0.6]);
    expect(parsed.speciesNames).toEqual(['print', 'mask, silicone']);
    expect(Array.from(parsed.rowLines)).toEqual([2, 3, 5]);
  });

  it('names an attack with an empty species "unspecified"', () => {
    const parsed = parseScoresCsv('score,label,species\n0.3,1,\n0.2,0,live\n', 'e.csv');
    expect(parsed.speciesNames).toEqual(['unspecified']);
  });

  const bad: [string, string, number, RegExp][] = [
    ['an empty file', '', 1, /file is empty/],
    ['only blank lines', '\n\n', 1, /file is empty/],
    ['a header without rows', 'score,label\n', 2, /no data rows/],
    ['a missing label column', 'score,species\n0.1,print\n', 1, /header lacks column 'label'/],
    ['missing score and label columns', 'path\nx.png\n', 1, /lacks columns 'score' and 'label'/],
    ['a duplicated column', 'score,label,score\n0.1,0,0.2\n', 1, /column 'score' appears twice/],
    ['a non-numeric score', 'score,label\n0.1,0\nabc,1\n', 3, /score 'abc' is not a finite number/],
    ['a NaN score', 'score,label\n0.1,0\n0.4,1\nNaN,1\n', 4, /score is 'NaN' \(NaN scores are not allowed\)/],
    ['an infinite score', 'score,label\ninf,0\n', 2, /score 'inf' is not a finite number/],
    ['an overflowing score', 'score,label\n1e999,0\n', 2, /overflows to Infinity/],
    ['an empty score', 'score,label\n,0\n', 2, /score is empty/],
    ['a label outside {0, 1}', 'score,label\n0.1,0\n0.2,2\n', 3, /label '2' is not 0 \(bona fide\), 1 \(attack\), or empty, \? or unknown \(questioned\)/],
    ['a text label', 'score,label\n0.1,attack\n', 2, /label 'attack' is not 0 \(bona fide\), 1/],
    ['too few fields', 'score,label,species\n0.1,0,\n0.2,1\n', 3, /expected 3 fields as in the header, found 2/],
    ['an unclosed quote', 'score,label\n0.1,0\n"0.2,1\n0.3,0\n', 3, /quoted field is never closed/],
    ['text after a closing quote', 'score,label\n"0.1"x,0\n', 2, /unexpected text after a closing quote/],
  ];
  it.each(bad)('rejects %s, naming file and line', (_name, text, line, message) => {
    let thrown: unknown;
    try {
      parseScoresCsv(text, 'data/scores.csv');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScoresCsvError);
    const error = thrown as ScoresCsvError;
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^data/scores\\.csv:${line}: `));
    expect(error.message).toMatch(message);
  });

  it('reports the line where a multi-line quoted record starts, and lines after it correctly', () => {
    expect(() => parseScoresCsv('score,label,path\n0.1,0,"a\nb"\nzz,1,c\n', 'm.csv')).toThrow(/^m\.csv:4: score 'zz'/);
  });

  it('warns about a path listed twice (the sample counts twice), naming both lines', () => {
    const parsed = parseScoresCsv('path,score,label\na.jpg,0.1,0\nb.jpg,0.9,1\na.jpg,0.1,0\n', 'd.csv');
    expect(parsed.scores.length).toBe(3);
    expect(parsed.warnings).toEqual(["d.csv:4: path 'a.jpg' already appeared on line 2; that sample counts twice"]);
    expect(parseScoresCsv('score,label\n0.1,0\n0.1,0\n', 'n.csv').warnings).toEqual([]);
    const many = ['path,score,label', ...Array.from({ length: 30 }, () => 'same.jpg,0.5,1')].join('\n');
    const warnings = parseScoresCsv(many, 'm.csv').warnings;
    expect(warnings).toHaveLength(21);
    expect(warnings.at(-1)).toBe('m.csv: 9 more repeated paths not listed (29 in all)');
  });
});
