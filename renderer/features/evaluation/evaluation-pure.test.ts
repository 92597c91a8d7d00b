// Pure helpers of the evaluation view: the shared figure formats, ticks, the metrics CSV, sample table → columns,
// and the latest-only runner that keeps a dragged slider from queueing stale work.
import { describe, expect, it } from 'vitest';
import type { SampleTable } from '../../../common/api';
import { latestOnly } from '../../workers/metrics-client';
import { csvText } from '../../../common/csv/write';
import { formatRate, formatRateInterval, formatThreshold, niceTicks } from '../../../common/format/figures';
import { metricsCsvRows } from './metrics-export';
import { certificationRates } from '../../../common/metrics/certification';
import { ALL_SPLITS, subsetOf } from '../../workers/split-data';
import { tableToColumns } from '../../lib/table-columns';

describe('formats', () => {
  it('writes rates, a bootstrap interval and τ in the shared formats', () => {
    expect(formatRate(0.0325)).toBe('3.25 %');
    expect(formatRate(NaN)).toBe('—');
    const bootstrap = { estimate: 0.03, lower: 0.021, upper: 0.044, standardError: 0.01 };
    expect(formatRateInterval(bootstrap)).toBe('2.10–4.40 %');
    expect(formatThreshold(0.5150165557861328)).toBe('0.5150');
  });

  it('places nice ticks inside the range', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.484, 0.716)).toEqual([0.5, 0.55, 0.6, 0.65, 0.7]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });
});

describe('metricsCsvRows', () => {
  it('lists every number of the JSON export with its interval, quoting where CSV needs it', () => {
    const interval = { estimate: 0.1, lower: 0.05, upper: 0.15, standardError: 0.02 };
    const rows = metricsCsvRows({
      source: 'run, "A"', split: 'test', data_hash: 'ab'.repeat(32), threshold: 0.5, criterion: 'fixed',
      apcer_max: 0.25, worst_species: 'print', apcer_pooled: 0.1, bpcer: 0.05, acer: 0.15, hter: 0.075, acc: 0.9, auc: 0.97, eer: 0.08, eer_threshold: 0.48,
      apcer_by_species: { print: 0.25, replay: 0 },
      confusion: { rows: ['bona fide', 'print'], called_bona_fide: [19, 1], called_attack: [1, 3] },
      bootstrap: { replicates: 100, seed: 0, level: 0.95, resample: 'sample', redrawnReplicates: 0, auc: interval, eer: interval,
        atThreshold: { threshold: 0.5, apcerMax: interval, apcerPooled: interval, bpcer: interval, acer: interval, hter: interval } },
    });
    const text = csvText(rows);
    expect(text.split('\n')[0]).toBe('group,name,value,ci_lower,ci_upper,note');
    expect(text).toContain('data,source,"run, ""A""",,,');
    expect(text).toContain('rates,bpcer,0.05,0.05,0.15,');
    expect(text).toContain('rates,apcer_max,0.25,0.05,0.15,worst species: print');
    expect(text).toContain('apcer_by_species,replay,0,,,');
    expect(text).toContain('confusion,print: called bona fide,1,,,');
    expect(text).toContain('bootstrap,settings,"100 replicates by sample, seed 0",,,95 % percentile intervals');
  });
});

describe('tableToColumns', () => {
  it('keeps scored rows in table order and codes species among attacks only', () => {
    const table: SampleTable = {
      modelSha256: 'x', id: [1, 2, 3, 4, 5], datasetId: [1, 1, 1, 1, 1], path: ['a', 'b', 'c', 'd', 'e'], label: [0, 1, 1, 0, 1],
      category: ['0', '1', '1', '0', '2'], species: ['live', 'replay', 'print', 'live', 'replay'], split: ['dev', 'test', 'test', 'test', 'dev'],
      identity: ['p1', 'p1', 'p2', 'p3', 'p3'], fileStatus: ['ok', 'ok', 'ok', 'ok', 'ok'], score: [0.1, null, 0.7, 0.2, 0.9], dominantExpert: [null, null, null, null, null],
    };
    const columns = tableToColumns(table);
    expect(Array.from(columns.scores)).toEqual([0.1, 0.7, 0.2, 0.9]);
    expect(Array.from(columns.labels)).toEqual([0, 1, 0, 1]);
    expect(columns.speciesNames).toEqual(['print', 'replay']);
    expect(Array.from(columns.speciesCodes)).toEqual([0, 0, 0, 1]);
    expect(columns.splitNames).toEqual(['dev', 'test']);
    expect(Array.from(columns.splitCodes)).toEqual([0, 1, 1, 0]);
    expect(columns.identityNames).toEqual(['p1', 'p2', 'p3']);
  });

  it('leaves questioned rows (label null) out of the columns, counted per split; the counted rates say so', () => {
    const table: SampleTable = {
      modelSha256: 'x', id: [1, 2, 3, 4, 5], datasetId: [1, 1, 1, 1, 1], path: ['a', 'b', 'q1', 'q2', 'q3'], label: [0, 1, null, null, null],
      category: ['bona-fide', 'attack', 'questioned', 'questioned', 'questioned'], species: ['bona-fide', 'print', 'questioned', 'questioned', 'questioned'],
      split: ['test', 'test', 'test', '', ''], identity: ['', '', '', '', ''], fileStatus: ['ok', 'ok', 'ok', 'ok', 'ok'], score: [0.2, 0.9, 0.99, 0.01, null],
      dominantExpert: [null, null, null, null, null],
    };
    const columns = tableToColumns(table);
    expect(Array.from(columns.scores)).toEqual([0.2, 0.9]);
    expect(Array.from(columns.labels)).toEqual([0, 1]);
    expect(columns.questionedBySplit).toEqual({ test: 1, '': 2 });
    const all = subsetOf(columns, ALL_SPLITS);
    expect(all.questioned).toBe(3);
    expect(subsetOf(columns, 'test').questioned).toBe(1);
    const rates = certificationRates(all, 0.5);
    expect([rates.bpcer.attempts, rates.all.apcerPooled?.attempts, rates.questionedLeftOut]).toEqual([1, 1, 3]);
    expect(rates.basis).toMatch(/3 questioned samples \(no ground truth\) are left out of every rate\./);
  });

  it('moves scored rows outside the model\'s domain out of the columns, as inconclusive non-responses', () => {
    const table: SampleTable = {
      modelSha256: 'x', id: [1, 2, 3], datasetId: [1, 1, 1], path: ['a', 'b', 'c'], label: [0, 1, 1], category: ['bona-fide', 'attack', 'attack'],
      species: ['bona-fide', 'print', 'print'], split: ['', '', ''], identity: ['', '', ''], fileStatus: ['ok', 'ok', 'ok'], score: [0.2, 0.9, 0.1],
      dominantExpert: [null, null, null], inDomain: [1, null, 0], domainDistance: [0.5, null, 1.4],
    };
    const columns = tableToColumns(table);
    expect(Array.from(columns.scores)).toEqual([0.2, 0.9]);
    expect(columns.outOfDomain).toEqual([{ line: 3, path: 'c', label: 1, species: 'print', attackClass: 'unclassified', identity: '', reason: "outside the model's domain", split: '' }]);
  });
});

describe('latestOnly', () => {
  it('runs the first call at once, then only the latest of the calls made meanwhile', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    let release: () => void = () => undefined;
    const run = latestOnly(
      (n: number) => { started.push(n); return new Promise<number>((resolve) => { release = () => resolve(n); }); },
      (result) => finished.push(result),
      () => undefined,
    );
    run(1);
    run(2);
    run(3);
    expect(started).toEqual([1]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([1, 3]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(finished).toEqual([1, 3]);
  });
});
