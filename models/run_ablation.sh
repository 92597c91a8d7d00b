#!/bin/sh
# Reproduce the ablation: generate the synthetic proxy benchmark, train dense / Soft-MoE / La-SoftMoE tiny
# models per protocol with identical budgets and seeds, then export the P1 models. Shell (models/), CPU.
set -e
cd "$(dirname "$0")"
PY=/usr/bin/python3
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
STEPS=${STEPS:-1800}
PROTOCOLS=${PROTOCOLS:-"p1 p2.1 p2.2"}
[ -f .work/synth/SynthUAD@p1_image_train.txt ] || $PY -m lasoftmoe.synth.generate --out .work/synth --ids 240 60 120 --seed 0
for proto in $PROTOCOLS; do
  for v in lasoftmoe softmoe dense; do
    $PY train.py --variant $v --protocol $proto --steps $STEPS --seed 0 > .work/train-$v-$proto.log 2>&1
  done
done
