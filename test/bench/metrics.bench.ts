// `npm run bench:metrics`: evaluation-engine speed on 1,000,000 seeded scores with species, side by
// side with scikit-learn's roc_curve + roc_auc_score on the same scores (Node + /usr/bin/python3).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rocAuc, rocCurve, SeededRandom, ThresholdIndex, type LabelledScores } from '../../common/metrics/index.js';

const SAMPLES = 1_000_000;
const QUERIES = 10_000;
const REPEATS = 5;
const PYTHON = '/usr/bin/python3';
const TARGET_SPEEDUP = 2;
const TARGET_QUERY_US = 20;

/**
 * Scores like a model's float32 attack_score: sigmoid of a class- and species-dependent normal,
 * rounded to float32 (so ties occur as they do in real output). 40 % bona fide, 4 attack species.
 */
function makeScores(seed: number): LabelledScores {
  const random = new SeededRandom(seed);
  const scores = new Float64Array(SAMPLES);
  const labels = new Uint8Array(SAMPLES);
  const speciesCodes = new Uint8Array(SAMPLES);
  const speciesShift = [1.5, 2.5, 3, 4];
  for (let i = 0; i < SAMPLES; i++) {
    const isAttack = random.nextDouble() >= 0.4;
    const species = random.nextIndex(4);
    // Box–Muller normal deviate.
    const normal = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    const logit = normal * 1.5 + (isAttack ? speciesShift[species] : -1);
    labels[i] = isAttack ? 1 : 0;
    speciesCodes[i] = species;
    scores[i] = Math.fround(1 / (1 + Math.exp(-logit)));
  }
  return { scores, labels, speciesCodes, speciesNames: ['print', 'replay', 'adversarial', 'faceswap'] };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const SKLEARN_TIMING = `
import json, sys, time
try:
    import numpy as np
    import sklearn
    from sklearn.metrics import roc_auc_score, roc_curve
except ImportError as error:
    print(json.dumps({"skipped": f"{error}"}))
    sys.exit(0)
scores = np.fromfile(sys.argv[1], dtype="<f8")
labels = np.fromfile(sys.argv[2], dtype=np.uint8).astype(np.int64)
repeats = int(sys.argv[3])
times = []
for _ in range(repeats + 1):  # the first run warms caches and is not counted
    start = time.perf_counter()
    fpr, tpr, thresholds = roc_curve(labels, scores)
    auc = roc_auc_score(labels, scores)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"sklearn": sklearn.__version__, "times_ms": times[1:], "auc": auc, "roc_points": int(fpr.size)}))
`;

interface SklearnTiming {
  skipped?: string;
  sklearn?: string;
  times_ms?: number[];
  auc?: number;
  roc_points?: number;
}

function runSklearn(data: LabelledScores): SklearnTiming {
  const dir = mkdtempSync(join(tmpdir(), 'uad-bench-metrics-'));
  try {
    const scoresPath = join(dir, 'scores.f64');
    const labelsPath = join(dir, 'labels.u8');
    writeFileSync(scoresPath, new Uint8Array(data.scores.buffer, data.scores.byteOffset, data.scores.byteLength));
    writeFileSync(labelsPath, data.labels);
    const result = spawnSync(PYTHON, ['-c', SKLEARN_TIMING, scoresPath, labelsPath, String(REPEATS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (result.error !== undefined) return { skipped: `${PYTHON} could not run (${result.error.message})` };
    if (result.status !== 0) return { skipped: `python exited with ${result.status}: ${result.stderr.trim().split('\n').at(-1) ?? ''}` };
    return JSON.parse(result.stdout) as SklearnTiming;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): number {
  console.log(`metrics bench: ${SAMPLES.toLocaleString('en')} scores (seeded, 4 species), ${QUERIES.toLocaleString('en')} threshold queries, median of ${REPEATS} runs`);
  const data = makeScores(20240817);

  // Preparation = what sklearn's roc_curve + roc_auc_score produce: index (sort once, cumulative
  // counts per species), the ROC (sklearn's default drop_intermediate=True) and the AUC.
  let index = ThresholdIndex.build(data); // warm-up (JIT)
  let auc = rocAuc(index);
  let rocPoints = rocCurve(index, { dropIntermediate: true }).fpr.length;
  const buildTimes: number[] = [];
  const curveTimes: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    buildTimes.push(timeMs(() => (index = ThresholdIndex.build(data))));
    curveTimes.push(
      timeMs(() => {
        rocPoints = rocCurve(index, { dropIntermediate: true }).fpr.length;
        auc = rocAuc(index);
      }),
    );
  }
  const prepareTimes = buildTimes.map((t, r) => t + curveTimes[r]);

  const random = new SeededRandom(7);
  const thresholds = Float64Array.from({ length: QUERIES }, () => random.nextDouble());
  let checksum = 0;
  const queryRun = (): void => {
    for (let q = 0; q < QUERIES; q++) {
      const rates = index.ratesAt(thresholds[q]);
      checksum += rates.apcerMax + rates.bpcer + rates.apcerBySpecies[3];
    }
  };
  queryRun(); // warm-up
  const queryTimes: number[] = [];
  for (let r = 0; r < REPEATS; r++) queryTimes.push(timeMs(queryRun));
  const queryUs = (median(queryTimes) * 1000) / QUERIES;

  const sklearn = runSklearn(data);
  const prepareMs = median(prepareTimes);
  const sklearnMs = sklearn.times_ms === undefined ? undefined : median(sklearn.times_ms);

  console.log(`  distinct scores: ${index.distinctScores.length.toLocaleString('en')}, ROC points (drop_intermediate): ${rocPoints.toLocaleString('en')}, AUC ${auc}`);
  console.log(`  index build ${median(buildTimes).toFixed(1)} ms + ROC/AUC ${median(curveTimes).toFixed(1)} ms; query checksum ${checksum.toFixed(3)}`);
  if (sklearn.skipped !== undefined) console.log(`  sklearn: skipped: ${sklearn.skipped}`);
  else {
    const aucAgrees = Math.abs((sklearn.auc ?? NaN) - auc) <= 1e-9;
    console.log(`  sklearn ${sklearn.sklearn}: AUC ${sklearn.auc} (${aucAgrees ? 'agrees' : 'DISAGREES'} to 1e-9), ROC points ${sklearn.roc_points?.toLocaleString('en')} (${sklearn.roc_points === rocPoints ? 'same' : 'DIFFERENT'})`);
  }

  const preparePass = sklearnMs === undefined ? undefined : sklearnMs / prepareMs >= TARGET_SPEEDUP;
  const queryPass = queryUs <= TARGET_QUERY_US;
  const rows = [
    ['', 'UAD (TS)', 'sklearn', 'target', 'result'],
    [
      'preparation (index+ROC+AUC)',
      `${prepareMs.toFixed(1)} ms`,
      sklearnMs === undefined ? 'skipped' : `${sklearnMs.toFixed(1)} ms`,
      `>= ${TARGET_SPEEDUP}x faster`,
      preparePass === undefined ? 'n/a (sklearn skipped)' : `${preparePass ? 'PASS' : 'MISS'} (${((sklearnMs ?? 0) / prepareMs).toFixed(1)}x)`,
    ],
    ['threshold query (all rates)', `${queryUs.toFixed(2)} us`, '-', `<= ${TARGET_QUERY_US} us`, queryPass ? 'PASS' : 'MISS'],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  console.log('');
  for (const row of rows) console.log(`  ${row.map((cell, c) => cell.padEnd(widths[c])).join('  ')}`);

  const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'metrics.json'),
    `${JSON.stringify({ samples: SAMPLES, queries: QUERIES, prepare_ms: prepareMs, build_ms: median(buildTimes), roc_auc_ms: median(curveTimes), query_us: queryUs, sklearn_ms: sklearnMs ?? null, sklearn_skipped: sklearn.skipped ?? null }, null, 2)}\n`,
  );
  return preparePass === false || !queryPass ? 1 : 0;
}

process.exitCode = main();
