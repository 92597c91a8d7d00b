// escapeForDisplay: control characters, line breaks and bidi overrides become visible escapes.
// Pure shared code test (common/).
import { describe, expect, it } from 'vitest';
import { escapeForDisplay, hasUnsafeCharacters } from './display-text.js';

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
