// `uad export-scores --workspace <dir> --out scores.csv [--model SHA256-prefix]`: one row per scored sample,
// `path,score,label,species,identity`, readable by `uad metrics`. Node side (CLI).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Workspace } from '../workspace/workspace.js';

const USAGE = 'usage: uad export-scores --workspace <dir> --out scores.csv [--model <sha256 prefix>] [--split train|dev|test] [--json]\n\nexit status: 0 written, 1 no scores or unreadable workspace, 2 bad usage or an ambiguous --model';

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
    workspace = Workspace.open(values.workspace);
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
    const rows = workspace.scores(model.sha256).filter((r) => !values.split || r.split === values.split);
    const lines = ['path,score,label,species,identity', ...rows.map((r) => [r.path, r.score, r.label, r.species, r.identity].map(csvField).join(','))];
    await writeFile(values.out, lines.join('\n') + '\n');
    if (values.json) console.log(JSON.stringify({ out: values.out, rows: rows.length, model: { sha256: model.sha256, name: model.name } }));
    else console.log(`wrote ${rows.length} scores of ${model.name} (${model.sha256.slice(0, 12)}…) to ${values.out}`);
    return 0;
  } finally {
    workspace.close();
  }
}
