// Embedding-map colours: each colouring reads the right column, at the current threshold, and points
// outside the table are grey.
import { describe, expect, it } from 'vitest';
import type { SampleTable } from '../../../common/api';
import { pointColours } from './map-colours';
import type { ChartTheme } from '../../components/palette';

const table: SampleTable = {
  modelSha256: 'x', id: [1, 2, 3, 4], datasetId: [1, 1, 1, 1], path: ['a', 'b', 'c', 'd'], label: [0, 1, 1, 0],
  category: ['bona-fide', 'physical', 'digital', 'bona-fide'], species: ['bona-fide', 'print', 'simswap', 'bona-fide'],
  split: ['', '', '', ''], identity: ['', '', '', ''], fileStatus: ['ok', 'ok', 'ok', 'ok'], score: [0.2, 0.3, 0.9, 0.7], dominantExpert: [null, null, null, null],
};
const theme: ChartTheme = {
  scheme: 'light', text: '#1f2328', muted: '#59636e', background: '#ffffff', grid: '#d0d7de', axis: '#59636e', track: '#eef1f4', mapBackground: '#ffffff',
  accent: '#0969da', bonaFide: '#116329', attack: '#a40e26', threshold: '#9a6700', inspected: '#bf3989',
  series: ['#0969da', '#9a6700', '#8250df', '#1a7f37', '#bc4c00', '#bf3989', '#1b7c83'], species: ['#cf222e', '#bc4c00'],
};
const rgb = (colours: Uint8Array, i: number) => Array.from(colours.subarray(i * 4, i * 4 + 3));

describe('map colours', () => {
  const rows = Int32Array.from([0, 1, 2, 3, -1]);
  it('colours by error type at the threshold: a missed attack and a refused bona fide stand out', () => {
    const { colours, legend } = pointColours(table, rows, 'error', 0.5, theme);
    const [correct, falseAccept, falseReject] = legend.map((l) => l.colour);
    expect(rgb(colours, 0)).toEqual(correct);
    expect(rgb(colours, 1)).toEqual(falseAccept); // attack scored 0.3
    expect(rgb(colours, 2)).toEqual(correct);
    expect(rgb(colours, 3)).toEqual(falseReject); // bona fide scored 0.7
    expect(rgb(colours, 4)).toEqual(correct); // not in the table: grey
  });

  it('colours by label, decision and attack class', () => {
    const label = pointColours(table, rows, 'label', 0.5, theme);
    expect(rgb(label.colours, 0)).toEqual(label.legend[0]!.colour);
    expect(rgb(label.colours, 1)).toEqual(label.legend[1]!.colour);
    const decision = pointColours(table, rows, 'decision', 0.25, theme);
    expect(rgb(decision.colours, 0)).toEqual(decision.legend[0]!.colour);
    expect(rgb(decision.colours, 1)).toEqual(decision.legend[1]!.colour);
    const byClass = pointColours(table, rows, 'class', 0.5, theme);
    expect(byClass.legend.map((l) => l.label)).toEqual(['bona fide', 'presentation', 'adversarial', 'digital', 'unclassified']);
    expect(rgb(byClass.colours, 1)).toEqual(byClass.legend[1]!.colour);
    expect(rgb(byClass.colours, 2)).toEqual(byClass.legend[3]!.colour);
  });
});
