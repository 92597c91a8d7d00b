// `uad export-scores --workspace <dir> --out scores.csv [--model SHA256-prefix]`: one row per listed sample,
// `uad export-scores --workspace <dir> --out scores.csv [--model SHA256-prefix] [--threshold T]`: one row per listed sample,
// `path,score,label,species,identity,class,status,face_index,face_box,domain_distance,in_domain,outcome,outcome_reason` (formula-safe
// CSV, common/csv), readable by `uad metrics` (a questioned sample's label is empty: left out of the rates); samples that could not be scored are rows with an empty score and
// their reason as status. The outcome (common/metrics/outcome.ts) is taken at --threshold, else the newest threshold
// saved for the model, else 0.5 (said on stderr). Node side (CLI).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { csvText } from '../../common/csv/write.js';
import { labelCell, type SampleLabel } from '../../common/dataset/label.js';
import { classOfCategory } from '../../common/metrics/attack-classes.js';
import { usableDomain } from '../../common/model/domain-validity.js';
import { domainLimit, outcomeOf, reasonText, unscoredInput, type SampleOutcome } from '../../common/metrics/outcome.js';
import { modelRecord } from '../workspace/models.js';
import { listThresholds } from '../workspace/thresholds.js';
import type { ScoredSample } from '../workspace/score-queries.js';
import { Workspace } from '../workspace/workspace.js';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';

const USAGE = `usage: uad export-scores --workspace <dir> --out scores.csv [--model <sha256 prefix>] [--split train|dev|test] [--threshold T] [--json]

Writes the workspace's scores as CSV (path,score,label,species,identity,class,status, then face_index,face_box,
domain_distance,in_domain, then outcome,outcome_reason), the input of \`uad metrics\` and \`uad report\`; non-responses
are rows with an empty score; a questioned sample (no ground truth) has an empty label.

  --model PREFIX   the model whose scores to write, by a prefix of its SHA-256 (default: the only model scored;
                   needed when the workspace holds several)
  --split NAME     only the samples of this protocol split (default: every sample)
  --threshold T    the threshold τ the outcome column is decided at (default: the newest saved threshold of the
                   model, else 0.5, said on stderr)
  --json           one JSON object on stdout instead of the sentence

examples:
  uad export-scores --workspace ws/ --out scores.csv
  uad export-scores --workspace ws/ --out dev.csv --model adb98d09 --split dev --threshold 0.42

exit status: 0 written, 1 no scores or unreadable workspace, 2 bad usage or an ambiguous --model`;

/** A failure reason as a status cell: one line, never the word 'ok' (the writer neutralises formulas). */
function statusOf(reason: string): string {
  const line = reason.replace(/[\r\n]+/g, ' ').trim() || 'failed';
  return line.toLowerCase() === 'ok' ? 'failed: ok' : line;
}

function faceAndDomain(r: ScoredSample): (string | number)[] {
  return [
    r.faceIndex ?? '', r.faceBox ? r.faceBox.join(' ') : '',
    r.domainDistance ?? '', r.inDomain === null ? 'unknown' : r.inDomain ? 'true' : 'false',
  ];
}

const outcomeCells = (o: SampleOutcome): string[] => [o.outcome, o.reason === null ? '' : reasonText(o.reason)];

/**
 * The scores CSV of one model in a workspace (every listed sample, or those of one split), outcomes decided at
 * τ = threshold; the counts of rows, non-responses and samples never attempted. Shared with `uad compare`.
 */
export function workspaceScoresCsv(workspace: Workspace, sha256: string, threshold: number, split: string | undefined): { text: string; rows: number; nonResponses: number; neverAttempted: number } {
  const limit = domainLimit(usableDomain(modelRecord(workspace, sha256)?.sidecar.domain));
  const scoredOutcome = (r: ScoredSample) => outcomeCells(outcomeOf({ score: r.score, threshold, domain: { inDomain: r.inDomain, distance: r.domainDistance, limit } }));
  const unscoredOutcome = (reason: string) => outcomeCells(outcomeOf({
    score: null, threshold, ...unscoredInput(reason),
  }));
  const inSplit = (r: { split: string }) => !split || r.split === split;
  const rows = workspace.scores(sha256).filter(inSplit);
  const { samples: nonResponses, neverAttempted } = workspace.nonResponses(sha256, split);
  const cls = (r: { label: SampleLabel; category: string }) => (r.label === 1 ? classOfCategory(r.category) : '');
  const text = csvText([
    // After the first seven columns: the face (index, box "x1 y1 x2 y2" in EXIF-oriented pixels; empty for whole
    // images) and the domain check (distance and true|false, or an empty distance and "unknown" without statistics).
    // Last: the outcome (exactly 'attack', 'bona fide' or 'inconclusive') and, when inconclusive, why.
    ['path', 'score', 'label', 'species', 'identity', 'class', 'status', 'face_index', 'face_box', 'domain_distance', 'in_domain', 'outcome', 'outcome_reason'],
    ...rows.map((r) => [r.path, r.score, labelCell(r.label), r.species, r.identity, cls(r), 'ok', ...faceAndDomain(r), ...scoredOutcome(r)]),
    // A status cell is never 'ok' for a non-response, whatever the recorded reason says.
    ...nonResponses.map((r) => [r.path, '', labelCell(r.label), r.species, r.identity, cls(r), statusOf(r.reason!), '', '', '', '', ...unscoredOutcome(r.reason!)]),
  ]);
  return { text, rows: rows.length, nonResponses: nonResponses.length, neverAttempted };
}

export async function runExportScoresCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { workspace: { type: 'string' }, out: { type: 'string' }, model: { type: 'string' }, split: { type: 'string' }, threshold: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    console.error(`uad export-scores: ${shown((err as Error).message)}\n${USAGE}`);
    return 2;
  }
  if (values.help) { console.log(USAGE); return 0; }
  if (!values.workspace || !values.out) {
    console.error(`uad export-scores: need --workspace and --out\n${USAGE}`);
    return 2;
  }
  let workspace: Workspace;
  try {
    workspace = Workspace.openExisting(values.workspace, { readOnly: true });
  } catch (err) {
    console.error(`uad export-scores: cannot open the workspace: ${shown((err as Error).message)}`);
    return 1;
  }
  try {
    const models = workspace.scoredModels();
    if (models.length === 0) {
      console.error(`uad export-scores: no predictions in ${shown(workspace.file)}; run \`uad score\` first`);
      return 1;
    }
    const matching = values.model ? models.filter((m) => m.sha256.startsWith(values.model!.toLowerCase())) : models;
    if (matching.length !== 1) {
      const list = models.map((m) => `  ${m.sha256.slice(0, 12)}  ${shown(m.name)} (${m.predictions} predictions)`).join('\n');
      console.error(values.model
        ? `uad export-scores: --model ${shown(values.model)} matches ${matching.length} models; scored models:\n${list}`
        : `uad export-scores: the workspace holds scores of several models; choose one with --model:\n${list}`);
      return 2;
    }
    const model = matching[0]!;
    let threshold: number;
    let thresholdSource: string;
    if (values.threshold !== undefined) {
      threshold = Number(values.threshold);
      if (values.threshold.trim() === '' || !Number.isFinite(threshold)) {
        console.error(`uad export-scores: --threshold '${values.threshold}' is not a finite number\n${USAGE}`);
        return 2;
      }
      thresholdSource = '--threshold';
    } else {
      const saved = listThresholds(workspace, model.sha256)[0];
      threshold = saved?.value ?? 0.5;
      thresholdSource = saved ? `saved threshold ${saved.id} (${saved.criterion})` : 'default 0.5 (no threshold saved for this model; give --threshold)';
      if (!saved && !values.json) console.error(`uad export-scores: note: outcomes at τ = 0.5: no threshold is saved for this model; give --threshold`);
    }
    const { text, rows, nonResponses, neverAttempted } = workspaceScoresCsv(workspace, model.sha256, threshold, values.split);
    await writeFile(values.out, text);
    if (values.json) console.log(jsonForDisplay({ out: values.out, rows, non_responses: nonResponses, never_attempted: neverAttempted, model: { sha256: model.sha256, name: model.name }, threshold, threshold_source: thresholdSource }));
    else {
      console.log(`wrote ${rows} scores and ${nonResponses} non-responses of ${shown(model.name)} (${model.sha256.slice(0, 12)}…) to ${shown(values.out)}`);
      if (neverAttempted > 0) console.log(`note: ${neverAttempted} listed samples were never attempted (a run stopped early) and are not in the file; run \`uad score\` again to finish`);
    }
    return 0;
  } finally {
    workspace.close();
  }
}
