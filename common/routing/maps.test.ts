// Routing maps and colour maps: hand-built tensors with known sums, grid layout, colour anchors.
import { describe, expect, it } from 'vitest';
import { cssColour, expertColour, viridis } from './colormap.js';
import { dispatchColumn, dispatchMassForExpert, expertColumn, patchGrid, valueRange } from './maps.js';

// n = 3 tokens, e = 2 experts, s = 2 slots; dispatch[token][expert][slot] = token*4 + expert*2 + slot.
const dispatch = Float32Array.from({ length: 12 }, (_, i) => i);

describe('routing maps', () => {
  it('reads one slot column over tokens', () => {
    expect(Array.from(dispatchColumn(dispatch, 3, 2, 2, 1, 0))).toEqual([2, 6, 10]);
  });
  it('sums an expert’s slots per token', () => {
    expect(Array.from(dispatchMassForExpert(dispatch, 3, 2, 2, 1))).toEqual([2 + 3, 6 + 7, 10 + 11]);
  });
  it('reads an expert column and lays tokens on the patch grid without CLS', () => {
    const mass = Float32Array.from([0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 0.5]); // n = 5, e = 2
    expect(Array.from(expertColumn(mass, 5, 2, 0))).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5])));
    expect(Array.from(patchGrid(expertColumn(mass, 5, 2, 0), 2, 2))).toEqual(Array.from(Float32Array.from([0.2, 0.3, 0.4, 0.5])));
    expect(() => patchGrid([1, 2, 3], 2, 2)).toThrow(/expected 5 tokens/);
  });
  it('finds the finite value range', () => {
    expect(valueRange([3, NaN, -1, Infinity, 2])).toEqual({ min: -1, max: 3 });
    expect(valueRange([])).toEqual({ min: 0, max: 0 });
  });
});

describe('colour maps', () => {
  it('hits viridis anchors at the ends and clamps', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(-5)).toEqual([68, 1, 84]);
    expect(viridis(Number.NaN)).toEqual([68, 1, 84]);
    expect(viridis(0.5)).toEqual([33, 144, 141]);
  });
  it('cycles expert colours and formats CSS', () => {
    expect(expertColour(8)).toEqual(expertColour(0));
    expect(cssColour([1, 2, 3], 0.5)).toBe('rgba(1, 2, 3, 0.5)');
  });
});
