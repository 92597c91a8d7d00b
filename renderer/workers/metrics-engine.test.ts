// The metrics worker's engine gives the CLI's numbers: a workspace table evaluated through
// tableToColumns + MetricsEngine equals `export-scores --split` → parseScoresCsv → evaluateScores.
import { describe, expect, it } from 'vitest';
import type { SampleTable } from '../../common/api';
import {
  bootstrapConfidenceIntervals,
  chooseThreshold,
  comparePaired,
  evaluateScores,
  metricsReportJson,
  pairByPath,
  parseCriterion,
  parseScoresCsv,
  rocAuc,
  ThresholdIndex,
} from '../../common/metrics/index';
import { tableToColumns } from '../lib/table-columns';
import { MetricsEngine } from './metrics-engine';
import { scoreLabelHash } from './score-hash';

/** A small workspace-like table: dev/test/train, three species met in a different order per split, ties, unscored rows. */
function demoTable(): SampleTable {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const table: SampleTable = { modelSha256: null, id: [], datasetId: [], path: [], label: [], category: [], species: [], split: [], identity: [], fileStatus: [], score: [], dominantExpert: [] };
  const speciesBySplit: Record<string, string[]> = { dev: ['print', 'replay', 'swap'], test: ['swap', 'print', 'replay'], train: ['replay'] };
  for (let i = 0; i < 420; i++) {
    const split = i < 150 ? 'dev' : i < 390 ? 'test' : 'train';
    const label = i % 3 === 0 && split !== 'train' ? 0 : 1;
    const species = label === 0 ? 'live' : speciesBySplit[split]![i % speciesBySplit[split]!.length]!;
    const raw = label === 1 ? 0.35 + 0.6 * random() : 0.55 * random();
    table.id.push(i + 1);
    table.datasetId.push(1);
    table.path.push(`${split}/${species}/${i}.jpg`);
    table.label.push(label);
    table.category.push(String(label));
    table.species.push(species);
    table.split.push(split);
    table.identity.push(`id-${i % 37}`);
    table.fileStatus.push('ok');
    // Rounded to 2 decimals: many ties, as float32 model outputs have.
    table.score.push(i % 29 === 5 ? null : Math.round(raw * 100) / 100);
    table.dominantExpert.push(null);
  }
  return table;
}

/** What `uad export-scores --split S` writes for the table. */
function exportCsv(table: SampleTable, split: string): string {
  const lines = ['path,score,label,species,identity'];
  table.id.forEach((_, i) => {
    if (table.score[i] === null || table.split[i] !== split) return;
    lines.push([table.path[i], table.score[i], table.label[i], table.species[i], table.identity[i]].join(','));
  });
  return `${lines.join('\n')}\n`;
}

describe('MetricsEngine against the CLI path', () => {
  const table = demoTable();
  const testCsv = parseScoresCsv(exportCsv(table, 'test'), 'test.csv');
  const devCsv = parseScoresCsv(exportCsv(table, 'dev'), 'dev.csv');
  const testIndex = ThresholdIndex.build(testCsv);
  const devIndex = ThresholdIndex.build(devCsv);

  async function loaded() {
    const engine = new MetricsEngine();
    const summary = await engine.loadColumns({ sourceId: 'm', name: 'model', columns: tableToColumns(table) });
    return { engine, summary };
  }

  it('lists all, dev, test and train; train (attacks only) is unusable with the reason', async () => {
    const { summary } = await loaded();
    expect(summary.splits.map((s) => s.split)).toEqual(['all', 'dev', 'test', 'train']);
    const train = summary.splits.find((s) => s.split === 'train')!;
    expect(train.unusable).toMatch(/one class|only|bona fide/i);
    expect(summary.samples).toBe(table.score.filter((s) => s !== null).length);
  });

  it('rates, confusion and AUC/EER at a threshold equal `uad metrics --threshold T` on the exported split', async () => {
    const { engine, summary } = await loaded();
    for (const threshold of [0.3, 0.5, 0.62, 0.99]) {
      const cli = metricsReportJson(evaluateScores({ scores: testIndex, scoresDescription: 'test.csv', criterion: { kind: 'fixed', threshold } }));
      const ui = engine.query({ primaryId: 'm', compareIds: [], split: 'test', sourceSplit: 'dev', criterion: 'fixed', threshold });
      expect(ui.rates.apcerMax).toBe(cli.apcer_max);
      expect(ui.rates.apcerPooled).toBe(cli.apcer_pooled);
      expect(ui.rates.bpcer).toBe(cli.bpcer);
      expect(ui.rates.acer).toBe(cli.acer);
      expect(ui.rates.hter).toBe(cli.hter);
      expect(ui.rates.acc).toBe(cli.acc);
      expect(ui.rates.worstSpecies).toBe(cli.worst_species);
      expect(Object.fromEntries(ui.rates.speciesNames.map((n, s) => [n, ui.rates.apcerBySpecies[s]]))).toEqual(cli.apcer_by_species);
      expect({ rows: ui.confusion.rowNames, called_bona_fide: ui.confusion.calledBonaFide, called_attack: ui.confusion.calledAttack })
        .toEqual({ rows: (cli.confusion as { rows: string[] }).rows, called_bona_fide: (cli.confusion as { called_bona_fide: number[] }).called_bona_fide, called_attack: (cli.confusion as { called_attack: number[] }).called_attack });
      const split = summary.splits.find((s) => s.split === 'test')!;
      expect(split.auc).toBe(cli.auc);
      expect(split.eer).toBe(cli.eer);
    }
  });

  it('a criterion chosen on dev is the CLI`s `--dev dev.csv --criterion C` threshold, with the dev data hash', async () => {
    const { engine } = await loaded();
    for (const name of ['eer', 'min-hter', 'bpcer20', 'bpcer100', 'apcer20']) {
      const chosen = await engine.choose({ sourceId: 'm', split: 'dev', criterion: name });
      expect(chosen.provenance.threshold).toBe(chooseThreshold(devIndex, parseCriterion(name), 'dev.csv').threshold);
      expect(chosen.dataHash).toBe(await scoreLabelHash(devIndex));
    }
  });

  it('bootstrap intervals equal `uad metrics --bootstrap N --seed S` on the same split', async () => {
    const { engine } = await loaded();
    const ui = engine.bootstrap({ sourceId: 'm', split: 'test', threshold: 0.5, replicates: 60, seed: 7, resample: 'sample' });
    expect(ui).toEqual(bootstrapConfidenceIntervals(testCsv, { replicates: 60, seed: 7, resample: 'sample', threshold: 0.5 }));
    const byIdentity = engine.bootstrap({ sourceId: 'm', split: 'test', threshold: 0.5, replicates: 30, seed: 1, resample: 'identity' });
    expect(byIdentity).toEqual(bootstrapConfidenceIntervals(testCsv, { replicates: 30, seed: 1, resample: 'identity', threshold: 0.5 }));
  });

  it('the comparison row of a criterion uses each run`s own dev threshold', async () => {
    const { engine } = await loaded();
    const out = engine.query({ primaryId: 'm', compareIds: ['m'], split: 'test', sourceSplit: 'dev', criterion: 'bpcer100', threshold: 0.1 });
    expect(out.comparison).toHaveLength(1);
    const threshold = chooseThreshold(devIndex, parseCriterion('bpcer100'), 'dev').threshold;
    expect(out.comparison[0]!.threshold).toBe(threshold);
    expect(out.comparison[0]!.rates!.bpcer).toBe(testIndex.ratesAt(threshold).bpcer);
    expect(out.comparison[0]!.auc).toBe(rocAuc(testIndex));
  });

  it('under a fixed τ an overlay is decided at its own saved τ, else its own EER, never at the primary`s', async () => {
    const { engine } = await loaded();
    await engine.loadColumns({ sourceId: 'o', name: 'other', columns: tableToColumns(demoTable()) });
    const own = engine.query({ primaryId: 'm', compareIds: ['o'], split: 'test', sourceSplit: 'dev', criterion: 'fixed', threshold: 0.1 });
    const [primary, overlay] = own.comparison;
    expect(primary!.threshold).toBe(0.1);
    expect(primary!.thresholdSays).toBe('the operating point');
    const eer = chooseThreshold(devIndex, parseCriterion('eer'), 'dev').threshold;
    expect(overlay!.threshold).toBe(eer);
    expect(overlay!.threshold).not.toBe(0.1);
    expect(overlay!.thresholdSays).toBe('EER on its dev (no saved τ)');
    expect(overlay!.rates!.bpcer).toBe(testIndex.ratesAt(eer).bpcer);
    const saved = engine.query({ primaryId: 'm', compareIds: ['o'], split: 'test', sourceSplit: 'dev', criterion: 'fixed', threshold: 0.1, savedThresholds: { o: { value: 0.42, says: 'saved #7 (eer on dev)' } } });
    expect(saved.comparison[1]!.threshold).toBe(0.42);
    expect(saved.comparison[1]!.thresholdSays).toBe('saved #7 (eer on dev)');
    expect(saved.comparison[1]!.rates!.apcerMax).toBe(testIndex.ratesAt(0.42).apcerMax);
  });

  it('the paired comparison of two runs equals `uad compare --intersect` on their exported scores', async () => {
    const { engine } = await loaded();
    // Model B: other scores of the same samples, and a few samples only one of the two scored.
    const other = demoTable();
    other.score = other.score.map((score, i) => (score === null ? (i % 2 === 0 ? 0.5 : null) : i % 31 === 3 ? null : Math.round(((score * 7 + (i % 5) * 0.1) % 1) * 100) / 100));
    await engine.loadColumns({ sourceId: 'o', name: 'other', columns: tableToColumns(other) });
    const out = engine.paired({ a: { sourceId: 'm', threshold: 0.4 }, b: { sourceId: 'o', threshold: 0.55 }, split: 'test', replicates: 50, seed: 3, resample: 'identity' });
    const pairing = pairByPath(parseScoresCsv(exportCsv(table, 'test'), 'a.csv'), parseScoresCsv(exportCsv(other, 'test'), 'b.csv'), { a: 'a', b: 'b' }, true);
    expect(pairing.onlyA + pairing.onlyB).toBeGreaterThan(0);
    expect([out.onlyA, out.onlyB]).toEqual([pairing.onlyA, pairing.onlyB]);
    expect(out.comparison).toEqual(comparePaired(pairing.data, 0.4, 0.55, { replicates: 50, seed: 3, resample: 'identity' }));
    expect([out.a, out.b]).toEqual(['model', 'other']);
  });

  it('curves keep exact operating points and histograms count every sample', async () => {
    const { summary } = await loaded();
    const test = summary.splits.find((s) => s.split === 'test')!;
    const { roc } = test;
    expect([roc.x[0], roc.y[0]]).toEqual([0, 0]);
    expect([roc.x.at(-1), roc.y.at(-1)]).toEqual([1, 1]);
    for (let k = 0; k < roc.x.length; k++) {
      const rates = testIndex.ratesAt(roc.thresholds[k]!);
      expect(roc.x[k]).toBe(rates.bpcer);
      expect(roc.y[k]).toBe(1 - rates.apcerPooled);
    }
    const sum = (a: Uint32Array) => a.reduce((x, y) => x + y, 0);
    expect(sum(test.histogram.bonaFide)).toBe(test.bonaFide);
    expect(sum(test.histogram.attacks)).toBe(test.attacks);
    expect(test.histogram.bySpecies.map(sum)).toEqual(test.speciesAttackCounts);
  });

  it('a τ between two scores lands on the rates `uad metrics --threshold T` gives, not on a curve vertex', async () => {
    const { engine } = await loaded();
    for (const threshold of [0.305, 0.5, 0.617, 2]) {
      const cli = metricsReportJson(evaluateScores({ scores: testIndex, scoresDescription: 'test.csv', criterion: { kind: 'fixed', threshold } }));
      expect(engine.ratesAt({ sourceId: 'm', split: 'test', threshold })).toEqual({ threshold, bpcer: cli.bpcer, apcerPooled: cli.apcer_pooled });
    }
    expect(() => engine.ratesAt({ sourceId: 'nope', split: 'test', threshold: 0.5 })).toThrow();
  });

  it('loads a scores CSV with the CLI parser and reports its line-numbered errors', async () => {
    const engine = new MetricsEngine();
    const file = new Blob([exportCsv(table, 'test')]);
    const { summary, columns } = await engine.loadCsv({ sourceId: 'f', name: 'test.csv', file });
    expect(summary.splits.map((s) => s.split)).toEqual(['all']);
    expect(summary.splits[0]!.auc).toBe(rocAuc(testIndex));
    expect(columns.scores).toEqual(testCsv.scores);
    await expect(engine.loadCsv({ sourceId: 'g', name: 'bad.csv', file: new Blob(['score,label\n0.5,1\nnan,0\n']) })).rejects.toThrow('bad.csv:3');
    const repeated = await engine.loadCsv({ sourceId: 'h', name: 'twice.csv', file: new Blob(['path,score,label\na.png,0.2,0\nb.png,0.9,1\na.png,0.2,0\n']) });
    expect(repeated.warnings).toEqual(["twice.csv:4: path 'a.png' already appeared on line 2; that sample counts twice"]);
    expect((await engine.loadCsv({ sourceId: 'i', name: 'once.csv', file: new Blob(['path,score,label\na.png,0.2,0\nb.png,0.9,1\n']) })).warnings).toEqual([]);
  });
});
