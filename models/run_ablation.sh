#!/bin/sh
# Reproduce the ablation: generate SynthUAD (synthetic proxy), train dense / Soft-MoE / La-SoftMoE tiny models
# with identical budget and seed, evaluate, export the P1 models and write the README table. Shell (models/), CPU.
#   sh models/run_ablation.sh                          # what the committed table shows (P1 training)
#   PROTOCOLS="p1 p2.1 p2.2" sh models/run_ablation.sh  # also protocol-specific P2.1 / P2.2 models
set -e
cd "$(dirname "$0")"
PY=/usr/bin/python3
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
STEPS=${STEPS:-1800}
PROTOCOLS=${PROTOCOLS:-"p1"}
[ -f .work/synth/SynthUAD@p1_image_train.txt ] || $PY -m lasoftmoe.synth.generate --out .work/synth --ids 240 60 120 --seed 0
for proto in $PROTOCOLS; do
  for v in lasoftmoe softmoe dense; do
    $PY train.py --variant $v --protocol $proto --steps $STEPS --seed 0 > .work/train-$v-$proto.log 2>&1
  done
done
for v in lasoftmoe softmoe dense; do  # P1-trained models on the P2 lists (not protocol-specific)
  for proto in p2.1 p2.2; do $PY evaluate.py --variant $v --trained p1 --protocol $proto; done
done
$PY export_onnx.py
$PY make_table.py
