// The scored rows of a workspace sample table as typed score columns for the metrics worker.
// Renderer (pure, unit-tested).
import type { SampleTable } from '../../common/api';
import { isLabelled } from '../../common/dataset/label';
import { codeOf } from '../../common/dictionary-codes';
import { ATTACK_CLASSES, classOfCategory } from '../../common/metrics/attack-classes';
import { OUT_OF_DOMAIN_REASON } from '../../common/metrics/outcome';
import type { ScoreColumns } from '../workers/metrics-protocol';

/**
 * Rows with a finite score, in table order (the order `uad export-scores` writes). Species are coded
 * among attacks by first appearance; splits and identities by first appearance over all kept rows.
 * Rows without a score (not scored yet, or failed) are left out: they belong to no evaluation. Questioned
 * rows (label null: no ground truth) are left out of every rate and counted per split in `questionedBySplit`.
 * Rows outside the model's domain are inconclusive: moved to `outOfDomain`, counted as non-responses,
 * unless the analyst decides them by score (`decideOutOfDomainByScore`, as `uad metrics --decide-out-of-domain-by-score`):
 * then they stay in the columns. Either way they are counted per split in `outOfDomainBySplit`.
 */
export function tableToColumns(table: SampleTable, decideOutOfDomainByScore = false): ScoreColumns {
  const kept: number[] = [];
  const questionedBySplit: Record<string, number> = {};
  const outOfDomainBySplit: Record<string, number> = {};
  const outOfDomain: NonNullable<ScoreColumns['outOfDomain']> = [];
  for (let i = 0; i < table.id.length; i++) {
    const score = table.score[i];
    if (!isLabelled(table.label[i] ?? null)) {
      const split = table.split[i] ?? '';
      questionedBySplit[split] = (questionedBySplit[split] ?? 0) + 1;
    } else if (typeof score === 'number' && Number.isFinite(score)) {
      const outside = table.inDomain?.[i] === 0;
      if (outside) outOfDomainBySplit[table.split[i] ?? ''] = (outOfDomainBySplit[table.split[i] ?? ''] ?? 0) + 1;
      if (outside && !decideOutOfDomainByScore) {
        const label = table.label[i] === 1 ? 1 : 0;
        const attackClass = label === 1 ? classOfCategory(table.category[i] ?? '') : 'unclassified';
        outOfDomain.push({ line: i + 1, path: table.path[i] ?? '', label, species: label === 1 ? table.species[i] ?? '' : '', attackClass, identity: table.identity[i] ?? '', reason: OUT_OF_DOMAIN_REASON, split: table.split[i] ?? '' });
      } else kept.push(i);
    }
  }
  const n = kept.length;
  const columns: ScoreColumns = {
    scores: new Float64Array(n),
    labels: new Uint8Array(n),
    speciesCodes: new Uint32Array(n),
    speciesNames: [],
    splitCodes: new Uint8Array(n),
    splitNames: [],
    identityCodes: new Uint32Array(n),
    identityNames: [],
    classCodes: new Uint8Array(n),
    questionedBySplit,
    outOfDomain,
    outOfDomainBySplit,
    outOfDomainDecidedByScore: decideOutOfDomainByScore,
    paths: kept.map((row) => table.path[row] ?? ''),
  };
  const species = new Map<string, number>();
  const splits = new Map<string, number>();
  const identities = new Map<string, number>();
  kept.forEach((row, k) => {
    columns.scores[k] = table.score[row]!;
    const label = table.label[row] === 1 ? 1 : 0;
    columns.labels[k] = label;
    if (label === 1) columns.speciesCodes[k] = codeOf(species, table.species[row] ?? '');
    columns.classCodes![k] = ATTACK_CLASSES.indexOf(label === 1 ? classOfCategory(table.category[row] ?? '') : 'unclassified');
    columns.splitCodes[k] = codeOf(splits, table.split[row] ?? '');
    columns.identityCodes![k] = codeOf(identities, table.identity[row] ?? '');
  });
  if (splits.size > 255) throw new Error(`too many splits (${splits.size}); at most 255 are supported`);
  columns.speciesNames = [...species.keys()];
  columns.splitNames = [...splits.keys()];
  columns.identityNames = [...identities.keys()];
  return columns;
}
