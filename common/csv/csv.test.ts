// The one CSV reader and writer: RFC 4180 cases by hand, formula neutralisation (OWASP CSV injection)
// with numbers kept numeric, and a seeded round trip of awkward text through writer and reader.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../metrics/prng';
import { neutraliseFormula, unneutralise } from './formula';
import { csvRecords, CsvUnclosedQuoteError, parseCsv } from './read';
import { csvCell, csvLine, csvText } from './write';

describe('csvCell: formula neutralisation', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1+cmd', "'-1+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "\"'\rx\""],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["'=already", "''=already"],
    ['a=b', 'a=b'],
    [' =x', ' =x'],
    ["'plain", "'plain"],
    ['live/a.jpg', 'live/a.jpg'],
    ['-0.25', "'-0.25"],
  ])('text %j is written as %j', (text, written) => {
    expect(csvCell(text)).toBe(written);
  });

  it('writes finite numbers as numbers, negatives included, and non-finite ones as inert text', () => {
    expect(csvLine([-0.25, 0, 1e-7, -3, 0.5])).toBe('-0.25,0,1e-7,-3,0.5');
    expect(csvLine([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe("NaN,Infinity,'-Infinity");
    expect(csvLine([null, undefined, true, ''])).toBe(',,true,');
  });

  it('neutralise and unneutralise are inverse on every string', () => {
    for (const text of ['', "'", "''", "'=", "''=", '=', '-', '@', 'x', "'x", "'''-1"]) expect(unneutralise(neutraliseFormula(text))).toBe(text);
  });
});

describe('csvRecords: RFC 4180', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers records by starting line', () => {
    const records = [...csvRecords('\uFEFFa,b,c\r\n"x, y","say ""hi""",\n\n   \n"multi\r\nline",2,3\rlast,,"" ')];
    expect(records.map((r) => [r.line, r.fields, r.problem])).toEqual([
      [1, ['a', 'b', 'c'], undefined],
      [2, ['x, y', 'say "hi"', ''], undefined],
      [5, ['multi\r\nline', '2', '3'], undefined],
      [7, ['last', '', ' '], 'unexpected text after a closing quote (field 3)'],
    ]);
  });

  it('marks a stray quote, throws for a quote never closed naming its line', () => {
    expect([...csvRecords('a,b\nx"y,1\n')][1]!.problem).toBe('stray quote inside unquoted field 1');
    expect(() => [...csvRecords('a,b\nok,0\n"open,1\nmore,0\n')]).toThrow(CsvUnclosedQuoteError);
    expect(parseCsv('a,b\nok,0\n"open,1\nmore,0\n')).toMatchObject({ ok: false, error: { code: 'csv-unterminated', detail: 'line 3' } });
  });

  it('reads a neutralised cell back as the original text; a spreadsheet-typed apostrophe likewise', () => {
    expect([...csvRecords("'=1+2,'-0.5,''=x,'plain\n")][0]!.fields).toEqual(['=1+2', '-0.5', "'=x", "'plain"]);
  });
});

describe('writer → reader round trip', () => {
  it('keeps every value of 2,000 seeded rows of awkward text and numbers', () => {
    const seeded = new SeededRandom(20260101);
    const random = () => seeded.nextDouble();
    const alphabet = ['a', 'Z', '0', ',', '"', "'", '\n', '\r', '\r\n', '\t', ' ', '=', '+', '-', '@', 'é', '→', ';'];
    const text = () => Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const rows = Array.from({ length: 2000 }, () => [text(), (random() - 0.5) * 10, text(), Math.floor(random() * 2)]);
    const read = [...csvRecords(csvText(rows))];
    // A row of one blank text cell is not blank here: each row has four cells.
    expect(read.map((r) => r.problem)).toEqual(rows.map(() => undefined));
    expect(read.map((r) => [r.fields[0], Number(r.fields[1]), r.fields[2], Number(r.fields[3])])).toEqual(rows);
  });
});
