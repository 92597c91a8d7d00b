// `uad domain-stats --model <model.onnx> --train <list> --reference <list> [--check <list>] [--image-root DIR]
// [--percentile 99] [--image-percentile P] [--write]`: the domain statistics of a model's `embedding` (class means and Ledoit-Wolf shrunk
// covariance on the training list, threshold at a percentile of the reference list's distances), written as the
// sidecar's `domain` block, with the same statistics of the input tensor's low-level features as its `image` view.
// Node side (CLI); the fit is common/faces/domain-fit.ts, the features common/faces/image-stats.ts.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { domainVerdict } from '../../common/faces/domain.js';
import { fitDomain } from '../../common/faces/domain-fit.js';
import { IMAGE_STAT_FEATURES } from '../../common/faces/image-stats.js';
import type { DomainSpec } from '../../common/model/face-domain.js';
import { decodeFloat16 } from '../../common/routing/float16.js';
import { openDataset } from '../dataset/open-dataset.js';
import { InferenceEngine } from '../inference/engine.js';

const USAGE = 'usage: uad domain-stats --model <model.onnx> --train <list|folder|csv> --reference <list|folder|csv> [--check <list>] [--image-root DIR] [--percentile 99] [--image-percentile P] [--write] [--json]\n\n--image-percentile sets the threshold percentile of the input-statistics view (default: --percentile).\n--write puts the `domain` block into the model.json sidecar (the .onnx is not touched).\nexit status: 0 done, 1 unreadable data or model, 2 bad usage';

interface Embedded { embedding: Float32Array; stats: number[]; label: number }

async function embed(engine: InferenceEngine, input: string, imageRoot: string | undefined): Promise<Embedded[]> {
  const listing = await openDataset(input, imageRoot ? { imageRoot } : {});
  if (!listing.ok) throw new Error(listing.error.message);
  const samples = listing.value.samples.filter((s) => s.status === 'ok');
  const out: Embedded[] = [];
  for (let i = 0; i < samples.length; i += 32) {
    const chunk = samples.slice(i, i + 32);
    const result = await engine.score(chunk.map((s, k) => ({ key: i + k, path: `${listing.value.root}/${s.path}` })));
    for (const item of result.items) {
      if (item.ok && item.embedding && item.inputStats) out.push({ embedding: decodeFloat16(item.embedding), stats: item.inputStats, label: samples[item.key]!.label });
    }
  }
  if (out.length === 0) throw new Error(`no sample of ${input} could be embedded`);
  return out;
}

export async function runDomainStatsCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: {
      model: { type: 'string' }, train: { type: 'string' }, reference: { type: 'string' }, check: { type: 'string' },
      'image-root': { type: 'string' }, percentile: { type: 'string' }, 'image-percentile': { type: 'string' }, write: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    } }));
  } catch (err) {
    console.error(`uad domain-stats: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) { console.log(USAGE); return 0; }
  if (!values.model || !values.train || !values.reference) { console.error(`uad domain-stats: need --model, --train and --reference\n${USAGE}`); return 2; }
  const pct = values.percentile === undefined ? 99 : Number(values.percentile);
  const imagePct = values['image-percentile'] === undefined ? pct : Number(values['image-percentile']);
  if (!(pct > 0 && pct <= 100) || !(imagePct > 0 && imagePct <= 100)) { console.error('uad domain-stats: --percentile and --image-percentile must be in (0, 100]'); return 2; }
  let engine: InferenceEngine;
  try {
    engine = await InferenceEngine.start({ modelPath: values.model, provider: 'cpu' });
  } catch (err) {
    console.error(`uad domain-stats: cannot load the model: ${(err as Error).message}`);
    return 1;
  }
  try {
    const root = values['image-root'];
    const train = await embed(engine, values.train, root);
    const reference = await embed(engine, values.reference, root);
    const classNames = ['bona fide', 'attack'];
    const fit = fitDomain(train, reference.map((r) => r.embedding), classNames, pct);
    const imageFit = fitDomain(train.map((t) => ({ embedding: t.stats, label: t.label })), reference.map((r) => r.stats), classNames, imagePct);
    const round = (v: number) => +v.toPrecision(7);
    const describe = (input: string, n: number, split: string) => ({ split, count: n, data: input.split(/[\\/]/).pop()! });
    const domain: DomainSpec = {
      output: 'embedding', dims: train[0]!.embedding.length, method: 'mahalanobis-min-class',
      classes: fit.classes.map((c) => ({ name: c.name, mean: c.mean.map((v) => +v.toPrecision(7)) })),
      precision: fit.precision.map((v) => +v.toPrecision(7)),
      shrinkage: +fit.shrinkage.toPrecision(6), threshold: +fit.threshold.toPrecision(6), percentile: pct,
      reference: describe(values.reference, reference.length, 'dev'), fitted_on: describe(values.train, train.length, 'train'),
      image: {
        features: [...IMAGE_STAT_FEATURES], method: 'mahalanobis-min-class',
        classes: imageFit.classes.map((c) => ({ name: c.name, mean: c.mean.map(round) })),
        precision: imageFit.precision.map(round),
        shrinkage: +imageFit.shrinkage.toPrecision(6), threshold: +imageFit.threshold.toPrecision(6), percentile: imagePct,
      },
    };
    const report: Record<string, unknown> = { model: engine.sidecar.name, train: train.length, reference: reference.length, shrinkage: domain.shrinkage, threshold: domain.threshold, percentile: pct, image_shrinkage: domain.image!.shrinkage, image_threshold: domain.image!.threshold, image_percentile: imagePct };
    if (values.check) {
      const check = await embed(engine, values.check, root);
      const inside = check.filter((c) => { const v = domainVerdict(domain, c.embedding, c.stats); return v.known && v.inDomain; }).length;
      const embeddingOnly = check.filter((c) => { const v = domainVerdict({ ...domain, image: undefined }, c.embedding); return v.known && v.inDomain; }).length;
      report.check = { data: values.check, count: check.length, in_domain: inside, share_in_domain: inside / check.length, in_domain_by_embedding: embeddingOnly };
    }
    if (values.write) {
      const sidecarPath = engine.model.sidecarPath;
      const json = JSON.parse(await readFile(sidecarPath, 'utf8')) as Record<string, unknown>;
      json.domain = domain;
      if (typeof json.metadata_props_note === 'string' && !json.metadata_props_note.includes('domain')) {
        json.metadata_props_note += "; the domain block is added afterwards by uad domain-stats (not in the ONNX metadata)";
      }
      await writeFile(sidecarPath, JSON.stringify(json, null, 1) + '\n');
      report.written = sidecarPath;
    }
    console.log(values.json ? JSON.stringify(report) : Object.entries(report).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n'));
    return 0;
  } catch (err) {
    console.error(`uad domain-stats: ${(err as Error).message}`);
    return 1;
  } finally {
    await engine.close();
  }
}
