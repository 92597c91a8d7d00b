// Writes a case file: case.json (schema-checked before writing), overlays, optional evidence files, the
// HTML report, the manifest, its own hash and its Ed25519 signature by this profile's key, as one zip
// written atomically; then logs a custody 'export' entry carrying the manifest hash. Node side (cases).
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CASE_JSON, MANIFEST_HASH, MANIFEST_JSON, MANIFEST_SIG, REPORT_HTML, type CaseOverlay, type CaseProbe } from '../../common/cases/case-types.js';
import type { CaseExportSummary, EvidenceMode, OperatingPoint, CaseSource } from '../../common/contract/cases.js';
import type { SavedProbe } from '../../common/contract/explain.js';
import { occlusionDeltas } from '../../common/explain/occlusion.js';
import { flipStrength } from '../../common/explain/perturb.js';
import { savedProbes } from '../workspace/probes.js';
import type { Workspace } from '../workspace/workspace.js';
import { CaseExportError, gatherCase, type GatheredCase, type GatheredSample } from './case-data.js';
import { validateCaseJson } from './case-schema.js';
import { ensureSigningKey, KeystoreError } from './keystore.js';
import { buildManifest, sha256Hex } from './manifest.js';
import { modelInputImage, renderArgmaxExperts, renderExpertMass, renderModelInput, renderOcclusion, renderPerturbationChart, renderScoreCard } from './overlays.js';
import { renderReportHtml } from './report-html.js';
import { signManifest } from './signing.js';
import { DEFAULT_ZIP_LIMITS } from './zip-reader.js';
import { buildZip } from './zip-writer.js';

/** Embedded evidence stays well inside what the verifier accepts (DEFAULT_ZIP_LIMITS). */
const MAX_EMBEDDED_EVIDENCE_BYTES = 768 * 1024 * 1024;

export interface ExportCaseOptions {
  sampleIds: number[];
  source: CaseSource;
  title: string;
  examiner: string;
  description?: string;
  evidence: EvidenceMode;
  operatingPoint: OperatingPoint;
  modelSha256: string;
  /** Defaults to <workspace folder>/cases/<case id>.zip. */
  outPath?: string;
  /** How the evaluation that set τ counted out-of-domain samples (recorded with the operating point). */
  decideOutOfDomainByScore?: boolean;
}

interface ZipFile {
  name: string;
  data: Buffer;
  /** PNGs are already compressed: storing them saves the deflate pass. */
  store?: boolean;
}

function newCaseId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').replace('T', '-');
  return `case-${stamp}-${randomBytes(3).toString('hex')}`;
}

const safeFileName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-100) || 'file';

async function resolveOutPath(workspace: Workspace, caseId: string, requested?: string): Promise<string> {
  const out = requested ? path.resolve(requested) : path.join(path.dirname(workspace.file), 'cases', `${caseId}.zip`);
  if (!out.toLowerCase().endsWith('.zip')) throw new CaseExportError('invalid-argument', `The case file name must end in .zip: ${out}`);
  if (!requested) await mkdir(path.dirname(out), { recursive: true });
  const folder = await stat(path.dirname(out)).catch(() => null);
  if (!folder?.isDirectory()) throw new CaseExportError('invalid-argument', `The folder for the case file does not exist: ${path.dirname(out)}`);
  if (await stat(out).catch(() => null)) throw new CaseExportError('exists', `${out} already exists; case files are never overwritten. Choose another name.`);
  return out;
}

/** A saved probe as the case records it; perturbation flips are taken at the case's threshold. */
function caseProbe(probe: SavedProbe, threshold: number): CaseProbe {
  const result = probe.result;
  const common = { kind: probe.kind, sampleSha256: probe.sampleSha256, createdAt: probe.createdAt, baseScore: result.baseScore };
  if (result.kind === 'occlusion') return { ...common, grid: result.grid, mask: result.mask, scores: result.scores };
  return {
    ...common,
    families: result.families.map((f) => ({ ...f, flipsAt: flipStrength(result.baseScore, f.strengths, f.scores, threshold) })),
  };
}

/** Renders one sample's overlays (and those of its saved probes) and records them in its result. */
async function addOverlays(gathered: GatheredCase, sample: GatheredSample, threshold: number, criterion: string, files: ZipFile[], probes: SavedProbe[]): Promise<void> {
  const id = sample.evidence.sampleId;
  const folder = `overlays/s${id}`;
  const { sidecar } = gathered;
  const size = sidecar.preprocessing.crop;
  const grid = sidecar.architecture.grid;
  const trusted = sample.evidence.integrityAtExport === 'matches' || sample.evidence.integrityAtExport === 'hashed-at-export';
  const input = trusted ? await modelInputImage(sample.absPath, sidecar.preprocessing) : null;
  if (trusted && !input) gathered.warnings.push(`${sample.evidence.path}: the image could not be decoded for the overlays; heatmaps are drawn on grey.`);
  const overlays: CaseOverlay[] = [];
  const add = (overlay: CaseOverlay, data: Buffer) => { overlays.push(overlay); files.push({ name: overlay.file, data, store: true }); };
  add({ kind: 'model-input', file: `${folder}/model-input.png` }, await renderModelInput(input, size));
  add({ kind: 'score-card', file: `${folder}/score-card.png` }, await renderScoreCard({
    sampleLabel: `sample ${id} · ${sample.evidence.fileName}`, score: sample.result.score, threshold,
    decision: sample.result.decision, modelName: gathered.caseFile.model.name, criterion,
  }));
  for (const layer of sample.mass) {
    if (layer.tokens !== grid[0] * grid[1] + 1) {
      gathered.warnings.push(`${sample.evidence.path}: layer ${layer.layer} has ${layer.tokens} tokens, not a ${grid[0]}×${grid[1]} grid plus CLS; no heatmap drawn.`);
      continue;
    }
    add({ kind: 'routing-argmax', layer: layer.layer, file: `${folder}/routing-argmax-l${layer.layer}.png` },
      await renderArgmaxExperts(input, size, grid, layer.values, layer.tokens, layer.experts));
  }
  const last = sample.mass.at(-1);
  const lastSummary = sample.result.routing.at(-1);
  if (last && lastSummary && last.tokens === grid[0] * grid[1] + 1) {
    const expert = lastSummary.dominantExpert;
    const { png, range } = await renderExpertMass(input, size, grid, last.values, last.tokens, last.experts, expert);
    add({ kind: 'expert-mass', layer: last.layer, expert, range, file: `${folder}/expert-mass-l${last.layer}-e${expert}.png` }, png);
  }
  const recorded: CaseProbe[] = [];
  for (const probe of probes) {
    if (probe.sampleSha256 !== sample.evidence.sha256) {
      gathered.warnings.push(`${sample.evidence.path}: the ${probe.kind} probe was run on another version of the file; it is not exported.`);
      continue;
    }
    const entry = caseProbe(probe, threshold);
    recorded.push(entry);
    const result = probe.result;
    if (result.kind === 'occlusion') {
      const { png, range } = await renderOcclusion(input, size, result.grid, occlusionDeltas(result.baseScore, result.scores));
      add({ kind: 'occlusion', range, file: `${folder}/occlusion-${result.grid[0]}x${result.grid[1]}.png` }, png);
    } else {
      add({ kind: 'perturbation', file: `${folder}/perturbation.png` }, await renderPerturbationChart({
        baseScore: result.baseScore, threshold,
        families: entry.families!.map((f) => ({ label: f.label, scores: f.scores, flipsAt: f.flipsAt })),
      }));
    }
  }
  if (recorded.length > 0) sample.result.probes = recorded;
  sample.result.overlays = overlays;
}

/** Embeds evidence files whose bytes still match the recorded hash (re-hashed as read, so a swap is caught). */
async function addEvidence(gathered: GatheredCase, files: ZipFile[]): Promise<void> {
  let budget = MAX_EMBEDDED_EVIDENCE_BYTES;
  for (const sample of gathered.samples) {
    const evidence = sample.evidence;
    if (evidence.integrityAtExport !== 'matches' && evidence.integrityAtExport !== 'hashed-at-export') continue;
    const info = await stat(sample.absPath).catch(() => null);
    if (!info || info.size > Math.min(budget, DEFAULT_ZIP_LIMITS.maxEntryBytes)) {
      throw new CaseExportError('too-large', `${evidence.path} cannot be embedded (the evidence would exceed ${MAX_EMBEDDED_EVIDENCE_BYTES / 2 ** 20} MiB); export with hashes only.`);
    }
    const data = await readFile(sample.absPath);
    if (sha256Hex(data) !== evidence.sha256) throw new CaseExportError('evidence-changed', `${evidence.path} changed while the case was being written; export again.`);
    budget -= data.length;
    evidence.file = `evidence/s${evidence.sampleId}-${safeFileName(evidence.fileName)}`;
    files.push({ name: evidence.file, data });
  }
}

/** A case this exporter writes must pass its own verifier: refuse up front what the reader's limits would refuse. */
function assertVerifiable(entries: ZipFile[]): void {
  const limits = DEFAULT_ZIP_LIMITS;
  const total = entries.reduce((sum, e) => sum + e.data.length, 0);
  if (entries.length > limits.maxEntries) throw new CaseExportError('too-large', `The case would hold ${entries.length} files (limit ${limits.maxEntries}); export fewer samples at once.`);
  if (total > limits.maxTotalBytes) throw new CaseExportError('too-large', `The case would unpack to ${total} bytes (limit ${limits.maxTotalBytes}); export fewer samples or hashes only.`);
  const big = entries.find((e) => e.data.length > limits.maxEntryBytes);
  if (big) throw new CaseExportError('too-large', `${big.name} is larger than a case file may hold (${limits.maxEntryBytes} bytes); export fewer samples at once.`);
}

export async function exportCase(workspace: Workspace, options: ExportCaseOptions): Promise<CaseExportSummary> {
  if (!Number.isFinite(options.operatingPoint.threshold)) throw new CaseExportError('invalid-argument', 'The threshold must be a finite number.');
  const title = options.title.trim();
  const examiner = options.examiner.trim();
  if (!title) throw new CaseExportError('invalid-argument', 'Give the case a title.');
  if (!examiner) throw new CaseExportError('invalid-argument', 'Name the examiner exporting the case.');
  const caseId = newCaseId();
  const outPath = await resolveOutPath(workspace, caseId, options.outPath);
  const gathered = await gatherCase(workspace, {
    header: { id: caseId, title, examiner, description: options.description?.trim() ?? '', source: options.source, evidenceMode: options.evidence },
    sampleIds: options.sampleIds, modelSha256: options.modelSha256, operatingPoint: options.operatingPoint,
    ...(options.decideOutOfDomainByScore !== undefined ? { decideOutOfDomainByScore: options.decideOutOfDomainByScore } : {}),
  });
  const overlayFiles: ZipFile[] = [];
  for (const sample of gathered.samples) {
    const probes = savedProbes(workspace, sample.evidence.sampleId, options.modelSha256);
    await addOverlays(gathered, sample, options.operatingPoint.threshold, options.operatingPoint.criterion, overlayFiles, probes);
  }
  const evidenceFiles: ZipFile[] = [];
  if (options.evidence === 'embed') await addEvidence(gathered, evidenceFiles);

  const caseFile = gathered.caseFile;
  const violations = validateCaseJson(caseFile);
  if (violations.length > 0) {
    throw new CaseExportError('internal', `The case does not satisfy its own schema (${violations[0]!.pointer || '/'} ${violations[0]!.message}); nothing was written.`);
  }
  const files: ZipFile[] = [
    { name: CASE_JSON, data: Buffer.from(JSON.stringify(caseFile, null, 2) + '\n', 'utf8') },
    { name: REPORT_HTML, data: Buffer.from(renderReportHtml(caseFile), 'utf8') },
    ...overlayFiles,
    ...evidenceFiles,
  ];
  const { manifest, manifestHashFile, manifestSha256 } = buildManifest(caseId, caseFile.custody.head, files);
  let key;
  try {
    key = ensureSigningKey();
  } catch (err) {
    if (err instanceof KeystoreError) throw new CaseExportError('signing-key', `Cannot sign the case: ${err.message}`);
    throw err;
  }
  const signature = signManifest(manifest, key.privateKey, key.publicKey);
  const entries = [...files, { name: MANIFEST_JSON, data: manifest }, { name: MANIFEST_HASH, data: manifestHashFile }, { name: MANIFEST_SIG, data: signature }];
  assertVerifiable(entries);
  const zip = buildZip(entries);
  if (zip.length > DEFAULT_ZIP_LIMITS.maxArchiveBytes) throw new CaseExportError('too-large', `The case would be ${zip.length} bytes, above what a verifier accepts; export fewer samples or hashes only.`);

  // Written beside the target, then renamed: a crash never leaves a half-written case under the real name.
  const partial = `${outPath}.partial-${process.pid}`;
  try {
    await writeFile(partial, zip, { flag: 'wx' });
    await rename(partial, outPath);
  } catch (err) {
    await rm(partial, { force: true });
    throw new CaseExportError('write-error', `Cannot write ${outPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  workspace.custody('export', {
    case: caseId, manifestSha256, signer: key.fingerprint, path: outPath, samples: gathered.samples.map((s) => s.evidence.sampleId),
    model: options.modelSha256, threshold: options.operatingPoint.threshold, criterion: options.operatingPoint.criterion, evidence: options.evidence,
  }, examiner);
  return {
    path: outPath, caseId, manifestSha256, signerFingerprint: key.fingerprint, samples: gathered.samples.length, files: entries.length, bytes: zip.length,
    evidence: options.evidence, warnings: gathered.warnings,
  };
}
