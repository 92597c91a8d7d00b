// Sample-table wire codec: round trip, and dictionaries hold each distinct value once.
import { describe, expect, it } from 'vitest';
import { decodeSampleTable, encodeColumn, encodeSampleTable } from './sample-table-codec.js';
import type { SampleTable } from './samples.js';

describe('sample table codec', () => {
  it('dictionary-encodes a column', () => {
    expect(encodeColumn(['a', 'b', 'a', '', 'b'])).toEqual({ values: ['a', 'b', ''], codes: [0, 1, 0, 2, 1] });
  });
  it('round-trips a table', () => {
    const table: SampleTable = {
      modelSha256: 'm', id: [1, 2, 3], datasetId: [1, 1, 2], path: ['x', 'y', 'z'], label: [0, 1, 1],
      category: ['bona-fide', 'physical', 'physical'], species: ['bona-fide', 'print', 'print'], split: ['dev', 'test', 'test'],
      identity: ['A', 'A', 'B'], fileStatus: ['ok', 'ok', 'missing'], score: [0.1, null, 0.9], dominantExpert: [0, null, 3],
    };
    const wire = encodeSampleTable(table);
    expect(wire.species.values).toEqual(['bona-fide', 'print']);
    expect(decodeSampleTable(JSON.parse(JSON.stringify(wire)))).toEqual(table);
  });
});
