// escapeForDisplay: control characters, line breaks and bidi overrides become visible escapes.
// Pure shared code test (common/).
import { describe, expect, it } from 'vitest';
import { escapeForDisplay, escapeInvisible, hasUnsafeCharacters, jsonForDisplay } from './display-text.js';

describe('escapeForDisplay', () => {
  it('leaves ordinary text, accents and emoji alone', () => {
    expect(escapeForDisplay('Case 12 — Müller “print” 🙂')).toBe('Case 12 — Müller “print” 🙂');
    expect(hasUnsafeCharacters('Case 12')).toBe(false);
  });

  it('escapes ANSI sequences, carriage returns and newlines so no line can be erased or forged', () => {
    const spoof = 'x\u001b[2K\r\u001b[1AOK  genuine.zip\nsigned by a trusted key';
    const shown = escapeForDisplay(spoof);
    expect(shown).toBe('x\\e[2K\\r\\e[1AOK  genuine.zip\\nsigned by a trusted key');
    expect(shown).not.toMatch(/[\u0000-\u001f]/);
    expect(hasUnsafeCharacters(spoof)).toBe(true);
  });

  it('escapes bidi overrides, C1 controls, separators and doubles backslashes (no ambiguity)', () => {
    expect(escapeForDisplay('a\u202Eb\u0085c\u2028d\u0000')).toBe('a\\u{202e}b\\u{0085}c\\u{2028}d\\u{0000}');
    expect(escapeForDisplay('\\n')).toBe('\\\\n');
  });
});

describe('escapeInvisible', () => {
  it('escapes controls and bidi marks but keeps tabs, line breaks and single backslashes', () => {
    expect(escapeInvisible('C:\\x\tname\n\u202Eexe\u001b[2J\u0000')).toBe('C:\\x\tname\n\\u{202e}exe\\e[2J\\u{0000}');
  });
});

describe('jsonForDisplay', () => {
  it('writes separators, bidi marks, DEL and C1 as \\uXXXX: valid JSON that parses to the same value', () => {
    const value = { name: 'a\u202Eb\u2028c\u2029d\u007f\u0085\u001b[2J\u2066e\u200f' };
    const text = jsonForDisplay(value, 2);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('a\\u202eb\\u2028c\\u2029d\\u007f\\u0085\\u001b[2J\\u2066e\\u200f');
    expect(JSON.parse(text)).toEqual(value);
  });
});
