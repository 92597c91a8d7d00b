#!/bin/sh
# Config search + ablation on one CUDA GPU: generate SynthUAD, then train dense / Soft-MoE / La-SoftMoE in lockstep
# (identical batches and steps) for several model sizes side by side, each within a wall-clock budget.
# Shell (models/). Writes .work/runs-cuda/<size>/<variant>-<protocol>.{pt,metrics.json} and logs beside them.
#   BUDGET_S=300 sh models/run_ablation_cuda.sh          (python3 with CUDA torch; 16 CPU cores for generation)
# A run's metrics.json records the step count it reached; rerun one with python3 -m lasoftmoe.train --steps N to reproduce it.
set -e
cd "$(dirname "$0")"
PY=${PY:-python3}
BUDGET_S=${BUDGET_S:-300}
W=.work/runs-cuda
[ -f .work/synth/SynthUAD@p1_image_train.txt ] ||
  $PY -m lasoftmoe.synth.generate --out .work/synth --ids 1200 60 120 --seed 0 --workers "$(nproc)"
if [ -f .work/manifest.sha256 ]; then  # same files as the machine that evaluates and exports the models?
  (cd .work/synth && sha256sum -c --quiet ../manifest.sha256 2>/dev/null | wc -l | sed 's/^/files differing from manifest: /')
fi
# decode every list once, in parallel, before the trainers share the caches
$PY -c "
import glob, multiprocessing as mp
from lasoftmoe.data import load_split
def one(p): load_split('.work/synth', p, 112, '.work/cache'); return p
with mp.Pool(9) as pool:
    for p in pool.imap_unordered(one, sorted(glob.glob('.work/synth/SynthUAD@*.txt'))): print('cached', p)
"
V=lasoftmoe,softmoe,dense
COMMON="--variant $V --device cuda --batch 128 --budget-s $BUDGET_S"
mkdir -p $W/w64d2 $W/w128d4 $W/w160d6
$PY -m lasoftmoe.train $COMMON --out $W/w64d2 > $W/w64d2/p1.log 2>&1 &
$PY -m lasoftmoe.train $COMMON --out $W/w128d4 --width 128 --depth 4 --expert-width 128 > $W/w128d4/p1.log 2>&1 &
$PY -m lasoftmoe.train $COMMON --out $W/w160d6 --width 160 --depth 6 --expert-width 160 > $W/w160d6/p1.log 2>&1 &
for proto in p2.1 p2.2; do
  $PY -m lasoftmoe.train $COMMON --protocol $proto --out $W/w128d4 --width 128 --depth 4 --expert-width 128 \
    > $W/w128d4/$proto.log 2>&1 &
done
wait
grep -h "ms/step\|selected" $W/*/*.log
