// `uad export-scores --workspace <dir> --out scores.csv [--model SHA256-prefix]`: one row per listed sample,
// `uad export-scores --workspace <dir> --out scores.csv [--model SHA256-prefix]`: one row per listed sample,
// `path,score,label,species,identity,class,status,face_index,face_box,domain_distance,in_domain` (formula-safe
// CSV, common/csv), readable by `uad metrics`; samples that could not be scored are rows with an empty score and
// their reason as status. Node side (CLI).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { csvText } from '../../common/csv/write.js';
import { classOfCategory } from '../../common/metrics/attack-classes.js';
import type { ScoredSample } from '../workspace/score-queries.js';
import { Workspace } from '../workspace/workspace.js';

const USAGE = 'usage: uad export-scores --workspace <dir> --out scores.csv [--model <sha256 prefix>] [--split train|dev|test] [--json]\n\nexit status: 0 written, 1 no scores or unreadable workspace, 2 bad usage or an ambiguous --model';

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

export async function runExportScoresCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { workspace: { type: 'string' }, out: { type: 'string' }, model: { type: 'string' }, split: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    console.error(`uad export-scores: ${(err as Error).message}\n${USAGE}`);
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
    console.error(`uad export-scores: cannot open the workspace: ${(err as Error).message}`);
    return 1;
  }
  try {
    const models = workspace.scoredModels();
    if (models.length === 0) {
      console.error(`uad export-scores: no predictions in ${workspace.file}; run \`uad score\` first`);
      return 1;
    }
    const matching = values.model ? models.filter((m) => m.sha256.startsWith(values.model!.toLowerCase())) : models;
    if (matching.length !== 1) {
      const list = models.map((m) => `  ${m.sha256.slice(0, 12)}  ${m.name} (${m.predictions} predictions)`).join('\n');
      console.error(values.model
        ? `uad export-scores: --model ${values.model} matches ${matching.length} models; scored models:\n${list}`
        : `uad export-scores: the workspace holds scores of several models; choose one with --model:\n${list}`);
      return 2;
    }
    const model = matching[0]!;
    const inSplit = (r: { split: string }) => !values.split || r.split === values.split;
    const rows = workspace.scores(model.sha256).filter(inSplit);
    const unscored = workspace.unscored(model.sha256).filter(inSplit);
    const nonResponses = unscored.filter((r) => r.reason !== null);
    const neverAttempted = unscored.length - nonResponses.length;
    const cls = (r: { label: number; category: string }) => (r.label === 1 ? classOfCategory(r.category) : '');
    await writeFile(values.out, csvText([
      // After the first seven columns: the face (index, box "x1 y1 x2 y2" in EXIF-oriented pixels; empty for whole
      // images) and the domain check (distance and true|false, or an empty distance and "unknown" without statistics).
      ['path', 'score', 'label', 'species', 'identity', 'class', 'status', 'face_index', 'face_box', 'domain_distance', 'in_domain'],
      ...rows.map((r) => [r.path, r.score, r.label, r.species, r.identity, cls(r), 'ok', ...faceAndDomain(r)]),
      // A status cell is never 'ok' for a non-response, whatever the recorded reason says.
      ...nonResponses.map((r) => [r.path, '', r.label, r.species, r.identity, cls(r), statusOf(r.reason!), '', '', '', '']),
    ]));
    if (values.json) console.log(JSON.stringify({ out: values.out, rows: rows.length, non_responses: nonResponses.length, never_attempted: neverAttempted, model: { sha256: model.sha256, name: model.name } }));
    else {
      console.log(`wrote ${rows.length} scores and ${nonResponses.length} non-responses of ${model.name} (${model.sha256.slice(0, 12)}…) to ${values.out}`);
      if (neverAttempted > 0) console.log(`note: ${neverAttempted} listed samples were never attempted (a run stopped early) and are not in the file; run \`uad score\` again to finish`);
    }
    return 0;
  } finally {
    workspace.close();
  }
}
