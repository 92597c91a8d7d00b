// `uad check IMAGE... [--model M] [--threshold T] [--faces detect|none|auto] [--workspace DIR] [--json]`: the
// commonest question, "is this photograph an attack?", answered per face with the outcome of
// common/metrics/outcome.ts. Each image is scored by the same path as `uad score` (one questioned sample per
// image, face detection, scoreDataset) into --workspace, or a temporary workspace removed afterwards, so the
// two commands agree by construction. Exit 0 when every image was processed (inconclusive is a valid
// result), 1 when one could not be read or scored, 2 bad usage. Node side (CLI).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { escapeForDisplay as shown } from '../../common/display-text.js';
import { usableDomain } from '../../common/model/domain-validity.js';
import { domainLimit, NO_FACE_REASON, outcomeOf, outcomeText, reasonText, unscoredInput, type SampleOutcome } from '../../common/metrics/outcome.js';
import { FaceDetector } from '../faces/detector.js';
import { FACES_CHOICES, resolveFaces, type FacesChoice } from '../faces/expand.js';
import { InferenceEngine } from '../inference/engine.js';
import { providerOrder } from '../onnx/providers.js';
import { checkImage } from '../scoring/check-image.js';
import { demoPaths } from '../base/paths.js';
import { runtimeVersions } from '../base/versions.js';
import { Workspace } from '../workspace/workspace.js';

const USAGE = `usage: uad check IMAGE... [--model <model.onnx>] [--threshold T] [--faces detect|none|auto] [--workspace <dir>] [--json]

Is this photograph an attack? One line per face: outcome (attack, bona fide, or inconclusive with its reason),
score, domain distance/limit and the face's box.

  --model FILE       the ONNX model, its <model>.model.json beside it (default: the bundled demo model)
  --threshold T      τ of the decision score ≥ τ (default 0.5)
  --faces MODE       detect (default): one result per detected face; none: the whole image; auto: as the
                     model sidecar says
  --workspace DIR    also keep the images in this workspace as questioned samples (default: nothing is kept)
  --json             an array with one object per face (a photograph without a face: one object without
                     face_index), keys path, face_index, face_box, outcome, reason, score, domain_distance, in_domain

examples:
  uad check photo.jpg
  uad check evidence/*.jpg --model models/lasoftmoe-tiny.onnx --threshold 0.42 --json

exit status: 0 every image processed (inconclusive is a valid result), 1 an image could not be read or scored, 2 bad usage`;

/** One face (or one photograph without a face, or one unreadable file) as `--json` prints it. */
export interface CheckRow {
  path: string;
  face_index?: number;
  face_box?: number[] | null;
  outcome: SampleOutcome['outcome'];
  reason: string | null;
  score: number | null;
  domain_distance: number | null;
  in_domain: boolean | null;
}

export async function runCheckCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: { model: { type: 'string' }, threshold: { type: 'string' }, faces: { type: 'string' }, workspace: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    console.error(`uad check: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(USAGE); return 0; }
  if (positionals.length === 0) { console.error(`uad check: give at least one image\n${USAGE}`); return 2; }
  const threshold = values.threshold === undefined ? 0.5 : Number(values.threshold);
  if (values.threshold !== undefined && (values.threshold.trim() === '' || !Number.isFinite(threshold))) {
    console.error(`uad check: --threshold '${values.threshold}' is not a finite number`);
    return 2;
  }
  if (values.faces !== undefined && !FACES_CHOICES.includes(values.faces as FacesChoice)) {
    console.error(`uad check: --faces must be one of ${FACES_CHOICES.join(', ')}`);
    return 2;
  }

  const modelPath = values.model ?? demoPaths().model;
  if (modelPath === null) { console.error('uad check: no --model given and no bundled demo model found'); return 1; }
  let engine: InferenceEngine;
  try {
    engine = await InferenceEngine.start({ modelPath });
  } catch (err) {
    console.error(`uad check: cannot load the model: ${(err as Error).message}`);
    return 1;
  }
  const temporary = values.workspace === undefined ? mkdtempSync(path.join(tmpdir(), 'uad-check-')) : null;
  const workspace = Workspace.open(values.workspace ?? temporary!);
  // A photograph is judged per face: detection is on unless --faces says otherwise.
  const faces = resolveFaces((values.faces ?? 'detect') as FacesChoice, engine.sidecar);
  const rows: CheckRow[] = [];
  const outcomes: SampleOutcome[] = [];
  const limit = domainLimit(usableDomain(engine.sidecar.domain));
  let unreadable = 0;
  try {
    const detector = faces === 'detect' ? await FaceDetector.open(providerOrder(undefined)) : null;
    try {
      workspace.registerModel(engine.model);
      for (const image of positionals) {
        for (const face of await checkImage({ workspace, engine, detector, image, versions: runtimeVersions() })) {
          if (face.reason !== null && face.reason !== NO_FACE_REASON) unreadable += 1;
          const o = face.reason === null
            ? outcomeOf({ score: face.score, threshold, domain: { inDomain: face.inDomain, distance: face.domainDistance, limit } })
            : outcomeOf({ score: null, threshold, ...unscoredInput(face.reason) });
          outcomes.push(o);
          rows.push({
            path: image, ...(face.faceIndex === null ? {} : { face_index: face.faceIndex, face_box: face.faceBox }),
            outcome: o.outcome, reason: o.reason === null ? null : reasonText(o.reason), score: face.score, domain_distance: face.domainDistance, in_domain: face.inDomain,
          });
        }
      }
    } finally {
      await detector?.close();
    }
  } catch (err) {
    console.error(`uad check: ${(err as Error).message}`);
    return 1;
  } finally {
    workspace.close();
    await engine.close();
    if (temporary !== null) rmSync(temporary, { recursive: true, force: true });
  }
  if (values.json) {
    console.log(JSON.stringify(rows));
  } else {
    console.log(`model ${engine.sidecar.name}; τ ${threshold}${values.threshold === undefined ? ' (default; give --threshold)' : ''}; faces ${faces}; decision: attack when score >= τ`);
    rows.forEach((r, i) => console.log(checkLine(r, outcomes[i]!, limit)));
  }
  return unreadable > 0 ? 1 : 0;
}

/** `photo.jpg#face1  Attack  score 0.9123  domain 0.41/1.00 inside  box [x y w h]`; an inconclusive one says its reason first. */
function checkLine(r: CheckRow, outcome: SampleOutcome, limit: number): string {
  const name = `${shown(r.path)}${r.face_index === undefined ? '' : `#face${r.face_index}`}`;
  const text = shown(outcomeText(outcome));
  const score = r.score === null ? 'no score' : `score ${r.score.toFixed(4)}`;
  const domain = r.domain_distance === null ? (r.score === null ? '' : '  domain unknown') : `  domain ${r.domain_distance.toFixed(2)}/${limit.toFixed(2)}${r.in_domain ? ' inside' : ' outside'}`;
  const box = r.face_box ? `  box [${r.face_box.join(' ')}]` : '';
  return `${name}  ${text}  ${score}${domain}${box}`;
}
