// `uad export-case`: writes a case file from a workspace's selected, bookmarked or annotated samples,
// headless (the same exporter as the UI). Node side (CLI).
import { parseArgs } from 'node:util';
import type { CaseSource, EvidenceMode } from '../../common/contract/cases.js';
import { CaseExportError } from '../cases/case-data.js';
import { caseModelCandidates } from '../cases/case-model.js';
import { exportCase } from '../cases/export-case.js';
import { caseSampleIds } from '../services/cases-handlers.js';
import { SessionError } from '../services/session.js';
import { Workspace } from '../workspace/workspace.js';
import { listThresholds } from '../workspace/thresholds.js';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';

const USAGE = `usage: uad export-case --workspace <dir> (--samples 1,2,3 | --bookmarks | --annotated) --examiner <name>
         [--title <text>] [--description <text>] [--out case.zip] [--model <sha256 prefix>] [--evidence embed|hashes]
         [--threshold <τ> --criterion <name> [--split <name>]]   (default: the model's latest saved threshold, else 0.5 fixed)
         [--json]

examples:
  uad export-case --workspace ws/ --bookmarks --examiner "A. Examiner" --out case.zip
  uad export-case --workspace ws/ --samples 12,40 --examiner "A. Examiner" --threshold 0.42 --criterion eer --split dev

exit status: 0 written, 1 export refused or unreadable workspace, 2 bad usage`;

function fail(message: string, code = 2): number {
  console.error(`uad export-case: ${shown(message)}${code === 2 ? `\n${USAGE}` : ''}`);
  return code;
}

export async function runExportCaseCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: {
      workspace: { type: 'string' }, samples: { type: 'string' }, bookmarks: { type: 'boolean' }, annotated: { type: 'boolean' },
      out: { type: 'string' }, model: { type: 'string' }, evidence: { type: 'string' }, threshold: { type: 'string' }, criterion: { type: 'string' },
      split: { type: 'string' }, title: { type: 'string' }, examiner: { type: 'string' }, description: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    } }));
  } catch (err) {
    return fail((err as Error).message);
  }
  if (values.help) { console.log(USAGE); return 0; }
  if (!values.workspace || !values.examiner) return fail('need --workspace and --examiner');
  const sources = [values.samples ? 'selection' : null, values.bookmarks ? 'bookmarks' : null, values.annotated ? 'annotated' : null].filter(Boolean) as CaseSource[];
  if (sources.length !== 1) return fail('choose the samples with exactly one of --samples, --bookmarks, --annotated');
  const sampleIds = values.samples?.split(',').map((s) => Number(s.trim()));
  if (sampleIds?.some((id) => !Number.isInteger(id) || id < 1)) return fail('--samples takes sample ids, e.g. --samples 3,7,12');
  const evidence = (values.evidence ?? 'embed') as EvidenceMode;
  if (evidence !== 'embed' && evidence !== 'hashes') return fail('--evidence is embed or hashes');
  if ((values.threshold === undefined) !== (values.criterion === undefined)) return fail('give --threshold and --criterion together');
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !Number.isFinite(threshold)) return fail('--threshold must be a number');

  let workspace: Workspace;
  try {
    workspace = Workspace.openExisting(values.workspace, { readOnly: false });
  } catch (err) {
    return fail(`cannot open the workspace: ${(err as Error).message}`, 1);
  }
  try {
    const models = caseModelCandidates(workspace, values.model || undefined);
    if (models.length !== 1) return fail(models.length === 0 ? 'no model that ran here matches; run `uad score` first' : 'several models; choose one with --model', 1);
    const model = models[0]!;
    const saved = listThresholds(workspace, model.sha256)[0];
    const operatingPoint = threshold !== undefined
      ? { threshold, criterion: values.criterion!, split: values.split, at: new Date().toISOString() }
      : saved ? { threshold: saved.value, criterion: saved.criterion, split: saved.split, dataHash: saved.dataHash, at: saved.createdAt }
      : { threshold: 0.5, criterion: 'fixed', at: new Date().toISOString() };
    const summary = await exportCase(workspace, {
      source: sources[0]!, sampleIds: caseSampleIds(workspace, { source: sources[0]!, sampleIds }), modelSha256: model.sha256, operatingPoint,
      title: values.title ?? `Case from ${model.name}`, examiner: values.examiner, description: values.description, evidence, outPath: values.out,
    });
    for (const warning of summary.warnings) console.warn(`warning: ${shown(warning)}`);
    if (values.json) {
      console.log(jsonForDisplay(summary));
      return 0;
    }
    console.log(`wrote ${shown(summary.path)}: case ${shown(summary.caseId)}, ${summary.samples} sample(s), ${summary.files} files, ${summary.bytes} bytes`);
    console.log(`manifest sha256 ${summary.manifestSha256}`);
    return 0;
  } catch (err) {
    if (err instanceof CaseExportError || err instanceof SessionError) return fail(err.message, 1);
    throw err;
  } finally {
    workspace.close();
  }
}
