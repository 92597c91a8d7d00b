// Compact wire form of the sample table: repeated string columns (category, species, split, identity,
// file status) travel as a dictionary plus integer codes. Pure shared code (common/).
import type { SampleTable } from './samples.js';

export interface DictionaryColumn {
  values: string[];
  codes: number[];
}

type DictionaryKeys = 'category' | 'species' | 'split' | 'identity' | 'fileStatus';
const DICTIONARY_COLUMNS: DictionaryKeys[] = ['category', 'species', 'split', 'identity', 'fileStatus'];

export type SampleTableWire = Omit<SampleTable, DictionaryKeys> & Record<DictionaryKeys, DictionaryColumn>;

export function encodeColumn(values: string[]): DictionaryColumn {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let code = index.get(value);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(value);
      index.set(value, code);
    }
    codes[i] = code;
  }
  return { values: dictionary, codes };
}

export function decodeColumn(column: DictionaryColumn): string[] {
  const out = new Array<string>(column.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = column.values[column.codes[i]!] ?? '';
  return out;
}

export function encodeSampleTable(table: SampleTable): SampleTableWire {
  const wire = { ...table } as unknown as SampleTableWire;
  for (const key of DICTIONARY_COLUMNS) wire[key] = encodeColumn(table[key]);
  return wire;
}

export function decodeSampleTable(wire: SampleTableWire): SampleTable {
  const table = { ...wire } as unknown as SampleTable;
  for (const key of DICTIONARY_COLUMNS) table[key] = decodeColumn(wire[key]);
  return table;
}
