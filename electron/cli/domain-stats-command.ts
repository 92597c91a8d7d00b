// `uad domain-stats --model <model.onnx> --train <list> --reference <list> [--check <list>] [--image-root DIR]
// [--percentile 99] [--appearance-dims 64] [--write]`: the domain statistics of a model's `embedding` (class means and
// Ledoit-Wolf shrunk covariance on the training list), with the same statistics of the input tensor's low-level
// features (`image` view) and of a face network's appearance features (`appearance` view), thresholds jointly at a
// percentile of the reference list, written as the sidecar's `domain` block. Node side (CLI); the fit is
// common/faces/domain-fit.ts, the features common/faces/image-stats.ts and common/faces/appearance.ts.
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { APPEARANCE_NETWORK, APPEARANCE_SIDE_RANGE, appearanceFeatureNames, appearanceFeatures, appearanceLog, fitAppearanceBasis } from '../../common/faces/appearance.js';
import { domainVerdict, type ViewFeatures } from '../../common/faces/domain.js';
import { ceilSignificant, fitDomain, jointThresholdScale, type DomainFit } from '../../common/faces/domain-fit.js';
import { IMAGE_STAT_FEATURES } from '../../common/faces/image-stats.js';
import type { AppearanceDomainSpec, DomainSpec, ImageDomainSpec } from '../../common/model/face-domain.js';
import { decodeFloat16 } from '../../common/routing/float16.js';
import { openDataset } from '../dataset/open-dataset.js';
import { appearanceFileSha256 } from '../faces/appearance-network.js';
import { InferenceEngine } from '../inference/engine.js';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';
import { failureLines, listingJson, reportListing } from './listing-report.js';

const USAGE = 'usage: uad domain-stats --model <model.onnx> --train <list|folder|csv> --reference <list|folder|csv> [--check <list>] [--image-root DIR] [--percentile P] [--appearance-dims N] [--appearance-side PX] [--write] [--json]\n\n--percentile P: (default 99) share of the reference samples inside the whole check (every view within its threshold).\n--appearance-dims N: (default 64) principal axes of the appearance view (0: no appearance view; fewer than the training samples).\n--appearance-side PX: (default 224, the size the network was trained at) input side the appearance network runs at; recorded in the sidecar, which then runs it at that side.\n--write puts the `domain` block into the model.json sidecar (the .onnx is not touched).\n\nexamples:\n  uad domain-stats --model m.onnx --train train.txt --reference dev.txt --image-root /data\n  uad domain-stats --model m.onnx --train train.txt --reference dev.txt --check test.txt --write --json\n\nexit status: 0 done, 1 unreadable data or model, 2 bad usage (an --appearance-dims not below the training samples included)';

/** label: 1 attack, 0 bona fide; -1 for a questioned sample (read only for the reference and check sets, never fitted by class). */
interface Embedded { embedding: Float32Array; stats: number[]; pooled?: Float32Array; label: number }

/**
 * The usable samples of one list embedded. What the list leaves out (lines not samples, repeats, conflicts) and every
 * file that gives no embedding are reported as `uad score` reports them (./listing-report.ts): on stderr, or under
 * `account` for --json.
 */
async function embed(engine: InferenceEngine, input: string, imageRoot: string | undefined, account: Record<string, unknown> | null): Promise<Embedded[]> {
  const listing = await openDataset(input, imageRoot ? { imageRoot } : {});
  if (!listing.ok) throw new Error(listing.error.message);
  const failures = listing.value.samples.filter((s) => s.status !== 'ok').map((s) => ({ path: s.path, reason: s.reason ?? s.status }));
  const samples = listing.value.samples.filter((s) => s.status === 'ok');
  const out: Embedded[] = [];
  for (let i = 0; i < samples.length; i += 32) {
    const chunk = samples.slice(i, i + 32);
    const result = await engine.score(chunk.map((s, k) => ({ key: i + k, path: `${listing.value.root}/${s.path}` })));
    for (const item of result.items) {
      const file = samples[item.key]!.path;
      if (!item.ok) failures.push({ path: file, reason: item.reason });
      else if (!item.embedding || !item.inputStats) failures.push({ path: file, reason: 'the model gave no embedding for it' });
      else out.push({ embedding: decodeFloat16(item.embedding), stats: item.inputStats, label: samples[item.key]!.label ?? -1, ...(item.appearancePooled ? { pooled: item.appearancePooled } : {}) });
    }
  }
  if (account === null) {
    reportListing(listing.value, input);
    if (failures.length > 0) console.error(`${failures.length} sample(s) of ${shown(input)} not used:`);
    for (const line of failureLines(failures, 50, '--json lists them all')) console.error(line);
  } else {
    Object.assign(account, listingJson(listing.value), { used: out.length, failures });
  }
  if (out.length === 0) throw new Error(`no sample of ${input} could be embedded`);
  return out;
}

const CLASS_NAMES = ['bona fide', 'attack'];
/** Significant digits of the stored means and precisions (the fit computes its distances with the rounded numbers). */
const DIGITS = 7;

/** One view's statistics as the sidecar stores them (threshold scaled by the joint factor afterwards). */
function storedView(fit: DomainFit, features: string[], pct: number): ImageDomainSpec {
  return {
    features, method: 'mahalanobis-min-class',
    classes: fit.classes, precision: fit.precision, shrinkage: +fit.shrinkage.toPrecision(6), threshold: fit.threshold, percentile: pct,
  };
}

/** The `domain` block from the embedded training and reference samples (see the header). */
function fitAll(train: Embedded[], reference: Embedded[], pct: number, k: number, side: number, networkSha256: string | undefined,
  data: { train: string; reference: string }): { domain: DomainSpec; joint: number } {
  const fit = fitDomain(train, reference.map((r) => r.embedding), CLASS_NAMES, pct, DIGITS);
  const imageFit = fitDomain(train.map((t) => ({ embedding: t.stats, label: t.label })), reference.map((r) => r.stats), CLASS_NAMES, pct, DIGITS);
  const views: { fit: DomainFit }[] = [{ fit }, { fit: imageFit }];
  let appearance: AppearanceDomainSpec | undefined;
  if (networkSha256 && k > 0) {
    const basis = fitAppearanceBasis(train.map((t) => appearanceLog(t.pooled!)), k);
    const features = (rows: Embedded[]) => rows.map((r) => appearanceFeatures(appearanceLog(r.pooled!), basis));
    const appearanceFit = fitDomain(features(train).map((f, i) => ({ embedding: f, label: train[i]!.label })), features(reference), CLASS_NAMES, pct, DIGITS);
    views.push({ fit: appearanceFit });
    appearance = {
      ...storedView(appearanceFit, appearanceFeatureNames(k), pct),
      network: { file: APPEARANCE_NETWORK.file, sha256: networkSha256, input: APPEARANCE_NETWORK.input, output: APPEARANCE_NETWORK.output, side },
      center: basis.center as number[], basis: basis.basis as number[],
    };
  }
  const joint = jointThresholdScale(views.map((v) => v.fit.referenceDistances), views.map((v) => v.fit.threshold), pct);
  const scaled = (t: number) => ceilSignificant(t * joint, 6);
  const image = storedView(imageFit, [...IMAGE_STAT_FEATURES], pct);
  const domain: DomainSpec = {
    output: 'embedding', dims: train[0]!.embedding.length, method: 'mahalanobis-min-class',
    classes: fit.classes, precision: fit.precision,
    shrinkage: +fit.shrinkage.toPrecision(6), threshold: scaled(fit.threshold), percentile: pct,
    reference: { split: 'dev', count: reference.length, data: data.reference }, fitted_on: { split: 'train', count: train.length, data: data.train },
    image: { ...image, threshold: scaled(imageFit.threshold) },
    ...(appearance ? { appearance: { ...appearance, threshold: scaled(appearance.threshold) } } : {}),
  };
  return { domain, joint };
}

/** Shares of a checked list inside the whole check and inside each view alone. */
function checkReport(domain: DomainSpec, check: Embedded[]): Record<string, number> {
  const inside = (spec: DomainSpec, views: (c: Embedded) => ViewFeatures) =>
    check.filter((c) => { const v = domainVerdict(spec, c.embedding, views(c)); return v.known && v.inDomain; }).length;
  const all = inside(domain, (c) => ({ image: c.stats, ...(domain.appearance && c.pooled ? { appearance: appearanceFeatures(appearanceLog(c.pooled), domain.appearance) } : {}) }));
  const report: Record<string, number> = { count: check.length, in_domain: all, share_in_domain: all / check.length };
  report.in_domain_by_embedding = inside({ ...domain, image: undefined, appearance: undefined }, () => ({}));
  return report;
}

/** The sidecar as text: indented JSON with every list of numbers on one line (the domain block holds ~10⁵ of them). */
export function sidecarText(json: unknown): string {
  const lists: string[] = [];
  const mark = `@numbers-${randomUUID()}-`;
  const text = JSON.stringify(json, (_key, value: unknown) => {
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number')) {
      lists.push(JSON.stringify(value));
      return `${mark}${lists.length - 1}`;
    }
    return value;
  }, 1);
  return text.replace(new RegExp(`"${mark}(\\d+)"`, 'g'), (_, i: string) => lists[Number(i)]!) + '\n';
}

export async function runDomainStatsCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: {
      model: { type: 'string' }, train: { type: 'string' }, reference: { type: 'string' }, check: { type: 'string' },
      'image-root': { type: 'string' }, percentile: { type: 'string' }, 'appearance-dims': { type: 'string' }, 'appearance-side': { type: 'string' }, write: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    } }));
  } catch (err) {
    console.error(`uad domain-stats: ${shown((err as Error).message)}\n${USAGE}`);
    return 2;
  }
  if (values.help) { console.log(USAGE); return 0; }
  if (!values.model || !values.train || !values.reference) { console.error(`uad domain-stats: need --model, --train and --reference\n${USAGE}`); return 2; }
  const pct = values.percentile === undefined ? 99 : Number(values.percentile);
  if (!(pct > 0 && pct <= 100)) { console.error('uad domain-stats: --percentile must be in (0, 100]'); return 2; }
  const k = values['appearance-dims'] === undefined ? 64 : Number(values['appearance-dims']);
  if (!Number.isInteger(k) || k < 0 || k >= APPEARANCE_NETWORK.dims) { console.error(`uad domain-stats: --appearance-dims must be an integer in [0, ${APPEARANCE_NETWORK.dims - 1}]`); return 2; }
  const side = values['appearance-side'] === undefined ? APPEARANCE_NETWORK.side : Number(values['appearance-side']);
  if (!Number.isInteger(side) || side < APPEARANCE_SIDE_RANGE[0] || side > APPEARANCE_SIDE_RANGE[1]) {
    console.error(`uad domain-stats: --appearance-side must be an integer in [${APPEARANCE_SIDE_RANGE[0]}, ${APPEARANCE_SIDE_RANGE[1]}]`);
    return 2;
  }
  let engine: InferenceEngine;
  try {
    engine = await InferenceEngine.start({ modelPath: values.model, provider: 'cpu', keepAppearance: k > 0, appearanceSide: side });
  } catch (err) {
    console.error(`uad domain-stats: cannot load the model: ${shown((err as Error).message)}`);
    return 1;
  }
  try {
    const networkSha256 = k > 0 ? await appearanceFileSha256() : undefined; // goes into the sidecar
    const root = values['image-root'];
    const accounts = { train: {}, reference: {}, check: {} };
    const accountOf = (role: keyof typeof accounts) => (values.json ? accounts[role] : null);
    // The class-wise fit needs ground truth: questioned training samples are left out.
    const train = (await embed(engine, values.train, root, accountOf('train'))).filter((t) => t.label !== -1);
    if (train.length === 0) throw new Error(`no labelled sample of ${values.train} could be embedded (questioned samples cannot train the class-wise fit)`);
    if (k > 0 && k >= train.length) {
      console.error(`uad domain-stats: --appearance-dims ${k} needs more training samples than axes: ${shown(values.train)} has ${train.length} embedded samples, so at most ${train.length - 1} axes can be fitted (give --appearance-dims ${Math.max(0, train.length - 1)} or fewer, or 0 for no appearance view)`);
      return 2;
    }
    const reference = await embed(engine, values.reference, root, accountOf('reference'));
    const name = (input: string) => input.split(/[\\/]/).pop()!;
    const { domain, joint } = fitAll(train, reference, pct, k, side, networkSha256, { train: name(values.train), reference: name(values.reference) });
    const report: Record<string, unknown> = {
      model: engine.sidecar.name, train: train.length, reference: reference.length, percentile: pct, joint_scale: +joint.toPrecision(6),
      threshold: domain.threshold, shrinkage: domain.shrinkage, image_threshold: domain.image!.threshold, image_shrinkage: domain.image!.shrinkage,
      ...(domain.appearance ? { appearance_dims: k, appearance_side: side, appearance_threshold: domain.appearance.threshold, appearance_shrinkage: domain.appearance.shrinkage } : {}),
    };
    if (values.check) report.check = { data: values.check, ...checkReport(domain, await embed(engine, values.check, root, accountOf('check'))) };
    if (values.json) report.listings = values.check ? accounts : { train: accounts.train, reference: accounts.reference };
    if (values.write) {
      const sidecarPath = engine.model.sidecarPath;
      const json = JSON.parse(await readFile(sidecarPath, 'utf8')) as Record<string, unknown>;
      json.domain = domain;
      if (typeof json.metadata_props_note === 'string' && !json.metadata_props_note.includes('domain')) {
        json.metadata_props_note += "; the domain block is added afterwards by uad domain-stats (not in the ONNX metadata)";
      }
      await writeFile(sidecarPath, sidecarText(json));
      report.written = sidecarPath;
    }
    console.log(values.json ? jsonForDisplay(report) : Object.entries(report).map(([key, v]) => `${key}: ${typeof v === 'object' ? jsonForDisplay(v) : shown(String(v))}`).join('\n'));
    return 0;
  } catch (err) {
    console.error(`uad domain-stats: ${shown((err as Error).message)}`);
    return 1;
  } finally {
    await engine.close();
  }
}
