// The label defined once: 0, 1, or questioned (empty, ? or unknown, any case); anything else is an error naming the text.
import { describe, expect, it } from 'vitest';
import { isLabelled, labelCell, labelName, parseLabelText } from './label.js';

describe('sample labels', () => {
  it.each([['0', 0], ['1', 1], [' 1 ', 1], ['', null], ['?', null], ['unknown', null], ['UNKNOWN', null], [' ? ', null]] as const)('%j reads as %j', (text, label) => {
    expect(parseLabelText(text)).toEqual({ label });
  });

  it.each(['2', '-1', '0.5', 'yes', 'attack', '??', 'n/a'])('%j is an error that names it', (text) => {
    expect(parseLabelText(text)).toEqual({ error: `label "${text}" is not 0 (bona fide), 1 (attack), or empty, ? or unknown (questioned)` });
  });

  it('names, cells and the labelled test agree on the three states', () => {
    expect([1, 0, null].map((l) => labelName(l as 0 | 1 | null))).toEqual(['attack', 'bona fide', 'questioned']);
    expect([1, 0, null].map((l) => labelCell(l as 0 | 1 | null))).toEqual(['1', '0', '']);
    expect([1, 0, null, undefined, 2].map((l) => isLabelled(l as 0))).toEqual([true, true, false, false, false]);
  });
});
