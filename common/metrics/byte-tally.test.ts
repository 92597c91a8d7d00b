// Unit tests of ByteTally: counts past one byte are carried exactly, and clear() forgets them. Pure code under test.
import { describe, expect, it } from 'vitest';
import { ByteTally } from './byte-tally.js';

describe('ByteTally', () => {
  it('counts each slot exactly, past 255 and past several wraps', () => {
    const tally = new ByteTally(4);
    for (let k = 0; k < 1000; k++) tally.add(1);
    for (let k = 0; k < 256; k++) tally.add(2);
    tally.add(3);
    expect([0, 1, 2, 3].map((slot) => tally.count(slot))).toEqual([0, 1000, 256, 1]);
  });

  it('clears the counts and their carries', () => {
    const tally = new ByteTally(3);
    for (let k = 0; k < 300; k++) tally.add(0);
    tally.add(2);
    tally.clear();
    expect([0, 1, 2].map((slot) => tally.count(slot))).toEqual([0, 0, 0]);
    tally.add(0);
    expect(tally.count(0)).toBe(1);
  });
});
